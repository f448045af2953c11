// Worker thread for `extract --report`: papers in, PaperDigests out (a few names and counts per
// paper, so little crosses threads). Same pattern as ingest/extract/pool/worker.ts.
import { parentPort } from 'node:worker_threads';
import { extractPaper } from '../extract/index.js';
import type { Paper } from '../types.js';
import { digestExtraction, type PaperDigest } from './corpus-report.js';

export interface DigestJob {
	id: number;
	papers: Paper[];
}

/** One result per paper, in order: its digest, or why extraction failed. */
export type DigestResult = { ok: true; digest: PaperDigest } | { ok: false; reason: string };

export interface DigestJobResult {
	id: number;
	results: DigestResult[];
}

export function digestBatch(job: DigestJob): DigestJobResult {
	return {
		id: job.id,
		results: job.papers.map((paper): DigestResult => {
			try {
				return { ok: true, digest: digestExtraction(extractPaper(paper)) };
			} catch (err) {
				return { ok: false, reason: `extraction failed: ${(err as Error).message}` };
			}
		})
	};
}

parentPort?.on('message', (job: DigestJob) => {
	parentPort!.postMessage(digestBatch(job));
});
