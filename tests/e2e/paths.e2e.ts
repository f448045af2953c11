// The paths form's "avoid generic hubs" in the real browser, on the known graph and a graph with
// a generic hub (tests/fixtures/hub-graph.ts): on by default, it names the hub it left out and
// links to the same question through it; turned off, the path through the hub comes back, last.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetGraph } from '../../graph/queries/stats.js';
import { HUB_ID, loadHubGraph } from '../fixtures/hub-graph.js';
import { loadKnownGraph } from '../fixtures/known-graph.js';
import { projectionReady } from '../../support/app.js';
import { noNeo4j, testDb, testDriver, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	screenshot,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

/** Also kept where a person can look at them. */
const SHOTS = '/tmp/paths-shots';

async function shoot(page: Page, name: string) {
	await screenshot(page, name);
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** The chains shown, without white space (the page spaces the arrows with margins). */
const chains = async (page: Page) =>
	(await page.locator('[data-testid="chain"]').allTextContents()).map((t) => t.replace(/\s+/g, ''));

describe.skipIf(noNeo4j)('the paths form avoids generic hubs', () => {
	let h: Harness;
	let page: Page;

	beforeAll(async () => {
		await ensureBuilt();
		const driver = testDriver();
		try {
			await resetGraph({ driver, database: testDb?.database });
			await loadKnownGraph(driver);
			await loadHubGraph(driver);
		} finally {
			await driver.close();
		}
		h = await startHarness(testEnv());
		await projectionReady(h.app.url, () => {});
		page = await h.newPage();
	}, 300_000);

	afterAll(async () => {
		await h?.close();
		const driver = testDriver();
		try {
			await resetGraph({ driver, database: testDb?.database });
		} finally {
			await driver.close();
		}
	});

	it('is on by default, names the hub it avoided, and the toggle brings the hub back', async () => {
		const q = `from=${encodeURIComponent(HUB_ID.ALPHA)}&to=${encodeURIComponent(HUB_ID.BETA)}&k=5`;
		await page.goto(`${h.app.url}/paths?${q}`);
		await page.locator('[data-testid="chain"]').first().waitFor();
		const toggle = page.getByRole('checkbox', { name: 'avoid generic hubs' });
		expect(await toggle.isChecked()).toBe(true);
		const note = page.locator('[data-testid="avoided"]');
		await expect(note.textContent()).resolves.toMatch(
			/Avoided generic hub: large language model \(58 % of papers\)/
		);
		expect((await chains(page)).some((c) => c.includes('largelanguagemodel'))).toBe(false);
		expect((await chains(page))[0]).toMatch(/^AlphaNet.*AlphaandBetatogether.*BetaNet$/);
		await waitForGraph(page, 3);
		await shoot(page, 'paths-avoided-hub');

		// Off: the path through the hub is back, ranked below the specific ones; no note.
		await toggle.uncheck();
		await page.getByRole('button', { name: 'Find paths' }).click();
		await page.waitForURL(/avoidHubs=false/);
		await page.locator('[data-testid="avoided"]').waitFor({ state: 'detached' });
		const through = await chains(page);
		expect(through).toHaveLength(4);
		expect(through.at(-1)).toMatch(/^AlphaNet.*largelanguagemodel.*BetaNet$/);
		expect(await page.getByRole('checkbox', { name: 'avoid generic hubs' }).isChecked()).toBe(
			false
		);

		// The note's link asks the same question through the hubs.
		await page.goto(`${h.app.url}/paths?${q}`);
		await note.getByRole('link', { name: 'Include them' }).click();
		await page.waitForURL(/avoidHubs=false/);
		await expect(chains(page)).resolves.toHaveLength(4);
	});

	it('gives entity-only paths when asked', async () => {
		const q = `from=${encodeURIComponent(HUB_ID.ALPHA)}&to=${encodeURIComponent(HUB_ID.BETA)}`;
		await page.goto(`${h.app.url}/paths?${q}`);
		await page.locator('[data-testid="chain"]').first().waitFor();
		await page.getByRole('checkbox', { name: 'entities only' }).check();
		await page.getByRole('button', { name: 'Find paths' }).click();
		await page.waitForURL(/entityOnly=true/);
		await page.waitForFunction(() =>
			[...document.querySelectorAll('[data-testid="chain"]')].every(
				(c) => !c.textContent!.includes('together')
			)
		);
		expect(await chains(page)).toEqual(
			[
				'AlphaNet —builds on→ GammaFlow —variant of→ DeltaFlow ←builds on— BetaNet',
				'AlphaNet —builds on→ EpsilonMix —variant of→ ZetaMix ←builds on— BetaNet'
			].map((c) => c.replace(/\s+/g, ''))
		);
		await shoot(page, 'paths-entities-only');
	});
});
