import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { entityDetail, entityRelations } from '../../graph/queries/entity.js';
import { NotFoundError } from '../../graph/queries/errors.js';
import { buildsOn, lineage } from '../../graph/queries/lineage.js';
import { neighbourhood } from '../../graph/queries/neighbourhood.js';
import { overview, timeline } from '../../graph/queries/overview.js';
import { paperDetail } from '../../graph/queries/paper.js';
import { paths } from '../../graph/queries/paths.js';
import { search } from '../../graph/queries/search.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { ID, loadKnownGraph } from '../fixtures/known-graph.js';
import { noNeo4j, graphDb } from '../helpers/db.js';

const labels = (nodes: { label: string }[]) => nodes.map((n) => n.label).sort();

describe.skipIf(noNeo4j)('graph queries on a known graph', () => {
	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		// Full-text indexes catch up asynchronously.
		await graphDb().driver.executeQuery('CALL db.awaitIndexes(60)');
		for (let i = 0; i < 50 && (await search(graphDb(), 'koala')).length === 0; i++)
			await new Promise((r) => setTimeout(r, 100));
	});
	afterAll(async () => {
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('search: exact name first, aliases, prefix and typo tolerance', async () => {
		expect((await search(graphDb(), 'SDXL'))[0]).toMatchObject({
			id: ID.SDXL,
			kind: 'Entity',
			matched: 'SDXL'
		});
		expect((await search(graphDb(), 'stable diff'))[0]!.label).toMatch(/^Stable Diffusion/);
		expect((await search(graphDb(), 'stable diffusion'))[0]!.id).toBe(ID.SD);
		expect((await search(graphDb(), 'instaflw')).map((h) => h.id)).toContain(ID.INSTAFLOW);
		const papers = await search(graphDb(), 'one step', { types: ['Paper'] });
		expect(papers.map((h) => h.id)).toEqual(['p-instaflow']);
		expect((await search(graphDb(), 'koala', { types: ['Task'] })).length).toBe(0);
	});

	it('search: across spaces, hyphens and possessives; exact, then prefix, then the rest', async () => {
		// names written apart or with a hyphen find the name written together, and back
		expect((await search(graphDb(), 'Insta Flow'))[0]!.id).toBe(ID.INSTAFLOW);
		expect((await search(graphDb(), 'lcm lora'))[0]!.id).toBe(ID.LCMLORA);
		expect((await search(graphDb(), "KOALA's"))[0]!.id).toBe(ID.KOALA);
		// the exact name before a longer name containing it, which comes before weaker matches
		const lora = (await search(graphDb(), 'lora')).map((h) => h.id);
		expect(lora.slice(0, 2)).toEqual([ID.LORA, ID.LCMLORA]);
		// prefix matches before typo matches; papers after entities for a short query
		const sd = await search(graphDb(), 'stable diff');
		expect(sd[0]!.kind).toBe('Entity');
		const firstPaper = sd.findIndex((h) => h.kind === 'Paper');
		if (firstPaper >= 0) expect(sd.slice(firstPaper).every((h) => h.kind === 'Paper')).toBe(true);
		// a query that reads as a title finds its paper first
		expect((await search(graphDb(), 'KOALA: Fast Image Synthesis'))[0]!.id).toBe('p-koala');
	});

	it('search: Lucene syntax in user text cannot break or widen the query', async () => {
		for (const q of [
			'~',
			'*',
			':',
			'"',
			'(',
			')',
			'AND',
			'title:*',
			'SDXL OR *',
			'\\',
			'a AND (b',
			'"unclosed'
		]) {
			const hits = await search(graphDb(), q);
			expect(hits.length).toBeLessThan(12);
		}
		expect((await search(graphDb(), '*')).length).toBe(0);
		expect((await search(graphDb(), 'SDXL OR *')).map((h) => h.id)).toEqual([ID.SDXL, 'p-sdxl']);
	});

	it('entity: relations grouped by type with support and evidence on every one', async () => {
		const sdxl = await entityDetail(graphDb(), ID.SDXL);
		expect(sdxl).toMatchObject({ name: 'SDXL', type: 'Model', firstYear: 2023, paperCount: 3 });
		expect(sdxl.relations.VARIANT_OF?.map((r) => r.other.label)).toEqual(['Stable Diffusion']);
		const builtOnBy = sdxl.relations.BUILDS_ON ?? [];
		expect(builtOnBy.map((r) => `${r.direction} ${r.other.label}`).sort()).toEqual([
			'in KOALA',
			'in KOALA: Fast Image Synthesis'
		]);
		for (const group of Object.values(sdxl.relations)) {
			for (const rel of group!) {
				expect(rel.evidence.length).toBeGreaterThan(0);
				for (const ev of rel.evidence) expect(ev.sentence.length).toBeGreaterThan(0);
			}
		}
		const koala = builtOnBy.find((r) => r.other.label === 'KOALA')!;
		const ev = koala.evidence[0]!;
		expect(ev).toMatchObject({
			paperId: 'p-koala',
			paperTitle: 'KOALA: Fast Image Synthesis',
			paperYear: 2024
		});
		expect(ev.sentence.slice(...ev.tailSpan!)).toBe('SDXL');
		expect(ev.sentence.slice(...ev.headSpan!)).toBe('KOALA');
		// where the sentence sits in the abstract the paper page shows (its link marks it there)
		for (const group of Object.values(sdxl.relations))
			for (const rel of group!)
				for (const e of rel.evidence) {
					const { abstract } = await paperDetail(graphDb(), e.paperId);
					expect(e.at, e.sentence).toHaveLength(2);
					if (e.at![0] >= 0) expect(abstract.slice(...e.at!)).toBe(e.sentence);
				}
		await expect(entityDetail(graphDb(), 'model:nope')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('entity: each (type, direction) group capped to its strongest, the rest a page at a time', async () => {
		const full = await entityDetail(graphDb(), ID.SDXL);
		expect(full.truncated).toBe(false);
		expect(full.relationCounts.BUILDS_ON).toEqual({ out: 0, in: 2 });
		const all = (full.relations.BUILDS_ON ?? []).map((r) => r.other.id);

		const capped = await entityDetail(graphDb(), ID.SDXL, { relationCap: 1, evidenceCap: 1 });
		expect(capped.truncated).toBe(true);
		expect(capped.relationCounts).toEqual(full.relationCounts);
		expect(capped.degree).toBe(full.degree);
		// The first of the group in the detail's order: entities before papers at equal support.
		expect(capped.relations.BUILDS_ON?.map((r) => r.other.label)).toEqual(['KOALA']);
		for (const group of Object.values(capped.relations)) {
			expect(group!.filter((r) => r.direction === 'in').length).toBeLessThanOrEqual(1);
			expect(group!.filter((r) => r.direction === 'out').length).toBeLessThanOrEqual(1);
			for (const rel of group!) expect(rel.evidence).toHaveLength(1);
		}

		// Paging continues exactly where the capped detail stopped, in the same order.
		const rest = await entityRelations(graphDb(), ID.SDXL, 'BUILDS_ON', 'in', {
			offset: 1,
			limit: 10
		});
		expect(rest).toMatchObject({ type: 'BUILDS_ON', direction: 'in', total: 2, offset: 1 });
		expect([
			capped.relations.BUILDS_ON![0]!.other.id,
			...rest.relations.map((r) => r.other.id)
		]).toEqual(all);
		expect(rest.relations[0]!.evidence[0]!.sentence.length).toBeGreaterThan(0);
		const first = await entityRelations(graphDb(), ID.SDXL, 'BUILDS_ON', 'in', {
			offset: 0,
			limit: 1
		});
		expect(first.relations.map((r) => r.other.id)).toEqual(all.slice(0, 1));
		expect(
			(await entityRelations(graphDb(), ID.SDXL, 'BUILDS_ON', 'out', { offset: 0, limit: 10 }))
				.total
		).toBe(0);
		await expect(
			entityRelations(graphDb(), 'model:nope', 'USES', 'in', { offset: 0, limit: 10 })
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('paper: mentions with offsets into the abstract, and its relations', async () => {
		const p = await paperDetail(graphDb(), 'p-koala');
		expect(p.title).toBe('KOALA: Fast Image Synthesis');
		expect(p).toHaveProperty('arxivId');
		expect(p).toHaveProperty('doi');
		for (const m of p.mentions) expect(p.abstract.slice(m.start, m.end)).toBe(m.name);
		expect(p.relations.map((r) => `${r.head.label} ${r.type} ${r.tail.label}`)).toContain(
			'KOALA BUILDS_ON SDXL'
		);
		await expect(paperDetail(graphDb(), 'nope')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('paths: the exact shortest path, k distinct paths, direction and relation filters, evidence per hop', async () => {
		const one = await paths(graphDb(), ID.KOALA, ID.INSTAFLOW, { k: 1 });
		expect(one.paths).toHaveLength(1);
		expect(one.paths[0]!.nodes.map((n) => n.label)).toEqual(['KOALA', 'SDXL', 'InstaFlow']);
		expect(one.paths[0]!.hops.map((h) => [h.type, h.forward])).toEqual([
			['BUILDS_ON', true],
			['COMPARED_WITH', false]
		]);
		for (const hop of one.paths[0]!.hops) expect(hop.evidence?.sentence).toBeTruthy();

		const three = await paths(graphDb(), ID.KOALA, ID.INSTAFLOW, { k: 3 });
		expect(three.paths).toHaveLength(3);
		expect(new Set(three.paths.map((p) => p.nodes.map((n) => n.id).join('>'))).size).toBe(3);
		expect(three.paths.map((p) => p.hops.length)).toEqual([2, 3, 3]);
		// Asked the other way round (the search may start from either end), the same paths.
		const back = await paths(graphDb(), ID.INSTAFLOW, ID.KOALA, { k: 3 });
		const chains = (r: typeof three, reversed = false) =>
			r.paths
				.map((p) => {
					const ids = p.nodes.map((n) => n.id);
					return (reversed ? ids.reverse() : ids).join('>');
				})
				.sort();
		expect(chains(back, true)).toEqual(chains(three));

		// A paper with four relations out, to an entity with one in: searched from the entity's
		// end, and still given from the paper, hop direction included.
		const proposed = await paths(graphDb(), 'p-koala', ID.KOALA, { directed: true, k: 1 });
		expect(proposed.paths[0]!.nodes.map((n) => n.id)).toEqual(['p-koala', ID.KOALA]);
		expect(proposed.paths[0]!.hops.map((h) => [h.type, h.forward])).toEqual([['PROPOSES', true]]);

		expect((await paths(graphDb(), ID.KOALA, ID.INSTAFLOW, { directed: true })).paths).toEqual([]);
		const directed = await paths(graphDb(), ID.INSTAFLOW, ID.SD, { directed: true, k: 1 });
		expect(directed.paths[0]!.nodes.map((n) => n.label)).toEqual([
			'InstaFlow',
			'Stable Diffusion v1.5',
			'Stable Diffusion'
		]);

		const lineageOnly = await paths(graphDb(), ID.KOALA, ID.INSTAFLOW, {
			k: 1,
			relations: ['BUILDS_ON', 'VARIANT_OF']
		});
		expect(lineageOnly.paths[0]!.nodes.map((n) => n.label)).toEqual([
			'KOALA',
			'SDXL',
			'Stable Diffusion',
			'Stable Diffusion v1.5',
			'InstaFlow'
		]);
		expect((await paths(graphDb(), ID.KOALA, ID.INSTAFLOW, { k: 1, maxLength: 1 })).paths).toEqual(
			[]
		);
		await expect(paths(graphDb(), ID.KOALA, 'nope')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('lineage: descendants of Stable Diffusion include work built on its versions; ancestors go up', async () => {
		const down = await lineage(graphDb(), ID.SD, { direction: 'descendants', depth: 3 });
		const entities = down.nodes.filter((n) => n.kind === 'Entity');
		expect(labels(entities)).toEqual(
			['<script>alert(1)</script>Net', 'InstaFlow', 'KOALA', 'SDXL', 'Stable Diffusion v1.5'].sort()
		);
		expect(down.nodes.find((n) => n.label === 'KOALA')!.depth).toBe(2);
		expect(labels(down.nodes)).not.toContain('LCM-LoRA');
		const oneLevel = await lineage(graphDb(), ID.SD, { depth: 1 });
		expect(labels(oneLevel.nodes)).not.toContain('KOALA');

		const up = await lineage(graphDb(), ID.KOALA, { direction: 'ancestors', depth: 6 });
		expect(labels(up.nodes)).toEqual(['SDXL', 'Stable Diffusion']);
		expect(up.edges.map((e) => e.type).sort()).toEqual(['BUILDS_ON', 'VARIANT_OF']);
	});

	it('buildsOn: one row per method, with the variant it builds on and the paper proposing it', async () => {
		const { rows } = await buildsOn(graphDb(), ID.SD);
		const table = rows.map((r) => `${r.label} via ${r.via?.label ?? '-'}`).sort();
		// each paper proposes the method that builds on Stable Diffusion: it is the method's
		// evidence, not a second row
		expect(table).toEqual(
			[
				'<script>alert(1)</script>Net via -',
				'InstaFlow via Stable Diffusion v1.5',
				'KOALA via SDXL'
			].sort()
		);
		for (const r of rows) expect(r.evidenceCount).toBe(1);
		const koala = rows.find((r) => r.label === 'KOALA');
		expect(koala?.variants?.map((v) => v.label)).toEqual(['SDXL']);
		expect(koala?.paper?.title).toBe('KOALA: Fast Image Synthesis');
	});

	it('neighbourhood: strongest first, filters, caps with truncated', async () => {
		const all = await neighbourhood(graphDb(), [ID.SDXL]);
		expect(all.truncated).toBe(false);
		expect(labels(all.nodes)).toContain('KOALA');
		const capped = await neighbourhood(graphDb(), [ID.SDXL], { limit: 2 });
		expect(capped.nodes).toHaveLength(3);
		expect(capped.truncated).toBe(true);
		expect(capped.total).toBe(all.nodes.length);
		const onlyModels = await neighbourhood(graphDb(), [ID.SDXL], {
			types: ['Model'],
			relations: ['VARIANT_OF', 'BUILDS_ON']
		});
		expect(labels(onlyModels.nodes)).toEqual(['KOALA', 'SDXL', 'Stable Diffusion']);
		// A year range keeps the relations stated by papers of those years: KOALA's, of 2024.
		const recent = await neighbourhood(graphDb(), [ID.SDXL], { fromYear: 2024 });
		expect(recent.nodes.map((n) => n.id).sort()).toEqual([ID.KOALA, ID.SDXL, 'p-koala'].sort());
		// SDXL itself, first seen in 2023, stays: a node asked for is never filtered out.
		expect(
			(await neighbourhood(graphDb(), [ID.SDXL], { toYear: 2022 })).nodes.map((n) => n.id)
		).toEqual([ID.SDXL]);
		const two = await neighbourhood(graphDb(), [ID.SDXL], { depth: 2, types: ['Model'] });
		expect(labels(two.nodes)).toContain('Stable Diffusion v1.5');
		expect((await neighbourhood(graphDb(), [ID.SDXL], { minSupport: 2 })).nodes).toHaveLength(1);
	});

	it('overview and timeline', async () => {
		const view = await overview(graphDb(), { limit: 3 });
		expect(view.nodes).toHaveLength(3);
		expect(view.truncated).toBe(true);
		expect(view.nodes[0]!.score).toBe(1);
		const years = await timeline(graphDb(), undefined);
		expect(years.find((y) => y.year === 2023)?.papers).toBe(3);
		const sdxl = await timeline(graphDb(), ID.SDXL);
		expect(sdxl.reduce((s, y) => s + y.papers, 0)).toBe(3);
	});
});
