// lineage(id, …) over a GraphSnapshot: the same answer as graph/queries/lineage.ts, level by
// level with the same caps (tests/integration/projection.test.ts compares the two). A hub's
// lineage (LLaMA: hundreds of descendants on the real corpus) read thousands of relationships
// per level from Neo4j; here it is a walk over typed arrays.
import { NODE_TYPES, RELATION_TYPES } from '../model.js';
import { NotFoundError } from '../queries/errors.js';
import { LINEAGE_RELATIONS, lineageLimits, type LineageOptions } from '../queries/lineage.js';
import { compareStrings, toEdge } from '../queries/shared.js';
import type { GraphEdge, LineageResult } from '../views.js';
import type { GraphSnapshot } from './snapshot.js';

const MAX_SUPPORT = 2 ** 22 - 1;
/** Each relation type's place in alphabetical order. */
const TYPE_ORDER = RELATION_TYPES.map((t) => [...RELATION_TYPES].sort(compareStrings).indexOf(t));

/**
 * The positions of the `keep` smallest rows by (first, second), in that order. A hub's level has
 * tens of thousands of rows of which `keep` are read: a selection finds the cut in linear time,
 * and only the rows up to it are sorted.
 */
export function firstInOrder(first: Float64Array, second: Float64Array, keep: number): number[] {
	let rows: number[];
	if (first.length <= keep) rows = Array.from(first.keys());
	else {
		const cut = kthSmallest(Float64Array.from(first), keep - 1);
		rows = [];
		for (let k = 0; k < first.length; k++) if (first[k]! <= cut) rows.push(k);
	}
	rows.sort((x, y) => first[x]! - first[y]! || second[x]! - second[y]! || x - y);
	return rows.length > keep ? rows.slice(0, keep) : rows;
}

/** The k-th smallest value (from 0) of `a`, which it reorders (Hoare's selection). */
function kthSmallest(a: Float64Array, k: number): number {
	let lo = 0;
	let hi = a.length - 1;
	while (lo < hi) {
		const pivot = a[(lo + hi) >>> 1]!;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i]! < pivot) i++;
			while (a[j]! > pivot) j--;
			if (i <= j) {
				const x = a[i]!;
				a[i++] = a[j]!;
				a[j--] = x;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k]!;
	}
	return a[k]!;
}

/**
 * A lineage's walk over the copy, in numbers: the nodes reached (node → level, in the order
 * reached, the root first) and the edges met, one per (source, type, target), in the order
 * first met. Objects are made once, for the answer: a hub's walk meets thousands of edges.
 */
interface Walk {
	root: number;
	direction: 'ancestors' | 'descendants';
	depthOf: Map<number, number>;
	edges: WalkEdges;
	truncated: boolean;
}

/** Edges as columns, found again by (source, type, target). */
class WalkEdges {
	readonly source: number[] = [];
	readonly target: number[] = [];
	readonly type: number[] = [];
	readonly support: number[] = [];
	readonly relation: number[] = []; // the relation it came from (its `curated`), -1 if none
	private readonly at = new Map<number, number>();

	constructor(private readonly nodes: number) {}

	/** Adds the edge, or replaces the one of the same key where it is (as Map.set does). */
	set(source: number, target: number, type: number, support: number, relation: number): void {
		const key = (source * this.nodes + target) * RELATION_TYPES.length + type;
		const k = this.at.get(key);
		if (k === undefined) {
			this.at.set(key, this.source.length);
			this.source.push(source);
			this.target.push(target);
			this.type.push(type);
			this.support.push(support);
			this.relation.push(relation);
		} else {
			this.support[k] = support;
			this.relation[k] = relation;
		}
	}

	/** The support of the edge of this key, or -1. */
	supportOf(source: number, target: number, type: number): number {
		const k = this.at.get((source * this.nodes + target) * RELATION_TYPES.length + type);
		return k === undefined ? -1 : this.support[k]!;
	}

	get length(): number {
		return this.source.length;
	}
}

