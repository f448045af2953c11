// The entity page's analytics in a real browser on the sample corpus: the papers-per-year
// chart, the community link (and the community page it opens), the related list with why.
// Screenshots land in test-results/screenshots/ (and LINEAGE_SHOTS, when set).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import os from 'node:os';
import { DATED_PAPERS } from '../fixtures/dated.js';
import { runCli } from '../../support/cli.js';
import { noNeo4j, testDb, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	loadSampleCorpus,
	SCREENSHOTS,
	startHarness,
	type Harness
} from '../../support/browser-app.js';

async function shoot(page: Page, name: string): Promise<void> {
	for (const dir of [SCREENSHOTS, process.env.LINEAGE_SHOTS].filter(Boolean) as string[]) {
		fs.mkdirSync(dir, { recursive: true });
		await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
	}
}

describe.skipIf(noNeo4j)('the entity page: time, community, related', () => {
	let h: Harness;
	let sd: string;

	beforeAll(async () => {
		await ensureBuilt();
		await loadSampleCorpus(testDb!);
		// The sample corpus has no years: a few papers with years give the chart its bars.
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-dated-'));
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

	it('shows papers per year as a share, the community with a link, and related entities with why', async () => {
		const page = await h.newPage();
		await page.goto(`${h.app.url}/entity/${encodeURIComponent(sd)}`);
		const chart = page.getByTestId('years-chart');
		await chart.waitFor();
		// Stable Diffusion: 1 of 2022's 4 papers, 2 of 2023's 4, 3 of 2024's 4, 2 of 2025's 10.
		expect(await chart.getAttribute('aria-label')).toBe(
			'Stable Diffusion: 2022: 1 of 4 papers; 2023: 2 of 4 papers; 2024: 3 of 4 papers; 2025: 2 of 10 papers'
		);
		expect(await chart.locator('rect').count()).toBe(4);
		// The sample corpus's papers have no year: the page says they are not counted.
		await expect
			.poll(() => page.getByText(/have no known year and are not counted/).count())
			.toBe(1);
		await expect
			.poll(() => page.getByText(/Share of the corpus's papers each year/).count())
			.toBe(1);

		const community = page.getByTestId('community').locator('a').first();
		const name = (await community.textContent())!.trim();
		expect(name).toContain(' · ');

		const related = page.getByTestId('related').locator('li');
		expect(await related.count()).toBeGreaterThan(0);
		expect(await related.first().locator('.why').innerText()).toMatch(
			/^shares \d+ neighbours?: \S/
		);
		await shoot(page, 'analytics-entity-1280');

		await community.click();
		await page.waitForURL(/\/community\//);
		await expect.poll(() => page.locator('h2').first().textContent()).toBe(name);
		expect(await page.locator('tbody tr').count()).toBeGreaterThan(1);
		await shoot(page, 'analytics-community-1280');

		const phone = await h.browser.newPage({ viewport: { width: 390, height: 844 } });
		await phone.goto(`${h.app.url}/entity/${encodeURIComponent(sd)}`);
		await phone.getByTestId('years-chart').waitFor();
		const box = (await phone.getByTestId('years-chart').boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		await shoot(phone, 'analytics-entity-390');
		expect(h.pageErrors).toEqual([]);
	});
});
