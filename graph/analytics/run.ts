// Runs the analytics in a worker thread, so the server keeps answering while a graph of
// 100,000 papers is analysed. The worker is this folder's worker.ts, loaded through tsx (a
// dependency of the app, as for the `lineage` command); the folder is found from this module's
// place, which is the source tree or the app's build inside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyticsInput, AnalyticsOptions, AnalyticsResult, Progress } from './compute.js';

const WORKER = path.join('graph', 'analytics', 'worker-entry.mjs');

function projectRoot(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		if (fs.existsSync(path.join(dir, WORKER))) return dir;
		const up = path.dirname(dir);
		if (up === dir) break;
		dir = up;
	}
	if (fs.existsSync(path.join(process.cwd(), WORKER))) return process.cwd();
	throw new Error(`The analytics worker (${WORKER}) was not found above ${import.meta.url}`);
}

export function runAnalytics(
	input: AnalyticsInput,
	options: AnalyticsOptions = {},
	progress: Progress = () => {}
): Promise<AnalyticsResult> {
	const root = projectRoot();
	const worker = new Worker(path.join(root, WORKER));
	return new Promise<AnalyticsResult>((resolve, reject) => {
		worker.on(
			'message',
			(
				m:
					| { kind: 'progress'; stage: string; fraction: number }
					| { kind: 'result'; result: AnalyticsResult }
					| { kind: 'error'; error: string }
			) => {
				if (m.kind === 'progress') progress(m.stage, m.fraction);
				else if (m.kind === 'result') resolve(m.result);
				else reject(new Error(m.error));
			}
		);
		worker.on('error', reject);
		worker.on('exit', (code) => reject(new Error(`the analytics worker exited (${code})`)));
		worker.postMessage({ input, options });
	}).finally(() => void worker.terminate());
}
