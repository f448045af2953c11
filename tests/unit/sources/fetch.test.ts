// `lineage fetch arxiv` against a local server that answers like export.arxiv.org/api/query.
import { Command } from 'commander';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerFetch } from '../../../cli/commands/fetch.js';
import { fetchArxiv, USER_AGENT } from '../../../ingest/sources/arxiv-fetch.js';
import { collect } from './collect.js';

const TOTAL = 5;
const entry = (n: number) => `
  <entry>
    <id>http://arxiv.org/abs/2401.0000${n}v1</id>
    <published>2024-01-0${n}T10:00:00Z</published>
    <title>Fast Diffusion Sampler Number ${n}</title>
    <summary>  We present sampler ${n}, a training-free solver for diffusion ODEs that
reaches an FID of $3.${n}$ on CIFAR-10 in 10 steps.
</summary>
    <author><name>Author ${n}</name></author>
    <link href="http://arxiv.org/abs/2401.0000${n}v1" rel="alternate" type="text/html"/>
  </entry>`;

function page(start: number, max: number): string {
	const entries = [];
	for (let i = start; i < Math.min(start + max, TOTAL); i++) entries.push(entry(i + 1));
	return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: search_query=all:diffusion</title>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${TOTAL}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>${entries.join('')}
</feed>
`;
}

interface Seen {
	url: URL;
	userAgent: string | undefined;
	status: number;
}

let server: Server | undefined;

async function serve(
	handler: (req: IncomingMessage, n: number) => { status: number; body: string }
) {
	const seen: Seen[] = [];
	server = createServer((req, res) => {
		const r = handler(req, seen.length);
		seen.push({
			url: new URL(req.url ?? '/', 'http://x'),
			userAgent: req.headers['user-agent'],
			status: r.status
		});
		res.writeHead(r.status, { 'content-type': 'application/atom+xml' }).end(r.body);
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { base: `http://127.0.0.1:${port}/api/query`, seen };
}

afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve));
	server = undefined;
	vi.restoreAllMocks();
});

const atomPages = (req: IncomingMessage) => {
	const u = new URL(req.url ?? '/', 'http://x');
	return {
		status: 200,
		body: page(Number(u.searchParams.get('start')), Number(u.searchParams.get('max_results')))
	};
};

describe('lineage fetch arxiv', () => {
	it('pages through results, retries after a 503, sends the User-Agent, writes readable JSONL', async () => {
		const { base, seen } = await serve((req, n) =>
			n === 1 ? { status: 503, body: 'busy' } : atomPages(req)
		);
		const out = join(mkdtempSync(join(tmpdir(), 'lineage-fetch-')), 'sub', 'arxiv.jsonl');
		vi.spyOn(console, 'log').mockImplementation(() => {});
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const program = new Command().exitOverride();
		registerFetch(program);
		await program.parseAsync(
			[
				'fetch',
				'arxiv',
				'diffusion sampler',
				'--max',
				'5',
				'--out',
				out,
				'--base-url',
				base,
				'--page-size',
				'2',
				'--delay',
				'0'
			],
			{ from: 'user' }
		);

		expect(seen.map((s) => [s.url.searchParams.get('start'), s.status])).toEqual([
			['0', 200],
			['2', 503],
			['2', 200],
			['4', 200]
		]);
		expect(seen.every((s) => s.userAgent === USER_AGENT)).toBe(true);
		expect(USER_AGENT).toBe('Lineage/0.1 (+https://github.com/lineage-kg/lineage)');
		expect(seen[0]!.url.searchParams.get('search_query')).toBe('all:diffusion AND all:sampler');
		expect(seen[2]!.url.searchParams.get('max_results')).toBe('2');
		expect(seen[3]!.url.searchParams.get('max_results')).toBe('1');

		const lines = readFileSync(out, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(5);
		expect(JSON.parse(lines[0]!)).toMatchObject({
			id: 'arxiv:2401.00001',
			arxivId: '2401.00001v1',
			year: 2024
		});
		const { papers, rejects } = await collect(out);
		expect(rejects).toEqual([]);
		expect(papers.map((p) => p.id)).toEqual([1, 2, 3, 4, 5].map((n) => `arxiv:2401.0000${n}`));
		expect(papers[2]!.abstract).toBe(
			'We present sampler 3, a training-free solver for diffusion ODEs that reaches an FID of 3.3 on CIFAR-10 in 10 steps.'
		);
		expect(console.log).toHaveBeenCalledWith(
			expect.stringMatching(/wrote 5 papers to .*arxiv\.jsonl \(3 pages, 4 requests\)/)
		);
	});

	it('stops at --max and waits the polite delay between requests', async () => {
		const { base, seen } = await serve(atomPages);
		const out = join(mkdtempSync(join(tmpdir(), 'lineage-fetch-')), 'three.jsonl');
		const t0 = Date.now();
		const report = await fetchArxiv({
			query: 'ti:diffusion',
			max: 3,
			out,
			baseUrl: base,
			pageSize: 2,
			delayMs: 150
		});
		expect(report).toMatchObject({ written: 3, pages: 2, requests: 2, totalResults: 5 });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		expect(seen[0]!.url.searchParams.get('search_query')).toBe('ti:diffusion');
		expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
	});

	it('gives up with a clear error after the retries, and at once on a 4xx', async () => {
		const out = join(mkdtempSync(join(tmpdir(), 'lineage-fetch-')), 'x.jsonl');
		const down = await serve(() => ({ status: 500, body: 'down' }));
		await expect(
			fetchArxiv({ query: 'q', max: 2, out, baseUrl: down.base, delayMs: 0, retries: 2 })
		).rejects.toThrow(/unavailable after 3 attempts: HTTP 500/);
		expect(down.seen).toHaveLength(3);
		await new Promise((resolve) => server?.close(resolve));
		const bad = await serve(() => ({ status: 400, body: 'bad query' }));
		await expect(
			fetchArxiv({ query: 'q', max: 2, out, baseUrl: bad.base, delayMs: 0 })
		).rejects.toThrow(/refused.*HTTP 400/);
		expect(bad.seen).toHaveLength(1);
	});
});
