import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../support/corpus.js';
import { runLoad } from '../../support/load-steps.js';
import { closeDriver } from '../../graph/driver.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

// The smoke version of `npm run load:api`: 10 s of mixed traffic at concurrency 4, no errors.
describe.skipIf(noNeo4j)('the API under load', () => {
	let app: RunningApp;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-load-'));
	beforeAll(async () => {
		await resetGraph(graphDb());
		const corpus = path.join(tmp, 'corpus.jsonl');
		await writeCorpus(corpus, 200, { seed: 3, vocabulary: 'closed' });
		await ingest(graphDb(), { files: [corpus], batchSize: 100 });
		await graphDb().driver.executeQuery('CALL db.awaitIndexes(60)');
		app = await startApp(testEnv());
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('serves mixed traffic at concurrency 4 for 10 s without an error', async () => {
		const report = await runLoad({
			base: app.url,
			db: graphDb(),
			pid: app.pid,
			steps: [4],
			seconds: 10,
			repeat: false
		});
		const [step] = report.steps;
		expect(step!.requests).toBeGreaterThan(20);
		expect(step!.errors, JSON.stringify(step!.statuses)).toBe(0);
		expect(step!.rssEnd).toBeGreaterThan(0);
	});
});
