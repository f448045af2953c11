// Curation from the explorer (issue 19), in the real browser against the built app: two papers
// ingested through the extractor (tests/fixtures/curation.ts); an entity merged into another from
// its panel, a relation rejected and another confirmed from the evidence panel, each seen after
// a reload; a refusal shown in the server's words; a correction undone from the history page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { deleteCurations } from '../../graph/queries/curation.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { loadCurationPapers, ZEBRA_SPLIT } from '../fixtures/curation.js';
import { projectionReady } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	screenshot,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-curate-e2e-'));
const enc = encodeURIComponent;
const SD = 'model:stable-diffusion';
const SDXL = 'model:sdxl';
const KOALA_ID = 'model:koala';
const USES_LORA = `${KOALA_ID}|USES|technique:lora`;
const COMPARED = 'model:instaflow|COMPARED_WITH|model:stylegan-t';
const ZEBRA_MODEL = 'model:zebragen';
const K700 = 'model:koala-700m';
const SLOW = { timeout: 20_000 };

type CyWindow = {
	cy: {
		getElementById(id: string): {
			empty(): boolean;
			data(k: string): unknown;
			style(k: string): string;
			renderedMidpoint(): { x: number; y: number };
		};
	};
};

function edgeInGraph(page: Page, id: string): Promise<{ shown: boolean; outline: string | null }> {
	return page.evaluate((edgeId) => {
		const el = document.querySelector('[data-testid="graph-canvas"]') as unknown as CyWindow;
		const e = el.cy.getElementById(edgeId);
		return e.empty()
			? { shown: false, outline: null }
			: { shown: true, outline: e.style('line-outline-width') };
	}, id);
}

/**
 * Taps the edge through Cytoscape, as a click on it would: in a random layout any point of an
 * edge may lie under another edge or label (a click's hit-testing is tested in interact.e2e.ts).
 */
function tapEdge(page: Page, id: string): Promise<void> {
	return page.evaluate((edgeId) => {
		const el = document.querySelector('[data-testid="graph-canvas"]')!;
		const cy = (
			el as unknown as { cy: { getElementById(id: string): { emit(event: string): void } } }
		).cy;
		cy.getElementById(edgeId).emit('tap');
	}, id);
}

