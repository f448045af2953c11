// The analytics endpoints against a real Neo4j holding the known graph: communities, importance,
// related entities, papers per year, rising, their state in /api/health, and the previous
// version answering while a new one is analysed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { writeBatch } from '../../graph/queries/load.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { toFacts } from '../../ingest/load/facts.js';
import { extraction, ID, loadKnownGraph, type PaperSpec } from '../fixtures/known-graph.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

describe.skipIf(noNeo4j)('the analytics API', () => {
	let app: RunningApp;
	const get = async (path: string) => {
		const res = await fetch(`${app.url}${path}`);
		return { status: res.status, body: await res.json(), headers: res.headers };
	};
	const ready = async (version?: string) => {
		for (let i = 0; i < 300; i++) {
			const a = (await get('/api/health')).body.analytics;
			if (a.state === 'ready' && (!version || a.answering.version !== version)) return a;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`analytics not ready: ${JSON.stringify((await get('/api/health')).body)}`);
	};
	const e = encodeURIComponent;

	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		app = await startApp(testEnv());
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('reports its state in /api/health, then the communities, named by their methods', async () => {
		const health = await ready();
		expect(health.lastRun).toMatchObject({ entities: expect.any(Number) });
		expect(health.lastRun.ms).toBeGreaterThanOrEqual(0);
		expect(health.lastRun.error).toBeUndefined();
		const list = await get('/api/communities?minSize=2');
		expect(list.status).toBe(200);
		const { communities } = list.body;
		expect(communities.length).toBeGreaterThanOrEqual(2);
		const lora = communities.find((c: { top: { id: string }[] }) =>
			c.top.some((m) => m.id === ID.LORA)
		);
		expect(lora.name.split(' · ')).toEqual(expect.arrayContaining(['LoRA', 'LCM-LoRA']));
		expect(lora.top.map((m: { id: string }) => m.id)).not.toContain(ID.SDXL);
		const one = await get(`/api/communities/${e(lora.id)}`);
		expect(one.status).toBe(200);
		expect(one.body.members.map((m: { id: string }) => m.id).sort()).toEqual(
			[ID.LORA, ID.LCMLORA, ID.COCO].sort()
		);
		expect(one.body.members[0]).toMatchObject({
			importance: expect.any(Number),
			rank: expect.any(Number)
		});
		const sd = communities.find((c: { top: { id: string }[] }) =>
			c.top.some((m) => m.id === ID.SD)
		);
		expect(sd.id).not.toBe(lora.id);
		expect((await get(`/api/communities/${e(sd.id)}?limit=1`)).body).toMatchObject({
			truncated: true,
			members: [expect.anything()]
		});
	});

	it('puts importance and community in the entity answer', async () => {
		const sd = (await get(`/api/entities/${e(ID.SD)}`)).body;
		expect(sd.analytics.rank).toBeGreaterThanOrEqual(1);
		expect(sd.analytics.importance).toBeGreaterThan(0);
		expect(sd.analytics.community.name).toContain('Stable Diffusion');
		const sdxl = (await get(`/api/entities/${e(ID.SDXL)}`)).body;
		expect(sdxl.analytics.community.id).toBe(sd.analytics.community.id);
	});

	it('lists related entities by shared neighbours, with why', async () => {
		const res = await get(`/api/entities/${e(ID.SDXL)}/related?limit=5`);
		expect(res.status).toBe(200);
		const first = res.body.related[0];
		// SDXL and Stable Diffusion v1.5 are both variants of Stable Diffusion, and InstaFlow
		// builds on the one and is compared with the other.
		expect(first.id).toBe(ID.SD15);
		expect(first.shared.map((s: { id: string }) => s.id).sort()).toEqual(
			[ID.SD, ID.INSTAFLOW].sort()
		);
		expect(
			res.body.related.every((r: { type: string }) => ['Model', 'Technique'].includes(r.type))
		).toBe(true);
	});

	it('counts papers per year as a share of the corpus that year', async () => {
		const res = await get(`/api/entities/${e(ID.SDXL)}/years`);
		expect(res.status).toBe(200);
		expect(res.body.years.map((y: { year: number }) => y.year)).toEqual([2021, 2022, 2023, 2024]);
		expect(res.body.years.find((y: { year: number }) => y.year === 2023)).toMatchObject({
			papers: 2,
			total: 3
		});
		expect(res.body.papersWithoutYear).toBe(0);
	});

	it('without the in-memory copy: years from Neo4j, the same; analytics 503 with the reason', async () => {
		const expected = (await get(`/api/entities/${e(ID.SDXL)}/years`)).body;
		const off = await startApp(testEnv({ LINEAGE_PROJECTION: 'off' }));
		try {
			const years = await fetch(`${off.url}/api/entities/${e(ID.SDXL)}/years`);
			expect(await years.json()).toEqual(expected);
			const communities = await fetch(`${off.url}/api/communities`);
			expect(communities.status).toBe(503);
			expect(await communities.json()).toMatchObject({ code: 'not_ready' });
			const entity = await (await fetch(`${off.url}/api/entities/${e(ID.SDXL)}`)).json();
			expect(entity.analytics).toBeNull();
			const health = await (await fetch(`${off.url}/api/health`)).json();
			expect(health.analytics.state).toBe('off');
		} finally {
			await off.stop();
		}
	});

	it('answers rising, and validates, 404s and describes every endpoint', async () => {
		const rising = await get('/api/rising?limit=5');
		expect(rising.status).toBe(200);
		expect(rising.body.recent).toEqual({ from: 2024, to: 2024 });
		expect(Array.isArray(rising.body.entities)).toBe(true);
		expect((await get('/api/rising?limit=0')).body).toMatchObject({ param: 'limit' });
		expect((await get('/api/communities?limit=9999')).status).toBe(400);
		expect((await get(`/api/communities/${e('model:nothing-here')}`)).status).toBe(404);
		expect((await get(`/api/entities/${e('model:nothing-here')}/related`)).status).toBe(404);
		expect((await get(`/api/entities/${e('model:nothing-here')}/years`)).status).toBe(404);
		const paths = Object.keys((await get('/api/openapi.json')).body.paths);
		expect(paths).toEqual(
			expect.arrayContaining([
				'/api/communities',
				'/api/communities/{id}',
				'/api/entities/{id}/related',
				'/api/entities/{id}/years',
				'/api/rising'
			])
		);
	});

	it('answers from the previous version while the new one is analysed', async () => {
		const before = (await get('/api/health')).body.analytics.answering.version;
		const paper: PaperSpec = {
			id: 'p-quantx',
			title: 'QuantX: quantising LoRA',
			year: 2024,
			sentences: ['We propose QuantX, which builds on LoRA.'],
			facts: [
				['@paper', 'PROPOSES', 'QUANTX', 0],
				['@paper', 'BUILDS_ON', 'LORA', 0]
			]
		};
		const session = graphDb().driver.session();
		try {
			await session.executeWrite((tx) => writeBatch(tx, [toFacts(extraction(paper))]));
		} finally {
			await session.close();
		}
		// The graph changed: the communities still answer, from the version before.
		const meanwhile = await get('/api/communities');
		expect(meanwhile.status).toBe(200);
		const after = await ready(before);
		expect(after.answering.version).not.toBe(before);
		const quantx = (await get(`/api/entities/${e(ID.QUANTX)}`)).body;
		expect(quantx.analytics.community.id).toBe(
			(await get(`/api/entities/${e(ID.LORA)}`)).body.analytics.community.id
		);
	});
});
