// neighbourhood(ids, …) over a GraphSnapshot: the same answer as graph/queries/neighbourhood.ts,
// step for step (tests/integration/projection.test.ts compares the two on every node of a
// graph), except that nothing caps how many relationships a hop reads: the Cypher version
// scans at most max(2000, 20 × limit) per hop to bound Neo4j's work, and says `truncated`.
// Both keep the same strongest edges (strongestEdges), in the same order.
import { NODE_TYPES, RELATION_TYPES } from '../model.js';
import { EDGES_PER_NODE, type NeighbourhoodOptions } from '../queries/neighbourhood.js';
import { toEdge } from '../queries/shared.js';
import type { GraphView } from '../views.js';
import type { GraphSnapshot } from './snapshot.js';

export function snapshotNeighbourhood(
	snap: GraphSnapshot,
	ids: string[],
	options: Omit<NeighbourhoodOptions, 'driver' | 'timeoutMs'> = {}
): GraphView {
	const limit = options.limit ?? 100;
	const depth = options.depth ?? 1;
	const minSupport = options.minSupport ?? 1;
	const from = options.fromYear ?? null;
	const to = options.toYear ?? null;
	const types = options.types?.length ? options.types : NODE_TYPES;
	const typeOk = NODE_TYPES.map((t) => types.includes(t));
	const relOk = RELATION_TYPES.map(
		(t) => !options.relations?.length || options.relations.includes(t)
	);
	const years = from !== null || to !== null;
	const passes = (b: number) => typeOk[snap.types[b]!]!;
	// In a year range a relation's support is the number of its papers of those years.
	const supportOf = (a: number, h: number) =>
		years ? snap.supportInYears(a, h, from, to) : snap.support[h]!;
	const linkOk = (a: number, h: number) =>
		relOk[snap.relType[h]!] && snap.support[h]! >= minSupport && supportOf(a, h) >= minSupport;
	// Edges are kept as half-edges (seen from `at`) until the strongest are chosen: building
	// thousands of GraphEdges to keep a few hundred was most of the time.
	const at: number[] = [];
	const half: number[] = [];
	const edgeSupport: number[] = [];
	const listed = new Set<number>();
	const addEdge = (a: number, h: number) => {
		if (listed.has(snap.relation[h]!)) return;
		listed.add(snap.relation[h]!);
		at.push(a);
		half.push(h);
		edgeSupport.push(supportOf(a, h));
	};

	const n = snap.nodeCount;
	const seeds = [...new Set(ids)];
	const inView = new Uint8Array(n); // seen: the seeds and every neighbour kept
	const refs = new Uint8Array(n); // nodes whose relations among the view are drawn
	const best = new Uint32Array(n); // per hop: the strongest link from the frontier
	const view: number[] = [];
	for (const id of seeds) {
		const i = snap.index.get(id);
		if (i !== undefined && !inView[i]) {
			inView[i] = 1;
			view.push(i);
		}
	}
	let frontier = [...view];
	let added = 0; // neighbours kept so far
	let truncated = false;
	let total = 0;
	for (let level = 0; level < depth && frontier.length > 0; level++) {
		const budget = Math.max(0, limit - added);
		const touched: number[] = [];
		for (const a of frontier) {
			for (let h = snap.start[a]!; h < snap.start[a + 1]!; h++) {
				if (!linkOk(a, h)) continue;
				const b = snap.other[h]!;
				if (!passes(b)) continue;
				if (best[b] === 0) touched.push(b);
				const support = supportOf(a, h);
				if (support > best[b]!) best[b] = support;
			}
		}
		// Strongest first, then by id, as Cypher orders them: one numeric key per node.
		const key = (b: number) => best[b]! * n + (n - 1 - snap.idRank[b]!);
		const byKey = (x: number, y: number) => key(y) - key(x);
		const old = touched.filter((b) => inView[b]).sort(byKey);
		const fresh = touched.filter((b) => !inView[b]);
		total += fresh.length;
		if (fresh.length > budget) truncated = true;
		const kept = [...old, ...strongest(fresh, budget, key)];
		for (const b of touched) best[b] = 0;
		const next: number[] = [];
		const keep = new Uint8Array(n);
		for (const b of kept) {
			keep[b] = 1;
			refs[b] = 1;
			if (!inView[b]) {
				inView[b] = 1;
				view.push(b);
				next.push(b);
				added++;
			}
		}
		// The links from the frontier to the nodes kept, in the frontier's order.
		for (const a of frontier) {
			for (let h = snap.start[a]!; h < snap.start[a + 1]!; h++) {
				const b = snap.other[h]!;
				if (!keep[b] || !linkOk(a, h) || !passes(b)) continue;
				refs[a] = 1;
				addEdge(a, h);
			}
		}
		frontier = next;
	}

	// The relations among the view's nodes (outgoing from each, as the Cypher version reads them).
	for (const a of view) {
		for (let h = snap.start[a]!; h < snap.outEnd[a]!; h++) {
			if (refs[snap.other[h]!] && linkOk(a, h)) addEdge(a, h);
		}
	}
	// strongestEdges over half-edges, in integers: the same order and the same choice.
	const source = (k: number) => (snap.outward[half[k]!] ? at[k]! : snap.other[half[k]!]!);
	const target = (k: number) => (snap.outward[half[k]!] ? snap.other[half[k]!]! : at[k]!);
	// One number per edge for what follows support: source rank, type, target rank.
	const strength = new Float64Array(at.length);
	const rest = new Float64Array(at.length);
	const types8 = RELATION_TYPES.length;
	for (let k = 0; k < at.length; k++) {
		strength[k] = edgeSupport[k]!;
		rest[k] =
			(snap.idRank[source(k)]! * types8 + snap.relType[half[k]!]!) * n + snap.idRank[target(k)]!;
	}
	const stronger = (x: number, y: number) => strength[y]! - strength[x]! || rest[x]! - rest[y]!;
	const edgeLimit = options.edgeLimit ?? EDGES_PER_NODE * limit;
	let chosen = [...at.keys()];
	if (chosen.length > edgeLimit) {
		// Each node's strongest edge, then the strongest others up to the limit: found without
		// sorting the thousands (a neighbourhood of 100 in a dense core has ~3,000).
		const best = new Map<number, number>();
		for (const id of seeds) best.set(snap.index.get(id) ?? -1, -1);
		for (let k = 0; k < at.length; k++) {
			for (const end of [source(k), target(k)]) {
				const b = best.get(end);
				if (b === undefined || (b >= 0 && stronger(k, b) < 0)) best.set(end, k);
			}
		}
		const needed = new Set([...best.values()].filter((k) => k >= 0));
		const room = Math.max(0, edgeLimit - needed.size);
		const others = chosen.filter((k) => !needed.has(k));
		const cut = Float64Array.from(others, (k) => strength[k]!).sort();
		const floor = room > 0 && room <= cut.length ? cut[cut.length - room]! : Infinity;
		const top = others
			.filter((k) => strength[k]! >= floor)
			.sort(stronger)
			.slice(0, room);
		chosen = [...needed, ...top];
	}
	chosen.sort(stronger);
	const total0 = at.length;
	return {
		nodes: view.map((i) => snap.node(i)),
		edges: chosen.map((k) =>
			toEdge({
				source: snap.ids[source(k)]!,
				target: snap.ids[target(k)]!,
				type: RELATION_TYPES[snap.relType[half[k]!]!]!,
				support: edgeSupport[k]!,
				curated: snap.curated.get(snap.relation[half[k]!]!) ?? null
			})
		),
		truncated: truncated || chosen.length < total0,
		total: seeds.filter((id) => snap.index.has(id)).length + total,
		...(chosen.length < total0 ? { edgeTotal: total0 } : {})
	};
}

/** The `count` nodes of highest key, highest first, without sorting a hub's thousands. */
function strongest(nodes: number[], count: number, key: (b: number) => number): number[] {
	if (nodes.length <= count * 4) return nodes.sort((x, y) => key(y) - key(x)).slice(0, count);
	const keys = new Float64Array(nodes.length);
	nodes.forEach((b, k) => (keys[k] = key(b)));
	keys.sort();
	const threshold = count > 0 ? keys[keys.length - count]! : Infinity;
	return nodes
		.filter((b) => key(b) >= threshold)
		.sort((x, y) => key(y) - key(x))
		.slice(0, count);
}
