// paths(from, to, …) over a GraphSnapshot: the k cheapest distinct paths of at most maxLength
// hops, cost as graph/queries/path-rank.ts defines it (a hop through a generic hub costs more
// than one through a specific method). Four steps, all over typed arrays:
//   1. from each end, a breadth-first ball of maxLength - 1 hops over the nodes a path may pass
//      through (no generic hub when avoiding them, no paper for entity-only paths);
//   2. the region: nodes whose distances to both ends add up to at most maxLength (the avoided
//      hubs that would have connected the two within maxLength are noted here);
//   3. the exact cheapest cost from each node of the region to `to` (Dial's buckets: costs are
//      whole halves), a lower bound of what any path from there still costs;
//   4. a best-first enumeration of simple paths from `from`, cheapest possible completion first,
//      stopped once k distinct paths are known to be the cheapest.
// Every step counts the relationships it reads and watches the clock: when the budget runs out
// the best paths found so far are the answer (`partial`), and none found means a timeout.
import type { Db } from '../driver.js';
import { NODE_TYPES, RELATION_TYPES, type RelationType } from '../model.js';
import { NotFoundError } from '../queries/errors.js';
import {
	bestDistinct,
	isHub,
	PathTimeoutError,
	penaltyHalves,
	type RankedPath
} from '../queries/path-rank.js';
import { boundedInt, describePaths } from '../queries/paths.js';
import type { AvoidedNode, PathsResult } from '../views.js';
import type { GraphSnapshot } from './snapshot.js';

const PAPER = NODE_TYPES.indexOf('Paper');

interface Specificity {
	papers: number;
	penalty: Uint8Array; // halves
	hub: Uint8Array;
}

const specificities = new WeakMap<GraphSnapshot, Specificity>();

/** Each node's penalty and whether it is a generic hub: computed once per copy. */
export function specificity(snap: GraphSnapshot): Specificity {
	const known = specificities.get(snap);
	if (known) return known;
	const n = snap.nodeCount;
	let papers = 0;
	for (let i = 0; i < n; i++) if (snap.types[i] === PAPER) papers++;
	const penalty = new Uint8Array(n);
	const hub = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const paper = snap.types[i] === PAPER;
		penalty[i] = Math.min(255, penaltyHalves(paper, snap.paperCounts[i]!, papers));
		hub[i] = isHub(paper, snap.paperCounts[i]!, papers) ? 1 : 0;
	}
	const s = { papers, penalty, hub };
	specificities.set(snap, s);
	return s;
}

export interface SnapshotPathOptions {
	k?: number;
	maxLength?: number;
	relations?: RelationType[];
	directed?: boolean;
	avoidHubs?: boolean;
	entityOnly?: boolean;
	/** wall-clock budget of the search */
	budgetMs?: number;
	/** relationships read at most */
	maxWork?: number;
}

export interface FoundPath extends RankedPath {
	rels: { source: string; target: string; type: RelationType; support: number }[];
}

export interface SnapshotPaths {
	paths: FoundPath[];
	/** node indices of the generic hubs left out that would have connected the ends */
	avoided: number[];
	/** the budget ran out: the paths are the best found, not necessarily the best there are */
	partial: boolean;
}

const UNSEEN = -1;
/** Paths through the same nodes in all (with parallel relations) count once: read this many. */
const MAX_COMPLETE = 5000;
/** Partial paths held at most (five numbers each). */
const MAX_ENTRIES = 2_000_000;

class OutOfBudget extends Error {}

