// Faults during ingest: the `lineage ingest` process killed (SIGKILL, SIGINT) at random moments,
// and its Neo4j stopped cleanly (`db stop`) or killed (SIGKILL of the launcher) mid-batch and
// started again. After each fault, ingest is re-run to completion and the graph must equal the
// one an uninterrupted run builds: same counts, same checksum of ids, edges and evidence.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../../graph/config.js';
import { openDb, type Db } from '../../graph/driver.js';
import { isLauncherAlive, readState, startServer, stopServer } from '../../graph/local-server.js';
import {
	graphChecksum,
	graphStats,
	resetGraph,
	type GraphStats
} from '../../graph/queries/stats.js';
import { prng, writeCorpus } from '../../support/corpus.js';
import { startBenchDb, type BenchDb } from '../../support/throwaway-db.js';
import { stopOnSignals } from '../../support/traffic.js';

export const FAULTS = ['sigkill', 'sigint', 'db-stop', 'db-kill'] as const;
export type Fault = (typeof FAULTS)[number];

export interface IngestFaultOptions {
	papers: number;
	batch: number;
	/** Trials per kind of fault. */
	trials: Partial<Record<Fault, number>>;
	seed: number;
	log?: (line: string) => void;
	/** the environment its own Neo4j's memory is read from (default: this process's) */
	neo4jEnv?: NodeJS.ProcessEnv;
}

export interface Trial {
	fault: Fault;
	/** Seconds after the start of ingest at which the fault was injected. */
	at: number;
	/** Papers in the graph right after the fault (before the re-run). */
	partial: number;
	/** Exit of the faulted ingest: a signal name, a code, or 'hung' when it had to be killed. */
	exit: string;
	rerunCode: number | null;
	identical: boolean;
	/** Committed papers form whole batches (only meaningful for killed ingest processes). */
	wholeBatches: boolean;
	seconds: number;
	/** Seconds Neo4j took to start again (database faults). */
	restartSeconds?: number;
	note?: string;
}

export interface IngestFaultReport {
	papers: number;
	batch: number;
	cleanSeconds: number;
	expected: { checksum: string; stats: GraphStats };
	trials: Trial[];
	seconds: number;
}

const CLI = path.join(PROJECT_ROOT, 'bin', 'lineage.js');

