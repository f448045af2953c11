// npm run hostile:api [-- --papers N --every K]: the production server over a throwaway Neo4j
// with N generated abstracts plus hostile ones (names, titles and abstracts with <script>, a
// javascript: URL), then every API parameter with injection payloads and every kind of write
// through the Cypher console (tests/reliability/hostile.ts), then the hostile text in headless
// Chromium: it must render as text and run nothing. Prints a summary; exits 1 on any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readRows } from '../../graph/driver.js';
import { graphFingerprint } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { smallNeo4jByDefault } from '../../support/throwaway-db.js';
import { startServedGraph, stopOnSignals } from '../../support/traffic.js';
import { launchBrowser } from '../../support/browser-app.js';
import { printHostile, runHostile } from './hostile.js';

const { values } = parseArgs({
	options: {
		papers: { type: 'string', default: '500' },
		every: { type: 'string', default: '1' }
	}
});
smallNeo4jByDefault();

const HOSTILE_ENTITY = 'model:hostile-script-name';
const HOSTILE_NAME = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">Net';
const HOSTILE_PAPERS = [
	{
		id: 'hostile-title',
		title: 'Pwn <script>window.__pwned = 3</script> <svg onload="window.__pwned=4"> Title',
		abstract:
			'We present <script>window.__pwned = 5</script>EvilNet, which builds on Stable Diffusion <img src=x onerror="window.__pwned=6"> and is evaluated on COCO with FID.',
		year: 2024,
		url: 'javascript:window.__pwned=7'
	},
	{
		id: 'hostile-unicode',
		title: 'RTL \u202eelttit\u202c and combining S\u0301\u0302D\u0303 marks',
		abstract: 'We propose ZeroNet\u200b, built upon SDXL \u0000 with LoRA. Evaluated on MS COCO.',
		year: 2024
	}
];

const served = await startServedGraph({ papers: Number(values.papers), batchSize: 500 });
stopOnSignals(served.stop);
let ok: boolean | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-hostile-'));
try {
	const file = path.join(tmp, 'hostile.jsonl');
	fs.writeFileSync(file, HOSTILE_PAPERS.map((p) => JSON.stringify(p)).join('\n') + '\n');
	await ingest(served.db, { files: [file] });
	await served.db.driver.executeQuery(
		`MATCH (e:Entity {id: 'model:sdxl'})
		 MERGE (x:Entity:Model {id: $id})
		 SET x = e {.*, id: $id, name: $name, aliases: []}`,
		{ id: HOSTILE_ENTITY, name: HOSTILE_NAME }
	);
	const [a, b] = await readRows<{ id: string }>(
		served.db,
		'MATCH (e:Entity) RETURN e.id AS id ORDER BY COUNT { (e)--() } DESC LIMIT 2'
	);
	const report = await runHostile({
		base: served.app.url,
		ids: { entity: a!.id, other: b!.id, paper: 'gen-1' },
		fingerprint: () => graphFingerprint(served.db),
		every: Number(values.every),
		log: console.log
	});
	ok = printHostile(report);

	// The hostile text in the real browser: shown as text, nothing runs.
	const browser = await launchBrowser();
	const problems: string[] = [];
	try {
		const page = await browser.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		// Any hostile snippet that runs sets window.__pwned: report it from every page visited.
		// A string, not a function: tsx's helpers would not exist in the page.
		await page.addInitScript(
			"Object.defineProperty(window, '__pwned', { set: (v) => console.log('PWNED ' + v), get: () => undefined });"
		);
		page.on('console', (m) => {
			if (m.text().startsWith('PWNED')) problems.push(`hostile text ran: ${m.text()}`);
		});
		page.setDefaultTimeout(20_000);
		const checks: [string, string, string][] = [
			[`/entity/${encodeURIComponent(HOSTILE_ENTITY)}`, 'h2', HOSTILE_NAME],
			['/paper/hostile-title', 'h1', HOSTILE_PAPERS[0]!.title],
			['/paper/hostile-unicode', 'h1', HOSTILE_PAPERS[1]!.title]
		];
		for (const [url, selector, expected] of checks) {
			await page.goto(served.app.url + url);
			const text = await page.locator(selector).last().textContent();
			// Ingest stores text in Unicode NFC: combining marks compose, the rest is kept.
			if (text !== expected.normalize('NFC'))
				problems.push(`${url}: ${selector} shows ${JSON.stringify(text)}`);
		}
		// The abstract with its <script> and <img onerror>, as text.
		await page.goto(`${served.app.url}/paper/hostile-title`);
		const abstract = await page.locator('[data-testid="abstract"]').textContent();
		if (!abstract?.includes('<script>window.__pwned = 5</script>'))
			problems.push(`the abstract does not show its <script> as text: ${abstract}`);
		// The javascript: URL must not run when followed.
		const link = page.locator('a[href^="javascript:"]');
		if (await link.count()) {
			await link
				.first()
				.click({ timeout: 5000 })
				.catch(() => {});
			problems.push('a javascript: URL from the data is rendered as a link');
		}
		await page.goto(served.app.url);
		await page.locator('#search').fill('Net');
		await page.locator('[role="option"]').first().waitFor();
		await page.locator('[role="option"]', { hasText: 'Net' }).first().click();
		await page.waitForTimeout(1000);
		problems.push(...errors.map((e) => `page error: ${e}`));
	} finally {
		await browser.close();
	}
	console.log(
		`  browser: hostile names, titles, abstracts, URL  ${problems.length ? 'FAILED' : 'rendered as text, nothing ran  ok'}`
	);
	for (const p of problems) console.log(`    ${p}`);
	ok &&= problems.length === 0;
} finally {
	await served.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
