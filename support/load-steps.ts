// The load suite's steps and verdicts, shared by `npm run load:api` and the smoke test in
// `npm test`: mixed traffic at rising concurrency against a running server, with its memory.
import type { Db } from '../graph/driver.js';
import { drive, mixedPaths, rssMiB, trafficTargets, type DriveResult } from './traffic.js';

export interface Step extends DriveResult {
	concurrency: number;
	rssStart: number;
	rssEnd: number;
	/** The repeat of the first step at the end, for the memory verdict. */
	repeat?: boolean;
}

export interface LoadReport {
	steps: Step[];
	/** Index of the first step whose throughput no longer rose by 10 % (saturation). */
	saturatedAt: number;
	seconds: number;
}

export interface LoadOptions {
	base: string;
	/** the server's database, where the traffic's targets are read */
	db: Db;
	pid: number;
	steps: number[];
	seconds: number;
	/** Repeat the first step at the end (memory verdict); default true. */
	repeat?: boolean;
	log?: (line: string) => void;
}

export const P95_TARGET_MS = 150;

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
	const started = performance.now();
	const paths = mixedPaths(await trafficTargets(options.db));
	// Warm-up: query plans and caches, so step 1 measures serving, not first use.
	await drive(options.base, paths, { concurrency: 2, seconds: Math.min(5, options.seconds) });
	const steps: Step[] = [];
	const plan = options.steps.map((c) => ({ concurrency: c, repeat: false }));
	if (options.repeat ?? true) plan.push({ concurrency: options.steps[0]!, repeat: true });
	for (const { concurrency, repeat } of plan) {
		const rssStart = rssMiB(options.pid);
		const result = await drive(options.base, paths, {
			concurrency,
			seconds: options.seconds,
			timeoutMs: 30_000
		});
		const step = { ...result, concurrency, rssStart, rssEnd: rssMiB(options.pid), repeat };
		steps.push(step);
		options.log?.(
			`  concurrency ${String(concurrency).padStart(3)}${repeat ? ' (again)' : ''}: ${result.rps.toFixed(1)} req/s, p95 ${result.p95.toFixed(0)} ms, ${result.errors} errors, RSS ${step.rssEnd.toFixed(0)} MiB`
		);
	}
	const ramp = steps.filter((s) => !s.repeat);
	let saturatedAt = ramp.findIndex((s, i) => i > 0 && s.rps < ramp[i - 1]!.rps * 1.1);
	if (saturatedAt < 0) saturatedAt = ramp.length;
	return { steps, saturatedAt, seconds: (performance.now() - started) / 1000 };
}

/**
 * Steady growth, judged from the server's RSS at the end of each step: a leak keeps growing
 * when the same load comes back, whereas caches and buffers sized by concurrency settle. So it
 * fails when the repeated first step ends more than max(100 MiB, 50 %) above where that step
 * ended the first time, and RSS rose at the end of every step on the way.
 */
export function leakVerdict(r: LoadReport): { growth: number; leak: boolean; rising: boolean } {
	const first = r.steps[0]!;
	const last = r.steps.at(-1)!;
	const growth = last.rssEnd - first.rssEnd;
	const rising = r.steps.every((s, i) => i === 0 || s.rssEnd > r.steps[i - 1]!.rssEnd);
	const leak = last.repeat === true && rising && growth > Math.max(100, first.rssEnd * 0.5);
	return { growth, leak, rising };
}

export function sustainedRps(r: LoadReport): Step | undefined {
	return r.steps
		.filter((s) => !s.repeat && s.p95 <= P95_TARGET_MS && s.errors === 0)
		.sort((a, b) => b.rps - a.rps)[0];
}

/** The summary table; returns whether every figure passed. */
export function printLoad(r: LoadReport, what: string, log = console.log): boolean {
	const ms = (v: number) => v.toFixed(0).padStart(7);
	log(
		`\nload:api — ${what}, mixed search/entity/neighbourhood/paths/lineage, ${r.steps[0]?.seconds.toFixed(0)} s per step`
	);
	log('  concurrency   req/s  p50 ms  p95 ms  p99 ms  errors  RSS start → end MiB');
	let ok = true;
	for (const [i, s] of r.steps.entries()) {
		const belowSaturation = !s.repeat && i < r.saturatedAt;
		const bad = belowSaturation && s.errors > 0;
		ok &&= !bad;
		log(
			`  ${`${s.concurrency}${s.repeat ? ' again' : ''}`.padStart(11)} ${s.rps.toFixed(1).padStart(7)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${String(s.errors).padStart(7)}  ${s.rssStart.toFixed(0).padStart(5)} → ${s.rssEnd.toFixed(0).padEnd(5)}${i === r.saturatedAt && !s.repeat ? '  saturated' : ''}${bad ? '  FAILED (errors below saturation)' : ''}`
		);
	}
	const best = sustainedRps(r);
	log(
		`  sustained at p95 ≤ ${P95_TARGET_MS} ms: ${best ? `${best.rps.toFixed(1)} req/s (concurrency ${best.concurrency})` : 'none of the steps'}`
	);
	const mem = leakVerdict(r);
	ok &&= !mem.leak;
	log(
		`  server RSS growth, first step → repeat: ${mem.growth >= 0 ? '+' : ''}${mem.growth.toFixed(0)} MiB${mem.rising ? ', rising at every step' : ''}  ${mem.leak ? 'FAILED (steady growth)' : 'ok'}`
	);
	log(`  ${(r.seconds / 60).toFixed(1)} min`);
	return ok;
}
