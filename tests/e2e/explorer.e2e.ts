// What a researcher sees in the real browser, against the built app and the sample corpus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_RELATIONS } from '../../graph/queries/shared.js';
import { runCli } from '../../support/cli.js';
import { noNeo4j, testDb, testDriver, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	loadSampleCorpus,
	screenshot,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

const XSS_ENTITY = 'model:e2e-script-name';
const XSS_NAME = '<script>window.__pwned = 1</script>ScriptNet';
const XSS_TITLE =
	'Pwn <script>window.__pwned = 2</script> <img src=x onerror="window.__pwned=3"> Title';

async function renderedNodePosition(page: Page, id: string) {
	return page.evaluate((nodeId) => {
		const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
			cy?: { getElementById: (id: string) => { renderedPosition: () => { x: number; y: number } } };
		};
		const box = el.getBoundingClientRect();
		const p = el.cy!.getElementById(nodeId).renderedPosition();
		return { x: box.left + p.x, y: box.top + p.y };
	}, id);
}

describe.skipIf(noNeo4j)('the explorer in a real browser', () => {
	let h: Harness;
	let page: Page;
	let tmp: string;

	beforeAll(async () => {
		await ensureBuilt();
		await loadSampleCorpus(testDb!);
		// Hostile text: a paper title through ingest, an entity name written directly.
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-e2e-'));
		const file = path.join(tmp, 'hostile.jsonl');
		fs.writeFileSync(
			file,
			JSON.stringify({
				id: 'e2e-hostile',
				title: XSS_TITLE,
				abstract:
					'We present a method that builds on Stable Diffusion and is evaluated on COCO with FID.',
				year: 2024
			}) + '\n'
		);
		const ingest = await runCli(['ingest', file], { env: testEnv() });
		expect(ingest.code, ingest.stderr).toBe(0);
		const driver = testDriver();
		try {
			await driver.executeQuery(
				`MATCH (e:Entity {id: 'model:sdxl'})
				 MERGE (x:Entity:Model {id: $id})
				 SET x = e {.*, id: $id, name: $name, aliases: []}`,
				{ id: XSS_ENTITY, name: XSS_NAME }
			);
		} finally {
			await driver.close();
		}
		h = await startHarness(testEnv());
		page = await h.newPage();
	}, 600_000);

	afterAll(async () => {
		await h?.close();
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
		if (testDb) {
			const driver = testDriver();
			await driver.executeQuery('MATCH (x:Entity {id: $id}) DETACH DELETE x', { id: XSS_ENTITY });
			await driver.close();
		}
	});

	it('opens the graph view on the overview with a legend', async () => {
		await page.goto(`${h.app.url}/?view=graph`);
		const nodes = await waitForGraph(page, 10);
		expect(nodes).toBeGreaterThanOrEqual(10);
		await expect(page.locator('details.legend').textContent()).resolves.toContain('builds on');
		await screenshot(page, 'explorer-overview');
	});

	it('loads a view asked with many papers after the page, with the selection kept', async () => {
		// limit + papers above BIG_GRAPH: the HTML carries no graph, the browser fetches it.
		const url = `${h.app.url}/?papers=1000&sel=model%3Asdxl`;
		const html = await (await fetch(url)).text();
		expect(html).toContain('rel="preload"');
		expect(html).toContain('data-url="/api/entities/');
		expect(html).not.toContain('data-url="/api/overview');
		const expected = await (await fetch(`${h.app.url}/api/overview?papers=1000`)).json();
		await page.goto(url);
		const nodes = await waitForGraph(page, 10);
		expect(nodes).toBe(expected.nodes.length);
		// Edges in view, wherever drawn: a big view keeps most of them out of Cytoscape.
		const edges = await page.getAttribute('[data-testid="graph-canvas"]', 'data-edges');
		expect(Number(edges)).toBe(expected.edges.length);
		await expect(page.locator('[data-testid="entity-card"] h2').textContent()).resolves.toBe(
			'SDXL'
		);
		await expect(page.locator('.meta').first().textContent()).resolves.toContain(
			`${nodes} of ${nodes} nodes shown`
		);
		await page.getByRole('checkbox', { name: 'Paper' }).uncheck();
		await page.waitForFunction(() => location.search.includes('types='));
		expect(page.url()).toMatch(/papers=1000/);
		expect(page.url()).toMatch(/sel=model%3Asdxl/);
	});

	it('answers hover, click, wheel, drag and double-click in a big view', async () => {
		// Big views on the 2D canvas are drawn by the batched canvas over a headless Cytoscape;
		// the sample corpus is too small for one, so the URL asks for the batched canvas. As for
		// a big view, the page fetches it with the server's positions after hydrating.
		await page.goto(`${h.app.url}/?limit=200&papers=1000&renderer=batched`);
		await waitForGraph(page, 10);
		const canvas = '[data-testid="graph-canvas"]';
		expect(await page.getAttribute(canvas, 'data-renderer')).toBe('batched');
		// Drawn from those positions before Cytoscape was in.
		const marks = await page.evaluate(() =>
			['lineage:drawn', 'lineage:attached'].map(
				(m) => performance.getEntriesByName(m)[0]?.startTime ?? NaN
			)
		);
		expect(marks[0]).toBeLessThan(marks[1]!);
		const zoom = () =>
			page.evaluate(
				(sel) =>
					(document.querySelector(sel) as HTMLElement & { cy: { zoom(): number } }).cy.zoom(),
				canvas
			);
		// The node under the pointer (SDXL, or a bigger one drawn over it): named by the tooltip,
		// selected by a click.
		const sdxl = await renderedNodePosition(page, 'model:sdxl');
		await page.mouse.move(sdxl.x, sdxl.y);
		const title = page.locator('[role="tooltip"] strong');
		await title.waitFor();
		const name = (await title.textContent())!;
		await page.mouse.click(sdxl.x, sdxl.y);
		await expect(page.locator('[data-testid="entity-card"] h2').textContent()).resolves.toBe(name);
		const id = new URL(page.url()).searchParams.get('sel')!;
		expect(id).toMatch(/^(model|technique|dataset|metric|task):/);
		const at = await renderedNodePosition(page, id);

		// The wheel zooms in around the pointer: the node stays under it. (Pointer events carry
		// whole pixels: point at the node's rounded position, or the zoom magnifies the fraction.)
		const z0 = await zoom();
		await page.mouse.move(Math.round(at.x), Math.round(at.y));
		await page.mouse.wheel(0, -300);
		await page.waitForFunction(
			([sel, z]) =>
				(
					document.querySelector(sel as string) as HTMLElement & { cy: { zoom(): number } }
				).cy.zoom() > (z as number),
			[canvas, z0] as const
		);
		const zoomed = await renderedNodePosition(page, id);
		expect(Math.hypot(zoomed.x - at.x, zoomed.y - at.y)).toBeLessThan(2);
		// Drawn afresh at the new scale once the gesture settles.
		await page.waitForTimeout(400);
		await screenshot(page, 'explorer-big-zoomed');

		// A double-click expands the node under the pointer. Which node lies on top there depends
		// on the layout (a smaller one may sit over it once zoomed): a click names it first.
		await page.mouse.click(zoomed.x, zoomed.y);
		await page.waitForFunction(() => new URL(location.href).searchParams.has('sel'));
		const top = new URL(page.url()).searchParams.get('sel')!;
		await page.mouse.dblclick(zoomed.x, zoomed.y);
		await page.waitForFunction(
			(x) =>
				[...new URL(location.href).searchParams].some(
					([k, v]) => (k === 'x' || k.startsWith('x.') || /^x\d/.test(k)) && v === x
				),
			top
		);
		await waitForGraph(page, 10);

		// Dragging a node moves it with the pointer (the expansion kept it where it was).
		const from = await renderedNodePosition(page, top);
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(from.x + 80, from.y + 40, { steps: 8 });
		await page.mouse.up();
		const dragged = await renderedNodePosition(page, top);
		expect(dragged.x - from.x).toBeCloseTo(80, 0);
		expect(dragged.y - from.y).toBeCloseTo(40, 0);
	});

	it('draws a big view at the size of its box on a high-density screen', async () => {
		const hidpi = await h.newPage({ pixelRatio: 2 });
		await hidpi.goto(`${h.app.url}/?limit=200&papers=1000&renderer=batched`);
		await waitForGraph(hidpi, 10);
		const boxes = await hidpi.evaluate(() => {
			const el = document.querySelector('[data-testid="graph-canvas"]')!;
			const c = el.querySelector('canvas')!;
			const [a, b] = [el.getBoundingClientRect(), c.getBoundingClientRect()];
			return { box: [a.width, a.height], canvas: [b.width, b.height], pixels: c.width };
		});
		expect(boxes.canvas).toEqual(boxes.box);
		expect(boxes.pixels).toBe(Math.round(boxes.box[0]! * 2));
		// Where a node is drawn is where the pointer finds it.
		const at = await renderedNodePosition(hidpi, 'model:sdxl');
		await hidpi.mouse.move(at.x, at.y);
		await hidpi.locator('[role="tooltip"] strong').waitFor();
		await hidpi.close();
	});

	it('finds SDXL by search, selects it and shows an evidence sentence', async () => {
		await page.goto(`${h.app.url}/?view=graph`);
		await waitForGraph(page);
		await page.locator('#search').fill('SDXL');
		const option = page.locator('[role="option"]', { hasText: 'SDXL' }).first();
		await option.waitFor();
		await page.locator('#search').press('Enter');
		const card = page.locator('[data-testid="entity-card"]');
		await expect(card.locator('h2').textContent()).resolves.toBe('SDXL');
		const sentence = card.locator('blockquote').first();
		await sentence.waitFor();
		expect((await sentence.textContent())!.length).toBeGreaterThan(20);
		expect(await card.locator('blockquote mark').count()).toBeGreaterThan(0);
		expect(page.url()).toContain('sel=model%3Asdxl');
		await screenshot(page, 'explorer-sdxl-selected');
	});

	it('shows the strongest relations of a busy entity and loads the rest on demand', async () => {
		// The entity of the sample corpus with the largest group of one type and direction.
		const driver = testDriver();
		let id: string;
		let total: number;
		try {
			const { records } = await driver.executeQuery(
				`MATCH (e:Entity)<-[r:${ALL_RELATIONS}]-()
				 WITH e, type(r) AS t, count(*) AS n ORDER BY n DESC LIMIT 1
				 RETURN e.id AS id, n`
			);
			id = records[0]!.get('id') as string;
			total = Number(records[0]!.get('n'));
		} finally {
			await driver.close();
		}
		expect(total).toBeGreaterThan(20); // else the sample corpus no longer exercises the cap
		await page.goto(`${h.app.url}/entity/${encodeURIComponent(id)}`);
		const card = page.locator('[data-testid="entity-card"]');
		const moreButton = page.locator('[data-testid="relations-more"]');
		const more = card.locator('[data-testid="relations-more"]').first();
		await more.waitFor();
		// Found by its heading: the button goes once the whole group is shown.
		const heading = (await card
			.locator('section', { has: moreButton })
			.first()
			.locator('h4')
			.textContent())!;
		const section = card.locator('section', {
			has: page.locator('h4', { hasText: heading })
		});
		const shown = await section.locator('ul.relations > li').count();
		const left = Number(/^(\d+) more/.exec((await more.textContent())!.trim())?.[1]);
		expect(left).toBeGreaterThan(0);
		await more.click();
		await expect
			.poll(() => section.locator('ul.relations > li').count(), { timeout: 10_000 })
			.toBe(shown + Math.min(left, 50));
		await screenshot(page, 'entity-more-relations');
	});

	it('double-click expands a node in place, and undo takes it back', async () => {
		await page.goto(`${h.app.url}/?limit=8`);
		const before = await waitForGraph(page, 3);
		const at = await renderedNodePosition(page, 'model:stable-diffusion');
		await page.mouse.dblclick(at.x, at.y);
		await page.waitForFunction(
			(n) =>
				Number(document.querySelector('[data-testid="graph-canvas"]')!.getAttribute('data-nodes')) >
				n,
			before
		);
		const after = await waitForGraph(page);
		expect(after).toBeGreaterThan(before);
		await expect(page.locator('[data-testid="notice"]').textContent()).resolves.toMatch(/new node/);
		expect(page.url()).toContain('x=model%3Astable-diffusion');
		await screenshot(page, 'explorer-expanded');
		await page.getByRole('button', { name: /Undo/ }).click();
		await page.waitForFunction(
			(n) =>
				Number(
					document.querySelector('[data-testid="graph-canvas"]')!.getAttribute('data-nodes')
				) === n,
			before
		);
	});

	it('restores selection, expansion and filters from the URL', async () => {
		await page.goto(`${h.app.url}/?limit=8`);
		await waitForGraph(page, 3);
		await page.locator('#search').fill('KOALA');
		await page.locator('[role="option"]', { hasText: 'KOALA' }).first().waitFor();
		await page.locator('#search').press('Enter');
		await page.locator('[data-testid="entity-card"] h2', { hasText: 'KOALA' }).waitFor();
		await page.getByRole('button', { name: 'Pin', exact: true }).click();
		await page.getByRole('checkbox', { name: 'Paper' }).uncheck();
		await page.waitForFunction(() => location.search.includes('types='));
		const url = page.url();
		const shown = await page.locator('.meta').first().textContent();
		expect(url).toMatch(/sel=model%3Akoala/);
		expect(url).toMatch(/x=model%3Akoala/);
		expect(url).toMatch(/pin=model%3Akoala/);

		const again = await h.newPage();
		await again.goto(url);
		await waitForGraph(again, 3);
		await expect(again.locator('[data-testid="entity-card"] h2').textContent()).resolves.toBe(
			'KOALA'
		);
		expect(await again.getByRole('checkbox', { name: 'Paper' }).isChecked()).toBe(false);
		await expect(
			again.getByRole('button', { name: 'Unpin' }).getAttribute('aria-pressed')
		).resolves.toBe('true');
		await expect(again.locator('.meta').first().textContent()).resolves.toBe(shown);
		await screenshot(again, 'explorer-restored');
		await again.close();
	});

	it('finds a path between two entities and shows each hop with its evidence', async () => {
		await page.goto(`${h.app.url}/paths`);
		await page.locator('#from').fill('KOALA');
		await page.locator('#from-list [role="option"]', { hasText: 'KOALA' }).first().waitFor();
		await page.locator('#from').press('Enter');
		await page.locator('#to').fill('Stable Diffusion');
		await page.locator('#to-list [role="option"]').first().waitFor();
		await page
			.locator('#to-list [role="option"]', { hasText: /^Stable Diffusion/ })
			.first()
			.click();
		await page.getByRole('button', { name: 'Find paths' }).click();
		const chain = page.locator('[data-testid="chain"]').first();
		await chain.waitFor();
		const text = (await chain.textContent())!.replace(/\s+/g, ' ');
		expect(text).toMatch(/^KOALA .*Stable Diffusion/);
		expect(text).toMatch(/—[a-z ]+→|←[a-z ]+—/);
		expect(await page.locator('[data-testid="paths"] blockquote').count()).toBeGreaterThan(0);
		expect(page.url()).toContain('from=model%3Akoala');
		await waitForGraph(page, 2);
		await screenshot(page, 'paths-koala-stable-diffusion');
	});

	it('says so when there is no path, and suggests widening the options', async () => {
		await page.goto(
			`${h.app.url}/paths?from=model%3Akoala&to=model%3Astable-diffusion&maxLength=1&rel=TRAINED_ON&directed=true`
		);
		await expect(page.locator('[data-testid="no-path"]').textContent()).resolves.toMatch(
			/No path found.*Try a longer maximum length/s
		);
	});

	it('lists the work the corpus says builds on Stable Diffusion', async () => {
		await page.goto(`${h.app.url}/lineage/${encodeURIComponent('model:stable-diffusion')}`);
		const table = page.locator('[data-testid="lineage-table"]');
		await table.waitFor();
		const text = (await table.textContent())!;
		expect(text).toContain('SDXL');
		expect(text).toContain('KOALA');
		// one row per method: the paper that proposes KOALA is its evidence, one click away, not
		// a row of its own
		expect(text).toContain('KOALA: Self-Attention Matters');
		const rowLabels = await table.locator('tbody tr td:first-child').allTextContents();
		expect(rowLabels).toContain('KOALA');
		expect(rowLabels.some((l) => l.startsWith('KOALA: Self-Attention Matters'))).toBe(false);
		// every row names a paper stating the edge, linked to its page
		const evidence = table.locator('[data-testid="stated-by"]');
		expect(await evidence.count()).toBe(rowLabels.length);
		// … at the sentence (negative offsets: the title): the paper page marks it and scrolls to it
		expect(await evidence.first().getAttribute('href')).toMatch(
			/\/paper\/[^?]+\?s=-?\d+--?\d+#evidence-sentence$/
		);
		await waitForGraph(page, 3);
		await screenshot(page, 'lineage-stable-diffusion');
		await page.getByRole('link', { name: /Ancestors/ }).click();
		await page.waitForURL(/direction=ancestors/);
	});

	it('shows a paper with its mentions highlighted', async () => {
		await page.goto(
			h.app.url +
				'/paper/koala-self-attention-matters-in-knowledge-distillation-of-latent-diffusion'
		);
		const abstract = page.locator('[data-testid="abstract"]');
		await abstract.waitFor();
		expect(await abstract.locator('mark').count()).toBeGreaterThan(3);
		await screenshot(page, 'paper-koala');
	});

	it('renders names and titles containing <script> as text', async () => {
		await page.goto(`${h.app.url}/entity/${encodeURIComponent(XSS_ENTITY)}`);
		await expect(page.locator('h2').first().textContent()).resolves.toBe(XSS_NAME);
		await page.goto(`${h.app.url}/paper/e2e-hostile`);
		await expect(page.locator('h1').last().textContent()).resolves.toBe(XSS_TITLE);
		await page.goto(h.app.url);
		await page.locator('#search').fill('ScriptNet');
		await page.locator('[role="option"]', { hasText: 'ScriptNet' }).first().waitFor();
		await screenshot(page, 'hostile-text');
		expect(
			await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
		).toBeUndefined();
		expect(h.pageErrors).toEqual([]);
	});
});

