// Worker thread: papers in, loader facts out. Extraction is CPU-bound and pure, so it scales
// across cores while the main thread reads input and talks to Neo4j.
import { parentPort } from 'node:worker_threads';
import { extractPaper } from './extract/index.js';
import { encodeResult } from './extract-wire.js';
import type { PaperFacts } from '../graph/rows.js';
import { toFacts } from './load/facts.js';
import type { Paper } from './types.js';

export interface ExtractJob {
	id: number;
	papers: Paper[];
}

export interface ExtractJobResult {
	id: number;
	facts: PaperFacts[];
	failures: { paper: Paper; reason: string }[];
}

export function extractBatch(job: ExtractJob): ExtractJobResult {
	const facts: PaperFacts[] = [];
	const failures: ExtractJobResult['failures'] = [];
	for (const paper of job.papers) {
		try {
			facts.push(toFacts(extractPaper(paper)));
		} catch (err) {
			failures.push({ paper, reason: `extraction failed: ${(err as Error).message}` });
		}
	}
	return { id: job.id, facts, failures };
}

parentPort?.on('message', (job: ExtractJob) => {
	parentPort!.postMessage(encodeResult(extractBatch(job)));
});
