// The explorer's year range, expansion by relation type and clickable edges, in the real browser
// against the built app and a graph whose every paper and year is known: the known graph
// (tests/fixtures/known-graph.ts) and twelve papers of 2019–2024 saying that Stable Diffusion
// v1.5 is a variant of Stable Diffusion.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../graph/queries/load.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { toFacts } from '../../ingest/load/facts.js';
import { extraction, ID, loadKnownGraph, PAPERS } from '../fixtures/known-graph.js';
import { projectionReady } from '../../support/app.js';
import { noNeo4j, testDb, testDriver, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	screenshot,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

const CHECKPOINT_PAPERS = Array.from({ length: 12 }, (_, i) => ({
	id: `p-checkpoint-${i + 1}`,
	title: `Checkpoint study ${i + 1}`,
	year: 2019 + (i % 6),
	sentences: [`Stable Diffusion v1.5 is a variant of Stable Diffusion, study ${i + 1} finds.`],
	facts: [['SD15', 'VARIANT_OF', 'SD', 0]] as (typeof PAPERS)[number]['facts']
}));
/** Answers of a year range may come from Neo4j while the server copies the graph. */
const SLOW = { timeout: 20_000 };
const SD15_EDGE = `${ID.SD15}|VARIANT_OF|${ID.SD}`;

type CyElement = {
	empty(): boolean;
	hasClass(c: string): boolean;
	data(k: string): unknown;
	position(): { x: number; y: number };
	renderedPosition(): { x: number; y: number };
	renderedMidpoint(): { x: number; y: number };
};
type CyWindow = {
	cy: {
		getElementById(id: string): CyElement;
		nodes(): { map<T>(f: (n: { id(): string }) => T): T[] };
	};
};

/** Whether an element is in the graph and not filtered out. */
function shown(page: Page, id: string): Promise<boolean> {
	return page.evaluate((elementId) => {
		const el = document.querySelector('[data-testid="graph-canvas"]') as unknown as CyWindow;
		const e = el.cy.getElementById(elementId);
		return !e.empty() && !e.hasClass('filtered');
	}, id);
}

function nodeIds(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const el = document.querySelector('[data-testid="graph-canvas"]') as unknown as CyWindow;
		return el.cy.nodes().map((n) => n.id());
	});
}

/** Where an element is on the page: a node's centre, an edge's midpoint. */
function onPage(page: Page, id: string): Promise<{ x: number; y: number }> {
	return page.evaluate((elementId) => {
		const el = document.querySelector('[data-testid="graph-canvas"]')!;
		const e = (el as unknown as CyWindow).cy.getElementById(elementId);
		const box = el.getBoundingClientRect();
		const p = e.data('source') ? e.renderedMidpoint() : e.renderedPosition();
		return { x: box.left + p.x, y: box.top + p.y };
	}, id);
}

/**
 * A point on an edge of a batched view (which draws edges itself, not as Cytoscape elements):
 * on the segment between its ends, as far as can be from every node, so that the click is on
 * the line and on no node whichever is drawn on top.
 */
function onBatchedEdge(
	page: Page,
	ends: { source: string; target: string }
): Promise<{ x: number; y: number; clear: number }> {
	return page.evaluate(({ source, target }) => {
		const el = document.querySelector('[data-testid="graph-canvas"]')!;
		const view = el as unknown as CyWindow & {
			viewport(): { zoom: number; pan: { x: number; y: number } };
		};
		const { zoom, pan } = view.viewport();
		const box = el.getBoundingClientRect();
		const at = (id: string) => {
			const p = view.cy.getElementById(id).position();
			return { x: box.left + p.x * zoom + pan.x, y: box.top + p.y * zoom + pan.y };
		};
		const a = at(source);
		const b = at(target);
		const others = view.cy.nodes().map((n) => at(n.id()));
		let best = { x: a.x, y: a.y, clear: 0 };
		for (let k = 0.15; k <= 0.85; k += 0.01) {
			const p = { x: a.x + k * (b.x - a.x), y: a.y + k * (b.y - a.y) };
			const clear = Math.min(...others.map((o) => Math.hypot(o.x - p.x, o.y - p.y)));
			if (clear > best.clear) best = { ...p, clear };
		}
		return best;
	}, ends);
}

