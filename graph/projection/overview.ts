// overview(limit, papers) over a GraphSnapshot: the same answer as graph/queries/overview.ts
// (tests/integration/projection.test.ts compares the two). The ranking is made once per copy,
// that is once per graph version, and only as far as an overview may reach (OVERVIEW_MAX); an
// answer then takes the first ones and the relations among them. Neo4j counted the degree of
// every entity per request: 1.2 s on a 17,000-paper open-vocabulary graph.
import { NODE_TYPES, RELATION_TYPES } from '../model.js';
import { compareStrings, toEdge } from '../queries/shared.js';
import type { GraphEdge, GraphNode, GraphView } from '../views.js';
import type { GraphSnapshot } from './snapshot.js';

const PAPER = NODE_TYPES.indexOf('Paper');

/** The most an overview shows (the API's caps on `limit` and `papers`). */
export const OVERVIEW_MAX = { entities: 2000, papers: 10_000 };

export class OverviewRanking {
	/** The first entities: most relations first, then by name and id (the Cypher query's order). */
	readonly entities: Uint32Array;
	/** The first papers: most relations stated first, then by id. */
	readonly papers: Uint32Array;
	readonly entityCount: number;

	constructor(readonly snap: GraphSnapshot) {
		const isPaper = (i: number) => snap.types[i] === PAPER;
		const degree = (i: number) => snap.degree(i);
		const stated = (i: number) => snap.outEnd[i]! - snap.start[i]!;
		this.entityCount = 0;
		for (let i = 0; i < snap.nodeCount; i++) if (!isPaper(i)) this.entityCount++;
		this.entities = top(
			snap,
			(i) => !isPaper(i),
			degree,
			OVERVIEW_MAX.entities,
			(x, y) => compareStrings(snap.labels[x]!, snap.labels[y]!)
		);
		this.papers = top(snap, isPaper, stated, OVERVIEW_MAX.papers, () => 0);
	}

	/** The overview of the `limit` first entities and `papers` first papers. */
	view(limit: number, papers: number): GraphView {
		const snap = this.snap;
		const chosen = [...this.entities.subarray(0, limit), ...this.papers.subarray(0, papers)];
		const nodes: GraphNode[] = chosen.map((i) => snap.node(i));
		let max = 1;
		for (const n of nodes) max = Math.max(max, n.degree);
		for (const n of nodes) n.score = Math.round((n.degree / max) * 1000) / 1000;
		// Relations among them: outgoing ones, to an entity (graph/queries/neighbourhood.ts
		// edgesAmong).
		const inView = new Set(chosen);
		const edges: GraphEdge[] = [];
		for (const a of chosen)
			for (let h = snap.start[a]!; h < snap.outEnd[a]!; h++) {
				const b = snap.other[h]!;
				if (!inView.has(b) || snap.types[b] === PAPER) continue;
				edges.push(
					toEdge({
						source: snap.ids[a]!,
						target: snap.ids[b]!,
						type: RELATION_TYPES[snap.relType[h]!]!,
						support: snap.support[h]!,
						curated: snap.curated.get(snap.relation[h]!)
					})
				);
			}
		const shown = Math.min(limit, this.entities.length);
		return { nodes, edges, truncated: this.entityCount > shown, total: this.entityCount };
	}
}

/**
 * The k first nodes by score (highest first), then `tie`, then id. Linear but for the sort of
 * the candidates: the score that k nodes reach is found by counting, and only nodes scoring at
 * least that are sorted (a full sort of a million nodes would take seconds).
 */
function top(
	snap: GraphSnapshot,
	keep: (i: number) => boolean,
	score: (i: number) => number,
	k: number,
	tie: (x: number, y: number) => number
): Uint32Array {
	const counts = new Map<number, number>();
	for (let i = 0; i < snap.nodeCount; i++)
		if (keep(i)) counts.set(score(i), (counts.get(score(i)) ?? 0) + 1);
	let threshold = 0;
	let above = 0;
	for (const s of [...counts.keys()].sort((a, b) => b - a)) {
		threshold = s;
		above += counts.get(s)!;
		if (above >= k) break;
	}
	const candidates: number[] = [];
	for (let i = 0; i < snap.nodeCount; i++) if (keep(i) && score(i) >= threshold) candidates.push(i);
	candidates.sort((x, y) => score(y) - score(x) || tie(x, y) || snap.idRank[x]! - snap.idRank[y]!);
	return Uint32Array.from(candidates.slice(0, k));
}
