// What the API benchmark, the load suite and the serving-fault suite share: a production server
// over a throwaway Neo4j loaded with generated abstracts, realistic request targets drawn from
// that graph, and concurrent request loops with latency quantiles.
import fs from 'node:fs';
import { resolveDbConfig } from '../graph/config.js';
import { closeDriver, readRows, sharedDb, type Db } from '../graph/driver.js';
import { ingest, type IngestReport } from '../ingest/pipeline.js';
import { analyticsReady, projectionReady, startApp, type RunningApp } from './app.js';
import { corpusFile, describeCorpus, type CorpusChoice } from './corpus.js';
import { startBenchDb, type BenchDb } from './throwaway-db.js';

export const quantile = (sorted: number[], q: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

export interface ServedGraph {
	bench?: BenchDb; // absent when an already loaded database was given
	app: RunningApp;
	report?: IngestReport;
	papers: number; // in the graph
	/** The process-wide Db, on the served graph. */
	db: Db;
	/** Stops the app, the driver and Neo4j; safe to call twice. */
	stop: () => Promise<void>;
}

/**
 * A fresh Neo4j with N generated abstracts (or a corpus file) ingested, and the production app
 * on it. Everything started is stopped again when any step fails.
 */
export async function startServedGraph(
	options: {
		papers: number;
		/** open vocabulary unless said otherwise; `corpus.file` ingests that file instead */
		corpus?: Omit<CorpusChoice, 'papers'>;
		batchSize?: number;
		keep?: boolean;
		uri?: string; // an already loaded Neo4j to serve instead of a fresh one
		appEnv?: NodeJS.ProcessEnv;
		log?: (line: string) => void;
	} = { papers: 5000 }
): Promise<ServedGraph> {
	const log = options.log ?? console.log;
	const choice: CorpusChoice = { vocabulary: 'open', ...options.corpus, papers: options.papers };
	const corpus = options.uri ? '' : await corpusFile(choice);
	const bench = options.uri ? undefined : await startBenchDb(options.keep, log);
	const uri = options.uri ?? bench!.db.uri;
	const db = sharedDb(resolveDbConfig({}, { NEO4J_URI: uri }));
	let app: RunningApp | undefined;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await app?.stop();
		await closeDriver();
		await bench?.stop();
	};
	try {
		let report: IngestReport | undefined;
		if (bench) {
			log(`ingesting ${describeCorpus(choice)}…`);
			report = await ingest(db, {
				files: [corpus],
				batchSize: options.batchSize ?? 1000
			});
			log(`ingested in ${report.seconds.total.toFixed(0)} s`);
		}
		await db.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: db.database });
		const [count] = await readRows<{ n: number }>(db, 'MATCH (p:Paper) RETURN count(p) AS n');
		app = await startApp({ NEO4J_URI: uri, LINEAGE_LOG: 'off', ...options.appEnv });
		await projectionReady(app.url, log);
		// measured answers do not share the cores with the once-per-version background work
		await analyticsReady(app.url, log);
		return { bench, app, report, papers: count?.n ?? 0, db, stop };
	} catch (err) {
		await stop();
		throw err;
	}
}

export interface Targets {
	search: string[];
	entity: string[];
	neighbourhood: string[];
	paths: string[];
	lineage: string[];
}

/**
 * Realistic request paths: the most connected entities, their names and prefixes, pairs.
 * `skip` chooses other entities (in id order) than the default 200, e.g. to warm a server up
 * without answering the measured questions in advance.
 */
export async function trafficTargets(
	db: Db,
	{ skip = 0, count = 200 }: { skip?: number; count?: number } = {}
): Promise<Targets> {
	const top = await readRows<{ id: string; name: string; type: string }>(
		db,
		`MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type
		 ORDER BY COUNT { (e)--() } DESC LIMIT 40`,
		{}
	);
	const someEntities = await readRows<{ id: string; name: string }>(
		db,
		'MATCH (e:Entity) RETURN e.id AS id, e.name AS name ORDER BY e.id SKIP $skip LIMIT $count',
		{ skip, count }
	);
	const enc = encodeURIComponent;
	const names = someEntities.map((e) => e.name);
	const prefixes = names.map((n) => n.slice(0, Math.max(3, Math.ceil(n.length / 2))));
	const ids = someEntities.map((e) => e.id);
	const models = top.filter((e) => e.type === 'Model').map((e) => e.id);
	const pairs = ids.slice(0, 40).map((id, i) => [id, ids[(i * 7 + 13) % ids.length]!]);
	const lineageIds = skip > 0 ? ids : models.length ? models : ids;
	return {
		search: [...names, ...prefixes].map((q) => `/api/search?q=${enc(q)}`),
		entity: ids.map((id) => `/api/entities/${enc(id)}`),
		neighbourhood: ids.map((id) => `/api/neighbourhood?ids=${enc(id)}&limit=100`),
		paths: pairs.map(([a, b]) => `/api/paths?from=${enc(a!)}&to=${enc(b!)}&k=3&maxLength=4`),
		lineage: lineageIds.map((id) => `/api/lineage/${enc(id)}?depth=3`)
	};
}

