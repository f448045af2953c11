import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { graphFingerprint, resetGraph } from '../../graph/queries/stats.js';
import { ID, loadKnownGraph } from '../fixtures/known-graph.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';
import { runHostile } from '../reliability/hostile.js';

// A sample (every 4th payload and write attempt) of `npm run hostile:api`.
describe.skipIf(noNeo4j)('hostile requests, sampled', () => {
	let app: RunningApp;
	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		await graphDb().driver.executeQuery('CALL db.awaitIndexes(60)');
		app = await startApp(testEnv());
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('answers no 5xx, lets no write through and leaves the graph as it was', async () => {
		const report = await runHostile({
			base: app.url,
			ids: { entity: ID.SDXL, other: ID.KOALA, paper: 'p-koala' },
			fingerprint: () => graphFingerprint(graphDb()),
			every: 4
		});
		expect(report.requests).toBeGreaterThan(300);
		expect(report.failures).toEqual([]);
		expect(report.writesThrough).toEqual([]);
		expect(report.readsRefused).toEqual([]);
		expect(report.graphUnchanged).toBe(true);
	});
});
