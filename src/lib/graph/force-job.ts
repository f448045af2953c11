// The big view's force layout off the main thread: the canvas hands the graph to a worker as
// soon as it has the data, so the layout runs while the page hydrates and Cytoscape loads, and
// the positions arrive as two typed arrays to add the elements with in one batch.
import { flatPairs, forceLayout, type ForceOptions } from './force';

/** What the worker receives: node count and index pairs (flat), nothing it does not need. */
export interface ForceRequest {
	count: number;
	edges: Int32Array;
	options?: ForceOptions;
}

export interface ForceReply {
	x: Float64Array;
	y: Float64Array;
	/** Time the layout itself took, in the worker. */
	ms: number;
}

/** Positions by node id, as the canvas applies them. */
export interface ForceResult {
	ids: string[];
	x: Float64Array;
	y: Float64Array;
	ms: number;
}

/**
 * Nodes in their given order and the edges between them as index pairs; edges with an end not
 * among the nodes are left out, as Cytoscape refuses them.
 */
export function forceRequest(
	nodes: readonly { id: string }[],
	edges: readonly { source: string; target: string }[],
	options?: ForceOptions
): { ids: string[]; request: ForceRequest } {
	const ids = nodes.map((n) => n.id);
	const index = new Map(ids.map((id, i) => [id, i]));
	const pairs: [number, number][] = [];
	for (const e of edges) {
		const a = index.get(e.source);
		const b = index.get(e.target);
		if (a !== undefined && b !== undefined) pairs.push([a, b]);
	}
	return { ids, request: { count: ids.length, edges: flatPairs(pairs), options } };
}

/** The worker's side, pure: lay out and say how long it took. */
export function answerForceRequest(request: ForceRequest): ForceReply {
	const started = performance.now();
	const at = forceLayout(request.count, request.edges, request.options);
	return { x: at.x, y: at.y, ms: performance.now() - started };
}

/** A reply the canvas can use: one finite position per node. */
export function isForceReply(value: unknown, count: number): value is ForceReply {
	const r = value as ForceReply | null;
	return (
		r != null &&
		r.x instanceof Float64Array &&
		r.y instanceof Float64Array &&
		r.x.length === count &&
		r.y.length === count &&
		typeof r.ms === 'number'
	);
}

/**
 * Lays the graph out in a module worker; where workers are missing or fail, on this thread
 * instead (same function, same positions, only slower to arrive).
 */
export function layoutInWorker(
	nodes: readonly { id: string }[],
	edges: readonly { source: string; target: string }[],
	options?: ForceOptions
): Promise<ForceResult> {
	const { ids, request } = forceRequest(nodes, edges, options);
	const here = (): ForceResult => ({ ids, ...answerForceRequest(request) });
	if (typeof Worker === 'undefined') return Promise.resolve().then(here);
	return new Promise<ForceResult>((resolve) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./force-worker.ts', import.meta.url), { type: 'module' });
		} catch {
			resolve(Promise.resolve().then(here));
			return;
		}
		const finish = (result: ForceResult | null) => {
			worker.terminate();
			resolve(result ?? here());
		};
		worker.onmessage = (e: MessageEvent<unknown>) =>
			finish(isForceReply(e.data, ids.length) ? { ids, ...e.data } : null);
		worker.onerror = () => finish(null);
		worker.onmessageerror = () => finish(null);
		// Copied, not transferred: the fallback above still needs the pairs if the worker fails.
		worker.postMessage(request);
	});
}

let early: { nodes: string[]; edges: string[]; job: Promise<ForceResult> } | null = null;
let known: { nodes: string[]; edges: string[]; at: ForceResult } | null = null;

type Graph = {
	nodes: readonly { id: string }[];
	edges: readonly { id: string; source: string; target: string }[];
};

const sameIds = (ids: string[], items: readonly { id: string }[]) =>
	ids.length === items.length && items.every((x, i) => x.id === ids[i]);

/**
 * Starts the layout of a graph before anything asks for it (the page's load, before hydration),
 * for takeLayout to pick up. One graph at a time: a newer call replaces the older.
 */
export function startLayout(graph: Graph): void {
	early = {
		nodes: graph.nodes.map((n) => n.id),
		edges: graph.edges.map((e) => e.id),
		job: layoutInWorker(graph.nodes, graph.edges)
	};
}

/**
 * Positions already known for a graph (the server's, delivered with the view), for
 * takeKnownLayout to pick up: the canvas then adds the elements in place, with no layout to wait
 * for.
 */
export function provideLayout(
	graph: Graph,
	at: { x: Float64Array; y: Float64Array; ms: number }
): void {
	const nodes = graph.nodes.map((n) => n.id);
	known = { nodes, edges: graph.edges.map((e) => e.id), at: { ids: nodes, ...at } };
}

/** The positions provideLayout was given for exactly this graph, left for takeKnownLayout. */
export function peekKnownLayout(graph: Graph): ForceResult | null {
	return known && sameIds(known.nodes, graph.nodes) && sameIds(known.edges, graph.edges)
		? known.at
		: null;
}

/** The positions provideLayout was given for exactly this graph, once; else null. */
export function takeKnownLayout(graph: Graph): ForceResult | null {
	const given = known;
	known = null;
	return given && sameIds(given.nodes, graph.nodes) && sameIds(given.edges, graph.edges)
		? given.at
		: null;
}

/**
 * The layout of exactly this graph (same nodes and edges, same order): the one startLayout began
 * when it matches, else a new one. Either way it is taken: a second call starts afresh.
 */
export function takeLayout(graph: Graph): Promise<ForceResult> {
	const started = early;
	early = null;
	if (started && sameIds(started.nodes, graph.nodes) && sameIds(started.edges, graph.edges))
		return started.job;
	return layoutInWorker(graph.nodes, graph.edges);
}
