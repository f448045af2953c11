// The server's in-memory copy of the graph (graph/projection), kept for the current graph
// version only: an answer from it is exactly as fresh as one from Neo4j. While it is missing or
// stale the repository asks Neo4j, and a new copy loads in the background.
//   LINEAGE_PROJECTION=off          never keep one
//   LINEAGE_PROJECTION_MAX_RELATIONS  largest graph kept (default 5,000,000 relations, ~300 MB)
import { env } from '$env/dynamic/private';
import { loadSnapshot, SnapshotTooLargeError } from '../../../graph/projection/load.js';
import type { GraphSnapshot } from '../../../graph/projection/snapshot.js';
import { currentVersion } from './graph-version';

let snapshot: GraphSnapshot | undefined;
let loading: Promise<void> | undefined;
let lastLoad: { ms: number; consistent: boolean; at: string } | undefined;
let nextLoadAt = 0; // performance.now() before which no load starts

/** The copy when it matches the graph as it is now, else undefined (and a load may start). */
export async function currentSnapshot(): Promise<GraphSnapshot | undefined> {
	if (env.LINEAGE_PROJECTION === 'off') return undefined;
	let version: string;
	try {
		version = await currentVersion();
	} catch {
		return undefined; // the caller's own query reports the database's state
	}
	if (snapshot?.version === version) return snapshot;
	snapshot = undefined; // versions never come back: free the memory now
	if (!loading && performance.now() >= nextLoadAt)
		loading = refresh().finally(() => (loading = undefined));
	return undefined;
}

/** Resolves when no load is running (tests and benchmarks wait for the copy with it). */
export async function snapshotSettled(): Promise<void> {
	await loading;
}

/** For /api/health: whether answers come from the copy, and what it holds. */
export function snapshotState() {
	if (env.LINEAGE_PROJECTION === 'off') return { state: 'off' as const };
	return {
		state: snapshot ? ('ready' as const) : loading ? ('loading' as const) : ('stale' as const),
		nodes: snapshot?.nodeCount,
		relations: snapshot?.relationCount,
		lastLoad
	};
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a question the copy would have answered. While the copy loads, such questions go to
 * Neo4j one at a time: sixteen at once would leave the load a sixteenth of Neo4j, and it would
 * never finish under steady traffic (measured: still loading after a minute).
 */
export function whileNoSnapshot<T>(ask: () => Promise<T>): Promise<T> {
	if (!loading) return ask();
	const turn = queue.then(ask, ask);
	queue = turn.catch(() => {});
	return turn;
}

async function refresh(): Promise<void> {
	const started = performance.now();
	try {
		const loaded = await loadSnapshot({
			timeoutMs: 300_000,
			maxRelations: Number(env.LINEAGE_PROJECTION_MAX_RELATIONS || 5_000_000)
		});
		// A copy read while an ingest wrote may be torn: it is dropped, and a later one taken.
		if (loaded.consistent) snapshot = loaded.snapshot;
		lastLoad = {
			ms: Math.round(loaded.ms),
			consistent: loaded.consistent,
			at: new Date().toISOString()
		};
		log({
			nodes: loaded.snapshot.nodeCount,
			relations: loaded.snapshot.relationCount,
			consistent: loaded.consistent,
			ms: Math.round(loaded.ms)
		});
		// While an ingest writes, versions change faster than a copy loads: the pause keeps most
		// of the machine for answering.
		nextLoadAt = performance.now() + Math.max(5000, 4 * loaded.ms);
	} catch (err) {
		const tooLarge = err instanceof SnapshotTooLargeError;
		nextLoadAt = performance.now() + (tooLarge ? 600_000 : 30_000);
		log({ error: String(err), ms: Math.round(performance.now() - started) });
	}
}

function log(fields: Record<string, unknown>): void {
	if (env.LINEAGE_LOG === 'off') return;
	console.log(JSON.stringify({ time: new Date().toISOString(), event: 'projection', ...fields }));
}
