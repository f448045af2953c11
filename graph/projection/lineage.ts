// lineage(id, …) over a GraphSnapshot: the same answer as graph/queries/lineage.ts, level by
// level with the same caps (tests/integration/projection.test.ts compares the two). A hub's
// lineage (LLaMA: hundreds of descendants on the real corpus) read thousands of relationships
// per level from Neo4j; here it is a walk over typed arrays.
import { RELATION_TYPES } from '../model.js';
import { NotFoundError } from '../queries/errors.js';
import {
	LINEAGE_RELATIONS,
	foldInto,
	lineageLimits,
	type LineageOptions,
	type ProposedMethod
} from '../queries/lineage.js';
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

export function snapshotLineage(
	snap: GraphSnapshot,
	id: string,
	options: Omit<LineageOptions, 'driver' | 'timeoutMs'> = {}
): LineageResult {
	const { direction, depth, limit, scan } = lineageLimits(options);
	const rootIndex = snap.index.get(id);
	if (rootIndex === undefined) throw new NotFoundError('node', id);
	const wanted = options.relations?.length ? options.relations : LINEAGE_RELATIONS;
	const relOk = RELATION_TYPES.map((t) => wanted.includes(t));
	const descendants = direction === 'descendants';

	const depthOf = new Map<number, number>([[rootIndex, 0]]);
	const edges = new Map<string, GraphEdge>();
	let frontier = [rootIndex];
	let truncated = false;
	for (let level = 1; level <= depth && frontier.length > 0; level++) {
		// Every relation into (descendants) or out of (ancestors) the frontier, as half-edges seen
		// from the frontier node: n's outgoing halves come first, then its incoming ones. A relation
		// from a node to itself is only an outgoing half, and Cypher meets it either way.
		const at: number[] = [];
		const half: number[] = [];
		for (const n of frontier) {
			const [lo, hi] = descendants
				? [snap.outEnd[n]!, snap.start[n + 1]!]
				: [snap.start[n]!, snap.outEnd[n]!];
			for (let h = lo; h < hi; h++) {
				if (!relOk[snap.relType[h]!]) continue;
				at.push(n);
				half.push(h);
			}
			if (!descendants) continue;
			for (let h = snap.start[n]!; h < snap.outEnd[n]!; h++)
				if (snap.other[h] === n && relOk[snap.relType[h]!]) {
					at.push(n);
					half.push(h);
				}
		}
		// The Cypher query's `ORDER BY support DESC, id, type, fid LIMIT $scan`, as two numbers per
		// row: support and the far node's id rank, then the type and the frontier node's id rank
		// (relation types are listed in alphabetical order, as Cypher compares their names).
		const first = new Float64Array(half.length);
		const second = new Float64Array(half.length);
		for (let k = 0; k < half.length; k++) {
			const h = half[k]!;
			first[k] =
				(MAX_SUPPORT - Math.min(snap.support[h]!, MAX_SUPPORT)) * 2 ** 23 +
				snap.idRank[snap.other[h]!]!;
			second[k] = TYPE_ORDER[snap.relType[h]!]! * 2 ** 23 + snap.idRank[at[k]!]!;
		}
		const order = firstInOrder(first, second, scan);
		if (half.length >= scan) truncated = true;
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
			const curated = snap.curated.get(snap.relation[h]!);
			const edge = toEdge({
				source: snap.ids[source]!,
				target: snap.ids[target]!,
				type: RELATION_TYPES[snap.relType[h]!]!,
				support: snap.support[h]!,
				curated
			});
			edges.set(edge.id, edge);
		}
		frontier = next;
	}
	const nodes = [...depthOf.entries()]
		.filter(([n]) => n !== rootIndex)
		.map(([n, d]) => ({ ...snap.node(n), depth: d }));
	return { root: snap.node(rootIndex), direction, nodes, edges: [...edges.values()], truncated };
}

const PROPOSES = RELATION_TYPES.indexOf('PROPOSES');
const METHOD_TYPES = new Set(['Model', 'Technique']);

/**
 * The method each paper proposes, as graph/queries/lineage.ts PROPOSED_METHOD chooses it (a
 * Model or Technique, the one named in the paper's title first, then by name): the copy holds
 * the PROPOSES relations and the papers' titles, so a hub's lineage folds without Neo4j.
 */
export function snapshotProposedMethods(snap: GraphSnapshot, papers: string[]): ProposedMethod[] {
	const found: { paper: number; method: number }[] = [];
	for (const id of papers) {
		const p = snap.index.get(id);
		if (p === undefined) continue;
		const title = snap.labels[p]!;
		let best = -1;
		let bestInTitle = false;
		for (let h = snap.start[p]!; h < snap.outEnd[p]!; h++) {
			if (snap.relType[h] !== PROPOSES) continue;
			const m = snap.other[h]!;
			if (!METHOD_TYPES.has(snap.type(m))) continue;
			const inTitle = title.includes(snap.labels[m]!);
			if (
				best < 0 ||
				(inTitle && !bestInTitle) ||
				(inTitle === bestInTitle && compareStrings(snap.labels[m]!, snap.labels[best]!) < 0)
			) {
				best = m;
				bestInTitle = inTitle;
			}
		}
		if (best >= 0) found.push({ paper: p, method: best });
	}
	// proposalOrder, with integers: a year, then the id's rank (ids in compareStrings order)
	const key = (p: number) => (snap.year(p) ?? 65_535) * 2 ** 23 + snap.idRank[p]!;
	return found
		.sort((a, b) => key(a.paper) - key(b.paper))
		.map(({ paper, method }) => ({
			paper: snap.ids[paper]!,
			title: snap.labels[paper]!,
			year: snap.year(paper),
			method: snap.ids[method]!
		}));
}

/** foldProposers (graph/queries/lineage.ts) over the copy: the same answer, no round trip. */
export function snapshotFoldProposers(snap: GraphSnapshot, result: LineageResult): LineageResult {
	const papers = result.nodes.filter((n) => n.kind === 'Paper').map((n) => n.id);
	if (papers.length === 0) return result;
	return foldInto(result, snapshotProposedMethods(snap, papers), (id) => {
		const i = snap.index.get(id);
		return i === undefined ? undefined : snap.node(i);
	});
}