function walk(
	snap: GraphSnapshot,
	id: string,
	options: Omit<LineageOptions, 'driver' | 'timeoutMs'>
): Walk {
	const { direction, depth, limit, scan } = lineageLimits(options);
	const rootIndex = snap.index.get(id);
	if (rootIndex === undefined) throw new NotFoundError('node', id);
	const wanted = options.relations?.length ? options.relations : LINEAGE_RELATIONS;
	const relOk = RELATION_TYPES.map((t) => wanted.includes(t));
	const types = RELATION_TYPES.flatMap((t, k) => (wanted.includes(t) ? [k] : []));
	const descendants = direction === 'descendants';

	const depthOf = new Map<number, number>([[rootIndex, 0]]);
	const edges = new WalkEdges(snap.nodeCount);
	let frontier = [rootIndex];
	let truncated = false;
	for (let level = 1; level <= depth && frontier.length > 0; level++) {
		// Every relation into (descendants) or out of (ancestors) the frontier, as half-edges seen
		// from the frontier node: n's outgoing halves come first, then its incoming ones. A relation
		// from a node to itself is only an outgoing half, and Cypher meets it either way. A paper's
		// BUILDS_ON without a cue is not a step (graph/queries/lineage.ts leaves it out too).
		// A node's outgoing and incoming halves are each sorted by type, so only the runs of the
		// wanted types are read (a hub's incoming relations are mostly of other types): `runs`
		// holds (node, first, end) for each, and (node, -1, 0) for a node's relations to itself.
		const runs: number[] = [];
		let count = 0;
		for (const n of frontier) {
			const [lo, hi] = descendants
				? [snap.outEnd[n]!, snap.start[n + 1]!]
				: [snap.start[n]!, snap.outEnd[n]!];
			for (const t of types) {
				const [first, end] = snap.typeRun(lo, hi, t);
				if (end > first) runs.push(n, first, end);
				count += end - first;
			}
			if (descendants && snap.selfLoop[n]) {
				runs.push(n, -1, 0);
				count += snap.outEnd[n]! - snap.start[n]!;
			}
		}
		const at = new Uint32Array(count);
		const half = new Uint32Array(count);
		let rows = 0;
		const take = (n: number, h: number) => {
			if (snap.cueless[snap.relation[h]!]) return;
			at[rows] = n;
			half[rows++] = h;
		};
		for (let r = 0; r < runs.length; r += 3) {
			const n = runs[r]!;
			if (runs[r + 1]! >= 0) for (let h = runs[r + 1]!; h < runs[r + 2]!; h++) take(n, h);
			else
				for (let h = snap.start[n]!; h < snap.outEnd[n]!; h++)
					if (snap.other[h] === n && relOk[snap.relType[h]!]) take(n, h);
		}
		// The Cypher query's `ORDER BY support DESC, id, type, fid LIMIT $scan`, as two numbers per
		// row: support and the far node's id rank, then the type and the frontier node's id rank
		// (relation types are listed in alphabetical order, as Cypher compares their names).
		const first = new Float64Array(rows);
		const second = new Float64Array(rows);
		for (let k = 0; k < rows; k++) {
			const h = half[k]!;
			first[k] =
				(MAX_SUPPORT - Math.min(snap.support[h]!, MAX_SUPPORT)) * 2 ** 23 +
				snap.idRank[snap.other[h]!]!;
			second[k] = TYPE_ORDER[snap.relType[h]!]! * 2 ** 23 + snap.idRank[at[k]!]!;
		}
		const order = firstInOrder(first, second, scan);
		if (rows >= scan) truncated = true;
		const next: number[] = [];
		for (const k of order) {
			const n = at[k]!;
			const h = half[k]!;
			const m = snap.other[h]!;
			if (!depthOf.has(m)) {
				if (depthOf.size > limit) {
					truncated = true;
					continue;
				}
				depthOf.set(m, level);
				next.push(m);
			}
			const [source, target] = snap.outward[h] ? [n, m] : [m, n];
			edges.set(source, target, snap.relType[h]!, snap.support[h]!, snap.relation[h]!);
		}
		frontier = next;
	}
	return { root: rootIndex, direction, depthOf, edges, truncated };
}

function edgeView(snap: GraphSnapshot, edges: WalkEdges, k: number): GraphEdge {
	const relation = edges.relation[k]!;
	return toEdge({
		source: snap.ids[edges.source[k]!]!,
		target: snap.ids[edges.target[k]!]!,
		type: RELATION_TYPES[edges.type[k]!]!,
		support: edges.support[k]!,
		curated: relation < 0 ? undefined : snap.curated.get(relation)
	});
}

/**
 * The lineage as the server answers it: a paper that proposes a method folded into that method
 * (graph/queries/lineage.ts foldInto, step for step, on node numbers).
 */
