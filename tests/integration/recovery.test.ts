import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../graph/local-server.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { runCli } from '../../support/cli.js';
import { noNeo4j } from '../helpers/db.js';

// Neo4j stopped and restarted under a running app: 503 while it is down, and back by itself.
describe.skipIf(noNeo4j)('the app when its Neo4j goes away and comes back', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-recovery-'));
	let app: RunningApp | undefined;
	let args: string[] = [];
	const env = () => {
		const e = { ...process.env };
		delete e.NEO4J_URI;
		return e;
	};
	afterAll(async () => {
		await app?.stop();
		await runCli(['db', 'stop', ...args], { env: env() });
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('answers 503 while Neo4j is down and recovers without a restart of the app', async () => {
		const port = await findFreePort();
		args = ['--port', String(port), '--data', dataDir];
		expect((await runCli(['db', 'start', ...args], { env: env() })).code).toBe(0);
		app = await startApp({ NEO4J_URI: `bolt://127.0.0.1:${port}` });
		expect((await fetch(`${app.url}/api/stats`)).status).toBe(200);

		expect((await runCli(['db', 'stop', ...args], { env: env() })).code).toBe(0);
		// the graph version is read at most once a second (a cached answer may serve until then)
		let down = await fetch(`${app.url}/api/stats`);
		for (let i = 0; i < 25 && down.status === 200; i++) {
			await new Promise((r) => setTimeout(r, 200));
			down = await fetch(`${app.url}/api/stats`);
		}
		expect(down.status).toBe(503);
		expect((await down.json()).error).toContain(`bolt://127.0.0.1:${port}`);

		expect((await runCli(['db', 'start', ...args], { env: env() })).code).toBe(0);
		let status = 0;
		for (let i = 0; i < 50 && status !== 200; i++) {
			status = (await fetch(`${app.url}/api/stats`)).status;
			if (status !== 200) await new Promise((r) => setTimeout(r, 200));
		}
		expect(status).toBe(200);
	});
});
