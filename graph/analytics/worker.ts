// The analytics' worker thread (run.ts starts one per graph version): computes, reporting
// progress, and hands the typed arrays back without copying them.
import { parentPort } from 'node:worker_threads';
import { computeAnalytics, type AnalyticsInput, type AnalyticsOptions } from './compute.js';

parentPort!.once('message', (message: { input: AnalyticsInput; options: AnalyticsOptions }) => {
	try {
		const result = computeAnalytics(message.input, message.options, (stage, fraction) =>
			parentPort!.postMessage({ kind: 'progress', stage, fraction })
		);
		const buffers = [result.community, result.importance, result.specificity].map(
			(a) => a.buffer as ArrayBuffer
		);
		parentPort!.postMessage({ kind: 'result', result }, buffers);
	} catch (err) {
		parentPort!.postMessage({ kind: 'error', error: String((err as Error)?.stack ?? err) });
	}
});
