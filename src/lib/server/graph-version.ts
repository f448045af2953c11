// The graph version (graph/queries/version.ts) as the server's caches see it: re-read at most
// once a second, so an answer lags a running ingest by a second at most, and a database that
// went away is noticed as fast.
import { graphVersion } from '../../../graph/queries/version.js';

const VERSION_FRESH_MS = 1000;

let known: { version: string; at: number } | undefined;
let reading: Promise<string> | undefined;

/** The graph version, read at most once a second (concurrent callers share one read). */
export async function currentVersion(): Promise<string> {
	if (known && performance.now() - known.at < VERSION_FRESH_MS) return known.version;
	reading ??= graphVersion({ timeoutMs: 2000 })
		.then((version) => {
			known = { version, at: performance.now() };
			return version;
		})
		.catch((err) => {
			known = undefined;
			throw err;
		})
		.finally(() => (reading = undefined));
	return reading;
}