export function snapshotPaths(
	snap: GraphSnapshot,
	fromId: string,
	toId: string,
	options: SnapshotPathOptions = {}
): SnapshotPaths {
	const from = snap.index.get(fromId);
	if (from === undefined) throw new NotFoundError('node', fromId);
	const to = snap.index.get(toId);
	if (to === undefined) throw new NotFoundError('node', toId);
	const k = options.k ?? 3;
	const L = options.maxLength ?? 4;
	const directed = options.directed ?? false;
	const avoidHubs = options.avoidHubs ?? true;
	const entityOnly = options.entityOnly ?? false;
	const { penalty, hub } = specificity(snap);
	const relOk = RELATION_TYPES.map(
		(t) => !options.relations?.length || options.relations.includes(t)
	);
	const n = snap.nodeCount;
	if (from === to) return { paths: [], avoided: [], partial: false };

	const deadline = performance.now() + (options.budgetMs ?? 2000);
	const maxWork = options.maxWork ?? 10_000_000;
	let work = 0;
	let nextCheck = 0;
	const spend = (reads: number) => {
		work += reads;
		if (work < nextCheck) return;
		nextCheck = work + 20_000; // the clock is read every 20,000 relationships
		if (work > maxWork || performance.now() > deadline) throw new OutOfBudget();
	};
	/** May a path pass through node y (not an end)? */
	const through = (y: number) => !(avoidHubs && hub[y]) && !(entityOnly && snap.types[y] === PAPER);
	/** Half-edge h of a node, walked away from it (forward) or towards it (backward). */
	const walkable = (h: number, forward: boolean) =>
		relOk[snap.relType[h]!]! && (!directed || snap.outward[h] === (forward ? 1 : 0));

	let partial = false;
	// 1. The balls: hop distances from `from` (forward) and to `to` (backward), at most L - 1.
	const hopsFrom = new Int8Array(n).fill(UNSEEN);
	const hopsTo = new Int8Array(n).fill(UNSEEN);
	const hubFrom = new Map<number, number>();
	const hubTo = new Map<number, number>();
	const ball = (
		start: number,
		end: number,
		hops: Int8Array,
		hubs: Map<number, number>,
		forward: boolean
	) => {
		hops[start] = 0;
		let frontier = [start];
		for (let d = 0; d < L - 1 && frontier.length > 0; d++) {
			const next: number[] = [];
			for (const x of frontier) {
				spend(snap.start[x + 1]! - snap.start[x]!);
				for (let h = snap.start[x]!; h < snap.start[x + 1]!; h++) {
					if (!walkable(h, forward)) continue;
					const y = snap.other[h]!;
					if (hops[y] !== UNSEEN) continue;
					if (y === end) {
						hops[y] = d + 1;
					} else if (!through(y)) {
						if (avoidHubs && hub[y] && !hubs.has(y)) hubs.set(y, d + 1);
					} else {
						hops[y] = d + 1;
						next.push(y);
					}
				}
			}
			frontier = next;
		}
	};
	try {
		ball(from, to, hopsFrom, hubFrom, true);
		ball(to, from, hopsTo, hubTo, false);
	} catch (err) {
		if (!(err instanceof OutOfBudget)) throw err;
		partial = true; // the balls are incomplete: the search below still finds real paths
	}

	// 2. The avoided hubs that would have connected the two within L hops.
	const avoided = [...hubFrom]
		.filter(([y, d]) => hubTo.has(y) && d + hubTo.get(y)! <= L)
		.map(([y]) => y)
		.sort(
			(x, y) => snap.paperCounts[y]! - snap.paperCounts[x]! || snap.idRank[x]! - snap.idRank[y]!
		);
	const inRegion = (y: number) =>
		y === from ||
		y === to ||
		(hopsFrom[y] !== UNSEEN && hopsTo[y] !== UNSEEN && hopsFrom[y]! + hopsTo[y]! <= L);
	const reachable = hopsTo[from] !== UNSEEN || snapAdjacentToBall(snap, from, hopsTo, L, walkable);
	if (!reachable && !partial) return { paths: [], avoided, partial };

	// 3. The cheapest cost (halves) from each node of the region to `to`, ignoring the hop limit.
	const INF = 0x7fffffff;
	const rest = new Int32Array(n).fill(INF);
	const complete: { entry: number; half: number; cost: number; key: string }[] = [];
	// Entries of the enumeration: node, parent entry, half-edge from the parent, cost, hops.
	const eNode: number[] = [];
	const eParent: number[] = [];
	const eHalf: number[] = [];
	const eCost: number[] = [];
	const eHops: number[] = [];
	try {
		const buckets: number[][] = [[to]];
		rest[to] = 0;
		for (let c = 0; c < buckets.length; c++) {
			const bucket = buckets[c];
			if (!bucket) continue;
			while (bucket.length > 0) {
				const x = bucket.pop()!;
				if (rest[x] !== c || x === from) continue;
				spend(snap.start[x + 1]! - snap.start[x]!);
				const step = 2 + (x === to ? 0 : penalty[x]!);
				for (let h = snap.start[x]!; h < snap.start[x + 1]!; h++) {
					if (!walkable(h, false)) continue;
					const y = snap.other[h]!;
					if (y === to || !inRegion(y)) continue;
					const cost = c + step;
					if (cost < rest[y]!) {
						rest[y] = cost;
						(buckets[cost] ??= []).push(y);
					}
				}
			}
		}

		// 4. Cheapest possible completion first; within a cost, the newest entry (depth first).
		const onPath = (entry: number, y: number) => {
			for (let e = entry; e >= 0; e = eParent[e]!) if (eNode[e] === y) return true;
			return false;
		};
		const queue: number[][] = [];
		const push = (node: number, parent: number, half: number, cost: number, hops: number) => {
			const entry = eNode.length;
			if (entry >= MAX_ENTRIES) throw new OutOfBudget();
			work++;
			eNode.push(node);
			eParent.push(parent);
			eHalf.push(half);
			eCost.push(cost);
			eHops.push(hops);
			(queue[cost + rest[node]!] ??= []).push(entry);
		};
		if (rest[from] === INF) return { paths: [], avoided, partial };
		push(from, -1, -1, 0, 0);
		const nodesOf = (entry: number) => {
			const nodes: number[] = [];
			for (let e = entry; e >= 0; e = eParent[e]!) nodes.push(eNode[e]!);
			return nodes.join(',');
		};
		const distinctBelow = (cost: number) =>
			new Set(complete.filter((c) => c.cost < cost).map((c) => c.key)).size;
		search: for (let f = 0; f < queue.length; f++) {
			const bucket = queue[f];
			if (!bucket) continue;
			// Every path still to come costs f or more: k cheaper ones are the answer.
			if (complete.length >= k && distinctBelow(f) >= k) break;
			while (bucket.length > 0) {
				const e = bucket.pop()!;
				const x = eNode[e]!;
				const hops = eHops[e]!;
				spend(snap.start[x + 1]! - snap.start[x]!);
				for (let h = snap.start[x]!; h < snap.start[x + 1]!; h++) {
					if (!walkable(h, true)) continue;
					const y = snap.other[h]!;
					if (y === to) {
						complete.push({ entry: e, half: h, cost: eCost[e]! + 2, key: nodesOf(e) });
						if (complete.length >= MAX_COMPLETE) break search;
						continue;
					}
					if (y === from || rest[y] === INF || hopsTo[y] === UNSEEN) continue;
					if (hops + 1 + hopsTo[y]! > L || !inRegion(y) || onPath(e, y)) continue;
					push(y, e, h, eCost[e]! + 2 + penalty[y]!, hops + 1);
				}
			}
		}
	} catch (err) {
		if (!(err instanceof OutOfBudget)) throw err;
		partial = true;
	}

	// The complete paths as the ranking reads them.
	const found: FoundPath[] = complete.map(({ entry, half, cost }) => {
		const nodes: number[] = [to];
		const halves: number[] = [half];
		for (let e = entry; e >= 0; e = eParent[e]!) {
			nodes.push(eNode[e]!);
			if (eHalf[e]! >= 0) halves.push(eHalf[e]!);
		}
		nodes.reverse();
		halves.reverse();
		return {
			ids: nodes.map((i) => snap.ids[i]!),
			cost: cost / 2,
			rels: halves.map((h, i) => {
				const [a, b] = snap.outward[h] ? [nodes[i]!, nodes[i + 1]!] : [nodes[i + 1]!, nodes[i]!];
				return {
					source: snap.ids[a]!,
					target: snap.ids[b]!,
					type: RELATION_TYPES[snap.relType[h]!]!,
					support: snap.support[h]!
				};
			})
		};
	});
	const best = bestDistinct(found, k);
	// The hubs worth naming: those that would have given a path as short as those shown.
	const longest = best.length ? Math.max(...best.map((p) => p.rels.length)) : L;
	const shortcut = (y: number) => hubFrom.get(y)! + hubTo.get(y)! <= longest;
	return { paths: best, avoided: avoided.filter(shortcut), partial };
}