function spawnIngest(corpus: string, batch: number, env: NodeJS.ProcessEnv): ChildProcess {
	return spawn(process.execPath, [CLI, 'ingest', corpus, '--batch', String(batch)], {
		cwd: PROJECT_ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
	output: string;
}

function exited(child: ChildProcess): Promise<Exit> {
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	return new Promise((resolve) =>
		child.once('close', (code, signal) => resolve({ code, signal, output }))
	);
}

async function runIngest(corpus: string, batch: number, env: NodeJS.ProcessEnv, timeoutMs: number) {
	const child = spawnIngest(corpus, batch, env);
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const result = await exited(child);
	clearTimeout(timer);
	return result;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function paperCount(driver: Driver): Promise<number> {
	const res = await driver.executeQuery('MATCH (p:Paper) RETURN count(p) AS n');
	return Number(res.records[0]?.get('n') ?? 0);
}

/** Kills the Neo4j launcher outright (no shutdown), as a crash or an OOM kill would. */
async function killNeo4j(bench: BenchDb): Promise<void> {
	const state = readState(bench.db.dataDir);
	if (!state || !isLauncherAlive(state.pid)) return;
	process.kill(state.pid, 'SIGKILL');
	while (isLauncherAlive(state.pid)) await sleep(50);
}

export async function runIngestFaults(options: IngestFaultOptions): Promise<IngestFaultReport> {
	const log = options.log ?? console.log;
	const started = performance.now();
	const random = prng(options.seed);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-faults-ingest-'));
	const corpus = path.join(tmp, 'corpus.jsonl');
	await writeCorpus(corpus, options.papers, { seed: options.seed, vocabulary: 'closed' });
	let bench: BenchDb | undefined;
	let db: Db | undefined;
	const children = new Set<ChildProcess>();
	let release = () => {};
	try {
		bench = await startBenchDb(false, log, options.neo4jEnv);
		const own = bench;
		release = stopOnSignals(async () => {
			for (const child of children) child.kill('SIGKILL');
			await own.stop();
		});
		const opened = openDb(bench.db);
		db = opened;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			NEO4J_URI: bench.db.uri,
			NEO4J_USER: 'neo4j',
			NEO4J_PASSWORD: ''
		};
		const snapshot = async () => ({
			checksum: await graphChecksum(opened),
			stats: await graphStats(opened)
		});

		log(`clean run: ${options.papers} abstracts, --batch ${options.batch}`);
		const t0 = performance.now();
		const clean = await runIngest(corpus, options.batch, env, 30 * 60_000);
		if (clean.code !== 0) throw new Error(`the clean ingest failed:\n${clean.output}`);
		const cleanSeconds = (performance.now() - t0) / 1000;
		const expected = await snapshot();
		log(`  ${cleanSeconds.toFixed(1)} s, ${expected.stats.papers} papers`);
		const batchMs = (cleanSeconds * 1000 * options.batch) / Math.max(1, expected.stats.papers);

		const trials: Trial[] = [];
		const plan = FAULTS.flatMap((f) => Array.from({ length: options.trials[f] ?? 0 }, () => f));
		for (const [i, fault] of plan.entries()) {
			await resetGraph(opened);
			const ts = performance.now();
			// A random point of the load: after a random share of the papers is committed, plus a
			// random part of a batch's time, so most faults land inside a transaction.
			const target = Math.floor(random() * 0.9 * expected.stats.papers);
			const extraMs = random() * batchMs;
			const child = spawnIngest(corpus, options.batch, env);
			children.add(child);
			const exit = exited(child);
			while (child.exitCode === null && (await paperCount(opened.driver)) < target)
				await sleep(100);
			await sleep(extraMs);
			const at = (performance.now() - ts) / 1000;
			let note: string | undefined;
			let restartSeconds: number | undefined;
			if (child.exitCode !== null) note = 'ingest had finished before the fault';
			if (fault === 'sigkill') child.kill('SIGKILL');
			else if (fault === 'sigint') child.kill('SIGINT');
			else {
				if (fault === 'db-stop') await stopServer(bench.db);
				else await killNeo4j(bench);
				const tr = performance.now();
				const db = bench.db;
				// A failed start is a finding of its own; try once more so the trials go on.
				await startServer(db).catch(async (err) => {
					note = `Neo4j did not start again at first: ${String(err).split('\n')[0]}`;
					await sleep(5000);
					await startServer(db);
				});
				restartSeconds = (performance.now() - tr) / 1000;
			}
			// A faulted ingest must end by itself (an error, or finishing after the restart).
			const hang = setTimeout(() => child.kill('SIGKILL'), 180_000);
			const ended = await exit;
			clearTimeout(hang);
			children.delete(child);
			const exitLabel =
				ended.signal === 'SIGKILL' && fault !== 'sigkill'
					? 'hung'
					: (ended.signal ?? `code ${ended.code}`);
			const partial = await paperCount(opened.driver);
			const rerun = await runIngest(corpus, options.batch, env, 30 * 60_000);
			const after = await snapshot();
			const identical =
				rerun.code === 0 &&
				after.checksum === expected.checksum &&
				JSON.stringify(after.stats) === JSON.stringify(expected.stats);
			if (rerun.code !== 0) note = `re-run failed: ${rerun.output.trim().split('\n').at(-1)}`;
			else if (!identical) note = `graph differs: ${JSON.stringify(after.stats)}`;
			const trial: Trial = {
				fault,
				at,
				partial,
				exit: exitLabel,
				rerunCode: rerun.code,
				identical,
				wholeBatches: partial % options.batch === 0 || partial === expected.stats.papers,
				seconds: (performance.now() - ts) / 1000,
				restartSeconds,
				note
			};
			trials.push(trial);
			log(
				`  ${String(i + 1).padStart(3)}/${plan.length} ${fault.padEnd(8)} at ${at.toFixed(1)} s: ` +
					`${partial} papers committed, ingest ${exitLabel}, re-run ${rerun.code === 0 ? 'ok' : 'FAILED'}, ` +
					`graph ${identical ? 'identical' : 'DIFFERENT'}, ${trial.seconds.toFixed(0)} s` +
					`${restartSeconds ? ` (Neo4j restart ${restartSeconds.toFixed(0)} s)` : ''}${note ? ` (${note})` : ''}`
			);
		}
		return {
			papers: options.papers,
			batch: options.batch,
			cleanSeconds,
			expected,
			trials,
			seconds: (performance.now() - started) / 1000
		};
	} finally {
		release();
		for (const child of children) child.kill('SIGKILL');
		await db?.driver.close();
		await bench?.stop();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** The summary table; returns whether every figure passed. */
export function printIngestFaults(r: IngestFaultReport, log = console.log): boolean {
	log(
		`\nfaults:ingest — ${r.papers} generated abstracts, --batch ${r.batch}, clean run ${r.cleanSeconds.toFixed(1)} s`
	);
	log('  fault      tried  survived  identical/compared  whole batches  ingest ended   mean s');
	let ok = true;
	for (const fault of FAULTS) {
		const ts = r.trials.filter((t) => t.fault === fault);
		if (!ts.length) continue;
		const survived = ts.filter((t) => t.rerunCode === 0 && t.identical).length;
		const identical = ts.filter((t) => t.identical).length;
		const whole =
			fault === 'sigkill' || fault === 'sigint'
				? `${ts.filter((t) => t.wholeBatches).length}/${ts.length}`
				: '—';
		const exits = Object.entries(
			ts.reduce<Record<string, number>>((m, t) => ({ ...m, [t.exit]: (m[t.exit] ?? 0) + 1 }), {})
		)
			.map(([k, v]) => `${k}×${v}`)
			.join(' ');
		const mean = ts.reduce((s, t) => s + t.seconds, 0) / ts.length;
		const pass = survived === ts.length && !exits.includes('hung');
		ok &&= pass;
		log(
			`  ${fault.padEnd(9)} ${String(ts.length).padStart(5)} ${`${survived}/${ts.length}`.padStart(9)} ${`${identical}/${ts.length}`.padStart(19)} ${whole.padStart(14)}  ${exits.padEnd(13)} ${mean.toFixed(1).padStart(7)}  ${pass ? 'ok' : 'FAILED'}`
		);
	}
	const all = r.trials.length;
	const survived = r.trials.filter((t) => t.rerunCode === 0 && t.identical).length;
	log(
		`  total: ${survived}/${all} faults survived, ${r.trials.filter((t) => t.identical).length}/${all} graphs identical, ${(r.seconds / 60).toFixed(1)} min`
	);
	return ok;
}
