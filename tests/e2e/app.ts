// Shared harness for the browser tests: a built app, the sample corpus in the test Neo4j, the
// production server on a free port, and headless Debian Chromium driven by playwright-core.
// Everything started here is stopped by the returned `close()`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../graph/config.js';
import { findFreePort } from '../../graph/local-server.js';
import { runCli } from '../helpers/cli.js';
import type { DbConfig } from '../../graph/config.js';

export const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-results', 'screenshots');
const BUILD_ENTRY = path.join(PROJECT_ROOT, 'build', 'index.js');
const SAMPLE = path.join('ingest', 'sample', 'sample-corpus.txt');

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		const t = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
		if (t > newest) newest = t;
	}
	return newest;
}

/** Builds the app when build/index.js is missing or older than anything under src/ or graph/. */
export async function ensureBuilt(): Promise<void> {
	const inputs = Math.max(
		newestMtime(path.join(PROJECT_ROOT, 'src')),
		newestMtime(path.join(PROJECT_ROOT, 'graph')),
		fs.statSync(path.join(PROJECT_ROOT, 'package.json')).mtimeMs
	);
	if (fs.existsSync(BUILD_ENTRY) && fs.statSync(BUILD_ENTRY).mtimeMs >= inputs) return;
	await new Promise<void>((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
			{ cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let log = '';
		child.stdout?.on('data', (d) => (log += d));
		child.stderr?.on('data', (d) => (log += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`vite build failed (${code}):\n${log.slice(-4000)}`))
		);
	});
}

export function dbEnv(db: DbConfig): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: db.uri };
	if (db.kind === 'external') {
		env.NEO4J_USER = db.user;
		env.NEO4J_PASSWORD = db.password;
	}
	return env;
}

/** Empties the test graph and ingests the bundled sample corpus. */
export async function loadSampleCorpus(db: DbConfig): Promise<void> {
	const env = dbEnv(db);
	const reset = await runCli(['reset', '--yes'], { env });
	if (reset.code !== 0) throw new Error(`lineage reset failed: ${reset.stderr || reset.stdout}`);
	const ingest = await runCli(['ingest', SAMPLE], { env });
	if (ingest.code !== 0)
		throw new Error(`lineage ingest failed: ${ingest.stderr || ingest.stdout}`);
}

export interface RunningApp {
	url: string;
	server: ChildProcess;
	log: () => string;
	stop: () => Promise<void>;
}

/** `node build/index.js` on a free port, resolved once /api/health answers (any status). */
export async function startApp(env: NodeJS.ProcessEnv): Promise<RunningApp> {
	const port = await findFreePort();
	const server = spawn(process.execPath, [BUILD_ENTRY], {
		cwd: PROJECT_ROOT,
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	server.stdout?.on('data', (d) => (output += d));
	server.stderr?.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}`;
	const stop = () =>
		new Promise<void>((resolve) => {
			if (server.exitCode != null || server.signalCode != null) return resolve();
			const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
			server.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			server.kill('SIGTERM');
		});
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (server.exitCode != null) throw new Error(`the app exited early:\n${output}`);
		try {
			await fetch(`${url}/api/health`);
			return { url, server, log: () => output, stop };
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	await stop();
	throw new Error(`the app did not start within 30 s:\n${output}`);
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Harness {
	app: RunningApp;
	browser: Browser;
	newPage: (options?: { dark?: boolean }) => Promise<Page>;
	/** Errors thrown in any page (uncaught), to assert there were none. */
	pageErrors: string[];
	close: () => Promise<void>;
}

export async function startHarness(env: NodeJS.ProcessEnv): Promise<Harness> {
	const app = await startApp(env);
	let browser: Browser;
	try {
		browser = await launchBrowser();
	} catch (err) {
		await app.stop();
		throw err;
	}
	const pageErrors: string[] = [];
	return {
		app,
		browser,
		pageErrors,
		newPage: async (options = {}) => {
			const page = await browser.newPage({
				viewport: { width: 1280, height: 860 },
				colorScheme: options.dark ? 'dark' : 'light'
			});
			page.on('pageerror', (e) => pageErrors.push(e.message));
			page.setDefaultTimeout(20_000);
			return page;
		},
		close: async () => {
			await browser.close().catch(() => {});
			await app.stop();
		}
	};
}

export async function screenshot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Waits until the graph canvas has nodes and no layout is running. */
export async function waitForGraph(page: Page, minNodes = 1): Promise<number> {
	await page.waitForFunction(
		(min) => {
			const el = document.querySelector('[data-testid="graph-canvas"]');
			return (
				el &&
				Number(el.getAttribute('data-nodes')) >= min &&
				el.getAttribute('data-laying') === 'false'
			);
		},
		minNodes,
		{ timeout: 30_000 }
	);
	return Number(await page.getAttribute('[data-testid="graph-canvas"]', 'data-nodes'));
}
