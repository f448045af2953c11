// npm run bench:api [-- --papers N --seconds S --concurrency C]: builds the production server,
// loads a graph ingested from N generated abstracts (default 100,000) into a fresh Neo4j, then
// drives each endpoint at concurrency C (default 16) for S seconds (default 10) and prints
// requests/s, p50/p95/p99 latency and errors per endpoint. Answers come from the app's cache when
// the same question was asked before (as in real use): the table says how many did, and the p95
// of those that did not (`uncached`), so the cache cannot hide a slow query. `--cache-mb 0` runs
// without it; `--db URI` reuses an already loaded Neo4j instead of ingesting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDriver, getDriver, readRows } from '../graph/driver.js';
import { ingest } from '../ingest/pipeline.js';
import { startApp } from '../tests/helpers/app.js';
import { writeCorpus } from './corpus.js';
import { startBenchDb } from './db.js';

const { values } = parseArgs({
	options: {
		papers: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '10' },
		concurrency: { type: 'string', default: '16' },
		'cache-mb': { type: 'string', default: '64' },
		db: { type: 'string' },
		keep: { type: 'boolean', default: false }
	}
});
const papers = Number(values.papers);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

interface Result {
	name: string;
	requests: number;
	errors: number;
	rps: number;
	p50: number;
	p95: number;
	p99: number;
	cached: number;
	uncachedP95: number;
	target: number;
}

const quantile = (sorted: number[], q: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

/** C concurrent loops, each fetching the next path in turn until the time is up. */
async function drive(base: string, name: string, paths: string[], target: number): Promise<Result> {
	const latencies: number[] = [];
	const uncached: number[] = [];
	let errors = 0;
	let next = 0;
	const end = performance.now() + seconds * 1000;
	const loop = async () => {
		while (performance.now() < end) {
			const p = paths[next++ % paths.length]!;
			const t = performance.now();
			try {
				const res = await fetch(base + p);
				await res.arrayBuffer();
				if (res.status !== 200) errors++;
				const ms = performance.now() - t;
				latencies.push(ms);
				if (res.headers.get('x-cache') !== 'hit') uncached.push(ms);
			} catch {
				errors++;
				latencies.push(performance.now() - t);
			}
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: concurrency }, loop));
	const elapsed = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	uncached.sort((a, b) => a - b);
	return {
		name,
		requests: latencies.length,
		errors,
		rps: latencies.length / elapsed,
		p50: quantile(latencies, 0.5),
		p95: quantile(latencies, 0.95),
		p99: quantile(latencies, 0.99),
		cached: latencies.length - uncached.length,
		uncachedP95: quantile(uncached, 0.95),
		target
	};
}

const corpus = path.join(os.tmpdir(), `lineage-bench-${papers}.jsonl`);
if (!values.db && !fs.existsSync(corpus)) await writeCorpus(corpus, papers);
const bench = values.db ? undefined : await startBenchDb(values.keep);
const uri = values.db ?? bench!.db.uri;
process.env.NEO4J_URI = uri;
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
	if (bench) {
		console.log(`ingesting ${papers.toLocaleString('en')} generated abstracts…`);
		const report = await ingest({ files: [corpus], batchSize: 1000, driver: getDriver() });
		console.log(`ingested in ${report.seconds.total.toFixed(0)} s`);
	}
	const [{ n: loaded }] = await readRows<{ n: number }>('MATCH (p:Paper) RETURN count(p) AS n');
	app = await startApp({
		NEO4J_URI: uri,
		LINEAGE_LOG: 'off',
		LINEAGE_API_CACHE_MB: values['cache-mb']
	});

	// Realistic targets: the most connected entities, their names, pairs of them.
	const top = await readRows<{ id: string; name: string; type: string }>(
		`MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type
		 ORDER BY COUNT { (e)--() } DESC LIMIT 40`
	);
	const someEntities = await readRows<{ id: string; name: string }>(
		'MATCH (e:Entity) RETURN e.id AS id, e.name AS name ORDER BY e.id LIMIT 200'
	);
	const enc = encodeURIComponent;
	const names = someEntities.map((e) => e.name);
	const prefixes = names.map((n) => n.slice(0, Math.max(3, Math.ceil(n.length / 2))));
	const ids = someEntities.map((e) => e.id);
	const models = top.filter((e) => e.type === 'Model').map((e) => e.id);
	const pairs = ids.slice(0, 40).map((id, i) => [id, ids[(i * 7 + 13) % ids.length]!]);

	const results: Result[] = [];
	const run = async (name: string, list: string[], target: number) => {
		await drive(app!.url, name, list.slice(0, 5), target); // warm-up
		const r = await drive(app!.url, name, list, target);
		results.push(r);
		console.log(`  ${name.padEnd(14)} done`);
	};
	await run(
		'search',
		[...names, ...prefixes].map((q) => `/api/search?q=${enc(q)}`),
		50
	);
	await run(
		'entity',
		ids.map((id) => `/api/entities/${enc(id)}`),
		50
	);
	await run(
		'neighbourhood',
		ids.map((id) => `/api/neighbourhood?ids=${enc(id)}&limit=100`),
		50
	);
	await run(
		'paths',
		pairs.map(([a, b]) => `/api/paths?from=${enc(a!)}&to=${enc(b!)}&k=3&maxLength=4`),
		150
	);
	await run(
		'lineage',
		(models.length ? models : ids).map((id) => `/api/lineage/${enc(id)}?depth=3`),
		150
	);
	await run('overview', ['/api/overview'], 150);

	const ms = (v: number) => v.toFixed(1).padStart(7);
	console.log(
		`\nbench:api — ${loaded.toLocaleString('en')} papers in the graph, concurrency ${concurrency}, ${seconds} s per endpoint, cache ${values['cache-mb']} MB`
	);
	console.log(
		'  endpoint        req/s   p50 ms  p95 ms  p99 ms  errors  cached  uncached p95  p95 target'
	);
	for (const r of results) {
		const share = `${Math.round((100 * r.cached) / Math.max(1, r.requests))}%`;
		console.log(
			`  ${r.name.padEnd(14)} ${r.rps.toFixed(0).padStart(6)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${String(r.errors).padStart(7)} ${share.padStart(7)} ${ms(r.uncachedP95).padStart(13)}  ≤ ${r.target} ${r.p95 <= r.target && r.errors === 0 ? 'ok' : 'MISSED'}`
		);
	}
} finally {
	await app?.stop();
	await closeDriver();
	await bench?.stop();
}
