// Worker thread: papers in, loader facts out. Extraction is CPU-bound and pure, so it scales
// across cores while the main thread reads input and talks to Neo4j.
import { parentPort } from 'node:worker_threads';
import { extractPaper } from '../index.js';
import { encodeResult, type ExtractJob, type ExtractJobResult } from './wire.js';
import type { PaperFacts } from '../../../graph/rows.js';
import { toFacts } from '../../load/facts.js';

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
