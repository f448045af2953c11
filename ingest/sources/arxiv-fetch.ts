// Pages through the arXiv API (https://info.arxiv.org/help/api/user-manual.html) and writes
// JSON Lines that readPapers reads. Polite by the API's terms: one request at a time, a pause
// between requests (3 s by default), a User-Agent that says who we are, back-off on 5xx, 429
// and network errors.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readArxivAtom } from './arxiv-atom.js';
import { toPaper } from './record.js';
import type { TextInput } from './types.js';

export const ARXIV_API = 'https://export.arxiv.org/api/query';
export const USER_AGENT = 'Lineage/0.1 (+https://github.com/lineage-kg/lineage)';
/** Default pause between requests (the `fetch` command takes LINEAGE_ARXIV_DELAY_MS; tests use 0). */
export const DEFAULT_DELAY_MS = 3000;

export interface ArxivFetchOptions {
	query: string;
	max: number;
	out: string;
	baseUrl?: string;
	pageSize?: number; // entries per request (arXiv allows up to 2000; 100 keeps pages small)
	delayMs?: number;
	retries?: number; // attempts after the first, per page
	log?: (message: string) => void;
}

export interface ArxivFetchReport {
	written: number;
	pages: number;
	requests: number; // pages plus retries
	rejected: number;
	totalResults: number | null;
}

/** "diffusion distillation" → all:diffusion AND all:distillation; field queries pass as-is. */
export function toSearchQuery(query: string): string {
	const q = query.trim();
	if (/\b(?:ti|au|abs|co|jr|cat|rn|id|all):/.test(q)) return q;
	return q
		.split(/\s+/)
		.filter(Boolean)
		.map((w) => `all:${w}`)
		.join(' AND ');
}

export async function fetchArxiv(opts: ArxivFetchOptions): Promise<ArxivFetchReport> {
	const log = opts.log ?? (() => {});
	const delayMs = opts.delayMs ?? DEFAULT_DELAY_MS;
	const pageSize = Math.max(1, Math.min(opts.pageSize ?? 100, opts.max));
	const base = opts.baseUrl ?? ARXIV_API;
	const report: ArxivFetchReport = {
		written: 0,
		pages: 0,
		requests: 0,
		rejected: 0,
		totalResults: null
	};
	const seen = new Set<string>();
	let lastRequest = -Infinity;
	const polite = async () => {
		const wait = lastRequest + delayMs - Date.now();
		if (wait > 0) await sleep(wait);
		lastRequest = Date.now();
		report.requests++;
	};

	await mkdir(dirname(opts.out), { recursive: true });
	const out = createWriteStream(opts.out, { encoding: 'utf8' });
	try {
		for (let start = 0; report.written < opts.max; start += pageSize) {
			const url = new URL(base);
			url.searchParams.set('search_query', toSearchQuery(opts.query));
			url.searchParams.set('start', String(start));
			url.searchParams.set('max_results', String(Math.min(pageSize, opts.max - report.written)));
			const body = await getWithRetry(url.toString(), {
				retries: opts.retries ?? 4,
				delayMs,
				polite,
				log
			});
			report.pages++;
			const total = /<(?:opensearch:)?totalResults[^>]*>(\d+)</.exec(body);
			if (total) report.totalResults = Number(total[1]);
			let entries = 0;
			for await (const r of readArxivAtom(textInput(url.toString(), body))) {
				if (!r.ok) {
					report.rejected++;
					log(`arXiv page ${report.pages}: ${r.reason}`);
					continue;
				}
				entries++;
				const p = toPaper(r.record, {
					kind: 'arxiv-atom',
					uri: url.toString(),
					line: r.line,
					latex: true
				});
				if (!p.ok) {
					report.rejected++;
					log(`arXiv page ${report.pages}, line ${r.line}: ${p.reject.reason}`);
					continue;
				}
				const { id, title, abstract, year, authors, url: link, arxivId, doi } = p.paper;
				if (seen.has(id) || report.written >= opts.max) continue;
				seen.add(id);
				const row = { id, title, abstract, year, authors, url: link, arxivId, doi };
				if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain');
				report.written++;
			}
			log(
				`arXiv: ${report.written}/${report.totalResults ?? '?'} papers after page ${report.pages}`
			);
			if (
				entries === 0 ||
				(report.totalResults !== null && start + pageSize >= report.totalResults)
			)
				break;
		}
	} finally {
		out.end();
		await once(out, 'close');
	}
	return report;
}

interface RetryOptions {
	retries: number;
	delayMs: number;
	polite: () => Promise<void>;
	log: (message: string) => void;
}

async function getWithRetry(url: string, o: RetryOptions): Promise<string> {
	for (let attempt = 0; ; attempt++) {
		await o.polite();
		let problem: string;
		let retryAfterMs = 0;
		try {
			const res = await fetch(url, {
				headers: { 'User-Agent': USER_AGENT, Accept: 'application/atom+xml' }
			});
			if (res.ok) return await res.text();
			problem = `HTTP ${res.status} ${res.statusText}`.trim();
			if (res.status < 500 && res.status !== 429)
				throw new Error(`arXiv API refused the request: ${problem} (${url})`);
			retryAfterMs = Number(res.headers.get('retry-after') ?? 0) * 1000 || 0;
			await res.body?.cancel();
		} catch (err) {
			if (err instanceof Error && err.message.startsWith('arXiv API refused')) throw err;
			problem =
				(err as Error)?.cause instanceof Error
					? ((err as Error).cause as Error).message
					: String(err);
		}
		if (attempt >= o.retries)
			throw new Error(`arXiv API unavailable after ${attempt + 1} attempts: ${problem}`);
		// Exponential back-off on top of the polite pause: delay, 2×delay, 4×delay…
		const backoff = Math.max(retryAfterMs, o.delayMs * 2 ** attempt);
		o.log(`arXiv API: ${problem}; retrying in ${Math.round(backoff / 1000)} s`);
		await sleep(backoff);
	}
}

function textInput(uri: string, body: string): TextInput {
	return {
		uri,
		head: body,
		chunks: async function* () {
			yield body;
		}
	};
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
