// Runs the production build of the app (building it first when missing or stale), as users do.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../graph/config.js';
import { findFreePort } from '../graph/local-server.js';
import { buildApp, buildIsStale } from '../cli/commands/up.js';

export interface RunningApp {
	url: string;
	/** The server process, for its memory (RSS) in the load suite. */
	pid: number;
	stop: () => Promise<void>;
	logs: () => string;
}

let built = false;

/** Builds once per test process; concurrent files are serialised by the integration project. */
export function ensureBuilt(): void {
	if (built && fs.existsSync(path.join(PROJECT_ROOT, 'build', 'index.js'))) return;
	if (buildIsStale()) buildApp(() => {});
	built = true;
}

export async function startApp(env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
	ensureBuilt();
	const port = await findFreePort();
	const child: ChildProcess = spawn(
		process.execPath,
		[path.join(PROJECT_ROOT, 'build', 'index.js')],
		{
			cwd: PROJECT_ROOT,
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: `http://127.0.0.1:${port}`,
				LINEAGE_LOG: 'off',
				...env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}):\n${output}`);
		try {
			await fetch(`${url}/api/health`);
			break;
		} catch {
			if (Date.now() > deadline) {
				child.kill('SIGKILL'); // never leave a half-started server behind
				throw new Error(`The app did not answer within 30 s:\n${output}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		url,
		pid: child.pid!,
		logs: () => output,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				const force = setTimeout(() => child.kill('SIGKILL'), 5000);
				child.once('exit', () => {
					clearTimeout(force);
					resolve();
				});
				child.kill('SIGTERM');
			})
	};
}

interface Health {
	projection?: { state: string; lastLoad?: { ms: number; error?: string } };
	analytics?: { state: string };
}

/**
 * The server's /api/health, or undefined when it does not answer: a copy of a big graph is built
 * in one go, holding the server's event loop for seconds, and a kept-alive connection may be
 * reset meanwhile, so the caller asks again.
 */
const health = (base: string): Promise<Health | undefined> =>
	fetch(`${base}/api/health`)
		.then((r) => r.json() as Promise<Health>)
		.catch(() => undefined);

/**
 * Waits until the server holds its in-memory copy of the graph (loaded in the background at
 * start; see src/lib/server/projection.ts): measure the server as it runs, not as it starts.
 */
export async function projectionReady(base: string, log: (line: string) => void): Promise<void> {
	const started = performance.now();
	for (;;) {
		const h = await health(base);
		const state = h ? (h.projection?.state ?? 'off') : 'loading';
		const last = h?.projection?.lastLoad;
		if (state === 'ready' || state === 'off') {
			if (last) log(`the server's copy of the graph loaded in ${last.ms} ms`);
			return;
		}
		if (last?.error) throw new Error(`the server could not copy the graph: ${last.error}`);
		if (performance.now() - started > 300_000) throw new Error('the graph copy did not load');
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * Waits until the server's analytics (communities, importance) answer the current graph version:
 * they are computed once per version in a worker, which on a small machine shares the cores with
 * the answers a benchmark measures.
 */
export async function analyticsReady(base: string, log: (line: string) => void): Promise<void> {
	const started = performance.now();
	for (;;) {
		const h = await health(base);
		const state = h ? (h.analytics?.state ?? 'off') : 'unknown';
		if (state === 'ready' || state === 'off' || state === 'failed') {
			const waited = Math.round(performance.now() - started);
			log(`the server's analytics: ${state} after waiting ${waited} ms`);
			return;
		}
		if (performance.now() - started > 1_800_000) throw new Error('the analytics did not finish');
		await new Promise((r) => setTimeout(r, 500));
	}
}