async function setYears(page: Page, from: string, to: string): Promise<void> {
	await page.getByRole('spinbutton', { name: 'from' }).fill(from);
	await page.getByRole('spinbutton', { name: 'from' }).press('Tab');
	await page.getByRole('spinbutton', { name: 'to' }).fill(to);
	await page.getByRole('spinbutton', { name: 'to' }).press('Tab');
}

describe.skipIf(noNeo4j)('exploring by year, by relation type and by edge', () => {
	let h: Harness;
	let page: Page;

	beforeAll(async () => {
		await ensureBuilt();
		const driver = testDriver();
		try {
			await resetGraph({ driver, database: testDb?.database });
			await loadKnownGraph(driver);
			const session = driver.session();
			try {
				await session.executeWrite((tx) =>
					writeBatch(
						tx,
						CHECKPOINT_PAPERS.map((p) => toFacts(extraction(p)))
					)
				);
			} finally {
				await session.close();
			}
		} finally {
			await driver.close();
		}
		h = await startHarness(testEnv());
		await projectionReady(h.app.url, () => {});
		page = await h.newPage();
	}, 600_000);

	afterAll(async () => {
		await h?.close();
		if (testDb) {
			const driver = testDriver();
			await resetGraph({ driver, database: testDb?.database });
			await driver.close();
		}
	});

	it('keeps the entity in focus through a year range, and its counts follow', async () => {
		await page.goto(
			`${h.app.url}/?sel=${encodeURIComponent(ID.SD)}&x=${encodeURIComponent(ID.SD)}`
		);
		await waitForGraph(page, 3);
		const card = page.locator('[data-testid="entity-card"]');
		await expect(card.locator('h2').textContent()).resolves.toBe('Stable Diffusion');
		await expect(card.getByTestId('entity-papers').textContent()).resolves.toBe('15 papers');
		const variants = card.locator('section', {
			has: page.locator('h4', { hasText: 'variant of' })
		});
		await expect(variants.locator('h4').textContent()).resolves.toMatch(/\(2\)/);
		await expect(
			variants.locator('li', { hasText: 'Stable Diffusion v1.5' }).locator('.support').textContent()
		).resolves.toBe('13 papers');
		expect(await card.locator('h4', { hasText: 'builds on' }).count()).toBe(1);
		expect(await shown(page, ID.XSS)).toBe(true);

		// 2023: SDXL (its 2023 paper) and v1.5 (two papers of 2023) are variants of it; nothing
		// of 2023 builds on it. The entity in focus, first seen in 2021, stays.
		await setYears(page, '2023', '2023');
		await expect
			.poll(() => card.getByTestId('entity-papers').textContent(), SLOW)
			.toBe('3 papers in 2023');
		await expect(
			variants.locator('li', { hasText: 'Stable Diffusion v1.5' }).locator('.support').textContent()
		).resolves.toBe('2 papers');
		expect(await card.locator('h4', { hasText: 'builds on' }).count()).toBe(0);
		await expect.poll(() => shown(page, ID.XSS), SLOW).toBe(false);
		expect(await shown(page, ID.SD)).toBe(true);
		expect(await shown(page, ID.SDXL)).toBe(true);
		expect(await shown(page, SD15_EDGE)).toBe(true);
		// The edge drawn carries the support of those years too.
		expect(
			await page.evaluate(
				(id) =>
					(document.querySelector('[data-testid="graph-canvas"]') as unknown as CyWindow).cy
						.getElementById(id)
						.data('support'),
				SD15_EDGE
			)
		).toBe(2);
		expect(page.url()).toMatch(/from=2023&to=2023/);
		await screenshot(page, 'interact-years-2023');

		// A year with nothing: the entity in focus is still there, alone, and says so.
		await setYears(page, '2030', '2030');
		await expect
			.poll(() => card.getByTestId('entity-papers').textContent(), SLOW)
			.toBe('0 papers in 2030');
		expect(await shown(page, ID.SD)).toBe(true);
		await expect.poll(() => shown(page, ID.SDXL), SLOW).toBe(false);
		// What is searched for and picked comes into view and stays, whatever the range.
		await page.locator('#search').fill('KOALA');
		await page.locator('[role="option"]', { hasText: 'KOALA' }).first().waitFor();
		await page.locator('#search').press('Enter');
		await expect.poll(() => card.locator('h2').textContent(), SLOW).toBe('KOALA');
		await expect.poll(() => shown(page, ID.KOALA), SLOW).toBe(true);
		expect(await shown(page, ID.SD)).toBe(true); // still expanded, still in focus
		await page.getByRole('button', { name: 'Clear filters' }).click();
		await expect.poll(() => card.getByTestId('entity-papers').textContent(), SLOW).toBe('1 paper'); // KOALA's, of any year
		await expect.poll(() => shown(page, ID.XSS), SLOW).toBe(true);
	});

	it('expands by one relation type, entities first, papers as a count added on request', async () => {
		// The overview of one entity (SDXL, the most connected).
		await page.goto(`${h.app.url}/?limit=1&sel=${encodeURIComponent(ID.SDXL)}`);
		await waitForGraph(page, 1);
		expect(await nodeIds(page)).toEqual([ID.SDXL]);
		const card = page.locator('[data-testid="entity-card"]');
		await card.getByTestId('expand-by').selectOption('BUILDS_ON');
		await card.getByRole('button', { name: 'Expand neighbours' }).click();
		const notice = page.getByTestId('notice');
		await expect.poll(() => notice.textContent(), SLOW).toMatch(/1 new node/);
		await waitForGraph(page, 2);
		// KOALA builds on SDXL; the KOALA paper does too, but is only counted.
		expect((await nodeIds(page)).sort()).toEqual([ID.KOALA, ID.SDXL].sort());
		const addPapers = page.getByTestId('add-papers');
		await expect(addPapers.textContent()).resolves.toBe('+1 paper');
		await page.waitForURL(/x\.builds_on=/);
		expect(new URL(page.url()).searchParams.getAll('x.builds_on')).toEqual([ID.SDXL]);
		await page.waitForTimeout(500); // the view follows the new node
		await screenshot(page, 'interact-expand-by-type');
		await addPapers.click();
		await expect.poll(() => nodeIds(page), SLOW).toContain('p-koala');
		await waitForGraph(page, 3);
		await page.waitForURL(/x1\.builds_on\.papers=/);
		expect(new URL(page.url()).searchParams.getAll('x1.builds_on.papers')).toEqual([ID.SDXL]);

		// By any relation: every entity around SDXL, its three papers counted; placed around it,
		// in view.
		await card.getByTestId('expand-by').selectOption('');
		await card.getByRole('button', { name: 'Expand neighbours' }).click();
		await expect.poll(() => nodeIds(page), SLOW).toContain(ID.INSTAFLOW);
		await waitForGraph(page, 5);
		await expect(addPapers.textContent()).resolves.toBe('+3 papers');
		const ids = await nodeIds(page);
		expect(ids.filter((id) => id.startsWith('p-'))).toEqual(['p-koala']);
		expect(ids).toEqual(expect.arrayContaining([ID.SD, ID.FID, ID.INSTAFLOW]));
		await page.waitForTimeout(500); // the view follows the new nodes
		const box = (await page.getByTestId('graph-canvas').boundingBox())!;
		const centre = await onPage(page, ID.SDXL);
		for (const id of [ID.SD, ID.FID, ID.INSTAFLOW]) {
			const at = await onPage(page, id);
			expect(at.x, id).toBeGreaterThan(box.x);
			expect(at.x, id).toBeLessThan(box.x + box.width);
			expect(at.y, id).toBeGreaterThan(box.y);
			expect(at.y, id).toBeLessThan(box.y + box.height);
			// Around SDXL: nearer to it than the width of the view.
			expect(Math.hypot(at.x - centre.x, at.y - centre.y), id).toBeLessThan(box.width / 2);
		}
		await screenshot(page, 'interact-expand-all');
	});

	it('opens the evidence of an edge on a click, every sentence a page at a time', async () => {
		await page.goto(
			`${h.app.url}/?sel=${encodeURIComponent(ID.SD)}&x=${encodeURIComponent(ID.SD)}`
		);
		await waitForGraph(page, 3);
		// The hover says how many papers; the click opens them.
		const at = await onPage(page, SD15_EDGE);
		await page.mouse.move(at.x, at.y);
		await expect(page.locator('[role="tooltip"]').textContent()).resolves.toContain(
			'13 papers say so'
		);
		await page.mouse.click(at.x, at.y);
		const card = page.getByTestId('edge-card');
		await card.waitFor();
		await expect(card.locator('h2').textContent()).resolves.toMatch(
			/Stable Diffusion v1\.5\s*variant of\s*Stable Diffusion/
		);
		await expect(card.getByTestId('edge-support').textContent()).resolves.toMatch(
			/13 papers\s+say so/
		);
		expect(new URL(page.url()).searchParams.get('sel')).toBe(SD15_EDGE);
		const items = card.locator('li.evidence');
		await expect.poll(() => items.count(), SLOW).toBe(10);
		// Each sentence with its paper: title (a link to the paper page) and year.
		const first = items.first();
		expect(await first.locator('blockquote').textContent()).toMatch(
			/Stable Diffusion v1\.5 is a variant of Stable Diffusion/
		);
		const link = first.locator('a[href^="/paper/"]');
		expect(await link.textContent()).toMatch(
			/^(Checkpoint study \d+|Stable Diffusion v1\.5 release notes)$/
		);
		expect(await first.locator('.source').textContent()).toMatch(/\(20(19|2[0-4])\)/);
		await screenshot(page, 'interact-edge-evidence');
		await card.getByTestId('evidence-more').click();
		await expect.poll(() => items.count(), SLOW).toBe(13);
		expect(await card.getByTestId('evidence-more').count()).toBe(0);
		const titles = await card.locator('li.evidence a[href^="/paper/"]').allTextContents();
		expect(new Set(titles).size).toBe(13);

		// A year range: the sentences of those years only.
		await setYears(page, '2023', '2023');
		await expect
			.poll(() => card.getByTestId('edge-support').textContent(), SLOW)
			.toMatch(/2 papers\s+say so in 2023/);
		await expect.poll(() => items.count(), SLOW).toBe(2);
		await screenshot(page, 'interact-edge-evidence-2023');
		// From the card to the paper.
		await items.first().locator('a[href^="/paper/"]').click();
		await page.waitForURL(/\/paper\/p-checkpoint-/);
		expect(h.pageErrors).toEqual([]);
	});

	it('opens the evidence of an edge clicked in a view the batched canvas draws', async () => {
		// The batched canvas draws big views (a 3,000-node overview); asked for here on a small one.
		await page.goto(`${h.app.url}/?x=${encodeURIComponent(ID.SD)}&renderer=batched`);
		await waitForGraph(page, 3);
		const canvas = page.getByTestId('graph-canvas');
		expect(await canvas.getAttribute('data-renderer')).toBe('batched');
		// Nothing is selected: the edge is one of the mass, not the selection's.
		expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
		const at = await onBatchedEdge(page, { source: ID.SD15, target: ID.SD });
		// Far enough from every node that no node is under the pointer.
		expect(at.clear).toBeGreaterThan(40);
		await page.mouse.move(at.x, at.y);
		await expect
			.poll(() => page.locator('[role="tooltip"]').textContent())
			.toContain('13 papers say so');
		await page.mouse.click(at.x, at.y);
		const card = page.getByTestId('edge-card');
		await card.waitFor();
		await expect(card.locator('h2').textContent()).resolves.toMatch(
			/Stable Diffusion v1\.5\s*variant of\s*Stable Diffusion/
		);
		expect(new URL(page.url()).searchParams.get('sel')).toBe(SD15_EDGE);
		await expect.poll(() => card.locator('li.evidence').count(), SLOW).toBe(10);
		await screenshot(page, 'interact-batched-edge-evidence');
		// A click on empty canvas, away from every node and edge, closes it.
		const box = (await canvas.boundingBox())!;
		await page.mouse.click(box.x + 3, box.y + 3);
		await expect.poll(() => card.count()).toBe(0);
		expect(h.pageErrors).toEqual([]);
	});
});