/** Whether `from` has a neighbour within L - 1 hops of `to` (a path of exactly L hops). */
function snapAdjacentToBall(
	snap: GraphSnapshot,
	from: number,
	hopsTo: Int8Array,
	L: number,
	walkable: (h: number, forward: boolean) => boolean
): boolean {
	for (let h = snap.start[from]!; h < snap.start[from + 1]!; h++) {
		if (!walkable(h, true)) continue;
		const y = snap.other[h]!;
		if (hopsTo[y] !== UNSEEN && hopsTo[y]! <= L - 1) return true;
	}
	return false;
}

/** Generic hubs named in an answer at most. */
export const AVOIDED_SHOWN = 8;

/**
 * The API's answer from the copy: the paths found in memory, each hop's evidence from Neo4j.
 * A search that ran out of budget before finding any path is a timeout (504) naming what to
 * narrow; one that found some answers with them, `partial`.
 */
export async function snapshotPathsResult(
	db: Db,
	snap: GraphSnapshot,
	from: string,
	to: string,
	options: SnapshotPathOptions & { timeoutMs?: number } = {}
): Promise<PathsResult> {
	const k = boundedInt(options.k ?? 3, 1, 10, 'k');
	const maxLength = boundedInt(options.maxLength ?? 4, 1, 6, 'maxLength');
	const found = snapshotPaths(snap, from, to, { ...options, k, maxLength });
	if (found.partial && found.paths.length === 0)
		throw new PathTimeoutError(Math.max(1, Math.round((options.budgetMs ?? 2000) / 1000)), {
			relations: (options.relations?.length ?? 0) > 0,
			maxLength,
			avoidHubs: options.avoidHubs ?? true
		});
	const { papers } = specificity(snap);
	const avoided: AvoidedNode[] = found.avoided.slice(0, AVOIDED_SHOWN).map((i) => {
		const node = snap.node(i);
		return {
			id: node.id,
			label: node.label,
			type: node.type,
			paperCount: node.paperCount,
			share: Math.round((1000 * node.paperCount) / Math.max(1, papers)) / 1000
		};
	});
	return describePaths(
		db,
		snap.node(snap.index.get(from)!),
		snap.node(snap.index.get(to)!),
		found.paths,
		avoided,
		found.partial,
		{ timeoutMs: options.timeoutMs },
		(id) => snap.node(snap.index.get(id)!)
	);
}
