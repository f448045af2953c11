import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDriver, writeTx } from '../../graph/driver.js';
import { findFreePort } from '../../graph/local-server.js';
import { deletePapers } from '../../graph/queries/load.js';
import { graphChecksum, resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { ID, loadKnownGraph } from '../fixtures/known-graph.js';
import { writeZephyrine, ZEPHYRINE_ID } from '../fixtures/zephyrine.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

describe.skipIf(noNeo4j)('the HTTP API', () => {
	let app: RunningApp;
	let checksum: string;
	const get = async (path: string) => {
		const res = await fetch(`${app.url}${path}`);
		return { status: res.status, body: await res.json(), headers: res.headers };
	};
	const cypher = async (query: string, params: object = {}) => {
		const res = await fetch(`${app.url}/api/cypher`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ query, params })
		});
		return { status: res.status, body: await res.json() };
	};

	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		await graphDb().driver.executeQuery('CALL db.awaitIndexes(60)');
		app = await startApp(testEnv());
		for (let i = 0; i < 50; i++) {
			if ((await get('/api/search?q=koala')).body.hits?.length) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		checksum = await graphChecksum(graphDb());
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('answers every endpoint with JSON', async () => {
		expect((await get('/api/search?q=SDXL')).body.hits[0].id).toBe(ID.SDXL);
		const entity = await get(`/api/entities/${encodeURIComponent(ID.SDXL)}`);
		expect(entity.status).toBe(200);
		expect(entity.body.name).toBe('SDXL');
		expect((await get('/api/papers/p-koala')).body.title).toBe('KOALA: Fast Image Synthesis');
		const hood = await get(`/api/neighbourhood?ids=${encodeURIComponent(ID.SDXL)}&depth=1&limit=2`);
		expect(hood.body.truncated).toBe(true);
		const p = await get(`/api/paths?from=${ID.KOALA}&to=${ID.INSTAFLOW}&k=2&maxLength=4`);
		expect(p.body.paths[0].nodes.map((n: { label: string }) => n.label)).toEqual([
			'KOALA',
			'SDXL',
			'InstaFlow'
		]);
		const lin = await get(
			`/api/lineage/${encodeURIComponent(ID.SD)}?direction=descendants&depth=3`
		);
		expect(lin.body.nodes.map((n: { label: string }) => n.label)).toContain('KOALA');
		expect((await get(`/api/builds-on/${encodeURIComponent(ID.SD)}`)).body.rows).toHaveLength(3);
		expect((await get('/api/overview?limit=5')).body.nodes).toHaveLength(5);
		// With papers: the entities first, then the papers, and edges between the two.
		const big = (await get('/api/overview?limit=5&papers=3')).body;
		expect(big.nodes.map((n: { kind: string }) => n.kind)).toEqual([
			...Array(5).fill('Entity'),
			...Array(3).fill('Paper')
		]);
		const papers = new Set(big.nodes.slice(5).map((n: { id: string }) => n.id));
		expect(big.edges.some((e: { source: string }) => papers.has(e.source))).toBe(true);
		expect((await get('/api/stats')).body.papers).toBe(6);
		expect((await get('/api/timeline')).body.rows.length).toBeGreaterThan(0);
		const doc = await get('/api/openapi.json');
		expect(Object.keys(doc.body.paths)).toEqual(
			expect.arrayContaining(['/api/search', '/api/paths', '/api/cypher'])
		);
		expect((await get('/api/health')).body.database.ok).toBe(true);
	});

	it('carries evidence on every relation an entity shows', async () => {
		for (const id of [ID.SD, ID.SDXL, ID.KOALA, ID.INSTAFLOW, ID.LORA]) {
			const { body } = await get(`/api/entities/${encodeURIComponent(id)}`);
			for (const group of Object.values(body.relations) as {
				evidence: { sentence: string }[];
			}[][]) {
				for (const rel of group) expect(rel.evidence[0]?.sentence).toBeTruthy();
			}
		}
	});

	it('pages an entity’s relations of one type and direction after the detail’s strongest', async () => {
		const sdxl = encodeURIComponent(ID.SDXL);
		const detail = (await get(`/api/entities/${sdxl}`)).body;
		expect(detail.relationCounts.BUILDS_ON).toEqual({ out: 0, in: 2 });
		expect(detail.truncated).toBe(false);
		const page = await get(`/api/entities/${sdxl}/relations?rel=BUILDS_ON&dir=in&offset=1&limit=5`);
		expect(page.status).toBe(200);
		expect(page.body).toMatchObject({ type: 'BUILDS_ON', direction: 'in', total: 2, offset: 1 });
		expect(page.body.relations.map((r: { other: { id: string } }) => r.other.id)).toEqual(
			detail.relations.BUILDS_ON.slice(1).map((r: { other: { id: string } }) => r.other.id)
		);
		expect(page.body.relations[0].evidence[0].sentence).toBeTruthy();
		for (const [query, param] of [
			['dir=in', 'rel'],
			['rel=LIKES&dir=in', 'rel'],
			['rel=USES&dir=up', 'dir'],
			['rel=USES&dir=in&limit=1000', 'limit'],
			['rel=USES&dir=in&offset=-1', 'offset']
		]) {
			const res = await get(`/api/entities/${sdxl}/relations?${query}`);
			expect(res.status, query).toBe(400);
			expect(res.body.param, query).toBe(param);
		}
		expect((await get('/api/entities/model%3Anope/relations?rel=USES&dir=in')).status).toBe(404);
		const doc = (await get('/api/openapi.json')).body;
		expect(
			doc.paths['/api/entities/{id}/relations'].get.parameters.map((p: { name: string }) => p.name)
		).toEqual(['id', 'rel', 'dir', 'offset', 'limit', 'from', 'to']);
	});

	it('answers 400 naming the bad parameter', async () => {
		const cases: [string, string][] = [
			['/api/search', 'q'],
			['/api/search?q=a&limit=1000', 'limit'],
			['/api/search?q=a&types=Planet', 'types'],
			[`/api/neighbourhood?ids=${ID.SD}&depth=5`, 'depth'],
			['/api/neighbourhood', 'ids'],
			[`/api/paths?from=${ID.SD}`, 'to'],
			[`/api/paths?from=${ID.SD}&to=${ID.KOALA}&maxLength=9`, 'maxLength'],
			[`/api/paths?from=${ID.SD}&to=${ID.KOALA}&rel=LIKES`, 'rel'],
			[`/api/lineage/${ID.SD}?direction=sideways`, 'direction'],
			['/api/overview?limit=-1', 'limit'],
			['/api/overview?papers=20000', 'papers']
		];
		for (const [path, param] of cases) {
			const res = await get(path);
			expect(res.status, path).toBe(400);
			expect(res.body.param, path).toBe(param);
			expect(res.body.error, path).toContain(param);
		}
	});

	it('answers 404 for unknown ids', async () => {
		for (const path of [
			'/api/entities/model%3Anope',
			'/api/papers/nope',
			'/api/lineage/nope',
			'/api/builds-on/nope',
			`/api/paths?from=nope&to=${ID.SD}`,
			'/api/neighbourhood?ids=nope',
			'/api/timeline?id=nope'
		]) {
			const res = await get(path);
			expect(res.status, path).toBe(404);
			expect(res.body.code).toBe('not_found');
		}
	});

	it('treats injection attempts in every text parameter as plain text', async () => {
		const payloads = [
			"' OR 1=1 //",
			'"}) MATCH (n) DETACH DELETE n //',
			'x` DETACH DELETE n //',
			'*:*',
			'name:* OR aliases:*',
			'SDXL~0.0001',
			'"SDXL" AND NOT "x"',
			'\\u0000',
			'../../etc/passwd',
			'<script>alert(1)</script>'
		];
		for (const p of payloads) {
			const q = encodeURIComponent(p);
			for (const path of [
				`/api/search?q=${q}`,
				`/api/entities/${q}`,
				`/api/papers/${q}`,
				`/api/neighbourhood?ids=${q}`,
				`/api/paths?from=${q}&to=${q}`,
				`/api/lineage/${q}`,
				`/api/builds-on/${q}`,
				`/api/timeline?id=${q}`
			]) {
				const res = await fetch(`${app.url}${path}`);
				expect([200, 400, 404], `${path}`).toContain(res.status);
			}
			const hits = (await get(`/api/search?q=${q}`)).body.hits ?? [];
			expect(hits.length, p).toBeLessThan(6);
		}
		expect(await graphChecksum(graphDb())).toBe(checksum);
	});

	it('runs read-only Cypher with a row cap and returns graph elements', async () => {
		const read = await cypher('MATCH (e:Entity {id: $id})-[r:VARIANT_OF]->(f) RETURN e, r, f', {
			id: ID.SDXL
		});
		expect(read.status).toBe(200);
		expect(read.body.columns).toEqual(['e', 'r', 'f']);
		expect(read.body.nodes.map((n: { id: string }) => n.id).sort()).toEqual(
			[ID.SD, ID.SDXL].sort()
		);
		expect(read.body.edges[0]).toMatchObject({
			source: ID.SDXL,
			target: ID.SD,
			type: 'VARIANT_OF'
		});
		const many = await cypher('UNWIND range(1, 5000) AS x RETURN x');
		expect(many.body.rows).toHaveLength(1000);
		expect(many.body.truncated).toBe(true);
	});

	it('rejects every write through the console with 403 and leaves the graph unchanged', async () => {
		const writes = [
			'CREATE (n:Paper {id: "evil"})',
			'MERGE (n:Entity {id: "evil"}) RETURN n',
			'MATCH (n) DETACH DELETE n',
			'MATCH (n:Entity) SET n.name = "pwned"',
			'MATCH (n:Entity) REMOVE n.name',
			'match (n) delete n',
			'/* hi */ CREATE (n)',
			'MATCH (n) WITH n LIMIT 1 CALL (n) { SET n.x = 1 } RETURN 1',
			'FOREACH (i IN [1] | CREATE (:Evil))',
			'UNWIND [1] AS x CALL (x) { CREATE (:Evil) } IN TRANSACTIONS RETURN 1',
			'CALL db.createLabel("Evil")',
			'CALL db.createProperty("evil")',
			'LOAD CSV FROM "file:///etc/passwd" AS line RETURN line',
			'CREATE INDEX evil FOR (n:Evil) ON (n.x)',
			'DROP CONSTRAINT entity_id',
			'CREATE DATABASE evil',
			'SHOW USERS',
			'TERMINATE TRANSACTIONS "neo4j-transaction-1"',
			'USE system SHOW DATABASES',
			'MATCH (n) RETURN n; CREATE (m)',
			// Comments once hid administration commands from the console's checks.
			'/* hidden */ SHOW TRANSACTIONS',
			'// hidden\nSHOW SETTINGS',
			"/**/TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
			'CYPHER 5 SHOW TRANSACTIONS',
			"LOAD/**/CSV FROM 'file:///etc/passwd' AS l RETURN l"
		];
		for (const query of writes) {
			const res = await cypher(query);
			expect([400, 403], query).toContain(res.status);
			if (res.status === 403) expect(res.body.error.length, query).toBeGreaterThan(10);
		}
		expect((await cypher('CREATE (n:Evil) RETURN n')).status).toBe(403);
		// A string that names a keyword is data, not a reason to refuse.
		expect((await cypher("RETURN 'LOAD CSV; CREATE (n)' AS harmless")).status).toBe(200);
		expect(await graphChecksum(graphDb())).toBe(checksum);
		const { n } = (
			await graphDb().driver.executeQuery('MATCH (n:Evil) RETURN count(n) AS n')
		).records.map((r) => ({ n: r.get('n') as number }))[0]!;
		expect(n).toBe(0);
	});

	it('answers 400, not "database down", for console parameters nested too deeply', async () => {
		const res = await fetch(`${app.url}/api/cypher`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: `{"query": "RETURN $x AS x", "params": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}`
		});
		expect(res.status).toBe(400);
		expect((await res.json()).param).toBe('params');
		expect((await cypher('RETURN $x AS x', { x: [[[1]]] })).status).toBe(200);
	});

	it('stops a runaway console query at the timeout', async () => {
		const res = await cypher(
			'UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n'
		);
		expect(res.status).toBe(504);
		expect(res.body.code).toBe('timeout');
	});

	it('answers 503 with a message a person can act on when Neo4j is unreachable', async () => {
		const closed = await findFreePort();
		const down = await startApp({ NEO4J_URI: `bolt://127.0.0.1:${closed}` });
		try {
			const res = await fetch(`${down.url}/api/search?q=sdxl`);
			expect(res.status).toBe(503);
			const body = await res.json();
			expect(body.code).toBe('unavailable');
			expect(body.error).toContain(`bolt://127.0.0.1:${closed}`);
			expect((await fetch(`${down.url}/api/health`)).status).toBe(503);
			expect((await fetch(`${down.url}/api/entities/x`)).status).toBe(503);
		} finally {
			await down.stop();
		}
	});

	it('sets security headers and a request id on every response', async () => {
		const res = await fetch(`${app.url}/api/stats`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-request-id')).toBeTruthy();
		const page = await fetch(`${app.url}/`);
		expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
	});

	it('serves repeated questions from its cache, and notices within a second that the graph changed', async () => {
		const query = '/api/search?q=Zephyrine';
		const first = await get(query);
		expect(first.body.hits).toEqual([]);
		expect((await get(query)).headers.get('x-cache')).toBe('hit');
		const input = path.join(os.tmpdir(), `lineage-cache-${process.pid}.jsonl`);
		writeZephyrine(input);
		try {
			await ingest(graphDb(), { files: [input], workers: 0 });
			await new Promise((r) => setTimeout(r, 1100));
			const after = await get(query);
			expect(after.headers.get('x-cache')).toBe('miss');
			expect(after.body.hits.map((h: { label: string }) => h.label)).toContain('Zephyrine');
		} finally {
			await writeTx(graphDb(), (tx) => deletePapers(tx, [ZEPHYRINE_ID]));
			fs.rmSync(input, { force: true });
		}
		expect(await graphChecksum(graphDb())).toBe(checksum);
	});
});
