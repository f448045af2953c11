// The map of the field (/api/map) and the lineage's folded papers against a real Neo4j holding
// the known graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { lineage } from '../../graph/queries/lineage.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { ID, loadKnownGraph } from '../fixtures/known-graph.js';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

interface Region {
	id: string;
	name: string;
	size: number;
	papers: number;
	papersAll: number;
	x: number;
	y: number;
	r: number;
	top: { id: string }[];
}

describe.skipIf(noNeo4j)('the map API', () => {
	let app: RunningApp;
	const get = async (path: string) => {
		const res = await fetch(`${app.url}${path}`);
		return { status: res.status, body: await res.json(), headers: res.headers };
	};

	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		app = await startApp(testEnv());
		for (let i = 0; i < 300; i++) {
			const a = (await get('/api/health')).body.analytics;
			if (a.state === 'ready') break;
			await new Promise((r) => setTimeout(r, 100));
		}
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('lays the communities out as regions that do not overlap, with their links', async () => {
		const res = await get('/api/map');
		expect(res.status).toBe(200);
		const { regions, links, years, total } = res.body as {
			regions: Region[];
			links: { source: string; target: string; weight: number }[];
			years: { first: number; last: number };
			total: number;
		};
		expect(regions.length).toBeGreaterThanOrEqual(2);
		expect(total).toBe(regions.length);
		expect(years).toEqual({ first: 2021, last: 2024 });
		const sd = regions.find((r) => r.top.some((m) => m.id === ID.SD))!;
		const lora = regions.find((r) => r.top.some((m) => m.id === ID.LORA))!;
		expect(sd.id).not.toBe(lora.id);
		// The most important community is the biggest region.
		expect(regions[0]!.r).toBe(Math.max(...regions.map((r) => r.r)));
		for (let i = 0; i < regions.length; i++)
			for (let j = i + 1; j < regions.length; j++) {
				const [a, b] = [regions[i]!, regions[j]!];
				expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r);
			}
		// Links join two regions shown, the strongest weighing 1.
		const shown = new Set(regions.map((r) => r.id));
		for (const l of links) {
			expect(shown.has(l.source) && shown.has(l.target) && l.source !== l.target).toBe(true);
			expect(l.weight).toBeGreaterThan(0);
			expect(l.weight).toBeLessThanOrEqual(1);
		}
		if (links.length) expect(Math.max(...links.map((l) => l.weight))).toBe(1);
		expect(sd.papers).toBe(sd.papersAll);
	});

	it('counts each region’s papers of a year range, keeping the positions', async () => {
		const all = (await get('/api/map')).body.regions as Region[];
		const ranged = (await get('/api/map?from=2024&to=2024')).body;
		expect(ranged.range).toEqual({ from: 2024, to: 2024 });
		for (const r of ranged.regions as Region[]) {
			const same = all.find((a) => a.id === r.id)!;
			expect([r.x, r.y, r.r]).toEqual([same.x, same.y, same.r]);
			expect(r.papers).toBeLessThanOrEqual(r.papersAll);
		}
		// Only KOALA's paper is of 2024, and it is in Stable Diffusion's community.
		const sd = (ranged.regions as Region[]).find((r) => r.top.some((m) => m.id === ID.SD))!;
		expect(sd.papers).toBe(1);
		const lora = (ranged.regions as Region[]).find((r) => r.top.some((m) => m.id === ID.LORA))!;
		expect(lora.papers).toBe(0);
	});

	it('validates its parameters and is described in OpenAPI', async () => {
		expect((await get('/api/map?limit=0')).body).toMatchObject({ param: 'limit' });
		expect((await get('/api/map?limit=201')).status).toBe(400);
		expect((await get('/api/map?from=2024&to=2020')).body).toMatchObject({ param: 'from' });
		expect((await get('/api/map?from=abc')).status).toBe(400);
		const paths = Object.keys((await get('/api/openapi.json')).body.paths);
		expect(paths).toContain('/api/map');
	});

	it('shows a method in a lineage for the paper proposing it, with its title and year', async () => {
		const down = await lineage(graphDb(), ID.SD, { direction: 'descendants', depth: 3 });
		// No paper beside the method it proposes: KOALA's paper is KOALA.
		expect(down.nodes.filter((n) => n.kind === 'Paper')).toEqual([]);
		const koala = down.nodes.find((n) => n.id === ID.KOALA)!;
		expect(koala.proposedIn).toEqual({
			id: 'p-koala',
			title: 'KOALA: Fast Image Synthesis',
			year: 2024
		});
		expect(koala.depth).toBe(2);
		// The paper's edges are the method's, once.
		const ids = down.edges.map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.some((id) => id.startsWith('p-'))).toBe(false);
		expect(down.edges.some((e) => e.source === ID.KOALA && e.target === ID.SDXL)).toBe(true);
	});
});
