// Runs fuzz cases one at a time in a worker thread with a watchdog: an input still running after
// the timeout is a hang (the worker is terminated and replaced), a worker that dies is a crash.
// RSS of the whole process (workers included) is sampled throughout for the memory bound.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ingest/extract/pool/ts-worker.js';
import { ROWS, type FuzzCase, type Row } from '../../support/fuzz-cases.js';
import type { CaseResult } from './harness.js';
import type { Job, WorkerMessage } from './worker.js';

export interface RunOptions {
	seed: number;
	cases: FuzzCase[];
	full: boolean;
	timeoutMs?: number;
	/** Old-generation cap per worker: a reader that slurps without bound dies here, not the box. */
	workerHeapMb?: number;
	onCase?: (c: FuzzCase, outcome: CaseOutcome) => void;
}

export interface CaseOutcome {
	description: string;
	result?: CaseResult;
	hang: boolean;
	crashes: string[];
	ms: number; // wall time reading (and extracting) the input
	cpuMs: number; // the worker thread's CPU time for it (wall time where /proc is missing)
}

export interface RowStats {
	row: Row;
	inputs: number;
	bytes: number;
	records: number;
	rejects: number;
	badRejects: number;
	crashes: number;
	hangs: number;
	expanded: number;
	maxMs: number;
	maxCpuMs: number;
	peakRssMb: number;
	failures: { c: FuzzCase; description: string; what: string[] }[];
}

