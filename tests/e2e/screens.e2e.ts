// To the source, any screen, any hand: evidence links that land on the sentence, links to arXiv
// and DOI, a paper's relations listed once, every page usable at 390 × 844, the graph by keyboard
// alone, and a PNG export that carries its legend. The built app in Chromium, over the sample
// corpus and a few papers with arXiv ids, a DOI and a long abstract.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { noNeo4j, testDb, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	loadSampleCorpus,
	SCREENSHOTS,
	screenshot,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

const enc = encodeURIComponent;
const KOALA_PAPER = 'koala-self-attention-matters-in-knowledge-distillation-of-latent-diffusion';
const FILLER = Array.from(
	{ length: 40 },
	(_, i) =>
		`Paragraph ${i + 1} of this long introduction discusses the history of the field at length and in general terms.`
).join(' ');
const PAPERS = [
	{
		id: 'arxiv:2506.05413',
		title: 'FlowLite: Rectified Flow Distillation for Fast Image Synthesis',
		abstract:
			'Diffusion models are slow at sampling. We propose FlowLite, a distilled text-to-image model. FlowLite is fine-tuned from Stable Diffusion on LAION-5B.',
		year: 2025,
		url: 'https://arxiv.org/abs/2506.05413'
	},
	{
		id: 'old-style',
		arxivId: 'hep-th/9901001',
		title: 'A Note on Old Identifiers',
		abstract: 'We study string dualities. Our analysis uses LoRA on CIFAR-10.',
		year: 1999
	},
	{
		id: 'graphtune',
		doi: '10.1145/3583780.3615000',
		title: 'GraphTune: Tuning Graph Neural Networks',
		abstract:
			'We introduce GraphTune. GraphTune is fine-tuned from LLaMA and evaluated on ImageNet.',
		year: 2023,
		url: 'https://dl.acm.org/doi/10.1145/3583780.3615000'
	},
	{
		id: 'e2e-scrollnet',
		title: 'ScrollNet: A Long Abstract for Scrolling',
		abstract: `${FILLER} We propose ScrollNet. ScrollNet is fine-tuned from SDXL on LAION-5B.`,
		year: 2024
	}
];

const PHONE = { width: 390, height: 844 };

/** The views a researcher moves between, each as a URL. */
const VIEWS: [string, string][] = [
	['explorer', '/?sel=model%3Astable-diffusion'],
	['entity', '/entity/model%3Astable-diffusion'],
	['paper', `/paper/${KOALA_PAPER}`],
	['lineage', '/lineage/model%3Astable-diffusion'],
	['paths', '/paths?from=model%3Akoala&to=model%3Astable-diffusion'],
	['map', '/']
];

/** Waits for what each view loads after the page: the graph, or the path list. */
async function settle(page: Page, name: string) {
	if (name === 'explorer' || name === 'lineage' || name === 'paths') await waitForGraph(page, 2);
	if (name === 'paths') await page.locator('[data-testid="chain"]').first().waitFor();
	if (name === 'map')
		await page.locator('[data-testid="field-map"] text.map-label').first().waitFor();
}

/**
 * Every control (link, button, field, disclosure, focusable element) that is rendered, scrolled
 * into view as a reader would: those whose box is not wholly inside the viewport. Skip links
 * show only when focused and are checked on their own.
 */
function controlsOffScreen(page: Page) {
	return page.evaluate(() => {
		const out: string[] = [];
		const sel = 'a[href], button, input, select, textarea, summary, [tabindex="0"]';
		for (const el of document.querySelectorAll<HTMLElement>(sel)) {
			if (el.closest('.skip, .skips, .visually-hidden, [hidden]')) continue;
			// not rendered, or inside a closed disclosure (its summary is checked)
			if (el.getClientRects().length === 0) continue;
			if (el.closest('details:not([open]) > :not(summary)')) continue;
			el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
			const r = el.getBoundingClientRect();
			if (
				r.left < -0.5 ||
				r.top < -0.5 ||
				r.right > innerWidth + 0.5 ||
				r.bottom > innerHeight + 0.5
			)
				out.push(
					`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`
				);
		}
		scrollTo(0, 0);
		return out;
	});
}

