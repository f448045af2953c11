// `npm run bench:ui`: the explorer in headless Chromium with a big graph in view. Generates a
// corpus, loads it into a throwaway Neo4j (own port and data folder), serves the built app and
// prints time to first render, layout time, median frame time while panning and zooming, and
// the JavaScript transferred on first load (gzip). Targets from issue 6 are printed alongside.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { findFreePort } from '../graph/local-server.js';
import { runCli } from '../tests/helpers/cli.js';
import { ensureBuilt, launchBrowser, startApp } from '../tests/e2e/app.js';
import { writeCorpus } from './corpus.js';

const ABSTRACTS = Number(process.env.BENCH_UI_ABSTRACTS ?? 6000);
const VIEW_LIMIT = Number(process.env.BENCH_UI_NODES ?? 3500);

function log(line: string) {
	process.stdout.write(`${line}\n`);
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

async function cli(args: string[], env: NodeJS.ProcessEnv) {
	const r = await runCli(args, { env, timeoutMs: 30 * 60_000 });
	if (r.code !== 0) throw new Error(`lineage ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
	return r;
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-bench-ui-'));
	const port = await findFreePort();
	const dbEnv = { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${port}` };
	const localEnv = { ...process.env };
	delete localEnv.NEO4J_URI;
	let app: Awaited<ReturnType<typeof startApp>> | null = null;
	let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
	try {
		log(`building the app (if stale) …`);
		await ensureBuilt();
		log(`starting a throwaway Neo4j on ${port} …`);
		await cli(
			['db', 'start', '--port', String(port), '--data', path.join(work, 'neo4j')],
			localEnv
		);
		const corpus = path.join(work, 'corpus.txt');
		await writeCorpus(corpus, ABSTRACTS);
		log(`ingesting ${ABSTRACTS} generated abstracts …`);
		await cli(['ingest', corpus], dbEnv);

		app = await startApp(dbEnv);
		browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		const scripts = new Map<string, number>();
		page.on('response', async (res) => {
			if (res.request().resourceType() !== 'script') return;
			try {
				scripts.set(res.url(), gzipSync(await res.body()).length);
			} catch {
				// Bodies of redirected or aborted responses are unavailable; they carry no code.
			}
		});

		const started = Date.now();
		await page.goto(`${app.url}/?limit=${VIEW_LIMIT}`);
		await page.waitForFunction(
			() => {
				const el = document.querySelector('[data-testid="graph-canvas"]');
				return (
					el &&
					Number(el.getAttribute('data-nodes')) > 0 &&
					el.getAttribute('data-laying') === 'false'
				);
			},
			undefined,
			{ timeout: 120_000, polling: 50 }
		);
		const firstRender = Date.now() - started;
		const info = await page.evaluate(() => {
			const el = document.querySelector('[data-testid="graph-canvas"]')!;
			const cy = (el as unknown as { cy: { nodes: () => unknown[]; edges: () => unknown[] } }).cy;
			return {
				nodes: cy.nodes().length,
				edges: cy.edges().length,
				layoutMs: Number(el.getAttribute('data-layout-ms'))
			};
		});

		// Pan and zoom for a few seconds, timing frames with requestAnimationFrame.
		const box = (await page.locator('[data-testid="graph-canvas"]').boundingBox())!;
		await page.evaluate(() => {
			const w = window as unknown as { __frames: number[] };
			w.__frames = [];
			let last = performance.now();
			const tick = (t: number) => {
				w.__frames.push(t - last);
				last = t;
				if (w.__frames.length < 100_000) requestAnimationFrame(tick);
			};
			requestAnimationFrame(tick);
		});
		const cx = box.x + box.width / 2;
		const cy = box.y + box.height / 2;
		for (let round = 0; round < 4; round++) {
			await page.mouse.move(cx, cy);
			await page.mouse.down();
			for (let i = 0; i < 30; i++) await page.mouse.move(cx + i * 6, cy + i * 3);
			await page.mouse.up();
			for (let i = 0; i < 10; i++) await page.mouse.wheel(0, round % 2 ? 120 : -120);
		}
		const frames = await page.evaluate(
			() => (window as unknown as { __frames: number[] }).__frames
		);
		const jsGzip = [...scripts.values()].reduce((a, b) => a + b, 0);

		const rows: [string, string, string][] = [
			['graph in view', `${info.nodes} nodes, ${info.edges} edges`, '≥ 3,000 / 6,000'],
			['explorer usable (navigation → laid out)', `${firstRender} ms`, '≤ 1,500 ms'],
			['layout', `${info.layoutMs} ms`, '≤ 3,000 ms'],
			[
				'median frame, pan/zoom',
				`${median(frames.slice(1)).toFixed(1)} ms (${frames.length} frames)`,
				'≤ 32 ms'
			],
			[
				'JavaScript transferred (gzip)',
				`${(jsGzip / 1024).toFixed(1)} KB in ${scripts.size} files`,
				'≤ 300 KB'
			]
		];
		log('');
		for (const [k, v, t] of rows) log(`${k.padEnd(42)} ${v.padEnd(34)} target ${t}`);
	} finally {
		await browser?.close().catch(() => {});
		await app?.stop();
		await runCli(['db', 'stop', '--port', String(port), '--data', path.join(work, 'neo4j')], {
			env: localEnv
		}).catch(() => {});
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err instanceof Error ? err.message : err);
	process.exitCode = 1;
});
