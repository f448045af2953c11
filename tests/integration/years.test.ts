// A year range keeps the relations stated by papers of those years, through the HTTP API, on a
// graph whose every paper and year is known (tests/fixtures/known-graph.ts); a click on an edge
// reads every sentence behind it, a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { ID, loadKnownGraph } from '../fixtures/known-graph.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

interface Edge {
	source: string;
	target: string;
	type: string;
	support: number;
}

describe.skipIf(noNeo4j)('the year range of the HTTP API', () => {
	let app: RunningApp;
	const get = async (path: string) => {
		const res = await fetch(`${app.url}${path}`);
		return { status: res.status, body: await res.json() };
	};
	const enc = encodeURIComponent;
	const hood = async (id: string, query = '') => {
		const { status, body } = await get(`/api/neighbourhood?ids=${enc(id)}${query}`);
		expect(status).toBe(200);
		return body as { nodes: { id: string }[]; edges: Edge[] };
	};

	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		// No response cache: each answer is computed (from the copy of the graph or Neo4j).
		app = await startApp(testEnv({ LINEAGE_API_CACHE_MB: '0' }));
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('keeps the relations stated in those years, and the node asked for', async () => {
		// Stable Diffusion: SDXL is a variant of it by a 2023 paper, v1.5 by a 2022 one, and a
		// 2021 paper (and what it proposes) builds on it.
		const all = await hood(ID.SD);
		expect(all.nodes.map((n) => n.id)).toEqual(
			expect.arrayContaining([ID.SD, ID.SDXL, ID.SD15, ID.XSS, 'p-xss'])
		);
		const y2023 = await hood(ID.SD, '&from=2023&to=2023');
		expect(y2023.nodes.map((n) => n.id).sort()).toEqual([ID.SD, ID.SDXL].sort());
		expect(y2023.edges).toEqual([
			expect.objectContaining({ source: ID.SDXL, type: 'VARIANT_OF', target: ID.SD, support: 1 })
		]);
		const y2021 = await hood(ID.SD, '&to=2021');
		expect(y2021.nodes.map((n) => n.id).sort()).toEqual([ID.SD, ID.XSS, 'p-xss'].sort());
		// A year with no relation at all: the entity asked for is still there, alone.
		const y2030 = await hood(ID.SD, '&from=2030');
		expect(y2030.nodes.map((n) => n.id)).toEqual([ID.SD]);
		expect(y2030.edges).toEqual([]);
	});

	it('counts only the papers of those years as support', async () => {
		// SDXL is built on by KOALA (2024): as a paper and as the method the paper proposes;
		// compared with by InstaFlow (2023), proposed by its 2023 paper.
		const y2024 = await hood(ID.SDXL, '&from=2024');
		expect(y2024.nodes.map((n) => n.id).sort()).toEqual([ID.SDXL, ID.KOALA, 'p-koala'].sort());
		expect(y2024.edges.every((e) => e.support === 1)).toBe(true);
		expect(y2024.edges.map((e) => `${e.source} ${e.type} ${e.target}`).sort()).toEqual(
			[
				`${ID.KOALA} BUILDS_ON ${ID.SDXL}`,
				`p-koala BUILDS_ON ${ID.SDXL}`,
				`p-koala PROPOSES ${ID.KOALA}`
			].sort()
		);
		// 2023: SDXL's own paper, its variant link and InstaFlow's comparison; KOALA drops out.
		const y2023 = (await hood(ID.SDXL, '&from=2023&to=2023')).nodes.map((n) => n.id);
		expect(y2023).toEqual(expect.arrayContaining([ID.SDXL, ID.SD, 'p-sdxl', ID.INSTAFLOW]));
		expect(y2023).not.toContain(ID.KOALA);
		expect(y2023).not.toContain('p-koala');
	});

	it('makes an entity’s counts follow the range', async () => {
		const all = (await get(`/api/entities/${enc(ID.SDXL)}`)).body;
		expect(all.paperCount).toBe(3);
		expect(all.relationCounts.BUILDS_ON).toEqual({ out: 0, in: 2 });
		expect(all.relationCounts.COMPARED_WITH).toBeDefined();
		const y2024 = await get(`/api/entities/${enc(ID.SDXL)}?from=2024&to=2024`);
		expect(y2024.status).toBe(200);
		expect(y2024.body.name).toBe('SDXL');
		expect(y2024.body.relationCounts).toEqual({ BUILDS_ON: { out: 0, in: 2 } });
		expect(y2024.body.degree).toBe(2);
		expect(y2024.body.paperCount).toBe(1);
		expect(y2024.body.papers.map((p: { id: string }) => p.id)).toEqual(['p-koala']);
		for (const rel of y2024.body.relations.BUILDS_ON) {
			expect(rel.support).toBe(1);
			expect(rel.evidence.map((e: { paperYear: number }) => e.paperYear)).toEqual([2024]);
		}
		const page = await get(
			`/api/entities/${enc(ID.SDXL)}/relations?rel=VARIANT_OF&dir=out&from=2024`
		);
		expect(page.body).toMatchObject({ total: 0, relations: [] });
		const kept = await get(
			`/api/entities/${enc(ID.SDXL)}/relations?rel=VARIANT_OF&dir=out&from=2023&to=2023`
		);
		expect(kept.body.total).toBe(1);
		expect(kept.body.relations[0].evidence[0].paperId).toBe('p-sdxl');
	});

	it('answers 400 naming a bad year', async () => {
		for (const [path, param] of [
			[`/api/neighbourhood?ids=${enc(ID.SD)}&from=2025&to=2020`, 'from'],
			[`/api/neighbourhood?ids=${enc(ID.SD)}&to=1066`, 'to'],
			[`/api/entities/${enc(ID.SD)}?from=soon`, 'from'],
			[`/api/entities/${enc(ID.SD)}/relations?rel=USES&dir=in&to=99999`, 'to'],
			[`/api/evidence?source=p-koala&type=BUILDS_ON&target=${enc(ID.SDXL)}&from=2.5`, 'from']
		] as const) {
			const res = await get(path);
			expect(res.status, path).toBe(400);
			expect(res.body.param, path).toBe(param);
		}
	});

	it('reads every sentence behind one relation, a page at a time', async () => {
		const q = `source=${enc(ID.KOALA)}&type=BUILDS_ON&target=${enc(ID.SDXL)}`;
		const first = await get(`/api/evidence?${q}&limit=1`);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			source: { id: ID.KOALA, label: 'KOALA' },
			target: { id: ID.SDXL, label: 'SDXL' },
			type: 'BUILDS_ON',
			support: 1,
			offset: 0
		});
		expect(first.body.evidence).toEqual([
			expect.objectContaining({
				paperId: 'p-koala',
				paperTitle: 'KOALA: Fast Image Synthesis',
				paperYear: 2024,
				sentence: 'We propose KOALA, distilled from SDXL.'
			})
		]);
		expect((await get(`/api/evidence?${q}&offset=1`)).body.evidence).toEqual([]);
		expect((await get(`/api/evidence?${q}&to=2023`)).body).toMatchObject({
			support: 0,
			evidence: []
		});
		// A paper's own relation, and a relation between entities stated in a sentence.
		const own = await get(`/api/evidence?source=p-instaflow&type=USES&target=${enc(ID.RF)}`);
		expect(own.body.evidence[0].sentence).toContain('rectified flow');
		const variant = await get(
			`/api/evidence?source=${enc(ID.SD15)}&type=VARIANT_OF&target=${enc(ID.SD)}`
		);
		expect(variant.body.evidence[0].paperYear).toBe(2022);
		const missing = await get(`/api/evidence?source=${enc(ID.SD)}&type=USES&target=${enc(ID.RF)}`);
		expect(missing.status).toBe(404);
		const doc = (await get('/api/openapi.json')).body;
		expect(doc.paths['/api/evidence'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
			expect.arrayContaining(['source', 'type', 'target', 'offset', 'limit', 'from', 'to'])
		);
		expect(
			doc.paths['/api/entities/{id}'].get.parameters.map((p: { name: string }) => p.name)
		).toEqual(expect.arrayContaining(['from', 'to']));
	});
});
