// With LINEAGE_API_TOKEN set (issue 19), in the real browser against the built app: pages send
// a visitor to /signin, a wrong token is refused in words, the right one lands on the page asked
// for with the explorer working (its API calls carry the token as an HttpOnly cookie), a
// correction made from the page is recorded under the token's name, and signing out locks the
// API again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { deleteCurations, listCurations } from '../../graph/queries/curation.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { loadCurationPapers } from '../fixtures/curation.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';
import {
	ensureBuilt,
	screenshot,
	startHarness,
	waitForGraph,
	type Harness
} from '../../support/browser-app.js';

const TOKEN = 's3cret-token-for-tests';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-signin-e2e-'));

describe.skipIf(noNeo4j)('signing in with the access token', () => {
	let h: Harness;
	let page: Page;

	beforeAll(async () => {
		ensureBuilt();
		await loadCurationPapers(graphDb(), tmp);
		h = await startHarness(
			testEnv({
				LINEAGE_API_TOKEN: TOKEN,
				LINEAGE_API_TOKEN_NAME: 'lab-token'
			})
		);
		page = await h.newPage();
	}, 600_000);

	afterAll(async () => {
		await h?.close();
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('sends a visitor to /signin and back to the page asked for, with the explorer working', async () => {
		const asked = '/entity/model%3Akoala';
		await page.goto(`${h.app.url}${asked}`);
		expect(new URL(page.url()).pathname).toBe('/signin');
		expect(new URL(page.url()).searchParams.get('next')).toBe(asked);

		await page.getByLabel('Access token').fill('not-the-token');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert').textContent()).resolves.toContain('not the access token');
		await screenshot(page, 'signin-refused');

		await page.getByLabel('Access token').fill(TOKEN);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((u) => u.pathname === '/entity/model%3Akoala');
		await expect.poll(() => page.title()).toBe('KOALA — Lineage');
		await expect(page.getByTestId('entity-card').textContent()).resolves.toContain('KOALA');
		// the page's own scripts cannot read the token
		expect(await page.evaluate(() => document.cookie)).not.toContain(TOKEN);
		// a form says whose name the server records, instead of asking "by" (which it ignores)
		const card = page.getByTestId('entity-card');
		await card.getByText('Correct this entity').click();
		await card.getByTestId('curate-rename').click();
		await expect(card.getByTestId('curate-as').textContent()).resolves.toMatch(
			/^\s*Recorded as lab-token/
		);
		expect(await card.getByRole('textbox', { name: /^By/ }).count()).toBe(0);

		await page.goto(`${h.app.url}/?sel=${encodeURIComponent('model:koala')}`);
		await waitForGraph(page, 2);
		await screenshot(page, 'signin-explorer');
	});

	it('records a correction made from the page under the token’s name', async () => {
		const status = await page.evaluate(async () => {
			const res = await fetch('/api/curations', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					kind: 'alias',
					id: 'model:koala',
					op: 'add',
					alias: 'KOALA-SD',
					why: 'the authors call it so'
				})
			});
			return res.status;
		});
		expect(status).toBe(201);
		const [record] = await listCurations(graphDb());
		expect(record).toMatchObject({ kind: 'alias', by: 'lab-token' });
		// without the cookie (another program, no bearer token) the API stays shut
		expect((await fetch(`${h.app.url}/api/stats`)).status).toBe(401);
	});

	it('signs out: the API is shut to this browser again', async () => {
		await page.goto(`${h.app.url}/signin`);
		await page.getByTestId('signout').click();
		await page.waitForURL((u) => u.pathname === '/signin');
		const status = await page.evaluate(async () => (await fetch('/api/stats')).status);
		expect(status).toBe(401);
		await page.goto(`${h.app.url}/`);
		expect(new URL(page.url()).pathname).toBe('/signin');
	});
});
