// A fixed pool of extraction workers (one per core by default) with an in-process fallback
// when workers are disabled (tests, or `--workers 0`).
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { askWorker, startTsWorker } from './ts-worker.js';
import { decodeResult, type ExtractJobResult, type WireResult } from './wire.js';
import type { Paper } from '../../types.js';

const WORKER_URL = new URL('./worker.ts', import.meta.url);

export class ExtractPool {
	private readonly workers: Worker[] = [];
	private readonly idle: Worker[] = [];
	private readonly waiting: (() => void)[] = [];
	private nextId = 0;
	private local?: (papers: Paper[]) => ExtractJobResult;

	constructor(size = Math.max(1, os.availableParallelism())) {
		for (let i = 0; i < size; i++) {
			const worker = startTsWorker(WORKER_URL);
			worker.unref();
			this.workers.push(worker);
			this.idle.push(worker);
		}
	}

	/** Splits papers into one chunk per worker and extracts them in parallel. */
	async extract(papers: Paper[]): Promise<ExtractJobResult> {
		if (this.workers.length === 0) {
			if (!this.local) {
				const { extractBatch } = await import('./worker.js');
				this.local = (ps) => extractBatch({ id: 0, papers: ps });
			}
			return this.local(papers);
		}
		const size = Math.ceil(papers.length / this.workers.length);
		const chunks: Paper[][] = [];
		for (let i = 0; i < papers.length; i += size) chunks.push(papers.slice(i, i + size));
		const results = await Promise.all(chunks.map((chunk) => this.run(chunk)));
		return {
			id: 0,
			facts: results.flatMap((r) => r.facts),
			failures: results.flatMap((r) => r.failures)
		};
	}

	private async run(papers: Paper[]): Promise<ExtractJobResult> {
		while (this.idle.length === 0) await new Promise<void>((r) => this.waiting.push(r));
		const worker = this.idle.pop()!;
		const id = this.nextId++;
		try {
			return decodeResult(await askWorker<WireResult>(worker, id, { papers }));
		} finally {
			this.idle.push(worker);
			this.waiting.shift()?.();
		}
	}

	async close(): Promise<void> {
		await Promise.all(this.workers.map((w) => w.terminate()));
		this.workers.length = 0;
	}

	static inProcess(): ExtractPool {
		return new ExtractPool(0);
	}
}
