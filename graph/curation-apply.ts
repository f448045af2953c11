// The corrections in force (graph/curation.ts CurationState), applied to one paper's facts on
// their way into the graph: pure lookups, no query. An entity merged away becomes the one it
// was merged into everywhere (its row, mentions, edges, evidence and the paper's own records);
// a renamed or retyped entity takes its corrected name and type (the extracted name stays an
// alias); aliases removed are never added back; a rejected edge is not written, though the
// paper still lists it among those it supports (`supports`), so undoing the rejection can
// count its papers again; a confirmed edge carries its mark; an edge added with a paper as
// evidence gets that paper's evidence node.
import { decodePaperEvidence, encodePaperEvidence, type PaperEvidenceRecord } from './model.js';
import type { CurationState } from './curation.js';
import {
	edgeKey,
	type EdgeRef,
	type EntityRow,
	type EvidenceRow,
	type MentionRow,
	type PaperFacts
} from './rows.js';

export function applyCuration(facts: PaperFacts, state: CurationState): PaperFacts {
	if (state.empty) return facts;
	const paperId = facts.paper.id;

	const entities = new Map<string, EntityRow>();
	for (const raw of facts.entities) {
		const row = curatedRow(raw, state);
		const seen = entities.get(row.id);
		if (!seen) {
			entities.set(row.id, row);
			continue;
		}
		for (const a of row.aliases) if (!seen.aliases.includes(a)) seen.aliases.push(a);
		seen.fixed ||= row.fixed;
	}

	const mentions = new Map<string, MentionRow>();
	for (const m of facts.mentions) {
		const id = state.resolve(m.entityId);
		const seen = mentions.get(id);
		const via = id === m.entityId ? [] : [m.entityId];
		if (!seen) {
			mentions.set(id, { ...m, entityId: id, spans: [...m.spans], ...(via.length ? { via } : {}) });
			continue;
		}
		seen.count += m.count;
		seen.spans = sortSpans([...seen.spans, ...m.spans]);
		if (via.length) seen.via = [...new Set([...(seen.via ?? []), ...via])];
	}

	const edges = new Map<string, EdgeRef>();
	for (const e of facts.edges) {
		const source = e.sourceKind === 'Entity' ? state.resolve(e.source) : e.source;
		const target = state.resolve(e.target);
		// "A is a variant of B" once B is merged into A says nothing
		if (e.sourceKind === 'Entity' && source === target) continue;
		const key = edgeKey(source, e.type, target);
		const seen = edges.get(key);
		if (seen) {
			if ((e.confidence ?? -1) > (seen.confidence ?? -1)) seen.confidence = e.confidence;
			continue;
		}
		edges.set(key, { ...e, key, source, target });
	}
	const supports = [...edges.values()].filter((e) => e.sourceKind === 'Entity').map((e) => e.key);
	const kept: EdgeRef[] = [];
	for (const e of edges.values()) {
		const verdict = state.verdict(e.key);
		if (verdict === 'reject') continue;
		kept.push(verdict === 'confirm' ? { ...e, curated: 'confirmed' } : e);
	}

	const evidence = new Map<string, EvidenceRow>();
	for (const ev of facts.evidence) {
		const source = ev.sourceKind === 'Entity' ? state.resolve(ev.source) : ev.source;
		const target = state.resolve(ev.target);
		if (ev.sourceKind === 'Entity' && source === target) continue;
		const key = edgeKey(source, ev.type, target);
		const seen = evidence.get(key);
		if (seen && seen.confidence >= ev.confidence) continue;
		evidence.set(key, { ...ev, key, source, target });
	}
	const rows = [...evidence.values()];
	for (const add of state.added) {
		if (add.paper !== paperId) continue;
		rows.push({
			key: add.key,
			source: add.head,
			sourceKind: 'Entity',
			type: add.type,
			target: add.tail,
			paperId,
			sentence: add.sentence ?? add.why,
			start: 0,
			end: 0,
			headSpan: [],
			tailSpan: [],
			rule: 'curated',
			confidence: 1
		});
	}

	return {
		paper: { ...facts.paper, evidence: ownRecords(facts.paper.evidence, state), supports },
		entities: [...entities.values()],
		mentions: [...mentions.values()],
		edges: kept,
		evidence: rows
	};
}

/** An entity row as the corrections of its own id, then of the id it was merged into, make it. */
function curatedRow(raw: EntityRow, state: CurationState): EntityRow {
	let row = corrected(raw, raw.id, state);
	const target = state.resolve(raw.id);
	if (target !== raw.id) {
		const identity = state.identity.get(target);
		row = corrected(
			{
				id: target,
				name: identity?.name ?? row.name,
				type: identity?.type ?? row.type,
				aliases: [row.name, ...row.aliases],
				year: row.year,
				fixed: true
			},
			target,
			state
		);
	}
	return row;
}

function corrected(row: EntityRow, id: string, state: CurationState): EntityRow {
	const identity = state.identity.get(id);
	const adds = state.aliasAdd.get(id);
	const drops = state.aliasDrop.get(id);
	if (!identity && !adds && !drops) return row;
	let aliases = [...row.aliases];
	let name = row.name;
	if (identity?.name && identity.name !== row.name) {
		aliases.push(row.name);
		name = identity.name;
	}
	for (const former of identity?.formerNames ?? []) aliases.push(former);
	for (const a of adds ?? []) aliases.push(a);
	// never its own name: a merge of two entities of one name (a split by type) would add it
	aliases = [...new Set(aliases)].filter((a) => !drops?.has(a) && a !== name);
	return {
		...row,
		name,
		type: identity?.type ?? row.type,
		aliases,
		fixed: row.fixed || identity?.name !== undefined || identity?.type !== undefined
	};
}

/** The paper's own records with their targets resolved; one per type and target, the best. */
function ownRecords(records: string[], state: CurationState): string[] {
	if (state.mergedInto.size === 0) return records;
	const out = new Map<string, { rec: PaperEvidenceRecord | null; raw: string }>();
	for (const raw of records) {
		const rec = decodePaperEvidence(raw);
		if (!rec) {
			out.set(raw, { rec: null, raw });
			continue;
		}
		const target = state.resolve(rec.target);
		const key = `${rec.type}|${target}`;
		const seen = out.get(key);
		if (seen?.rec && seen.rec.confidence >= rec.confidence) continue;
		const moved = target === rec.target ? rec : { ...rec, target };
		out.set(key, { rec: moved, raw: target === rec.target ? raw : encodePaperEvidence(moved) });
	}
	return [...out.values()].map((x) => x.raw);
}

function sortSpans(spans: number[]): number[] {
	const pairs: [number, number][] = [];
	for (let i = 0; i + 1 < spans.length; i += 2) pairs.push([spans[i]!, spans[i + 1]!]);
	pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	return pairs.flat();
}
