// The first screen, the map of the field, in a real browser over the sample corpus and a few
// papers with years (tests/fixtures/dated.ts): its labels never overlap, a community opens with
// its members, a member opens in the graph, the year range resizes the regions, what is rising
// is one click away; and a lineage with years is laid out older → newer, its proposing papers
// folded into their methods. Screenshots land in test-results/screenshots/ (and LINEAGE_SHOTS).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATED_PAPERS } from '../fixtures/dated.js';
import { runCli } from '../../support/cli.js';
import { noNeo4j, testDb, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	loadSampleCorpus,
	SCREENSHOTS,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

async function shoot(page: Page, name: string): Promise<void> {
	for (const dir of [SCREENSHOTS, process.env.LINEAGE_SHOTS].filter(Boolean) as string[]) {
		fs.mkdirSync(dir, { recursive: true });
		await page.screenshot({ path: path.join(dir, `${name}.png`) });
	}
}

interface Box {
	text: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Every map label's box as the browser draws it. */
async function labelBoxes(page: Page): Promise<Box[]> {
	return page.locator('text.map-label').evaluateAll((els) =>
		els.map((el) => {
			const r = el.getBoundingClientRect();
			return { text: el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
		})
	);
}

/**
 * Until the page is hydrated the map is the server's markup: no labels (they are measured in the
 * browser) and no handlers. Its first frame is marked once it is live.
 */
async function mapLive(page: Page): Promise<void> {
	await page.waitForFunction(() => performance.getEntriesByName('lineage:map-drawn').length > 0);
}

function overlapping(boxes: Box[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < boxes.length; i++)
		for (let j = i + 1; j < boxes.length; j++) {
			const [a, b] = [boxes[i]!, boxes[j]!];
			if (
				a.x < b.x + b.width &&
				b.x < a.x + a.width &&
				a.y < b.y + b.height &&
				b.y < a.y + a.height
			)
				out.push(`${a.text} / ${b.text}`);
		}
	return out;
}

/**
 * The boxes of the labels a Cytoscape-drawn graph shows (not faded, not left out), as Cytoscape
 * measures them (model units: whether two overlap does not depend on the zoom).
 */
async function graphLabelBoxes(page: Page): Promise<Box[]> {
	return page.evaluate(() => {
		type Bb = { x1: number; y1: number; w: number; h: number };
		type N = {
			hasClass: (c: string) => boolean;
			style: (k: string) => string;
			boundingBox: (o: object) => Bb;
		};
		const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
			cy: { nodes: (s: string) => { map: <T>(f: (n: N) => T) => T[] } };
		};
		return el.cy
			.nodes(':visible')
			.map((n) => {
				const shown =
					!n.hasClass('band') && n.style('label') !== '' && Number(n.style('text-opacity')) > 0;
				const b = n.boundingBox({ includeLabels: true, includeNodes: false, includeEdges: false });
				return shown && b.w > 0
					? [{ text: n.style('label'), x: b.x1, y: b.y1, width: b.w, height: b.h }]
					: [];
			})
			.flat();
	});
}

describe.skipIf(noNeo4j)('the map of the field, and time on the lineage', () => {
	let h: Harness;
	let sd: string;

	beforeAll(async () => {
		await ensureBuilt();
		await loadSampleCorpus(testDb!);
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-map-'));
		const file = path.join(tmp, 'dated.jsonl');
		fs.writeFileSync(file, DATED_PAPERS.map((p) => JSON.stringify(p)).join('\n') + '\n');
		const ingest = await runCli(['ingest', file], { env: testEnv() });
		fs.rmSync(tmp, { recursive: true, force: true });
		expect(ingest.code, ingest.stderr).toBe(0);
		h = await startHarness(testEnv());
		for (let i = 0; i < 600; i++) {
			const health = await (await fetch(`${h.app.url}/api/health`)).json();
			if (health.analytics?.state === 'ready') break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const hits = (await (await fetch(`${h.app.url}/api/search?q=Stable%20Diffusion`)).json()) as {
			hits: { id: string; kind: string; label: string }[];
		};
		sd = hits.hits.find((x) => x.kind === 'Entity' && x.label === 'Stable Diffusion')!.id;
	}, 600_000);

	afterAll(async () => {
		await h?.close();
	});

	it('opens on the map: named regions whose labels never overlap, at any zoom', async () => {
		const page = await h.newPage();
		await page.goto(h.app.url);
		const map = page.getByTestId('field-map');
		await map.waitFor();
		expect(Number(await map.getAttribute('data-regions'))).toBeGreaterThanOrEqual(8);
		const boxes = await labelBoxes(page);
		expect(boxes.length).toBeGreaterThanOrEqual(8);
		expect(overlapping(boxes)).toEqual([]);
		// Labels stay inside the map.
		const area = (await map.boundingBox())!;
		for (const b of boxes) {
			expect(b.x).toBeGreaterThanOrEqual(area.x - 0.5);
			expect(b.x + b.width).toBeLessThanOrEqual(area.x + area.width + 0.5);
		}
		// Every region says what it is to screen readers, labelled on the map or not.
		const names = await page
			.locator('[data-testid="field-map"] .region')
			.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
		expect(names.every((n) => /entities, \d+ papers?/.test(n))).toBe(true);
		expect(names.some((n) => n.includes('Stable Diffusion'))).toBe(true);
		await expect(page.getByTestId('map-legend').textContent()).resolves.toContain('importance');
		await shoot(page, 'map-sample-1280');
		// Zoomed in with the keyboard, the labels are placed afresh: still none on another.
		const zoom = Number(await map.getAttribute('data-zoom'));
		await map.focus();
		await page.keyboard.press('+');
		await page.keyboard.press('+');
		await expect
			.poll(async () => Number(await map.getAttribute('data-zoom')))
			.toBeGreaterThan(zoom);
		expect(overlapping(await labelBoxes(page))).toEqual([]);
		expect(h.pageErrors).toEqual([]);
		await page.close();
	});

	it('enters a community: its members on the map and beside it, one opening in the graph', async () => {
		const page = await h.newPage();
		await page.goto(h.app.url);
		const regions = page.locator('[data-testid="field-map"] .region');
		await regions.first().waitFor();
		const community = regions.filter({
			has: page.locator('title', { hasText: 'Stable Diffusion' })
		});
		const id = (await community.first().getAttribute('data-id'))!;
		// From the keyboard: no dependence on which shape lies under a pointer.
		await community.first().focus();
		await page.keyboard.press('Enter');
		const panel = page.getByTestId('community-panel');
		await panel.waitFor();
		await page.waitForURL((u) => u.searchParams.get('c') === id);
		const members = panel.locator('ol.members li');
		expect(await members.count()).toBeGreaterThan(2);
		await expect(panel.textContent()).resolves.toContain('Stable Diffusion');
		// The members are drawn inside the region, and their labels overlap nothing either.
		await expect
			.poll(() => page.locator('[data-testid="field-map"] .member').count())
			.toBe(await members.count());
		expect(overlapping(await labelBoxes(page))).toEqual([]);
		await shoot(page, 'map-community-sample-1280');
		// Reloaded, the community is still open.
		await page.reload();
		await page.getByTestId('community-panel').waitFor();
		// A member opens in the graph, selected and expanded.
		await page
			.getByTestId('community-panel')
			.getByRole('button', { name: 'Stable Diffusion', exact: true })
			.click();
		await page.waitForURL((u) => u.searchParams.get('sel') === sd);
		await waitForGraph(page, 3);
		await expect(page.locator('[data-testid="entity-card"] h2').textContent()).resolves.toBe(
			'Stable Diffusion'
		);
		expect(h.pageErrors).toEqual([]);
		await page.close();
	});

	it('reads on a phone: short labels on the map, none over another, the full names kept', async () => {
		const page = await h.browser.newPage({ viewport: { width: 390, height: 844 } });
		page.on('pageerror', (e) => h.pageErrors.push(e.message));
		await page.goto(h.app.url);
		const map = page.getByTestId('field-map');
		await map.waitFor();
		await mapLive(page);
		const area = (await map.boundingBox())!;
		const check = async () => {
			const boxes = await labelBoxes(page);
			expect(boxes.length).toBeGreaterThanOrEqual(6);
			expect(overlapping(boxes)).toEqual([]);
			for (const b of boxes) {
				expect(b.x, b.text).toBeGreaterThanOrEqual(area.x - 0.5);
				expect(b.x + b.width, b.text).toBeLessThanOrEqual(area.x + area.width + 0.5);
				// A third of the width at most (390 px: 140), two lines at most.
				expect(b.width, b.text).toBeLessThanOrEqual(0.36 * area.width + 4);
			}
			// Readable: no label smaller than 12 px, and two lines at most.
			const lines = await page.locator('text.map-label').evaluateAll((els) =>
				els.map((el) => ({
					size: Number(el.getAttribute('font-size')),
					lines: [...el.querySelectorAll('tspan')].map((t) => t.textContent ?? '')
				}))
			);
			for (const l of lines) {
				expect(l.size).toBeGreaterThanOrEqual(12);
				expect(l.lines.length).toBeLessThanOrEqual(2);
			}
			return lines.flatMap((l) => l.lines);
		};
		const shown = await check();
		// Each line is a name of its region, whole or shortened with an ellipsis; the full names
		// are the regions' aria-labels.
		const names = await page
			.locator('[data-testid="field-map"] .region')
			.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
		for (const line of shown) {
			const stem = line.endsWith('…') ? line.slice(0, -1) : line;
			expect(
				names.some((n) => n.includes(stem)),
				line
			).toBe(true);
		}
		await shoot(page, 'map-sample-390');
		// Zoomed in, placed afresh: still within the rules.
		await map.focus();
		await page.keyboard.press('+');
		await page.keyboard.press('+');
		await check();
		expect(h.pageErrors).toEqual([]);
		await page.close();
	});

	it('resizes the regions by their papers of a year range, and links to what is rising', async () => {
		const page = await h.newPage();
		await page.goto(h.app.url);
		await page.getByTestId('field-map').waitFor();
		await mapLive(page);
		const radii = () =>
			page
				.locator('[data-testid="field-map"] .region circle')
				.evaluateAll((els) => els.map((el) => Number(el.getAttribute('r'))));
		const before = await radii();
		await page.getByLabel('from').fill('2024');
		await page.getByLabel('from').press('Tab');
		await page.waitForURL((u) => u.searchParams.get('from') === '2024');
		await expect.poll(async () => JSON.stringify(await radii())).not.toBe(JSON.stringify(before));
		// The sample corpus's papers have no year: their regions have no papers in 2024 (dashed).
		expect(await page.locator('[data-testid="field-map"] circle.empty').count()).toBeGreaterThan(0);
		await expect(page.getByTestId('map-legend').textContent()).resolves.toContain(
			'papers from 2024'
		);
		expect(overlapping(await labelBoxes(page))).toEqual([]);
		await shoot(page, 'map-years-sample-1280');
		await page
			.getByRole('link', { name: /rising/i })
			.last()
			.click();
		await page.waitForURL(/\/rising$/);
		await expect(page.locator('h2').first().textContent()).resolves.toBe('Rising');
		expect(h.pageErrors).toEqual([]);
		await page.close();
	});

	it('lays a lineage with years out older → newer, papers folded into their methods', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/lineage/${encodeURIComponent(sd)}`);
		await waitForGraph(page, 3);
		await expect(page.getByTestId('lineage-axis').textContent()).resolves.toMatch(
			/Columns are years, left to right from 2022 to 2025/
		);
		const drawn = await page.evaluate(() => {
			type N = {
				id: () => string;
				data: (k?: string) => unknown;
				position: () => { x: number; y: number };
				hasClass: (c: string) => boolean;
			};
			const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
				cy: { nodes: () => { map: <T>(f: (n: N) => T) => T[] } };
			};
			return el.cy.nodes().map((n) => ({
				id: n.id(),
				axis: n.hasClass('axis') && !n.hasClass('band'),
				label: String(n.data('label') ?? ''),
				kind: n.data('kind') as string | undefined,
				year: (n.data('year') as number | null | undefined) ?? null,
				proposedIn: n.data('proposedIn') as { title: string } | undefined,
				x: n.position().x
			}));
		});
		// The column headings, left to right: the years in order, then the unknown years.
		const headings = drawn
			.filter((n) => n.axis)
			.sort((a, b) => a.x - b.x)
			.map((n) => n.label);
		expect(headings.slice(0, 4)).toEqual(['2022', '2023', '2024', '2025']);
		expect(headings.slice(4).every((l) => l.startsWith('year unknown'))).toBe(true);
		// Every dated node left of every later one, and of every node whose year is unknown.
		const nodes = drawn.filter((n) => !n.id.startsWith('axis:') && !n.id.startsWith('band:'));
		const dated = nodes.filter((n) => n.year != null);
		expect(dated.length).toBeGreaterThanOrEqual(8);
		for (const a of dated)
			for (const b of nodes)
				if (b.year == null || b.year > a.year!)
					expect(a.x, `${a.label} / ${b.label}`).toBeLessThan(b.x);
		// No paper beside the method it proposes: DatedNet-2023-1 stands for its paper.
		expect(nodes.filter((n) => n.kind === 'Paper' && n.label.startsWith('DatedNet'))).toEqual([]);
		const method = nodes.find((n) => n.label === 'DatedNet-2023-1')!;
		expect(method.proposedIn?.title).toMatch(/^DatedNet-2023-1: Fast Sampling/);
		// Its labels (the column headings' too) overlap none other.
		await expect.poll(async () => overlapping(await graphLabelBoxes(page))).toEqual([]);
		expect((await graphLabelBoxes(page)).length).toBeGreaterThanOrEqual(12);
		await shoot(page, 'lineage-years-sample-1280');
		expect(h.pageErrors).toEqual([]);
		await page.close();
	});

	it('starts a lineage on a phone readable: labels of 8 px or more, the root and 2022 in view', async () => {
		const page = await h.browser.newPage({ viewport: { width: 390, height: 844 } });
		page.on('pageerror', (e) => h.pageErrors.push(e.message));
		await page.goto(`${h.app.url}/lineage/${encodeURIComponent(sd)}`);
		await waitForGraph(page, 3);
		const seen = await page.evaluate((root) => {
			type N = { renderedPosition: () => { x: number; y: number } };
			const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
				cy: { zoom: () => number; getElementById: (id: string) => N };
			};
			return {
				zoom: el.cy.zoom(),
				root: el.cy.getElementById(root).renderedPosition(),
				heading: el.cy.getElementById('axis:y2022').renderedPosition(),
				width: el.clientWidth,
				height: el.clientHeight
			};
		}, sd);
		// Fitted whole into 370 px, its labels were under 4 px and not drawn at all.
		expect(seen.zoom * 12).toBeGreaterThanOrEqual(7.99);
		for (const at of [seen.root, seen.heading]) {
			expect(at.x).toBeGreaterThan(0);
			expect(at.x).toBeLessThan(seen.width);
			expect(at.y).toBeGreaterThan(0);
			expect(at.y).toBeLessThan(seen.height);
		}
		await shoot(page, 'lineage-years-sample-390');
		await page.close();
		expect(h.pageErrors).toEqual([]);
	});

	it('draws no label over another in the graph view, expanded (new nodes off the others), and names a node left unlabelled on hover', async () => {
		for (const viewport of [
			{ width: 1280, height: 860 },
			{ width: 390, height: 844 }
		]) {
			const page = await h.browser.newPage({ viewport });
			page.on('pageerror', (e) => h.pageErrors.push(e.message));
			// The 60 most connected entities, then Stable Diffusion expanded (E): its neighbours
			// are placed around it among the nodes already shown.
			await page.goto(`${h.app.url}/?limit=60&sel=${encodeURIComponent(sd)}`);
			const before = await waitForGraph(page, 40);
			const shownBefore = await page.evaluate(() => {
				const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
					cy: { nodes: () => { map: <T>(f: (n: { id: () => string }) => T) => T[] } };
				};
				return el.cy.nodes().map((n) => n.id());
			});
			await page.getByTestId('graph-canvas').focus();
			await page.keyboard.press('e');
			await page.waitForURL((u) => u.searchParams.getAll('x').includes(sd));
			await waitForGraph(page, before + 1);
			await expect
				.poll(async () => overlapping(await graphLabelBoxes(page)), { timeout: 5000 })
				.toEqual([]);
			// No new neighbour (node and label) lies on a node shown before.
			const covering = await page.evaluate((known) => {
				type Bb = { x1: number; y1: number; x2: number; y2: number };
				type N = { id: () => string; boundingBox: (o: object) => Bb };
				const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
					cy: { nodes: (s: string) => { map: <T>(f: (n: N) => T) => T[] } };
				};
				const all = el.cy.nodes(':visible').map((n) => ({
					id: n.id(),
					b: n.boundingBox({ includeLabels: true, includeEdges: false })
				}));
				const before = all.filter((n) => known.includes(n.id));
				const out: string[] = [];
				for (const n of all.filter((x) => !known.includes(x.id)))
					for (const o of before)
						if (n.b.x1 < o.b.x2 && o.b.x1 < n.b.x2 && n.b.y1 < o.b.y2 && o.b.y1 < n.b.y2)
							out.push(`${n.id} / ${o.id}`);
				return out;
			}, shownBefore);
			expect(covering).toEqual([]);
			// Most keep their label: only those that would cover another are left out.
			const shown = (await graphLabelBoxes(page)).length;
			const nodes = Number(await page.getByTestId('graph-canvas').getAttribute('data-nodes'));
			expect(shown, `${shown} of ${nodes}`).toBeGreaterThan(nodes / 2);
			if (viewport.width === 1280) {
				// A node left unlabelled (if the layout left any out) shows its label under the pointer.
				const hidden = await page.evaluate(() => {
					const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
						cy: {
							nodes: (s: string) => {
								length: number;
								first: () => { id: () => string; renderedPosition: () => { x: number; y: number } };
							};
						};
					};
					const n = el.cy.nodes('.label-hidden');
					return n.length ? { id: n.first().id(), at: n.first().renderedPosition() } : null;
				});
				const box = (await page.getByTestId('graph-canvas').boundingBox())!;
				if (hidden) await page.mouse.move(box.x + hidden.at.x, box.y + hidden.at.y);
				if (hidden)
					await expect
						.poll(() =>
							page.evaluate((id) => {
								const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
									cy: { getElementById: (i: string) => { style: (k: string) => string } };
								};
								return Number(el.cy.getElementById(id).style('text-opacity'));
							}, hidden!.id)
						)
						.toBe(1);
			}
			await shoot(page, `graph-labels-sample-${viewport.width}`);
			await page.close();
		}
		expect(h.pageErrors).toEqual([]);
	});
});
