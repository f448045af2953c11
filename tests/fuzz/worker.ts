// Worker thread of the fuzz runner: builds one input, says when it starts reading (the
// watchdog's clock starts there, not while a million-line file is being written), runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { buildCase, type FuzzCase } from '../../support/fuzz-cases.js';
import { removeQuietly, runFileInput, runPapers, writeInput, type CaseResult } from './harness.js';

export interface Job {
	seed: number;
	case: FuzzCase;
	full: boolean;
	dir: string;
}

export type WorkerMessage =
	| { type: 'ready'; tid: number | null }
	| { type: 'started'; description: string; path?: string }
	| { type: 'done'; result: CaseResult }
	| { type: 'unhandled'; message: string };

const post = (m: WorkerMessage) => parentPort!.postMessage(m);

// A promise a reader forgot to await: counted as a crash of the running input.
process.on('unhandledRejection', (err) => {
	post({
		type: 'unhandled',
		message: err instanceof Error ? `${err.name}: ${err.message}` : String(err)
	});
});

parentPort!.on('message', async (job: Job) => {
	const built = buildCase(job.seed, job.case, { full: job.full });
	if (built.kind === 'papers') {
		post({ type: 'started', description: built.description });
		post({ type: 'done', result: runPapers(built.papers) });
		return;
	}
	const path = join(job.dir, `${job.case.row}-${job.case.n}${built.ext}`);
	try {
		const size = writeInput(built, path);
		post({ type: 'started', description: built.description, path });
		post({ type: 'done', result: await runFileInput(path, built, size) });
	} finally {
		removeQuietly(path);
	}
});

post({ type: 'ready', tid: threadId() });

/** This thread's Linux task id, so the runner can read its CPU time from /proc. */
function threadId(): number | null {
	try {
		return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]) || null;
	} catch {
		return null;
	}
}
