// `npm run bench:extract`: extraction throughput on both cores against plain compromise.
// Builds ≥20,000 abstracts by recombining the seed gold corpus's sentences (deterministic), runs
// the extractor in one worker thread per core, and prints abstracts/s, MB/s and peak memory
// beside compromise's own parse-and-tag throughput on the same corpus, in the same run.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { buildBenchCorpus } from './extract-corpus.js';
import type { WorkRequest, WorkResult } from './extract-worker.js';

const N = Number(process.env.BENCH_ABSTRACTS ?? 20_000);
const BASELINE_N = Number(process.env.BENCH_BASELINE_ABSTRACTS ?? 600);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CORES = Math.max(1, Math.min(2, availableParallelism()));

type Abstract = WorkRequest['papers'][number];

async function startWorkers(count: number): Promise<Worker[]> {
	const url = new URL('./extract-worker.ts', import.meta.url).href;
	// Node 20 workers do not inherit tsx's loader: register it inside the worker, then import
	const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`;
	return Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<Worker>((resolve, reject) => {
					const w = new Worker(boot, { eval: true });
					w.once('message', () => resolve(w));
					w.once('error', reject);
				})
		)
	);
}

function run(w: Worker, req: WorkRequest): Promise<WorkResult> {
	return new Promise((resolve, reject) => {
		w.once('message', resolve);
		w.once('error', reject);
		w.postMessage(req);
	});
}

/**
 * Splits the corpus across workers; returns the wall-clock time of the slowest and the CPU time
 * the process spent meanwhile (all threads: on a shared machine steadier than the wall clock).
 */
async function timed(
	workers: Worker[],
	mode: WorkRequest['mode'],
	papers: Abstract[]
): Promise<{ ms: number; cpuMs: number }> {
	const share = Math.ceil(papers.length / workers.length);
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	await Promise.all(
		workers.map((w, i) => run(w, { mode, papers: papers.slice(i * share, (i + 1) * share) }))
	);
	const cpu = process.cpuUsage(cpu0);
	return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

let peakRss = 0;
const sampler = setInterval(() => {
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const corpus: Abstract[] = buildBenchCorpus(N);
const bytes = corpus.reduce(
	(n, p) => n + Buffer.byteLength(p.title) + Buffer.byteLength(p.abstract) + 2,
	0
);
console.log(
	`corpus: ${corpus.length} abstracts, ${(bytes / 1e6).toFixed(1)} MB, ${CORES} worker threads`
);

const workers = await startWorkers(CORES);
const extractMs: number[] = [];
const extractCpuMs: number[] = [];
for (let r = 0; r < RUNS; r++) {
	const t = await timed(workers, 'extract', corpus);
	extractMs.push(t.ms);
	extractCpuMs.push(t.cpuMs);
}
const baselineSample = corpus.slice(0, BASELINE_N);
const baselineMs = (await timed(workers, 'baseline', baselineSample)).ms;
await Promise.all(workers.map((w) => w.terminate()));
clearInterval(sampler);
// threads share the process, so its peak RSS includes every worker
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const ms = median(extractMs);
const rate = corpus.length / (ms / 1000);
const baseRate = baselineSample.length / (baselineMs / 1000);
console.log(
	`extract:    ${rate.toFixed(0)} abstracts/s, ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s ` +
		`(median of ${RUNS} runs: ${extractMs.map((x) => (x / 1000).toFixed(2) + 's').join(', ')})`
);
console.log(
	`CPU:        ${(median(extractCpuMs) / corpus.length).toFixed(3)} ms per abstract ` +
		`(median of ${RUNS} runs, all threads of the process)`
);
console.log(
	`compromise: ${baseRate.toFixed(0)} abstracts/s on the same corpus (nlp(text).terms().json(), ` +
		`${baselineSample.length} abstracts, ${CORES} workers)`
);
console.log(`ratio:      ${(rate / baseRate).toFixed(1)}× plain compromise`);
console.log(`peak RSS:   ${(peakRss / 2 ** 20).toFixed(0)} MiB (process incl. worker threads)`);
