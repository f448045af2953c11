// Reads files, picks papers (all, the first N, or a seeded random sample), extracts them on the
// worker pool and sums the digests into a CorpusReport. The I/O half of `extract --report`.
import { readPapers } from '../sources/index.js';
import type { Paper } from '../types.js';
import { CorpusTally, Reservoir, type CorpusReport } from './corpus-report.js';
import { DigestPool } from './report-pool.js';

export interface ReportOptions {
	format?: string;
	/** Only the first `limit` papers (after rejects are set aside). */
	limit?: number;
	/** A uniform random sample of this many papers (of the first `limit`, when given). */
	sample?: number;
	seed?: number;
	/** Worker threads; 0 extracts in this thread. Default: one per core. */
	workers?: number;
	batchSize?: number;
	onProgress?: (papersDone: number) => void;
}

export interface ReportRun {
	report: CorpusReport;
	/** Papers the input held (read before a limit stopped reading), and the time taken. */
	offered: number;
	seconds: number;
}

export async function reportFiles(
	files: string[],
	options: ReportOptions = {}
): Promise<ReportRun> {
	const started = performance.now();
	const tally = new CorpusTally();
	const batchSize = options.batchSize ?? 1000;
	const limit = options.limit ?? Infinity;
	const reservoir =
		options.sample === undefined
			? undefined
			: new Reservoir<Paper>(options.sample, options.seed ?? 1);
	const pool = new DigestPool(options.workers);
	let inFlight: Promise<void> = Promise.resolve();
	let done = 0;
	let offered = 0;
	let batch: Paper[] = [];

	// One batch at a time on the pool (split across its workers) while the next one is read.
	const flush = async () => {
		const papers = batch;
		batch = [];
		await inFlight;
		inFlight = pool.digest(papers).then((results) => {
			for (const r of results) {
				if (r.ok) tally.add(r.digest);
				else tally.failure();
			}
			done += papers.length;
			options.onProgress?.(done);
		});
		inFlight.catch(() => {}); // surfaced by the next await
	};

	try {
		reading: for (const file of files) {
			for await (const r of readPapers(file, { format: options.format })) {
				if (!r.ok) {
					tally.reject(r.reject);
					continue;
				}
				if (offered >= limit) break reading;
				offered++;
				if (reservoir) reservoir.offer(r.paper);
				else {
					batch.push(r.paper);
					if (batch.length >= batchSize) await flush();
				}
			}
		}
		if (reservoir) {
			const sample = reservoir.sample();
			for (let i = 0; i < sample.length; i += batchSize) {
				batch = sample.slice(i, i + batchSize);
				await flush();
			}
		} else if (batch.length > 0) await flush();
		await inFlight;
	} finally {
		await pool.close();
	}
	return { report: tally.report(), offered, seconds: (performance.now() - started) / 1000 };
}
