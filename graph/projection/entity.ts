// entity(id) and its pages of relations over a GraphSnapshot: which relations are strongest and
// how many each group has come from memory (a hub has 37,000, and sorting them was most of
// Neo4j's work); their evidence, the entity's fields and papers from one Neo4j statement. The
// same answer as graph/queries/entity.ts (tests/integration/projection.test.ts compares them).
import type { Db } from '../driver.js';
import { RELATION_TYPES, type RelationType } from '../model.js';
import {
	entityWithEvidence,
	EVIDENCE_CAP,
	inYears,
	RELATION_CAP,
	type EntityOptions,
	type YearRange
} from '../queries/entity.js';
import { NotFoundError } from '../queries/errors.js';
import type { EntityDetail, EvidenceView, RelationPage, RelationView } from '../views.js';
import { PAPERS_PER_ENTITY, type GraphSnapshot } from './snapshot.js';

/** Thrown when a relationship changed between the copy and the question: ask Neo4j instead. */
export class StaleSnapshotError extends Error {}

interface Group {
	type: RelationType;
	out: boolean;
	halves: number[]; // strongest first
	support: number[]; // of each, in the year range when there is one
}

/**
 * The node's (type, direction) groups: runs of its sorted half-edges, outgoing first. In a year
 * range, each relation's support is that of its papers of those years; relations without any
 * are left out and the rest sorted again, as graph/queries/entity.ts orders them.
 */
function groupsOf(snap: GraphSnapshot, i: number, years: YearRange = {}): Group[] {
	const groups: Group[] = [];
	const ranged = inYears(years);
	const from = years.fromYear ?? null;
	const to = years.toYear ?? null;
	const PAPER = 'Paper';
	for (const [start, end, out] of [
		[snap.start[i]!, snap.outEnd[i]!, true],
		[snap.outEnd[i]!, snap.start[i + 1]!, false]
	] as const) {
		let h = start;
		while (h < end) {
			const t = snap.relType[h]!;
			let stop = h;
			while (stop < end && snap.relType[stop] === t) stop++;
			let halves = Array.from({ length: stop - h }, (_, k) => h + k);
			let support = halves.map((x) => snap.support[x]!);
			if (ranged) {
				const inRange = new Map(halves.map((x) => [x, snap.supportInYears(i, x, from, to)]));
				const paper = (x: number) => (snap.type(snap.other[x]!) === PAPER ? 1 : 0);
				halves = halves
					.filter((x) => inRange.get(x)! > 0)
					.sort(
						(x, y) =>
							inRange.get(y)! - inRange.get(x)! ||
							paper(x) - paper(y) ||
							snap.idRank[snap.other[x]!]! - snap.idRank[snap.other[y]!]!
					);
				support = halves.map((x) => inRange.get(x)!);
			}
			if (halves.length) groups.push({ type: RELATION_TYPES[t]!, out, halves, support });
			h = stop;
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
	support: number,
	evidence: EvidenceView[] | null | undefined
): RelationView {
	if (!evidence) throw new StaleSnapshotError('a relationship changed since the copy was made');
	const o = snap.other[h]!;
	const node = snap.node(o);
	return {
		type: RELATION_TYPES[snap.relType[h]!]!,
		direction: snap.outward[h] ? 'out' : 'in',
		other: { id: node.id, kind: node.kind, type: node.type, label: node.label, year: node.year },
		support,
		...curatedOf(snap, h),
		evidence
	};
}

/** `{curated}` of half-edge h when a person confirmed or added its relation, else nothing. */
export function curatedOf(snap: GraphSnapshot, h: number): { curated?: RelationView['curated'] } {
	const curated = snap.curated.get(snap.relation[h]!);
	return curated ? { curated } : {};
}

/** The papers mentioning entity i of a year in the range, newest first. */
function papersInYears(snap: GraphSnapshot, i: number, years: YearRange): number[] {
	const all = snap.mentionedBy.get(i) ?? new Uint32Array(0);
	return [...all].filter((p) => {
		const y = snap.year(p);
		return (
			y !== null &&
			(years.fromYear == null || y >= years.fromYear) &&
			(years.toYear == null || y <= years.toYear)
		);
	});
}

export async function snapshotEntityDetail(
	db: Db,
	snap: GraphSnapshot,
	id: string,
	options: EntityOptions = {}
): Promise<EntityDetail> {
	const i = entityIndex(snap, id);
	const cap = options.relationCap ?? RELATION_CAP;
	const groups = groupsOf(snap, i, options);
	const shown = groups.flatMap((g) =>
		g.halves.slice(0, cap).map((h, k) => ({ h, support: g.support[k]! }))
	);
	// The papers come from memory too. Neo4j picks the newest among the first 2,000 papers it
	// reads, the copy among all: for busier entities its answer is the better one.
	const ranged = inYears(options);
	const inRange = ranged ? papersInYears(snap, i, options) : [];
	const papers = ranged ? inRange.slice(0, PAPERS_PER_ENTITY) : (snap.papersOf.get(i) ?? []);
	const { evidence, ...entity } = await entityWithEvidence(
		db,
		id,
		shown.map(({ h }) => relationKey(snap, i, h)),
		{ ...options, evidenceCap: options.evidenceCap ?? EVIDENCE_CAP, withPapers: false }
	);
	entity.papers = [...papers].map((p) => ({
		id: snap.ids[p]!,
		title: snap.labels[p]!,
		year: snap.year(p)
	}));
	const relations: EntityDetail['relations'] = {};
	const relationCounts: EntityDetail['relationCounts'] = {};
	shown.forEach(({ h, support }, k) => {
		const view = relationView(snap, h, support, evidence[k]);
		(relations[view.type] ??= []).push(view);
	});
	for (const g of groups) {
		const counts = (relationCounts[g.type] ??= { out: 0, in: 0 });
		counts[g.out ? 'out' : 'in'] = g.halves.length;
	}
	const total = groups.reduce((sum, g) => sum + g.halves.length, 0);
	// In a year range the counts are those of the range: relations and papers of those years.
	if (ranged) {
		entity.degree = total;
		entity.paperCount = inRange.length;
	}
	return { ...entity, relations, relationCounts, truncated: shown.length < total };
}

export async function snapshotEntityRelations(
	db: Db,
	snap: GraphSnapshot,
	id: string,
	type: RelationType,
	direction: 'out' | 'in',
	page: { offset: number; limit: number },
	options: Omit<EntityOptions, 'relationCap'> = {}
): Promise<RelationPage> {
	const i = entityIndex(snap, id);
	const group = groupsOf(snap, i, options).find(
		(g) => g.type === type && g.out === (direction === 'out')
	);
	const halves = group?.halves.slice(page.offset, page.offset + page.limit) ?? [];
	const { evidence } = await entityWithEvidence(
		db,
		id,
		halves.map((h) => relationKey(snap, i, h)),
		{ ...options, withPapers: false }
	);
	return {
		type,
		direction,
		total: group?.halves.length ?? 0,
		offset: page.offset,
		relations: halves.map((h, k) =>
			relationView(snap, h, group!.support[page.offset + k]!, evidence[k])
		)
	};
}
