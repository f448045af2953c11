// The server's in-memory copy of the graph (graph/projection), used only while it matches the
// current graph version (re-read at most once a second, as for the response cache). While it is
// missing or stale the repository asks Neo4j, and a new copy loads in the background once the
// graph has stopped changing.
//   LINEAGE_PROJECTION=off            never keep one
//   LINEAGE_PROJECTION_MAX_RELATIONS  largest graph copied (default auto: a quarter of the memory, 1 KiB a relation)
import { appDb } from './db.js';
import { serverConfig } from './config.js';
import { loadSnapshot } from '../../../graph/projection/load.js';
import { searchIndex } from '../../../graph/projection/search.js';
import { SnapshotTooLargeError, type GraphSnapshot } from '../../../graph/projection/snapshot.js';
import { currentVersion } from './graph-version';

interface LoadReport {
	at: string;
	ms: number;
	consistent?: boolean; // false: the graph changed while it was read, and the copy was dropped
	error?: string;
	tooLarge?: boolean;
}

let snapshot: GraphSnapshot | undefined;
let loading: Promise<void> | undefined;
let lastLoad: LoadReport | undefined;
let nextLoadAt = 0; // performance.now() before which no load starts
let seen: { version: string; since: number } | undefined;

// A version must have held this long before a copy of it is loaded: during an ingest it
// changes every second or two, and a copy read meanwhile would be dropped as torn.
const STABLE_MS = 2000;

/** The copy when it matches the graph as it is now, else undefined (and a load may start). */
export async function currentSnapshot(): Promise<GraphSnapshot | undefined> {
	if (!serverConfig().projection) return undefined;
	let version: string;
	try {
		version = await currentVersion();
	} catch {
		return undefined; // the caller's own query reports the database's state
	}
	const now = performance.now();
	if (seen?.version !== version) seen = { version, since: now };
	// 'empty' is the one version that can come back (a graph never written): never trust it.
	if (snapshot?.version === version && version !== 'empty') return snapshot;
	snapshot = undefined; // versions do not come back: free the memory now
	const stable = now - seen.since >= STABLE_MS || version === 'empty' || !lastLoad;
	if (!loading && stable && now >= nextLoadAt)
		loading = refresh().finally(() => (loading = undefined));
	return undefined;
}

/** For /api/health: whether answers come from the copy, and what it holds. */
export async function snapshotState() {
	if (!serverConfig().projection) return { state: 'off' as const };
	const current = await currentSnapshot(); // and start a load if one is due
	return {
		state: current ? ('ready' as const) : loading ? ('loading' as const) : ('stale' as const),
		nodes: current?.nodeCount,
		relations: current?.relationCount,
		lastLoad
	};
}

const listeners: ((snapshot: GraphSnapshot) => void)[] = [];

/**
 * Calls `listener` with each new copy once it is loaded (the analytics start from it), and at
 * once with the current one: modules are loaded on first use, often after the first copy.
 */
export function onSnapshot(listener: (snapshot: GraphSnapshot) => void): void {
	listeners.push(listener);
	if (snapshot) listener(snapshot);
}

const FALLBACK_CONCURRENCY = 2;
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs a question the copy would have answered. While the copy loads, such questions go to
 * Neo4j two at a time: sixteen at once would leave the load a sixteenth of Neo4j, and it would
 * never finish under steady traffic (measured: still loading after a minute).
 */
export async function whileNoSnapshot<T>(ask: () => Promise<T>): Promise<T> {
	if (!loading) return ask();
	if (running >= FALLBACK_CONCURRENCY) await new Promise<void>((go) => waiting.push(go));
	running++;
	try {
		return await ask();
	} finally {
		running--;
		waiting.shift()?.();
	}
}

async function refresh(): Promise<void> {
	const started = performance.now();
	const at = new Date().toISOString();
	try {
		const loaded = await loadSnapshot(appDb(), {
			timeoutMs: 300_000,
			maxRelations: serverConfig().projectionMaxRelations
		});
		// A copy read while the graph changed may be torn: it is dropped, and a later one taken.
		if (loaded.consistent) {
			// Indexed before it is used: a route module is loaded on its first request, after the
			// copy may be, and a million papers' index takes tens of seconds to build.
			searchIndex(loaded.snapshot);
			snapshot = loaded.snapshot;
			for (const listener of listeners) listener(loaded.snapshot);
		}
		lastLoad = { at, ms: Math.round(loaded.ms), consistent: loaded.consistent };
		log({
			nodes: loaded.snapshot.nodeCount,
			relations: loaded.snapshot.relationCount,
			consistent: loaded.consistent,
			ms: Math.round(loaded.ms)
		});
		// The pause keeps most of the machine for answering when the graph keeps changing.
		nextLoadAt = performance.now() + Math.max(5000, 4 * loaded.ms);
	} catch (err) {
		const tooLarge = err instanceof SnapshotTooLargeError;
		const ms = Math.round(performance.now() - started);
		lastLoad = { at, ms, error: String(err), ...(tooLarge ? { tooLarge } : {}) };
		nextLoadAt = performance.now() + (tooLarge ? 600_000 : 30_000);
		log({ error: String(err), ms });
	}
}

function log(fields: Record<string, unknown>): void {
	if (!serverConfig().log) return;
	console.log(JSON.stringify({ time: new Date().toISOString(), event: 'projection', ...fields }));
}
