// npm run bench:api [-- --papers N --seconds S --concurrency C --vocabulary open|closed --corpus
// FILE --only paths,lineage]: builds the production server, loads a graph ingested from N generated abstracts
// (default 100,000, open vocabulary) or from a corpus file into a fresh Neo4j, then
// drives each endpoint at concurrency C (default 16) for S seconds (default 10) and prints
// requests/s, p50/p95/p99 latency and errors per endpoint. Answers come from the app's cache when
// the same question was asked before (as in real use): the table says how many did, and the p95
// of those that did not (`uncached`), so the cache cannot hide a slow query. `--cache-mb 0` runs
// without it; `--db URI` reuses an already loaded Neo4j instead of ingesting. Before each
// endpoint, `--warmup S` seconds (default 15) of the same traffic on other entities warm Neo4j's
// JIT and page cache: a just-started Neo4j is many times slower for its first minute.
import { parseArgs } from 'node:util';
import { CORPUS_OPTIONS, corpusChoice, describeCorpus } from '../support/corpus.js';
import {
	drive,
	startServedGraph,
	stopOnSignals,
	trafficTargets,
	type DriveResult
} from '../support/traffic.js';

const { values } = parseArgs({
	options: {
		papers: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '10' },
		concurrency: { type: 'string', default: '16' },
		'cache-mb': { type: 'string', default: '64' },
		warmup: { type: 'string', default: '15' },
		db: { type: 'string' },
		keep: { type: 'boolean', default: false },
		// --only paths,lineage: measure these endpoints alone
		only: { type: 'string' },
		...CORPUS_OPTIONS
	}
});
const papers = Number(values.papers);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const served = await startServedGraph({
	papers,
	batchSize: 1000,
	keep: values.keep,
	corpus: corpusChoice(papers, values),
	uri: values.db,
	appEnv: { LINEAGE_API_CACHE_MB: values['cache-mb'] }
});
stopOnSignals(served.stop);
try {
	const base = served.app.url;
	const targets = await trafficTargets(served.db);
	// Warm Neo4j (query plans, page cache) on other entities than the measured ones, so the
	// warm-up answers none of the measured questions from the app's cache.
	const warm = await trafficTargets(served.db, { skip: 200, count: 60 });
	const results: (DriveResult & { name: string; target: number })[] = [];
	const only = values.only?.split(',').map((s) => s.trim());
	const run = async (name: string, list: string[], warmList: string[], target: number) => {
		if (only && !only.includes(name)) return;
		await drive(base, warmList, { concurrency, seconds: Number(values.warmup) });
		results.push({ name, target, ...(await drive(base, list, { concurrency, seconds })) });
		console.log(`  ${name.padEnd(14)} done`);
	};
	await run('search', targets.search, warm.search, 50);
	await run('entity', targets.entity, warm.entity, 50);
	await run('neighbourhood', targets.neighbourhood, warm.neighbourhood, 50);
	await run('paths', targets.paths, warm.paths, 150);
	await run('lineage', targets.lineage, warm.lineage, 150);
	await run('overview', ['/api/overview'], ['/api/overview'], 150);

	const ms = (v: number) => v.toFixed(1).padStart(7);
	console.log(
		`\nbench:api — ${served.papers.toLocaleString('en')} papers in the graph (${values.db ? 'given database' : describeCorpus(corpusChoice(papers, values))}), concurrency ${concurrency}, ${seconds} s per endpoint, cache ${values['cache-mb']} MB`
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
	await served.stop();
}
