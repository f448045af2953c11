// Answers of the read API, kept while the graph is unchanged. Researchers ask the same questions
// (the overview, a popular entity, its lineage) over and over; a graph version written by every
// ingest transaction (graph/queries/version.ts) tells when an answer is stale (see
// graph-version.ts; when the database went away the request goes to the endpoint: 503).
import { serverConfig } from './config.js';
import { currentVersion } from './graph-version';

const CACHEABLE =
	/^\/api\/(search|entities\/|papers\/|neighbourhood|paths|lineage\/|builds-on\/|overview|stats|timeline)/;

interface Entry {
	version: string;
	body: string;
	contentType: string;
}

/** Least recently used first: a Map keeps insertion order, and a hit re-inserts. */
export class ResponseCache {
	private entries = new Map<string, Entry>();
	private bytes = 0;
	hits = 0;
	misses = 0;

	constructor(private readonly maxBytes: number) {}

	get enabled(): boolean {
		return this.maxBytes > 0;
	}

	get(key: string, version: string): Entry | undefined {
		const entry = this.entries.get(key);
		if (!entry || entry.version !== version) {
			this.misses++;
			return undefined;
		}
		this.entries.delete(key);
		this.entries.set(key, entry);
		this.hits++;
		return entry;
	}

	set(key: string, entry: Entry): void {
		const size = key.length + entry.body.length;
		if (size > this.maxBytes / 8) return; // one huge answer must not flush everything else
		this.delete(key);
		this.entries.set(key, entry);
		this.bytes += size;
		for (const [oldest, old] of this.entries) {
			if (this.bytes <= this.maxBytes) break;
			this.entries.delete(oldest);
			this.bytes -= oldest.length + old.body.length;
		}
	}

	private delete(key: string): void {
		const old = this.entries.get(key);
		if (!old) return;
		this.entries.delete(key);
		this.bytes -= key.length + old.body.length;
	}

	get size(): { entries: number; bytes: number } {
		return { entries: this.entries.size, bytes: this.bytes };
	}
}

let shared: ResponseCache | undefined;

/** The process's cache, sized by LINEAGE_API_CACHE_MB (default 64; 0 turns caching off). */
export function responseCache(): ResponseCache {
	shared ??= new ResponseCache(serverConfig().apiCacheBytes);
	return shared;
}

/**
 * Serves a cached answer of a cacheable GET, or asks `resolve` and keeps a 200 answer. Any
 * failure to read the version (database down) bypasses the cache: the endpoint answers for
 * itself.
 */
export async function withResponseCache(
	request: Request,
	url: URL,
	resolve: () => Response | Promise<Response>
): Promise<Response> {
	const cache = responseCache();
	if (!cache.enabled || request.method !== 'GET' || !CACHEABLE.test(url.pathname)) return resolve();
	let version: string;
	try {
		version = await currentVersion();
	} catch {
		return resolve();
	}
	const key = url.pathname + url.search;
	const hit = cache.get(key, version);
	if (hit) {
		return new Response(hit.body, {
			status: 200,
			headers: { 'content-type': hit.contentType, 'x-cache': 'hit' }
		});
	}
	const response = await resolve();
	const contentType = response.headers.get('content-type') ?? '';
	// no-store: an answer that may change before the graph does (analytics still computing).
	if (
		response.status !== 200 ||
		!contentType.startsWith('application/json') ||
		response.headers.get('cache-control')?.includes('no-store')
	)
		return response;
	const body = await response.text();
	cache.set(key, { version, body, contentType });
	const headers = new Headers(response.headers);
	headers.set('x-cache', 'miss');
	return new Response(body, { status: 200, headers });
}