export interface FuzzSummary {
	seed: number;
	rows: RowStats[];
	total: RowStats;
	peakRssMb: number;
	seconds: number;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

const mb = (bytes: number) => bytes / 2 ** 20;

export async function runFuzz(opts: RunOptions): Promise<FuzzSummary> {
	const timeoutMs = opts.timeoutMs ?? 10_000;
	const started = performance.now();
	const dir = mkdtempSync(join(tmpdir(), 'lineage-fuzz-'));
	const stats = new Map<Row, RowStats>(ROWS.map((row) => [row, emptyStats(row)]));
	let peak = mb(process.memoryUsage.rss());
	let rowPeak = peak;
	const sampler = setInterval(() => {
		const rss = mb(process.memoryUsage.rss());
		peak = Math.max(peak, rss);
		rowPeak = Math.max(rowPeak, rss);
	}, 20);
	let worker: Slot | undefined;
	try {
		let currentRow: Row | undefined;
		for (const c of opts.cases) {
			if (c.row !== currentRow) {
				// A fresh worker per format in the full run: what one format's inputs left on the
				// heap is not counted against the next (the quick run saves the start-ups).
				currentRow = c.row;
				if (worker && opts.full) {
					await worker.worker.terminate();
					worker = undefined;
				}
				rowPeak = mb(process.memoryUsage.rss());
			}
			worker ??= await startWorker(opts.workerHeapMb ?? 2048);
			const outcome = await runOne(
				worker,
				{ seed: opts.seed, case: c, full: opts.full, dir },
				timeoutMs
			);
			if (outcome.hang || outcome.dead) {
				void worker.worker.terminate();
				worker = undefined;
			}
			rowPeak = Math.max(rowPeak, mb(process.memoryUsage.rss()));
			addOutcome(stats.get(c.row)!, c, outcome, rowPeak);
			opts.onCase?.(c, outcome);
		}
	} finally {
		clearInterval(sampler);
		if (worker) await worker.worker.terminate();
		rmSync(dir, { recursive: true, force: true });
	}
	// The kernel's high-water mark catches a spike between two samples.
	peak = Math.max(peak, process.resourceUsage().maxRSS / 1024);
	const rows = [...stats.values()].filter((s) => s.inputs > 0);
	const total = rows.reduce(
		(t, s) => {
			for (const k of [
				'inputs',
				'bytes',
				'records',
				'rejects',
				'badRejects',
				'crashes',
				'hangs',
				'expanded'
			] as const)
				t[k] += s[k];
			t.maxMs = Math.max(t.maxMs, s.maxMs);
			t.maxCpuMs = Math.max(t.maxCpuMs, s.maxCpuMs);
			t.failures.push(...s.failures);
			return t;
		},
		emptyStats('total' as Row)
	);
	total.peakRssMb = peak;
	return {
		seed: opts.seed,
		rows,
		total,
		peakRssMb: peak,
		seconds: (performance.now() - started) / 1000
	};
}

function emptyStats(row: Row): RowStats {
	return {
		row,
		inputs: 0,
		bytes: 0,
		records: 0,
		rejects: 0,
		badRejects: 0,
		crashes: 0,
		hangs: 0,
		expanded: 0,
		maxMs: 0,
		maxCpuMs: 0,
		peakRssMb: 0,
		failures: []
	};
}

function addOutcome(s: RowStats, c: FuzzCase, o: CaseOutcome, rowPeak: number): void {
	s.inputs++;
	s.peakRssMb = Math.max(s.peakRssMb, rowPeak);
	s.maxMs = Math.max(s.maxMs, o.ms);
	s.maxCpuMs = Math.max(s.maxCpuMs, o.cpuMs);
	const what: string[] = [];
	if (o.hang) {
		s.hangs++;
		what.push(
			`hang: ${Math.round(o.cpuMs)} ms CPU (${Math.round(o.ms)} ms wall) and still running`
		);
	}
	if (o.crashes.length) {
		s.crashes++;
		what.push(...o.crashes);
	}
	const r = o.result;
	if (r) {
		s.bytes += r.bytes;
		s.records += r.records;
		s.rejects += r.rejects;
		s.badRejects += r.bad;
		if (r.bad) what.push(...r.badRejects);
		if (r.expanded) {
			s.expanded++;
			what.push(`expanded: ${r.expanded}`);
		}
	}
	if (what.length) s.failures.push({ c, description: o.description, what });
}

interface Slot {
	worker: Worker;
	tid: number | null;
	listen: (fn: (m: WorkerMessage) => void) => void;
	onExit: (fn: (why: string) => void) => void;
}

async function startWorker(heapMb: number): Promise<Slot> {
	const worker = startTsWorker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
	let listener: (m: WorkerMessage) => void = () => {};
	let exitListener: (why: string) => void = () => {};
	worker.on('message', (m: WorkerMessage) => listener(m));
	worker.on('error', (err) =>
		exitListener(`worker died: ${err.name}: ${err.message}`.slice(0, 300))
	);
	worker.on('exit', (code) => exitListener(`worker exited with code ${code}`));
	const tid = await new Promise<number | null>((resolve, reject) => {
		listener = (m) => m.type === 'ready' && resolve(m.tid);
		exitListener = (why) => reject(new Error(`fuzz worker failed to start: ${why}`));
	});
	return { worker, tid, listen: (fn) => (listener = fn), onExit: (fn) => (exitListener = fn) };
}

/**
 * CPU milliseconds a thread has used (Linux /proc), or null. The watchdog counts the worker's
 * CPU time, not wall time: on a shared machine other processes' load must not turn a slow
 * input into a "hang", while a spinning regex still is one.
 */
function threadCpuMs(tid: number | null): number | null {
	if (tid === null) return null;
	try {
		const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime at 100 ticks/s
	} catch {
		return null;
	}
}

function runOne(slot: Slot, job: Job, timeoutMs: number): Promise<CaseOutcome & { dead: boolean }> {
	return new Promise((resolve) => {
		const crashes: string[] = [];
		let description = '(input not built)';
		let t0 = performance.now();
		let cpu0: number | null = null;
		let timer: NodeJS.Timeout | undefined;
		const cpuMs = () => {
			const now = threadCpuMs(slot.tid);
			return now === null || cpu0 === null ? null : now - cpu0;
		};
		const finish = (extra: Partial<CaseOutcome> & { dead?: boolean }) => {
			clearInterval(timer);
			slot.listen(() => {});
			slot.onExit(() => {});
			const ms = performance.now() - t0;
			resolve({
				description,
				hang: false,
				crashes,
				ms,
				cpuMs: cpuMs() ?? ms,
				dead: false,
				...extra
			});
		};
		slot.listen((m) => {
			if (m.type === 'started') {
				description = m.description;
				t0 = performance.now();
				cpu0 = threadCpuMs(slot.tid);
				// Over the limit in CPU time is a hang; so is 6× the limit in wall time (a promise
				// that never settles uses no CPU at all).
				timer = setInterval(() => {
					const wall = performance.now() - t0;
					const used = cpuMs() ?? wall;
					if (used > timeoutMs || wall > 6 * timeoutMs)
						finish({ hang: true, dead: true, cpuMs: used });
				}, 100);
			} else if (m.type === 'unhandled') crashes.push(`unhandled rejection: ${m.message}`);
			else if (m.type === 'done') finish({ result: m.result });
		});
		slot.onExit((why) => {
			crashes.push(why);
			finish({ dead: true });
		});
		slot.worker.postMessage(job);
	});
}

// ---- the table -----------------------------------------------------------------------------

export function formatSummary(s: FuzzSummary, rssBoundMb: number, timeoutMs = 10_000): string {
	const head = [
		'format',
		'inputs',
		'MB in',
		'records read',
		'rejects',
		'no file/line/reason',
		'crashes',
		'hangs',
		'expanded',
		'max CPU ms',
		'max wall ms',
		'peak RSS MiB'
	];
	const row = (r: RowStats) =>
		[
			r.row,
			r.inputs,
			(r.bytes / 1e6).toFixed(1),
			r.records,
			r.rejects,
			r.badRejects,
			r.crashes,
			r.hangs,
			r.expanded,
			Math.round(r.maxCpuMs),
			Math.round(r.maxMs),
			Math.round(r.peakRssMb)
		].map(String);
	const body = [...s.rows.map(row), row(s.total)];
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	return [
		line(head),
		line(widths.map((w) => '-'.repeat(w))),
		...s.rows.map((r) => line(row(r))),
		line(widths.map((w) => '-'.repeat(w))),
		line(row(s.total)),
		'',
		`seed ${s.seed}; ${s.total.inputs} inputs in ${s.seconds.toFixed(0)} s; hang = over ${timeoutMs / 1000} s of CPU time (or ${(6 * timeoutMs) / 1000} s wall); peak RSS ${Math.round(s.peakRssMb)} MiB (bound ${rssBoundMb} MiB)`
	].join('\n');
}

/** Why the run failed, one line per figure out of bounds; empty when it passed. */
export function verdict(s: FuzzSummary, bounds: { rssMb: number; minInputs: number }): string[] {
	const t = s.total;
	const out: string[] = [];
	if (t.inputs < bounds.minInputs) out.push(`only ${t.inputs} inputs (need ≥ ${bounds.minInputs})`);
	if (t.crashes) out.push(`${t.crashes} inputs crashed`);
	if (t.hangs) out.push(`${t.hangs} inputs hung`);
	if (t.badRejects) out.push(`${t.badRejects} rejects without a file, line and reason`);
	if (t.expanded) out.push(`${t.expanded} inputs expanded entities`);
	if (s.peakRssMb > bounds.rssMb)
		out.push(`peak RSS ${Math.round(s.peakRssMb)} MiB over the bound of ${bounds.rssMb} MiB`);
	return out;
}
