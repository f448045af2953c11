// Shared harness for the browser tests: a built app, the sample corpus in the test Neo4j, the
// production server on a free port, and headless Debian Chromium driven by playwright-core.
// Everything started here is stopped by the returned `close()`.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../graph/config.js';
import { startApp } from './app.js';
import { childEnv } from './child-env.js';
import { runCli } from './cli.js';
import type { DbConfig } from '../graph/config.js';

export { ensureBuilt, startApp, type RunningApp } from './app.js';

export const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-results', 'screenshots');
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

/** Empties the test graph and ingests the bundled sample corpus. */
export async function loadSampleCorpus(db: DbConfig): Promise<void> {
	const env = childEnv(db);
	const reset = await runCli(['reset', '--yes'], { env });
	if (reset.code !== 0) throw new Error(`lineage reset failed: ${reset.stderr || reset.stdout}`);
	const ingest = await runCli(['ingest', SAMPLE], { env });
	if (ingest.code !== 0)
		throw new Error(`lineage ingest failed: ${ingest.stderr || ingest.stdout}`);
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Harness {
	app: Awaited<ReturnType<typeof startApp>>;
	browser: Browser;
	newPage: (options?: { dark?: boolean; pixelRatio?: number }) => Promise<Page>;
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
				deviceScaleFactor: options.pixelRatio ?? 1,
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