/** The data-testid of the element with the keyboard focus. */
function focusedTestId(page: Page): Promise<string | null> {
	return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** The relation rows of the entity card, as text. */
async function relationRows(page: Page): Promise<string[]> {
	return page.locator('[data-testid="entity-card"] ul.relations > li .rel').allTextContents();
}

describe.skipIf(noNeo4j)('curation from the explorer', () => {
	let h: Harness;
	let page: Page;

	beforeAll(async () => {
		ensureBuilt();
		await loadCurationPapers(graphDb(), tmp, ZEBRA_SPLIT);
		h = await startHarness(testEnv());
		await projectionReady(h.app.url, () => {});
		page = await h.newPage();
	}, 600_000);

	afterAll(async () => {
		await h?.close();
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('merges two entities from the entity panel, and the merge holds after a reload', async () => {
		await page.goto(`${h.app.url}/?sel=${enc(SD)}&x=${enc(SD)}`);
		await waitForGraph(page, 2);
		const card = page.getByTestId('entity-card');
		await expect(card.locator('h2').textContent()).resolves.toBe('Stable Diffusion');
		await card.getByText('Correct this entity').click();
		await card.getByTestId('curate-merge').click();
		await card.getByRole('combobox', { name: 'The same entity under another name' }).fill('SDXL');
		await card.getByRole('option', { name: /^SDXL/ }).first().click();
		await expect(card.getByTestId('curate-summary').textContent()).resolves.toMatch(
			/SDXL \(Model, \d papers?\) will be merged into Stable Diffusion \(Model\)/
		);
		await card.getByRole('textbox', { name: /^Why/ }).fill('SDXL is a Stable Diffusion model');
		await card.getByRole('textbox', { name: /^By/ }).fill('ada');
		await screenshot(page, 'curate-entity-merge');

		// First the server refuses (as it would from another machine): its words, as they are.
		const refusal =
			'Corrections can be made from other machines only with an access token: set LINEAGE_API_TOKEN on the server and send "Authorization: Bearer <token>".';
		await page.route('**/api/curations', (route) =>
			route.fulfill({ status: 403, json: { error: refusal, code: 'forbidden' } })
		);
		await card.getByRole('button', { name: 'Merge', exact: true }).click();
		await expect(card.getByTestId('curate-problem').textContent()).resolves.toBe(refusal);
		await page.unroute('**/api/curations');

		await card.getByRole('button', { name: 'Merge', exact: true }).click();
		await expect
			.poll(() => card.getByTestId('entity-corrected').textContent(), SLOW)
			.toMatch(/merged with SDXL/);
		await expect(page.getByTestId('notice').textContent()).resolves.toMatch(
			/Saved: merged SDXL into Stable Diffusion/
		);
		expect(await card.locator('.aliases').textContent()).toMatch(/SDXL/);

		// After a reload, and under the merged-away id too.
		await page.reload();
		await waitForGraph(page, 2);
		await expect(card.getByTestId('entity-corrected').textContent()).resolves.toMatch(
			/merged with SDXL/
		);
		await page.goto(`${h.app.url}/?sel=${enc(SDXL)}`);
		await expect(card.locator('h2').textContent()).resolves.toBe('Stable Diffusion');
		// `by` is remembered in this browser.
		await card.getByText('Correct this entity').click();
		await card.getByTestId('curate-rename').click();
		await expect(card.getByRole('textbox', { name: /^By/ }).inputValue()).resolves.toBe('ada');
	});

	it('rejects a relation from its evidence panel, and it stays gone after a reload', async () => {
		await page.goto(`${h.app.url}/?sel=${enc(KOALA_ID)}&x=${enc(KOALA_ID)}`);
		await waitForGraph(page, 3);
		expect((await relationRows(page)).some((r) => /LoRA/.test(r))).toBe(true);
		expect((await edgeInGraph(page, USES_LORA)).shown).toBe(true);
		await tapEdge(page, USES_LORA);
		const edgeCard = page.getByTestId('edge-card');
		await edgeCard.waitFor();
		await expect(edgeCard.locator('h2').textContent()).resolves.toMatch(/KOALA\s*uses\s*LoRA/);
		await edgeCard.getByTestId('curate-reject').click();
		await edgeCard.getByRole('textbox', { name: /^Why/ }).fill('LoRA is used by KOALA-700M only');
		await screenshot(page, 'curate-edge-reject');
		await edgeCard.getByRole('button', { name: 'Reject this relation' }).click();
		// The panel shows the relation's head, without it.
		const card = page.getByTestId('entity-card');
		await expect.poll(() => card.locator('h2').textContent(), SLOW).toBe('KOALA');
		expect(new URL(page.url()).searchParams.get('sel')).toBe(KOALA_ID);
		expect((await relationRows(page)).some((r) => /LoRA/.test(r))).toBe(false);
		expect((await edgeInGraph(page, USES_LORA)).shown).toBe(false);

		await page.reload();
		await waitForGraph(page, 2);
		await expect(card.locator('h2').textContent()).resolves.toBe('KOALA');
		expect((await relationRows(page)).some((r) => /LoRA/.test(r))).toBe(false);
		expect((await edgeInGraph(page, USES_LORA)).shown).toBe(false);
	});

	it('confirms a relation: marked in the panels and outlined in the graph', async () => {
		await page.goto(`${h.app.url}/?sel=${enc(COMPARED)}&x=model%3Ainstaflow`);
		await waitForGraph(page, 2);
		const edgeCard = page.getByTestId('edge-card');
		await edgeCard.waitFor();
		expect(await edgeCard.getByTestId('curated-mark').count()).toBe(0);
		expect((await edgeInGraph(page, COMPARED)).outline).toBe('0px');
		await edgeCard.getByTestId('curate-confirm').click();
		// The keyboard goes straight to the form's first field.
		expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('why');
		await edgeCard.getByRole('textbox', { name: /^Why/ }).fill('Table 3 compares them');
		await edgeCard.getByRole('button', { name: 'Confirm this relation' }).click();
		await expect
			.poll(() => edgeCard.getByTestId('curated-mark').textContent(), SLOW)
			.toMatch(/✓ confirmed by a person/);
		await page.reload();
		await waitForGraph(page, 2);
		await expect(edgeCard.getByTestId('curated-mark').textContent()).resolves.toMatch(
			/✓ confirmed/
		);
		expect((await edgeInGraph(page, COMPARED)).outline).toBe('2px');
		await page.goto(`${h.app.url}/?sel=model%3Ainstaflow`);
		const row = page
			.locator('[data-testid="entity-card"] ul.relations > li')
			.filter({ hasText: 'StyleGAN-T' });
		await expect(row.getByTestId('curated-mark').textContent()).resolves.toBe('✓ confirmed');
	});

	it('lists the corrections on the history page and undoes one', async () => {
		await page.goto(`${h.app.url}/`);
		await page.getByRole('link', { name: 'History' }).click();
		await page.waitForURL(/\/history$/);
		const rows = page.getByTestId('history-row');
		await expect.poll(() => rows.count(), SLOW).toBe(3);
		// Newest first: the confirm, the reject, the merge — entities by name, not by id.
		const texts = (await rows.locator('.what').allTextContents()).map((t) =>
			t.replace(/\s+/g, ' ').trim()
		);
		expect(texts[0]).toBe('confirmed InstaFlow compared with StyleGAN-T');
		expect(texts[1]).toBe('rejected KOALA uses LoRA');
		expect(texts[2]).toBe('merged SDXL into Stable Diffusion');
		const merge = rows.nth(2);
		expect(await merge.locator('.meta').textContent()).toMatch(/by ada/);
		expect(await merge.locator('.why').textContent()).toBe('Why: SDXL is a Stable Diffusion model');
		await screenshot(page, 'curate-history');

		// Undo asks first, saying what it brings back; Escape keeps the correction.
		const reject = rows.nth(1);
		await reject.getByTestId('history-undo').click();
		await expect(reject.getByTestId('history-confirm').textContent()).resolves.toMatch(
			/Undo it\? KOALA uses LoRA comes back/
		);
		expect(await focusedTestId(page)).toBe('history-undo-yes');
		await page.keyboard.press('Escape');
		expect(await focusedTestId(page)).toBe('history-undo');
		expect(await reject.getByTestId('history-status').textContent()).toBe('In force');
		await page.reload();
		expect(await reject.getByTestId('history-status').textContent()).toBe('In force');

		await reject.getByTestId('history-undo').click();
		await reject.getByTestId('history-undo-yes').click();
		await expect
			.poll(() => reject.getByTestId('history-status').textContent(), SLOW)
			.toMatch(/^Undone by ada/);
		expect(await reject.getByTestId('history-undo').count()).toBe(0);
		expect(await focusedTestId(page)).toBe('history-status');
		expect(await rows.nth(0).getByTestId('history-status').textContent()).toBe('In force');

		// The relation is back.
		await page.goto(`${h.app.url}/?sel=${enc(KOALA_ID)}`);
		await expect.poll(() => relationRows(page), SLOW).toContainEqual(expect.stringMatching(/LoRA/));
		expect(h.pageErrors).toEqual([]);
	});

	it('suggests the entity written the same, merges it, and leaves the focus on what was done', async () => {
		await page.goto(`${h.app.url}/?sel=${enc(ZEBRA_MODEL)}&x=${enc(ZEBRA_MODEL)}`);
		await waitForGraph(page, 2);
		const card = page.getByTestId('entity-card');
		await expect(card.locator('h2').textContent()).resolves.toBe('ZebraGen');
		await card.getByText('Correct this entity').click();
		await card.getByTestId('curate-merge').click();
		// Found before anything is typed: the benchmark written with a hyphen, not ZebraGen itself.
		const suggested = card.getByTestId('merge-suggestions').getByRole('button');
		await expect
			.poll(
				async () => (await suggested.allTextContents()).map((t) => t.replace(/\s+/g, ' ')),
				SLOW
			)
			.toEqual([expect.stringMatching(/^Zebra-Gen Dataset 1 paper$/)]);
		// Nor does the search offer the entity itself.
		await card
			.getByRole('combobox', { name: 'The same entity under another name' })
			.fill('ZebraGen');
		await card.getByRole('listbox').waitFor();
		expect(await card.getByRole('option').allTextContents()).not.toContainEqual(
			expect.stringMatching(/^\s*ZebraGen\b/)
		);
		await suggested.first().click();
		await expect(card.getByTestId('curate-summary').textContent()).resolves.toMatch(
			/^Zebra-Gen \(Dataset, 1 paper\) will be merged into ZebraGen \(Model\)/
		);
		await card
			.getByRole('textbox', { name: /^Why/ })
			.fill('The benchmark of the same paper family');
		await screenshot(page, 'curate-merge-suggested');
		await card.getByRole('button', { name: 'Merge', exact: true }).click();
		await expect
			.poll(() => card.getByTestId('entity-corrected').textContent(), SLOW)
			.toMatch(/merged with Zebra-Gen/);
		expect(await focusedTestId(page)).toBe('curate-done');
		await page.reload();
		await waitForGraph(page, 2);
		expect(await card.locator('.aliases').textContent()).toMatch(/Zebra-Gen/);
	});

	it('adds an alias and removes it from the listed ones: back as it was, no note left', async () => {
		await page.goto(`${h.app.url}/?sel=${enc(ZEBRA_MODEL)}&x=${enc(ZEBRA_MODEL)}`);
		await waitForGraph(page, 2);
		const card = page.getByTestId('entity-card');
		await card.getByText('Correct this entity').click();
		await card.getByTestId('curate-alias').click();
		await card.getByRole('textbox', { name: 'Add an alias' }).fill('ZG-1');
		await card.getByRole('textbox', { name: /^Why/ }).fill('the short form of the paper');
		await card.getByRole('button', { name: 'Add alias' }).click();
		// "Also written: …", or nothing when it has no alias
		const aliases = async () =>
			(await card.locator('p.aliases').count())
				? await card.locator('p.aliases').textContent()
				: '';
		await expect.poll(aliases, SLOW).toMatch(/ZG-1/);
		expect(await card.getByTestId('entity-corrected').textContent()).toMatch(/alias “ZG-1” added/);

		await card.getByTestId('curate-alias').click();
		await card.getByRole('button', { name: 'Remove the alias ZG-1' }).click();
		await expect(card.getByTestId('curate-summary').textContent()).resolves.toBe(
			'“ZG-1” is no longer a name of ZebraGen, and no paper adds it back.'
		);
		await card.getByRole('textbox', { name: /^Why/ }).fill('nobody writes it so');
		await screenshot(page, 'curate-alias-remove');
		await card.getByRole('button', { name: 'Remove “ZG-1”' }).click();
		await expect.poll(aliases, SLOW).not.toMatch(/ZG-1/);
		expect(await card.getByTestId('entity-corrected').textContent()).not.toMatch(/ZG-1/);
	});

	it('a stale panel: a merge made meanwhile elsewhere is shown, and nothing is overwritten', async () => {
		await page.goto(`${h.app.url}/?sel=${enc(K700)}&x=${enc(K700)}`);
		await waitForGraph(page, 2);
		const card = page.getByTestId('entity-card');
		await expect(card.locator('h2').textContent()).resolves.toBe('KOALA-700M');
		await card.getByText('Correct this entity').click();
		await card.getByTestId('curate-rename').click();
		await card.getByRole('textbox', { name: 'New name' }).fill('KOALA 700M');
		await card.getByRole('textbox', { name: /^Why/ }).fill('as the model card writes it');
		// Someone else, from another page, merges it into KOALA first.
		const res = await fetch(`${h.app.url}/api/curations`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				kind: 'merge',
				keep: KOALA_ID,
				other: K700,
				why: 'one model',
				by: 'bob'
			})
		});
		expect(res.status).toBe(201);
		await card.getByRole('button', { name: 'Rename', exact: true }).last().click();
		await expect
			.poll(() => page.getByTestId('notice').textContent(), SLOW)
			.toMatch(/Not saved: model:koala-700m was merged into model:koala \(KOALA\) by bob/);
		await expect(card.locator('h2').textContent()).resolves.toBe('KOALA');
		expect(await focusedTestId(page)).toBe('notice');
		await screenshot(page, 'curate-stale');
		expect(h.pageErrors).toEqual([]);
	});
});
