// entity(id) and its pages of relations over a GraphSnapshot: which relations are strongest and
// how many each group has come from memory (a hub has 37,000, and sorting them was most of
// Neo4j's work); their evidence, the entity's fields and papers from one Neo4j statement. The
// same answer as graph/queries/entity.ts (tests/integration/projection.test.ts compares them).
import { RELATION_TYPES, type RelationType } from '../model.js';
import {
	entityWithEvidence,
	EVIDENCE_CAP,
	RELATION_CAP,
	type EntityOptions
} from '../queries/entity.js';
import { NotFoundError } from '../queries/errors.js';
import type { EntityDetail, EvidenceView, RelationPage, RelationView } from '../views.js';
import type { GraphSnapshot } from './snapshot.js';

/** Thrown when a relationship changed between the copy and the question: ask Neo4j instead. */
export class StaleSnapshotError extends Error {}

interface Group {
	type: RelationType;
	out: boolean;
	from: number; // half-edges from … to, strongest first
	to: number;
}

/** The node's (type, direction) groups: runs of its sorted half-edges, outgoing first. */
function groupsOf(snap: GraphSnapshot, i: number): Group[] {
	const groups: Group[] = [];
	for (const [from, to, out] of [
		[snap.start[i]!, snap.outEnd[i]!, true],
		[snap.outEnd[i]!, snap.start[i + 1]!, false]
	] as const) {
		let h = from;
		while (h < to) {
			const t = snap.relType[h]!;
			let end = h;
			while (end < to && snap.relType[end] === t) end++;
			groups.push({ type: RELATION_TYPES[t]!, out, from: h, to: end });
			h = end;
		}
	}
	return groups;
}

function entityIndex(snap: GraphSnapshot, id: string): number {
	const i = snap.index.get(id);
	if (i === undefined || snap.type(i) === 'Paper') throw new NotFoundError('entity', id);
	return i;
}

/** [internal id, "start|TYPE|end"]: how entityWithEvidence finds the relationship again. */
function relationKey(snap: GraphSnapshot, i: number, h: number): [number, string] {
	const o = snap.other[h]!;
	const [a, b] = snap.outward[h] ? [i, o] : [o, i];
	const type = RELATION_TYPES[snap.relType[h]!]!;
	return [snap.relationRef[snap.relation[h]!]!, `${snap.ids[a]!}|${type}|${snap.ids[b]!}`];
}

function relationView(
	snap: GraphSnapshot,
	h: number,
	evidence: EvidenceView[] | null | undefined
): RelationView {
	if (!evidence) throw new StaleSnapshotError('a relationship changed since the copy was made');
	const o = snap.other[h]!;
	const node = snap.node(o);
	return {
		type: RELATION_TYPES[snap.relType[h]!]!,
		direction: snap.outward[h] ? 'out' : 'in',
		other: { id: node.id, kind: node.kind, type: node.type, label: node.label, year: node.year },
		support: snap.support[h]!,
		...curatedOf(snap, h),
		evidence
	};
}

/** `{curated}` of half-edge h when a person confirmed or added its relation, else nothing. */
export function curatedOf(snap: GraphSnapshot, h: number): { curated?: RelationView['curated'] } {
	const curated = snap.curated.get(snap.relation[h]!);
	return curated ? { curated } : {};
}

export async function snapshotEntityDetail(
	snap: GraphSnapshot,
	id: string,
	options: EntityOptions = {}
): Promise<EntityDetail> {
	const i = entityIndex(snap, id);
	const cap = options.relationCap ?? RELATION_CAP;
	const groups = groupsOf(snap, i);
	const shown = groups.flatMap((g) =>
		Array.from({ length: Math.min(cap, g.to - g.from) }, (_, k) => g.from + k)
	);
	// The papers come from memory too. Neo4j picks the newest among the first 2,000 papers it
	// reads, the copy among all: for busier entities its answer is the better one.
	const papers = snap.papersOf.get(i) ?? new Uint32Array(0);
	const { evidence, ...entity } = await entityWithEvidence(
		id,
		shown.map((h) => relationKey(snap, i, h)),
		{ ...options, evidenceCap: options.evidenceCap ?? EVIDENCE_CAP, withPapers: false }
	);
	entity.papers = [...papers].map((p) => ({
		id: snap.ids[p]!,
		title: snap.labels[p]!,
		year: snap.year(p)
	}));
	const relations: EntityDetail['relations'] = {};
	const relationCounts: EntityDetail['relationCounts'] = {};
	shown.forEach((h, k) => {
		const view = relationView(snap, h, evidence[k]);
		(relations[view.type] ??= []).push(view);
	});
	for (const g of groups) {
		const counts = (relationCounts[g.type] ??= { out: 0, in: 0 });
		counts[g.out ? 'out' : 'in'] = g.to - g.from;
	}
	const total = groups.reduce((sum, g) => sum + g.to - g.from, 0);
	return { ...entity, relations, relationCounts, truncated: shown.length < total };
}

export async function snapshotEntityRelations(
	snap: GraphSnapshot,
	id: string,
	type: RelationType,
	direction: 'out' | 'in',
	page: { offset: number; limit: number },
	options: Omit<EntityOptions, 'relationCap'> = {}
): Promise<RelationPage> {
	const i = entityIndex(snap, id);
	const group = groupsOf(snap, i).find((g) => g.type === type && g.out === (direction === 'out'));
	const from = group ? Math.min(group.to, group.from + page.offset) : 0;
	const to = group ? Math.min(group.to, from + page.limit) : 0;
	const halves = Array.from({ length: to - from }, (_, k) => from + k);
	const { evidence } = await entityWithEvidence(
		id,
		halves.map((h) => relationKey(snap, i, h)),
		{ ...options, withPapers: false }
	);
	return {
		type,
		direction,
		total: group ? group.to - group.from : 0,
		offset: page.offset,
		relations: halves.map((h, k) => relationView(snap, h, evidence[k]))
	};
}
