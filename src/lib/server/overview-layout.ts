// The big overview's layout, computed on the server once per graph rather than in every
// browser: the same seeded force layout the canvas would run, so the same picture. Kept for the
// few graphs asked for last, keyed by what was laid out (so never stale), and shared by
// concurrent requests for the same graph.
import { createHash } from 'node:crypto';
import { forceLayoutAsync } from '$lib/graph/force';
import { forceRequest } from '$lib/graph/force-job';
import type { GraphView } from '$lib/types';

export interface ServerLayout {
	x: Float64Array;
	y: Float64Array;
	/** The layout's own time, when it was computed. */
	ms: number;
}

const KEEP = 4;
const layouts = new Map<string, Promise<ServerLayout>>();

/** What the layout depends on: the nodes in order and the edges between them. */
function layoutKey(view: Pick<GraphView, 'nodes' | 'edges'>): string {
	const hash = createHash('sha256');
	for (const n of view.nodes) hash.update(`${n.id}\n`);
	hash.update('\0');
	for (const e of view.edges) hash.update(`${e.source}\n${e.target}\n`);
	return hash.digest('base64');
}

export function overviewLayout(view: Pick<GraphView, 'nodes' | 'edges'>): Promise<ServerLayout> {
	const key = layoutKey(view);
	const known = layouts.get(key);
	if (known) {
		// Most recently used last: a Map keeps insertion order.
		layouts.delete(key);
		layouts.set(key, known);
		return known;
	}
	const { request } = forceRequest(view.nodes, view.edges);
	const started = performance.now();
	const job = forceLayoutAsync(request.count, request.edges).then((at) => ({
		...at,
		ms: performance.now() - started
	}));
	layouts.set(key, job);
	// A failed layout is not kept: the next request tries again.
	job.catch(() => layouts.delete(key));
	for (const oldest of layouts.keys()) {
		if (layouts.size <= KEEP) break;
		layouts.delete(oldest);
	}
	return job;
}
