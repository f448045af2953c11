// Worker threads for `extract --report` (one per core by default; 0 = in this thread). Modelled
// on ingest/extract/pool/pool.ts, which returns loader facts instead of digests.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { askWorker, startTsWorker } from '../extract/pool/ts-worker.js';
import type { Paper } from '../types.js';
import type { DigestJobResult, DigestResult } from './report-worker.js';

const WORKER_URL = new URL('./report-worker.ts', import.meta.url);

export class DigestPool {
	private readonly workers: Worker[] = [];
	private nextId = 0;

	constructor(size = Math.max(1, os.availableParallelism())) {
		for (let i = 0; i < size; i++) {
			const worker = startTsWorker(WORKER_URL);
			worker.unref();
			this.workers.push(worker);
		}
	}

	/** Digests papers, one chunk per worker in parallel; results in the papers' order. */
	async digest(papers: Paper[]): Promise<DigestResult[]> {
		if (this.workers.length === 0) {
			const { digestBatch } = await import('./report-worker.js');
			return digestBatch({ id: 0, papers }).results;
		}
		const size = Math.ceil(papers.length / this.workers.length);
		const parts = await Promise.all(
			this.workers.map((w, i) => this.run(w, papers.slice(i * size, (i + 1) * size)))
		);
		return parts.flat();
	}

	private async run(worker: Worker, papers: Paper[]): Promise<DigestResult[]> {
		if (papers.length === 0) return [];
		const reply = await askWorker<DigestJobResult>(worker, this.nextId++, { papers });
		return reply.results;
	}

	async close(): Promise<void> {
		await Promise.all(this.workers.map((w) => w.terminate()));
		this.workers.length = 0;
	}
}