export function snapshotFoldedLineage(
	snap: GraphSnapshot,
	id: string,
	options: Omit<LineageOptions, 'driver' | 'timeoutMs'> = {}
): LineageResult {
	const w = walk(snap, id, options);
	const root = w.root;
	const papers: number[] = [];
	for (const n of w.depthOf.keys()) if (n !== root && snap.types[n] === PAPER_TYPE) papers.push(n);
	const proposals = papers.length ? proposedBy(snap, papers) : [];
	// The nodes (root left out) and their levels, in the answer's order.
	const byDepth = new Map(w.depthOf);
	byDepth.delete(root);
	const year = new Map<number, number | null>(); // a method's year, when its paper's stands in
	const proposedIn = new Map<number, number>(); // method → the paper shown for it
	for (const r of proposals)
		if (!byDepth.has(r.method) && r.method !== root) byDepth.set(r.method, Number.MAX_SAFE_INTEGER);
	const into = new Map<number, number>();
	for (const r of proposals) {
		const paperDepth = byDepth.get(r.paper);
		const methodDepth = byDepth.get(r.method);
		if (paperDepth === undefined || (methodDepth === undefined && r.method !== root)) continue;
		into.set(r.paper, r.method);
		byDepth.delete(r.paper);
		if (methodDepth === undefined) continue;
		byDepth.set(r.method, Math.min(methodDepth, paperDepth));
		if ((year.has(r.method) ? year.get(r.method) : snap.year(r.method)) === null)
			year.set(r.method, snap.year(r.paper));
		if (!proposedIn.has(r.method)) proposedIn.set(r.method, r.paper);
	}
	let edges = w.edges;
	if (into.size > 0) {
		// A paper's edges move to its method: the same edge twice is kept once, the stronger.
		edges = new WalkEdges(snap.nodeCount);
		for (let k = 0; k < w.edges.length; k++) {
			const source = into.get(w.edges.source[k]!) ?? w.edges.source[k]!;
			const target = into.get(w.edges.target[k]!) ?? w.edges.target[k]!;
			if (source === target) continue;
			const type = w.edges.type[k]!;
			const support = w.edges.support[k]!;
			const had = edges.supportOf(source, target, type);
			if (had < support) edges.set(source, target, type, support, w.edges.relation[k]!);
		}
	}
	const nodes = [...byDepth.entries()].map(([n, depth]) => {
		const node: LineageResult['nodes'][number] = { ...snap.node(n), depth };
		if (year.has(n)) node.year = year.get(n)!;
		const p = proposedIn.get(n);
		if (p !== undefined)
			node.proposedIn = { id: snap.ids[p]!, title: snap.labels[p]!, year: snap.year(p) };
		return node;
	});
	return {
		root: snap.node(root),
		direction: w.direction,
		nodes,
		edges: Array.from({ length: edges.length }, (_, k) => edgeView(snap, edges, k)),
		truncated: w.truncated
	};
}

const PROPOSES = RELATION_TYPES.indexOf('PROPOSES');
const PAPER_TYPE = NODE_TYPES.indexOf('Paper');
const METHOD_TYPES = new Set(['Model', 'Technique']);

/**
 * The method each paper proposes, as graph/queries/lineage.ts PROPOSED_METHOD chooses it (a
 * Model or Technique first, then the one named in the paper's title, then by name), in
 * `proposalOrder`: the copy holds the PROPOSES relations and the papers' titles, so a hub's
 * lineage folds without Neo4j.
 */
function proposedBy(snap: GraphSnapshot, papers: number[]): { paper: number; method: number }[] {
	const found: { paper: number; method: number }[] = [];
	for (const p of papers) {
		const title = snap.labels[p]!;
		let best = -1;
		let bestRank = 0;
		for (let h = snap.start[p]!; h < snap.outEnd[p]!; h++) {
			if (snap.relType[h] !== PROPOSES) continue;
			const m = snap.other[h]!;
			// 0 for a method named in the title … 3 for something else not named there
			const rank =
				(METHOD_TYPES.has(snap.type(m)) ? 0 : 2) + (title.includes(snap.labels[m]!) ? 0 : 1);
			if (
				best < 0 ||
				rank < bestRank ||
				(rank === bestRank && compareStrings(snap.labels[m]!, snap.labels[best]!) < 0)
			) {
				best = m;
				bestRank = rank;
			}
		}
		if (best >= 0) found.push({ paper: p, method: best });
	}
	// proposalOrder, with integers: a year, then the id's rank (ids in compareStrings order)
	const key = (p: number) => (snap.year(p) ?? 65_535) * 2 ** 23 + snap.idRank[p]!;
	return found.sort((a, b) => key(a.paper) - key(b.paper));
}
