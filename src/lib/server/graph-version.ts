// The graph version (graph/queries/version.ts) as the server's caches see it: re-read at most
// once a second, so an answer lags a running ingest by a second at most, and a database that
// went away is noticed as fast.
import { appDb } from './db.js';
import { graphVersion } from '../../../graph/queries/version.js';

const VERSION_FRESH_MS = 1000;

let known: { version: string; at: number } | undefined;
let reading: Promise<string> | undefined;
/** Bumped by forgetVersion(): a read begun before it must not be kept as fresh. */
let generation = 0;

/** The graph version, read at most once a second (concurrent callers share one read). */
export async function currentVersion(): Promise<string> {
	if (known && performance.now() - known.at < VERSION_FRESH_MS) return known.version;
	if (reading) return reading;
	const mine = generation;
	const read = graphVersion(appDb(), { timeoutMs: 2000 })
		.then((version) => {
			if (mine === generation) known = { version, at: performance.now() };
			return version;
		})
		.catch((err) => {
			if (mine === generation) known = undefined;
			throw err;
		})
		.finally(() => {
			if (reading === read) reading = undefined;
		});
	reading = read;
	return read;
}

/** How many times this server changed the graph itself (a correction): see forgetVersion. */
export function ownChanges(): number {
	return generation;
}

/** The next call reads the version from the database (this server just changed the graph). */
export function forgetVersion(): void {
	generation++;
	known = undefined;
	reading = undefined;
}
