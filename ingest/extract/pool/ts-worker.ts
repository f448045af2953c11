// A worker thread running a TypeScript module. Node 20 loads a worker's entry before `--import`
// hooks apply (and workers inherit neither tsx's loader nor Vitest's), so a tiny bootstrap
// registers tsx first and then imports the module.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const TSX_API =
	typeof import.meta.resolve === 'function'
		? import.meta.resolve('tsx/esm/api')
		: pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
				/\.cjs$/,
				'.mjs'
			);

/** The bootstrap source that loads `module` (a .ts file URL) in a worker. */
export function tsWorkerSource(module: URL): string {
	return `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
}

/** Starts a worker thread on a TypeScript module. */
export function startTsWorker(module: URL, options: WorkerOptions = {}): Worker {
	return new Worker(tsWorkerSource(module), { ...options, eval: true });
}

/**
 * Posts `{ id, ...message }` to a worker and resolves with its reply carrying the same id (the
 * replies of other jobs on the same worker are left to their own listeners); rejects when the
 * worker fails meanwhile.
 */
export function askWorker<R extends { id: number }>(
	worker: Worker,
	id: number,
	message: object
): Promise<R> {
	return new Promise((resolve, reject) => {
		const onMessage = (msg: R) => {
			if (msg.id !== id) return;
			cleanup();
			resolve(msg);
		};
		const onError = (err: Error) => {
			cleanup();
			reject(err);
		};
		const cleanup = () => {
			worker.off('message', onMessage);
			worker.off('error', onError);
		};
		worker.on('message', onMessage);
		worker.on('error', onError);
		worker.postMessage({ id, ...message });
	});
}