/** Interleaves every kind of target, so each request loop meets the whole mix. */
export function mixedPaths(targets: Targets): string[] {
	const lists = Object.values(targets) as string[][];
	const longest = Math.max(...lists.map((l) => l.length));
	const out: string[] = [];
	for (let i = 0; i < longest; i++) for (const l of lists) if (l.length) out.push(l[i % l.length]!);
	return out;
}

export interface Sample {
	path: string;
	status: number; // 0: no answer (connection error or client timeout)
	ms: number;
	start: number; // performance.now() when sent
	cached?: boolean; // answered from the app's response cache
	error?: string;
}

export interface DriveResult {
	requests: number;
	errors: number;
	seconds: number;
	rps: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	statuses: Record<string, number>;
	cached: number; // answers from the app's cache
	uncachedP95: number; // p95 of the others: what the queries themselves cost
}

/** One request with a client-side timeout; never throws. */
export async function timedFetch(base: string, p: string, timeoutMs: number): Promise<Sample> {
	const start = performance.now();
	try {
		const res = await fetch(base + p, { signal: AbortSignal.timeout(timeoutMs) });
		await res.arrayBuffer();
		const cached = res.headers.get('x-cache') === 'hit';
		return { path: p, status: res.status, ms: performance.now() - start, start, cached };
	} catch (err) {
		const error = (err as Error).name === 'TimeoutError' ? 'client timeout' : String(err);
		return { path: p, status: 0, ms: performance.now() - start, start, error };
	}
}

/**
 * C concurrent loops, each fetching the next path in turn until `until()` says stop (or the
 * seconds are up); every answer goes to `onSample` as well.
 */
export async function drive(
	base: string,
	paths: string[],
	options: {
		concurrency: number;
		seconds?: number;
		until?: () => boolean;
		timeoutMs?: number;
		onSample?: (s: Sample) => void;
	}
): Promise<DriveResult> {
	const latencies: number[] = [];
	const uncached: number[] = [];
	const statuses: Record<string, number> = {};
	let errors = 0;
	let next = 0;
	const end = performance.now() + (options.seconds ?? Infinity) * 1000;
	const done = () => performance.now() >= end || (options.until?.() ?? false);
	const loop = async () => {
		while (!done()) {
			const s = await timedFetch(base, paths[next++ % paths.length]!, options.timeoutMs ?? 30_000);
			if (s.status !== 200) errors++;
			statuses[s.status] = (statuses[s.status] ?? 0) + 1;
			latencies.push(s.ms);
			if (!s.cached) uncached.push(s.ms);
			options.onSample?.(s);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: options.concurrency }, loop));
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	uncached.sort((a, b) => a - b);
	return {
		requests: latencies.length,
		errors,
		seconds,
		rps: latencies.length / seconds,
		p50: quantile(latencies, 0.5),
		p95: quantile(latencies, 0.95),
		p99: quantile(latencies, 0.99),
		max: latencies.at(-1) ?? NaN,
		statuses,
		cached: latencies.length - uncached.length,
		uncachedP95: quantile(uncached, 0.95)
	};
}

/** Resident memory of a process in MiB (Linux /proc), NaN when it cannot be read. */
export function rssMiB(pid: number): number {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
		return kb / 1024;
	} catch {
		return NaN;
	}
}

/** Runs `cleanup` on Ctrl-C / kill too, so a suite never leaves a Neo4j or a server behind. */
export function stopOnSignals(cleanup: () => Promise<void>): () => void {
	const handler = (signal: NodeJS.Signals) => {
		console.error(`\n${signal}: stopping what this run started…`);
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', handler);
	process.once('SIGTERM', handler);
	return () => {
		process.off('SIGINT', handler);
		process.off('SIGTERM', handler);
	};
}
