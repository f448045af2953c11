import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../graph/driver.js';
import { findFreePort, isLauncherAlive } from '../../graph/local-server.js';
import { applySchema } from '../../graph/schema.js';
import { runCli } from '../../support/cli.js';
import { deleteLabel, noNeo4j, testDb, testDriver } from '../helpers/db.js';

const LABEL = 'DbTest';

describe.skipIf(noNeo4j)('the test Neo4j and the schema', () => {
	const driver = noNeo4j ? (undefined as never) : testDriver();
	afterAll(async () => {
		await deleteLabel(driver, LABEL);
		await driver.executeQuery(`MATCH (e:Entity) WHERE e.id STARTS WITH 'dbtest:' DETACH DELETE e`);
		await driver.close();
	});

	it('applies the schema twice without error and with the same constraints', async () => {
		const constraints = async () =>
			(
				await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name')
			).records.map((r) => r.get('name') as string);
		await applySchema({ driver, database: testDb!.database });
		const first = await constraints();
		await applySchema({ driver, database: testDb!.database });
		expect(await constraints()).toEqual(first);
		expect(first).toEqual(expect.arrayContaining(['entity_id', 'paper_id']));
	});

	it('writes and reads a node, and rejects a duplicate id', async () => {
		await driver.executeQuery(`CREATE (p:Paper:${LABEL} {id: 'dbtest-paper', title: 'A title'})`);
		const read = await driver.executeQuery(
			`MATCH (p:Paper {id: 'dbtest-paper'}) RETURN p.title AS title`
		);
		expect(read.records[0]?.get('title')).toBe('A title');
		await expect(
			driver.executeQuery(`CREATE (p:Paper:${LABEL} {id: 'dbtest-paper', title: 'Again'})`)
		).rejects.toThrow(/already exists/);
	});

	it('finds an entity by one of its aliases through the full-text index', async () => {
		await driver.executeQuery(
			`CREATE (e:Entity:Model:${LABEL} {id: 'dbtest:sdxl', name: 'SDXL', aliases: ['Stable Diffusion XL', 'SD-XL']})`
		);
		await driver.executeQuery('CALL db.awaitIndexes(60)');
		// Full-text indexes are eventually consistent: poll briefly.
		let names: string[] = [];
		for (let i = 0; i < 50 && !names.includes('SDXL'); i++) {
			const res = await driver.executeQuery(
				`CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.name AS name`,
				{ q: 'diffusion AND xl' }
			);
			names = res.records.map((r) => r.get('name') as string);
			if (!names.includes('SDXL')) await new Promise((r) => setTimeout(r, 100));
		}
		expect(names).toContain('SDXL');
	});
});

describe.skipIf(noNeo4j)('lineage db start | status | stop', () => {
	let dataDir: string;
	let port: number;
	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-db-cli-'));
		port = await findFreePort();
	});
	afterAll(async () => {
		await runCli(['db', 'stop', '--port', String(port), '--data', dataDir], { env: localEnv() });
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
	// A second instance beside the test server: NEO4J_URI must not leak into these runs.
	const localEnv = () => {
		const env = { ...process.env };
		delete env.NEO4J_URI;
		return env;
	};

	it('starts a second instance side by side, keeps its data across a restart, and stops cleanly', async () => {
		const args = ['--port', String(port), '--data', dataDir];
		const started = await runCli(['db', 'start', ...args], { env: localEnv() });
		expect(started.stderr + started.stdout).toContain(`bolt://127.0.0.1:${port}`);
		expect(started.code).toBe(0);

		const status = await runCli(['db', 'status', ...args], { env: localEnv() });
		expect(status.stdout).toMatch(/running: bolt:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
		expect(status.stdout).toContain(dataDir);
		const pid = Number(/pid (\d+)/.exec(status.stdout)![1]);

		const driver = createDriver({
			kind: 'external',
			uri: `bolt://127.0.0.1:${port}`,
			user: 'neo4j',
			password: '',
			retryMs: 3_000
		});
		await driver.executeQuery(`CREATE (:${LABEL} {id: 'kept-across-restart'})`);
		await driver.close();

		const stopped = await runCli(['db', 'stop', ...args], { env: localEnv() });
		expect(stopped.stdout).toContain('Stopped Neo4j');
		expect(isLauncherAlive(pid)).toBe(false);
		const after = await runCli(['db', 'status', ...args], { env: localEnv() });
		expect(after.stdout).toContain('not running');

		const restarted = await runCli(['db', 'start', ...args], { env: localEnv() });
		expect(restarted.code).toBe(0);
		const again = createDriver({
			kind: 'external',
			uri: `bolt://127.0.0.1:${port}`,
			user: 'neo4j',
			password: '',
			retryMs: 3_000
		});
		const res = await again.executeQuery(
			`MATCH (n:${LABEL} {id: 'kept-across-restart'}) RETURN count(n) AS n`
		);
		await again.close();
		expect(res.records[0]?.get('n')).toBe(1);
		await runCli(['db', 'stop', ...args], { env: localEnv() });
	});

	it('clears a stale lock left by a killed run', async () => {
		const staleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-db-stale-'));
		fs.writeFileSync(
			path.join(staleDir, 'lineage-server.json'),
			JSON.stringify({ pid: 999_999, port, host: '127.0.0.1', dataDir: staleDir, startedAt: '' })
		);
		const status = await runCli(['db', 'status', '--port', String(port), '--data', staleDir], {
			env: localEnv()
		});
		expect(status.stdout).toContain('not running');
		fs.rmSync(staleDir, { recursive: true, force: true });
	});

	it('says clearly when the port is taken', async () => {
		const blocker = net.createServer();
		const busyPort = await new Promise<number>((resolve) =>
			blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port))
		);
		const busyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-db-busy-'));
		const res = await runCli(['db', 'start', '--port', String(busyPort), '--data', busyDir], {
			env: localEnv()
		});
		blocker.close();
		fs.rmSync(busyDir, { recursive: true, force: true });
		expect(res.code).not.toBe(0);
		expect(res.stderr).toContain(`Port ${busyPort} on 127.0.0.1 is already taken`);
	});

	it('honours NEO4J_URI and never starts its own server', async () => {
		const env = { ...process.env, NEO4J_URI: testDb!.uri };
		const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-db-ext-'));
		const res = await runCli(['db', 'start', '--data', otherDir], { env });
		expect(res.code).toBe(0);
		expect(res.stdout).toContain(`NEO4J_URI is set (${testDb!.uri})`);
		expect(fs.readdirSync(otherDir)).toEqual([]);
		fs.rmSync(otherDir, { recursive: true, force: true });
	});

	it('explains what to install when Java is missing', async () => {
		// A PATH holding node and nothing else: node often shares /usr/bin with java.
		const noJavaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-db-nojava-'));
		fs.mkdirSync(path.join(noJavaDir, 'bin'));
		fs.symlinkSync(process.execPath, path.join(noJavaDir, 'bin', 'node'));
		const env: NodeJS.ProcessEnv = { ...localEnv(), PATH: path.join(noJavaDir, 'bin') };
		delete env.JAVA_HOME;
		const dataDir = path.join(noJavaDir, 'data');
		const res = await runCli(['db', 'start', '--port', String(port + 1), '--data', dataDir], {
			env
		});
		fs.rmSync(noJavaDir, { recursive: true, force: true });
		expect(res.code).not.toBe(0);
		expect(res.stderr).toContain('Java was not found');
		expect(res.stderr).toContain('Java 17 or newer');
		expect(res.stderr).toContain('NEO4J_URI');
	});
});