describe.skipIf(noNeo4j)('to the source, any screen, any hand', () => {
	let h: Harness;
	let tmp: string;
	let scrollNet: string;

	beforeAll(async () => {
		await ensureBuilt();
		await loadSampleCorpus(testDb!);
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-screens-'));
		const file = path.join(tmp, 'papers.jsonl');
		fs.writeFileSync(file, PAPERS.map((p) => JSON.stringify(p)).join('\n') + '\n');
		const ingest = await runCli(['ingest', file], { env: testEnv() });
		expect(ingest.code, ingest.stderr).toBe(0);
		h = await startHarness(testEnv());
		const hits = (await (await fetch(`${h.app.url}/api/search?q=ScrollNet`)).json()) as {
			hits: { id: string; kind: string }[];
		};
		scrollNet = hits.hits.find((x) => x.kind === 'Entity')!.id;
	}, 600_000);

	afterAll(async () => {
		await h?.close();
		if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	});

	async function phone(): Promise<Page> {
		const page = await h.browser.newPage({ viewport: PHONE });
		page.on('pageerror', (e) => h.pageErrors.push(e.message));
		page.setDefaultTimeout(20_000);
		return page;
	}

	it('an evidence link opens the paper page scrolled to its sentence, marked', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/entity/${enc(scrollNet)}`);
		const item = page.locator('li.evidence', {
			has: page.locator('[data-testid="evidence-link"]', { hasText: 'ScrollNet: A Long' })
		});
		const sentence = (await item.locator('blockquote').first().textContent())!.trim();
		expect(sentence).toBe('ScrollNet is fine-tuned from SDXL on LAION-5B.');
		await item.locator('[data-testid="evidence-link"]').first().click();
		await page.waitForURL(/\/paper\/e2e-scrollnet\?s=\d+-\d+#evidence-sentence$/);
		const marked = page.locator('[data-testid="marked-sentence"]');
		await expect(marked.textContent()).resolves.toBe(sentence);
		expect(await marked.count()).toBe(1);
		// The sentence closes a long abstract: the page scrolled down to it and it is in view.
		await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(300);
		const box = (await marked.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThanOrEqual(860);
		await expect(
			page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
		).resolves.toBe('marked-sentence');
		// It is marked differently from the mentions around it.
		const background = await marked.evaluate((el) => getComputedStyle(el).backgroundColor);
		expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
		await screenshot(page, 'screens-evidence-sentence-1280');
		await page.close();
	});

	it('links papers to arXiv (abstract and PDF, new and old ids), to doi.org and to their URL', async () => {
		const page = await h.newPage();
		const hrefs = async (id: string) => {
			await page.goto(`${h.app.url}/paper/${enc(id)}`);
			const links = page.locator('[data-testid="paper-links"] a');
			await links.first().waitFor();
			return links.evaluateAll((as) =>
				as.map((a) => [a.textContent!.trim(), a.getAttribute('href'), a.getAttribute('rel')])
			);
		};
		const ext = 'noopener noreferrer external';
		expect(await hrefs('arxiv:2506.05413')).toEqual([
			['arXiv:2506.05413 ↗', 'https://arxiv.org/abs/2506.05413', ext],
			['PDF ↗', 'https://arxiv.org/pdf/2506.05413', ext]
		]);
		await screenshot(page, 'screens-paper-arxiv-1280');
		expect(await hrefs('arxiv:hep-th/9901001')).toEqual([
			['arXiv:hep-th/9901001 ↗', 'https://arxiv.org/abs/hep-th/9901001', ext],
			['PDF ↗', 'https://arxiv.org/pdf/hep-th/9901001', ext]
		]);
		expect(await hrefs('doi:10.1145/3583780.3615000')).toEqual([
			['DOI 10.1145/3583780.3615000 ↗', 'https://doi.org/10.1145/3583780.3615000', ext],
			['source ↗', 'https://dl.acm.org/doi/10.1145/3583780.3615000', ext]
		]);
		// A paper with no identifier and no URL offers none.
		await page.goto(`${h.app.url}/paper/${KOALA_PAPER}`);
		await page.locator('[data-testid="abstract"]').waitFor();
		expect(await page.locator('[data-testid="paper-links"]').count()).toBe(0);
		// Evidence from an arXiv paper links to it beside the paper page.
		await page.goto(`${h.app.url}/entity/model%3Astable-diffusion`);
		const item = page.locator('li.evidence', {
			has: page.locator('[data-testid="evidence-link"]', { hasText: 'FlowLite' })
		});
		await expect(
			item.first().getByRole('link', { name: 'arXiv ↗' }).getAttribute('href')
		).resolves.toBe('https://arxiv.org/abs/2506.05413');
		await page.close();
	});

	it('lists each relation of a paper once, with the rule behind "why"', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/paper/${KOALA_PAPER}`);
		const list = page.locator('[data-testid="paper-relations"]');
		await list.waitFor();
		const rows = list.locator(':scope > li');
		const keys = await rows.evaluateAll((lis) =>
			lis.map((li) =>
				[
					li.querySelector('.rel em')!.textContent,
					li.querySelector('.rel > :last-child')!.textContent,
					li.querySelector('blockquote')!.textContent
				].join(' | ')
			)
		);
		expect(new Set(keys).size).toBe(keys.length);
		const api = (await (await fetch(`${h.app.url}/api/papers/${KOALA_PAPER}`)).json()) as {
			relations: { head: { label: string }; rule: string }[];
		};
		// The API's copies for the method the paper proposes are folded into the paper's rows.
		expect(api.relations.some((r) => r.rule.endsWith('+proposed'))).toBe(true);
		expect(keys.length).toBeLessThan(api.relations.length);
		await expect(
			page.locator('h4', { hasText: 'Extracted relations' }).textContent()
		).resolves.toBe(`Extracted relations (${keys.length})`);
		// The method heads its rows; no rule id or confidence shows until asked.
		await expect(
			list.locator('.rel', { hasText: '(proposed here)' }).count()
		).resolves.toBeGreaterThan(0);
		const text = await list.innerText();
		expect(text).not.toMatch(/\+proposed|builds-on\.|\d\.\d\d/);
		expect(await list.locator('code').first().isVisible()).toBe(false);
		const folded = rows.filter({ hasText: '(proposed here)' }).first();
		await folded.locator('summary', { hasText: 'why' }).click();
		const why = await folded.locator('details.why').innerText();
		expect(why).toMatch(/this paper: rule \S+, confidence \d+ %/);
		expect(why).toMatch(/KOALA: rule \S+\+proposed, confidence \d+ %/);
		await folded.scrollIntoViewIfNeeded();
		await screenshot(page, 'screens-paper-relations-why-1280');
		await page.close();
	});

	it('fits every page into 390 × 844 with every control on screen', async () => {
		const page = await phone();
		for (const [name, url] of VIEWS) {
			await page.goto(`${h.app.url}${url}`);
			await settle(page, name);
			await screenshot(page, `screens-${name}-390`);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, `${name}: page width`).toBeLessThanOrEqual(PHONE.width);
			expect(await controlsOffScreen(page), name).toEqual([]);
		}
		// What was off screen before: the details, the Paths "To" field and the path results.
		await page.goto(`${h.app.url}${VIEWS[0]![1]}`);
		await settle(page, 'explorer');
		const graph = (await page.locator('[data-testid="graph-canvas"]').boundingBox())!;
		expect(graph.width).toBeGreaterThan(PHONE.width - 40); // the graph keeps the width
		const details = page.locator('#details');
		await details.locator('h2', { hasText: 'Stable Diffusion' }).scrollIntoViewIfNeeded();
		const d = (await details.boundingBox())!;
		expect(d.x).toBeGreaterThanOrEqual(0);
		expect(d.x + d.width).toBeLessThanOrEqual(PHONE.width);
		await page.goto(`${h.app.url}${VIEWS[4]![1]}`);
		await settle(page, 'paths');
		for (const sel of ['#to', '[data-testid="paths"]']) {
			const b = (await page.locator(sel).first().boundingBox())!;
			expect(b.x, sel).toBeGreaterThanOrEqual(0);
			expect(b.x + b.width, sel).toBeLessThanOrEqual(PHONE.width);
		}
		// A skip link shows on screen when focused.
		await page.goto(`${h.app.url}/?view=graph`);
		await waitForGraph(page, 2);
		const skip = page.getByRole('link', { name: 'Skip to the graph' });
		await skip.focus();
		const s = (await skip.boundingBox())!;
		expect(s.x).toBeGreaterThanOrEqual(0);
		expect(s.x + s.width).toBeLessThanOrEqual(PHONE.width);
		await page.close();
	});

	it('takes screenshots of each view at 1280 px', async () => {
		const page = await h.newPage();
		for (const [name, url] of VIEWS) {
			await page.goto(`${h.app.url}${url}`);
			await settle(page, name);
			await screenshot(page, `screens-${name}-1280`);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
		}
		await page.close();
	});

	it('selects, moves between neighbours, opens and expands a node by keyboard alone', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/?limit=12`);
		const before = await waitForGraph(page, 3);
		// From the top of the page: a few Tabs reach the skip link, Enter lands in the graph.
		for (let i = 0; i < 8; i++) {
			await page.keyboard.press('Tab');
			if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Skip to the graph')
				break;
		}
		await page.keyboard.press('Enter');
		await expect(
			page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
		).resolves.toBe('graph-canvas');
		const selection = () => new URL(page.url()).searchParams.get('sel');
		await page.keyboard.press('ArrowRight');
		await expect.poll(selection).not.toBeNull();
		const first = selection()!;
		const card = page.locator('[data-testid="entity-card"] h2, [data-testid="paper-card"] h2');
		await card.first().waitFor();
		// An arrow key pointing at a neighbour moves the selection to a neighbour. The node nearest
		// the middle of the view may stand alone: the arrows move on from it to the nearest node.
		const around = (id: string) =>
			page.evaluate((nodeId) => {
				type N = {
					id(): string;
					position(): { x: number; y: number };
					degree(self: boolean): number;
				};
				type Many = { map<T>(f: (n: N) => T): T[] };
				const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
					cy: {
						getElementById(id: string): N & { neighborhood(s: string): Many };
						nodes(): Many;
					};
				};
				const node = el.cy.getElementById(nodeId);
				const at = node.position();
				const place = (n: N) => ({ id: n.id(), ...n.position() });
				const neighbours = node.neighborhood('node').map(place);
				// Where to head from a node standing alone: the nearest that has neighbours.
				const connected = el.cy
					.nodes()
					.map((n) => ({ ...place(n), degree: n.degree(false) }))
					.filter((n) => n.degree > 0)
					.sort((a, b) => Math.hypot(a.x - at.x, a.y - at.y) - Math.hypot(b.x - at.x, b.y - at.y));
				return { at, neighbours, towards: neighbours[0] ?? connected[0]! };
			}, id);
		const keyTowards = (at: { x: number; y: number }, n: { x: number; y: number }) =>
			Math.abs(n.x - at.x) > Math.abs(n.y - at.y)
				? n.x > at.x
					? 'ArrowRight'
					: 'ArrowLeft'
				: n.y > at.y
					? 'ArrowDown'
					: 'ArrowUp';
		let from = first;
		let moved: string | null = null;
		for (let step = 0; step < 30 && !moved; step++) {
			const { at, neighbours, towards } = await around(from);
			const key = keyTowards(at, towards);
			await page.keyboard.press(key);
			await expect.poll(selection).not.toBe(from);
			const now = selection()!;
			if (!neighbours.length) {
				from = now;
				continue;
			}
			expect(
				neighbours.map((x) => x.id),
				`${key} from ${from}`
			).toContain(now);
			moved = now;
		}
		expect(moved).not.toBeNull();
		const name = (await page.locator('[data-testid="graph-announcement"]').textContent())!;
		expect(name).toMatch(/neighbours? shown\./);
		// E expands the selected node in place.
		await page.keyboard.press('e');
		await page.waitForFunction(
			(x) => new URL(location.href).searchParams.getAll('x').includes(x),
			moved!
		);
		expect(await waitForGraph(page, before + 1)).toBeGreaterThan(before);
		await page.locator('[data-testid="notice"]').waitFor();
		// Enter opens the details: focus moves to the panel, and Tab goes on into it.
		await page.keyboard.press('Enter');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('details');
		// …the details of the node selected, not of one before it.
		const label = await page.evaluate(
			(id) =>
				(
					document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
						cy: { getElementById(id: string): { data(k: string): string } };
					}
				).cy
					.getElementById(id)
					.data('label'),
			moved!
		);
		await expect(page.locator('#details h2').first().textContent()).resolves.toBe(label);
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toMatch(
			/Expand neighbours|Page/
		);
		await screenshot(page, 'screens-keyboard-1280');
		await page.close();
	});

	it('reaches "Expand neighbours" in few Tab presses, through no filter', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/?limit=12&sel=model%3Astable-diffusion`);
		await waitForGraph(page, 3);
		await page.locator('[data-testid="entity-card"]').waitFor();
		let presses = 0;
		let passedCheckbox = false;
		for (; presses < 40;) {
			await page.keyboard.press('Tab');
			presses++;
			const at = await page.evaluate(() => ({
				text: document.activeElement?.textContent?.trim(),
				type: (document.activeElement as HTMLInputElement | null)?.type
			}));
			if (at.type === 'checkbox') passedCheckbox = true;
			if (at.text === 'Expand neighbours') break;
		}
		expect(passedCheckbox).toBe(false);
		expect(presses).toBeLessThanOrEqual(20);
		await page.close();
	});

	it('exports a PNG with the legend of what it shows drawn in', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/?limit=12`);
		await waitForGraph(page, 3);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'PNG', exact: true }).click()
		]);
		const file = path.join(tmp, 'export.png');
		await download.saveAs(file);
		const png = fs.readFileSync(file);
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		// The picture without a legend, as the canvas makes it; then, in the exported one, the
		// band below it holds each colour of the types shown.
		const found = await page.evaluate(async (b64) => {
			const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement & {
				cy: {
					png(o: object): Promise<Blob>;
					nodes(s: string): { map(f: (n: { data(k: string): string }) => string): string[] };
					edges(s: string): { map(f: (n: { data(k: string): string }) => string): string[] };
				};
			};
			const bare = await createImageBitmap(
				await el.cy.png({
					output: 'blob-promise',
					bg: '#ffffff',
					full: true,
					scale: 2,
					maxWidth: 8000,
					maxHeight: 8000
				})
			);
			const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			const img = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
			const c = new OffscreenCanvas(img.width, img.height);
			const ctx = c.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const band = ctx.getImageData(0, bare.height, img.width, img.height - bare.height).data;
			const has = (hex: string) => {
				const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
				for (let i = 0; i < band.length; i += 4)
					if (
						Math.abs(band[i]! - r!) < 6 &&
						Math.abs(band[i + 1]! - g!) < 6 &&
						Math.abs(band[i + 2]! - b!) < 6
					)
						return true;
				return false;
			};
			const nodeTypes = [...new Set(el.cy.nodes(':visible').map((n) => n.data('type')))];
			const edgeTypes = [...new Set(el.cy.edges(':visible').map((e) => e.data('type')))];
			return {
				bare: [bare.width, bare.height],
				exported: [img.width, img.height],
				nodeTypes,
				edgeTypes,
				colours: {
					Model: has('#0072B2'),
					Technique: has('#E69F00'),
					Dataset: has('#009E73'),
					BUILDS_ON: has('#D55E00'),
					USES: has('#0072B2')
				},
				inked: (() => {
					let n = 0;
					for (let i = 0; i < band.length; i += 4) if (band[i]! < 200) n++;
					return n;
				})()
			};
		}, png.toString('base64'));
		expect(found.exported[1]).toBeGreaterThan(found.bare[1]! + 40);
		expect(found.exported[0]).toBeGreaterThanOrEqual(found.bare[0]!);
		expect(found.inked).toBeGreaterThan(500); // text and swatches, not an empty band
		for (const t of ['Model', 'Technique', 'Dataset'])
			if (found.nodeTypes.includes(t)) expect(found.colours[t as 'Model'], t).toBe(true);
		if (found.edgeTypes.includes('BUILDS_ON')) expect(found.colours.BUILDS_ON).toBe(true);
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		fs.copyFileSync(file, path.join(SCREENSHOTS, 'screens-export-with-legend.png'));
		await page.close();
		expect(h.pageErrors).toEqual([]);
	});
});
