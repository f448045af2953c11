// npm run bench:ingest [-- --papers N --batch N --vocabulary open|closed --corpus FILE --db URI
// --neo4j-data DIR --every S]:
// generates N abstracts (default 100,000; an open vocabulary shaped like the real corpus's by
// default, `closed` for the sample corpus's names only) or takes a corpus file, ingests them into
// a fresh throwaway Neo4j, and prints abstracts/s for read, extract and load separately and end
// to end, and peak memory. `--db URI` loads into an already running (empty, schema applied) Neo4j
// instead, and leaves the graph there for bench:api (`--neo4j-data` names its data folder, so that
// its memory is reported too). Every `--every` seconds (default 60) a line of progress: papers
// loaded, the rate since the last line, this process's live heap and RSS, Neo4j's RSS — the
// memory curve of a long run, which a partial run leaves too.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { dbEnv, resolveDbConfig } from '../graph/config.js';
import { closeDriver, sharedDb } from '../graph/driver.js';
import { loadTimings } from '../graph/queries/load.js';
import { graphStats } from '../graph/queries/stats.js';
import { ingest, type IngestProgress } from '../ingest/pipeline.js';
import { readPapers } from '../ingest/sources/index.js';
import { CORPUS_OPTIONS, corpusChoice, corpusFile, describeCorpus } from '../support/corpus.js';
import { startBenchDb } from '../support/throwaway-db.js';
import { readState } from '../graph/local-server.js';

const { values } = parseArgs({
	options: {
		papers: { type: 'string', default: '100000' },
		batch: { type: 'string', default: '1000' },
		keep: { type: 'boolean', default: false },
		db: { type: 'string' },
		'neo4j-data': { type: 'string' },
		every: { type: 'string', default: '60' },
		...CORPUS_OPTIONS
	}
});
const choice = corpusChoice(Number(values.papers), values);
const batchSize = Number(values.batch);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
sampler.unref();

// RSS follows V8's lazy collection as much as what is live; the live heap after a forced
// collection (the script runs with --expose-gc) is what shows whether memory follows the input.
const gc = (globalThis as { gc?: () => void }).gc;
const live = { scan: 0, load: 0 };
let nextSample = 0;
const sampleLive = (p: IngestProgress) => {
	if (!gc || p.done < nextSample) return;
	nextSample = p.done + count / 20;
	gc();
	live[p.stage] = Math.max(live[p.stage], process.memoryUsage().heapUsed);
};

if (!choice.file) console.log(`preparing ${describeCorpus(choice)}`);
const corpus = await corpusFile(choice);
const mb = fs.statSync(corpus).size / 1e6;
let count = choice.papers;

const bench = values.db
	? {
			db: resolveDbConfig({}, { ...process.env, NEO4J_URI: values.db }),
			dataDir: values['neo4j-data'],
			stop: async () => {}
		}
	: await startBenchDb(values.keep);
const db = sharedDb(bench.db);

// Neo4j's memory, read from /proc: resident now and its peak (VmHWM), in MiB.
const dataDir =
	'dataDir' in bench ? bench.dataDir : bench.db.kind === 'local' ? bench.db.dataDir : undefined;
const neo4jPid = dataDir ? readState(dataDir)?.pid : undefined;
function neo4jRss(): { now: number; peak: number } | undefined {
	if (!neo4jPid) return undefined;
	try {
		const status = fs.readFileSync(`/proc/${neo4jPid}/status`, 'utf8');
		const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
		return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
	} catch {
		return undefined;
	}
}
const started = performance.now();
let last = { at: started, done: 0 };
let loaded = 0;
const progress = setInterval(
	() => {
		const now = performance.now();
		const rate = ((loaded - last.done) / (now - last.at)) * 1000;
		const neo = neo4jRss();
		const m = process.memoryUsage();
		console.log(
			`  ${Math.round((now - started) / 1000)} s: ${loaded.toLocaleString('en')} papers loaded, ${Math.round(rate)}/s; heap ${Math.round(m.heapUsed / 2 ** 20)} MiB, RSS ${Math.round(m.rss / 2 ** 20)} MiB (peak ${Math.round(peakRss / 2 ** 20)})${neo ? `; Neo4j RSS ${Math.round(neo.now)} MiB (peak ${Math.round(neo.peak)})` : ''}`
		);
		last = { at: now, done: loaded };
	},
	Number(values.every) * 1000
);
progress.unref();
try {
	// Read alone, as a reference for the reader's own speed.
	let t = performance.now();
	let read = 0;
	for await (const r of readPapers(corpus)) if (r.ok) read++;
	const readOnly = (performance.now() - t) / 1000;
	if (choice.file) count = read;

	t = performance.now();
	const report = await ingest(db, {
		files: [corpus],
		batchSize,
		onProgress: (p) => {
			if (p.stage === 'load') loaded = p.done;
			if (p.stage === 'load' && live.load === 0) nextSample = 0;
			sampleLive(p);
		},
		workers: process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined
	});
	const total = (performance.now() - t) / 1000;
	const stats = await graphStats(db);

	const rate = (n: number, s: number) => (s > 0 ? Math.round(n / s).toLocaleString('en') : '-');
	console.log('\nbench:ingest');
	console.log(
		`  corpus              ${choice.file ? `${count.toLocaleString('en')} abstracts of ${describeCorpus(choice)}` : describeCorpus(choice)}, ${mb.toFixed(1)} MB, batch ${batchSize}`
	);
	console.log(
		`  read (alone)        ${rate(read, readOnly)} abstracts/s  (${readOnly.toFixed(1)} s)`
	);
	console.log(
		`  read (in pipeline)  ${rate(count, report.seconds.read)} abstracts/s  (${report.seconds.read.toFixed(1)} s, both passes)`
	);
	console.log(
		`  extract             ${rate(count, report.seconds.extract)} abstracts/s  (${report.seconds.extract.toFixed(1)} s waiting on workers)`
	);
	console.log(
		`  load                ${rate(count, report.seconds.load)} abstracts/s  (${report.seconds.load.toFixed(1)} s in transactions, overlapping extraction)`
	);
	console.log(
		`  end to end          ${rate(report.new, total)} abstracts/s  (${total.toFixed(1)} s)  target ≥ 500`
	);
	console.log(
		`  peak memory (RSS)   ${Math.round(peakRss / 2 ** 20)} MiB (this process and its workers; Neo4j runs apart)`
	);
	const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
	console.log(
		gc
			? `  live heap           ${mib(live.scan)} while finding duplicates, ${mib(live.load)} while loading (main thread, after GC, sampled 20 times per stage)`
			: '  live heap           not measured (run with --expose-gc)'
	);
	console.log(
		`  graph               ${stats.papers} papers, ${stats.entities} entities, ${stats.relations} relations, ${stats.evidence} evidence`
	);
	console.log(
		`  report              new ${report.new}, rejected ${report.rejected}, duplicate ${report.duplicate}`
	);
	const neo = neo4jRss();
	if (neo)
		console.log(
			`  Neo4j memory        RSS ${Math.round(neo.now)} MiB, peak ${Math.round(neo.peak)} MiB`
		);
	if (dbEnv().LINEAGE_PROFILE_LOAD) console.log('  load statements ms ', loadTimings());
} finally {
	clearInterval(progress);
	await closeDriver();
	await bench.stop();
}