describe.skipIf(noNeo4j)('the explorer with the database down', () => {
	let h: Harness;

	beforeAll(async () => {
		await ensureBuilt();
		const net = await import('node:net');
		// A port that was free a moment ago: nothing listens there.
		const port = await new Promise<number>((resolve) => {
			const s = net.createServer().listen(0, '127.0.0.1', () => {
				const p = (s.address() as { port: number }).port;
				s.close(() => resolve(p));
			});
		});
		h = await startHarness({ ...process.env, NEO4J_URI: `bolt://127.0.0.1:${port}` });
	}, 300_000);

	afterAll(async () => {
		await h?.close();
	});

	// The driver retries an unreachable server for a while before the API answers 503, so the
	// page takes that long to arrive; what matters here is what it says when it does.
	it('shows a banner, not a stack trace', { timeout: 240_000 }, async () => {
		const page = await h.newPage();
		page.setDefaultTimeout(100_000);
		page.setDefaultNavigationTimeout(100_000);
		await page.goto(h.app.url);
		const banner = page.locator('[data-testid="banner"]').first();
		await banner.waitFor().catch(async (err) => {
			await screenshot(page, 'database-down-failed');
			throw new Error(`no banner; page text: ${(await page.textContent('body'))?.slice(0, 500)}`, {
				cause: err
			});
		});
		const text = (await banner.textContent())!;
		expect(text).toMatch(/not reachable|unavailable|Neo4j|database/i);
		expect(await page.content()).not.toMatch(/at .*\.js:\d+/);
		await screenshot(page, 'database-down');
		await page.goto(`${h.app.url}/entity/${encodeURIComponent('model:sdxl')}`);
		await page.locator('[data-testid="banner"]').waitFor();
		expect(await page.locator('h1').textContent()).toMatch(/unavailable/i);
	});
});
