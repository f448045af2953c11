// The in-memory copy of the graph answers neighbourhoods and entity details exactly as Neo4j
// does (on a graph small enough for Neo4j's scan caps not to bite), and the server
// never answers from a copy older than the graph.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../support/corpus.js';
import { closeDriver, readRows, writeTx } from '../../graph/driver.js';
import { loadSnapshot } from '../../graph/projection/load.js';
import { snapshotNeighbourhood } from '../../graph/projection/neighbourhood.js';
import type { GraphSnapshot } from '../../graph/projection/snapshot.js';
import { snapshotEntityDetail, snapshotEntityRelations } from '../../graph/projection/entity.js';
import { snapshotFoldedLineage } from '../../graph/projection/lineage.js';
import { OverviewRanking } from '../../graph/projection/overview.js';
import { snapshotPaths, specificity } from '../../graph/projection/paths.js';
import { snapshotSearch } from '../../graph/projection/search.js';
import { search, searchKey, searchPlan, type SearchOptions } from '../../graph/queries/search.js';
import { comparePaths, type RankedPath } from '../../graph/queries/path-rank.js';
import { paths, type PathOptions } from '../../graph/queries/paths.js';
import { entityDetail, entityRelations } from '../../graph/queries/entity.js';
import { lineage, type LineageOptions } from '../../graph/queries/lineage.js';
import { overview } from '../../graph/queries/overview.js';
import { NotFoundError } from '../../graph/queries/errors.js';
import { deletePapers } from '../../graph/queries/load.js';
import { bumpGraphVersion } from '../../graph/queries/version.js';
import type { RelationType } from '../../graph/model.js';
import { neighbourhood, type NeighbourhoodOptions } from '../../graph/queries/neighbourhood.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { ID, loadKnownGraph } from '../fixtures/known-graph.js';
import { writeZephyrine, ZEPHYRINE_ID } from '../fixtures/zephyrine.js';
import { projectionReady, startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

const OPTIONS: Omit<NeighbourhoodOptions, 'driver' | 'timeoutMs'>[] = [
	{},
	{ limit: 3 },
	{ limit: 5, edgeLimit: 4 },
	{ limit: 12, edgeLimit: 8 },
	{ depth: 2, limit: 30 },
	{ depth: 2, limit: 8, types: ['Model', 'Technique'] },
	{ types: ['Paper'] },
	{ fromYear: 2023, toYear: 2024 },
	// Year ranges count the papers of those years: support, caps and ties all follow.
	{ fromYear: 2024 },
	{ toYear: 2022, limit: 5, edgeLimit: 4 },
	{ fromYear: 2023, toYear: 2023, minSupport: 2, depth: 2, limit: 20 },
	{ minSupport: 2 },
	{ relations: ['BUILDS_ON', 'VARIANT_OF', 'USES'], depth: 2 }
];

const YEAR_RANGES = [{ fromYear: 2024 }, { toYear: 2022 }, { fromYear: 2023, toYear: 2023 }];

/** The `first` busiest entities (where caps and ties are met), then every `every`-th. */
function busiestAndSpread(first: number, every: number): Promise<{ id: string }[]> {
	return readRows<{ id: string }>(
		graphDb(),
		`MATCH (e:Entity) WITH e ORDER BY COUNT { (e)--() } DESC, e.id
		 WITH collect(e.id) AS ids
		 UNWIND [i IN range(0, size(ids) - 1) WHERE i < $first OR i % $every = 0 | ids[i]] AS id
		 RETURN id`,
		{ first, every }
	);
}

describe.skipIf(noNeo4j)('the in-memory copy of the graph', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-projection-'));
	let snapshot: GraphSnapshot;

	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		// A denser graph than the known one, so caps and ties are met.
		const corpus = path.join(dir, 'corpus.jsonl');
		await writeCorpus(corpus, 250, { seed: 7, vocabulary: 'closed' });
		await ingest(graphDb(), { files: [corpus], workers: 0 });
		// What ingest rarely makes but a graph may hold: a relation from a node to itself, and ids
		// that JavaScript's `<` orders unlike Neo4j (U+1D538 after U+FF46 by code point, before it
		// by UTF-16 unit), tied on support so that only the id order separates them.
		await writeTx(graphDb(), async (tx) => {
			await tx.run(
				`MATCH (s:Entity {id: $sdxl})
				 CREATE (s)-[:COMPARED_WITH {support: 3}]->(s)
				 CREATE (a:Entity {id: 'model:\u{1D538}-net', name: '\u{1D538}-Net', type: 'Model',
				                   firstYear: 2024, paperCount: 1})
				 CREATE (b:Entity {id: 'model:\uFF46ull-net', name: '\uFF46ull-Net', type: 'Model',
				                   firstYear: 2024, paperCount: 1})
				 CREATE (a)-[:BUILDS_ON {support: 2}]->(s), (b)-[:BUILDS_ON {support: 2}]->(s)`,
				{ sdxl: ID.SDXL }
			);
			await bumpGraphVersion(tx);
		});
		const loaded = await loadSnapshot(graphDb());
		expect(loaded.consistent).toBe(true);
		snapshot = loaded.snapshot;
	}, 180_000);

	afterAll(async () => {
		await resetGraph(graphDb());
		await closeDriver();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('holds every node and relation of the graph', async () => {
		const [counts] = await readRows<{ nodes: number; relations: number }>(
			graphDb(),
			`MATCH (n) WHERE n:Paper OR n:Entity
			 RETURN count(n) AS nodes,
			        COUNT { ()-[:PROPOSES|BUILDS_ON|USES|EVALUATED_ON|TRAINED_ON|COMPARED_WITH|ADDRESSES|VARIANT_OF]->() } AS relations`
		);
		expect(snapshot.nodeCount).toBe(counts!.nodes);
		expect(snapshot.relationCount).toBe(counts!.relations);
		expect(snapshot.node(snapshot.index.get(ID.SDXL)!)).toMatchObject({
			id: ID.SDXL,
			kind: 'Entity',
			type: 'Model',
			label: 'SDXL'
		});
	});

	it('answers every neighbourhood exactly as the Cypher queries do', async () => {
		// The busiest entities (where caps and ties are met), a spread of the rest, some papers.
		const entities = await busiestAndSpread(25, 10);
		const papers = await readRows<{ id: string }>(
			graphDb(),
			'MATCH (p:Paper) RETURN p.id AS id ORDER BY p.id LIMIT 8'
		);
		const seeds = [
			...entities.map((e) => [e.id]),
			...papers.map((p) => [p.id]),
			[ID.SDXL, ID.SD, 'no-such-node'],
			[ID.KOALA, ID.KOALA]
		];
		let capped = 0;
		for (const ids of seeds) {
			for (const options of OPTIONS) {
				const fromNeo4j = await neighbourhood(graphDb(), ids, options);
				const fromMemory = snapshotNeighbourhood(snapshot, ids, options);
				expect(fromMemory, `${ids.join(',')} ${JSON.stringify(options)}`).toEqual(fromNeo4j);
				if (fromNeo4j.edgeTotal) capped++;
			}
		}
		// The edge cap was exercised, not only the easy cases.
		expect(capped).toBeGreaterThan(20);
	}, 300_000);

	it('answers entity details and their pages exactly as the Cypher queries do', async () => {
		const entities = await busiestAndSpread(10, 20);
		let paged = 0;
		let ranged = 0;
		for (const { id } of [...entities, { id: ID.SDXL }, { id: ID.KOALA }]) {
			for (const relationCap of [20, 2]) {
				const fromNeo4j = await entityDetail(graphDb(), id, { relationCap });
				expect(await snapshotEntityDetail(graphDb(), snapshot, id, { relationCap }), id).toEqual(
					fromNeo4j
				);
			}
			// In a year range: the relations and papers of those years, and their counts.
			for (const years of YEAR_RANGES) {
				const options = { relationCap: 3, ...years };
				const fromNeo4j = await entityDetail(graphDb(), id, options);
				const label = `${id} ${JSON.stringify(years)}`;
				expect(await snapshotEntityDetail(graphDb(), snapshot, id, options), label).toEqual(
					fromNeo4j
				);
				if (fromNeo4j.degree > 0) ranged++;
				for (const [type, counts] of Object.entries(fromNeo4j.relationCounts)) {
					const dir = counts.in >= counts.out ? 'in' : 'out';
					const page = { offset: 1, limit: 3 };
					const rel = type as RelationType;
					expect(
						await snapshotEntityRelations(graphDb(), snapshot, id, rel, dir, page, years),
						`${label} ${type} ${dir}`
					).toEqual(await entityRelations(graphDb(), id, rel, dir, page, years));
				}
			}
			for (const [type, counts] of Object.entries(
				(await entityDetail(graphDb(), id)).relationCounts
			)) {
				for (const dir of ['out', 'in'] as const) {
					if (counts[dir] < 3) continue;
					const page = { offset: 1, limit: 2 };
					const rel = type as RelationType;
					expect(await snapshotEntityRelations(graphDb(), snapshot, id, rel, dir, page)).toEqual(
						await entityRelations(graphDb(), id, rel, dir, page)
					);
					paged++;
				}
			}
		}
		expect(paged).toBeGreaterThan(10);
		expect(ranged).toBeGreaterThan(10); // the ranges kept something to compare
		await expect(snapshotEntityDetail(graphDb(), snapshot, 'model:nope')).rejects.toThrow(
			NotFoundError
		);
	}, 300_000);

	it('answers lineages exactly as the Cypher queries do, caps included', async () => {
		const entities = await busiestAndSpread(15, 15);
		const variants: Omit<LineageOptions, 'driver' | 'timeoutMs'>[] = [
			{},
			{ direction: 'ancestors' },
			{ depth: 1 },
			{ depth: 6, limit: 20 },
			// a node cap of 3 and a scan cap of 12 relationships per level: both bite on hubs
			{ limit: 3 },
			{ direction: 'ancestors', limit: 5, depth: 4 },
			{ relations: ['USES', 'COMPARED_WITH'], depth: 2 }, // SDXL is compared with itself
			{ relations: ['PROPOSES'], direction: 'ancestors' }
		];
		let truncated = 0;
		let deep = 0;
		const papers = await readRows<{ id: string }>(
			graphDb(),
			'MATCH (p:Paper) RETURN p.id AS id ORDER BY p.id LIMIT 3'
		);
		for (const { id } of [...entities, ...papers, { id: ID.SDXL }, { id: ID.SD }]) {
			for (const o of variants) {
				const label = `${id} ${JSON.stringify(o)}`;
				const fromNeo4j = await lineage(graphDb(), id, o);
				// the server folds a paper proposing a method into it after the copy's walk, in memory too
				const fromCopy = snapshotFoldedLineage(snapshot, id, o);
				expect(fromCopy, label).toEqual(fromNeo4j);
				if (fromNeo4j.truncated) truncated++;
				if (fromNeo4j.nodes.some((n) => n.depth >= 2)) deep++;
			}
		}
		expect(truncated).toBeGreaterThan(5);
		expect(deep).toBeGreaterThan(5);
		expect(() => snapshotFoldedLineage(snapshot, 'model:nope')).toThrow(NotFoundError);
		expect(() => snapshotFoldedLineage(snapshot, ID.SD, { depth: 7 })).toThrow(RangeError);
	}, 300_000);

	it('searches names as the full-text index does, ranked the same way', async () => {
		const find = async (q: string, o: SearchOptions = {}) =>
			snapshotSearch(snapshot, searchPlan(q, o));
		// The table of tests/integration/queries.test.ts, over the copy.
		expect((await find('SDXL'))[0]).toMatchObject({ id: ID.SDXL, kind: 'Entity', matched: 'SDXL' });
		expect((await find('stable diff'))[0]!.label).toMatch(/^Stable Diffusion/);
		expect((await find('stable diffusion'))[0]!.id).toBe(ID.SD);
		expect((await find('instaflw')).map((h) => h.id)).toContain(ID.INSTAFLOW);
		expect((await find('one step', { types: ['Paper'] })).map((h) => h.id)).toContain(
			'p-instaflow'
		);
		expect(await find('koala', { types: ['Task'] })).toEqual([]);
		expect((await find('Insta Flow'))[0]!.id).toBe(ID.INSTAFLOW);
		expect((await find('lcm lora'))[0]!.id).toBe(ID.LCMLORA);
		// and back: a name written apart or hyphenated, found written together
		expect((await find('lcmlora'))[0]!.id).toBe(ID.LCMLORA);
		expect((await find('lcmlo'))[0]!.id).toBe(ID.LCMLORA);
		expect((await find("KOALA's"))[0]!.id).toBe(ID.KOALA);
		expect((await find('lora')).map((h) => h.id).slice(0, 2)).toEqual([ID.LORA, ID.LCMLORA]);
		expect((await find('KOALA: Fast Image Synthesis'))[0]!.id).toBe('p-koala');
		expect(await find('*')).toEqual([]);
		expect((await find('SDXL OR *')).map((h) => h.id)).toEqual([ID.SDXL, 'p-sdxl']);
		// Every name of the graph, whole, half and with a typo: the name itself first (Lucene's
		// tokenizer drops some letters, e.g. "𝔸-Net", which the copy still finds).
		const names = await readRows<{ id: string; name: string }>(
			graphDb(),
			'MATCH (e:Entity) RETURN e.id AS id, e.name AS name ORDER BY e.id'
		);
		let typos = 0;
		let halves = 0;
		for (const { id, name } of names) {
			const hits = await find(name);
			expect(searchKey(hits[0]!.label), name).toBe(searchKey(name));
			expect(
				hits.map((h) => h.id),
				name
			).toContain(id);
			// Half a name: when Neo4j's best starts with it, so does the copy's.
			const half = name.slice(0, Math.max(3, Math.ceil(name.length / 2)));
			const [best] = await search(graphDb(), half);
			const [first] = await find(half);
			if (best && searchKey(best.matched).startsWith(searchKey(half))) {
				expect(searchKey(first!.matched).startsWith(searchKey(half)), half).toBe(true);
				halves++;
			}
			if (/^[a-z]{6,}$/i.test(name)) {
				const typo = name.slice(0, 2) + name[3] + name[2] + name.slice(4);
				expect(
					(await find(typo)).map((h) => h.id),
					typo
				).toContain(id);
				typos++;
			}
		}
		expect(typos).toBeGreaterThan(10);
		expect(halves).toBeGreaterThan(names.length / 2);
	}, 300_000);

	it('answers the overview exactly as the Cypher queries do', async () => {
		const ranking = new OverviewRanking(snapshot);
		const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
		for (const [limit, papers] of [
			[1, 0],
			[7, 0],
			[60, 0],
			[40, 25],
			[2000, 10_000]
		] as const) {
			const fromNeo4j = await overview(graphDb(), { limit, papers });
			const fromMemory = ranking.view(limit, papers);
			const label = `${limit}, ${papers}`;
			expect(fromMemory.nodes, label).toEqual(fromNeo4j.nodes);
			// Neo4j lists the relations in no particular order.
			expect([...fromMemory.edges].sort(byId), label).toEqual([...fromNeo4j.edges].sort(byId));
			if (limit > 5) expect(fromMemory.edges.length, label).toBeGreaterThan(0);
			expect({ ...fromMemory, nodes: 0, edges: 0 }, label).toEqual({
				...fromNeo4j,
				nodes: 0,
				edges: 0
			});
		}
	}, 120_000);

	it('finds paths as good as Neo4j finds, each one real, in the same ranking', async () => {
		// Neo4j ranks the 3k shortest paths it finds; the copy searches every path up to maxLength.
		// So: a path exists for both or neither, the copy's best is never worse than Neo4j's, and
		// every path the copy gives is in the graph, hop by hop, within the options.
		const entities = (await busiestAndSpread(8, 25)).map((e) => e.id);
		const pairs = entities.flatMap((a, i) =>
			[entities[(i + 1) % entities.length]!, entities[(i * 5 + 3) % entities.length]!]
				.filter((b) => b !== a)
				.map((b) => [a, b] as const)
		);
		pairs.push([ID.KOALA, ID.INSTAFLOW], ['p-koala', ID.KOALA]);
		const variants: Omit<PathOptions, 'driver' | 'timeoutMs'>[] = [
			{},
			{ avoidHubs: false },
			{ entityOnly: true, maxLength: 5 },
			{ directed: true, avoidHubs: false },
			{ relations: ['BUILDS_ON', 'VARIANT_OF', 'USES'], maxLength: 3 },
			{ maxLength: 2, k: 10 }
		];
		const { hub } = specificity(snapshot);
		const ranked = (p: { nodes: { id: string }[]; hops: RankedPath['rels']; cost: number }) => ({
			ids: p.nodes.map((n) => n.id),
			rels: p.hops,
			cost: p.cost
		});
		let compared = 0;
		let hubsAvoided = 0;
		for (const [a, b] of pairs) {
			for (const o of variants) {
				const label = `${a} → ${b} ${JSON.stringify(o)}`;
				const memory = snapshotPaths(snapshot, a, b, o);
				const neo4j = await paths(graphDb(), a, b, o);
				expect(memory.partial, label).toBe(false);
				expect(memory.paths.length > 0, label).toBe(neo4j.paths.length > 0);
				if (memory.avoided.length) hubsAvoided++;
				if (neo4j.paths.length === 0) continue;
				compared++;
				expect(comparePaths(memory.paths[0]!, ranked(neo4j.paths[0]!)), label).toBeLessThanOrEqual(
					0
				);
				for (let i = 1; i < memory.paths.length; i++)
					expect(comparePaths(memory.paths[i - 1]!, memory.paths[i]!), label).toBeLessThan(0);
				for (const p of memory.paths) {
					expect(new Set(p.ids).size, label).toBe(p.ids.length);
					expect(p.rels.length, label).toBeLessThanOrEqual(o.maxLength ?? 4);
					for (const id of p.ids.slice(1, -1)) {
						const i = snapshot.index.get(id)!;
						if (o.avoidHubs !== false) expect(hub[i], `${label} ${id}`).toBe(0);
						if (o.entityOnly) expect(snapshot.type(i), `${label} ${id}`).not.toBe('Paper');
					}
					p.rels.forEach((r, i) => {
						if (o.directed) expect([r.source, r.target]).toEqual([p.ids[i], p.ids[i + 1]]);
						if (o.relations) expect(o.relations).toContain(r.type);
					});
					const found = await readRows<{ support: number }>(
						graphDb(),
						`UNWIND $rels AS rel
						 MATCH (x {id: rel.source})-[r]->(y {id: rel.target})
						 WHERE type(r) = rel.type AND (x:Entity OR x:Paper) AND (y:Entity OR y:Paper)
						 RETURN r.support AS support`,
						{ rels: p.rels }
					);
					expect(
						found.map((f) => f.support),
						label
					).toEqual(p.rels.map((r) => r.support));
				}
			}
		}
		expect(compared).toBeGreaterThan(40);
		expect(hubsAvoided).toBeGreaterThan(5); // the closed corpus has hubs: they were met
	}, 300_000);

	it('is used by the server only while it matches the graph', async () => {
		let app: RunningApp | undefined;
		const input = path.join(dir, 'zephyrine.jsonl');
		writeZephyrine(input);
		const hood = async () => {
			const res = await fetch(
				`${app!.url}/api/neighbourhood?ids=${encodeURIComponent(ID.SDXL)}&limit=500`
			);
			expect(res.status).toBe(200);
			return (await res.json()) as { nodes: { label: string }[] };
		};
		try {
			// No response cache: every answer comes from the copy or from Neo4j.
			app = await startApp(testEnv({ LINEAGE_API_CACHE_MB: '0', LINEAGE_LOG: 'on' }));
			await projectionReady(app.url, () => {});
			expect(app.logs()).toMatch(/"event":"projection","nodes":\d+.*"consistent":true/);
			const health = await (await fetch(`${app.url}/api/health`)).json();
			expect(health.projection).toMatchObject({ state: 'ready', nodes: snapshot.nodeCount });
			const before = await hood();
			expect(before.nodes).toEqual(
				(await neighbourhood(graphDb(), [ID.SDXL], { limit: 500 })).nodes
			);
			expect(before.nodes.map((n) => n.label)).not.toContain('Zephyrine');

			await ingest(graphDb(), { files: [input], workers: 0 });
			await new Promise((r) => setTimeout(r, 1100)); // the server re-reads the version each second
			expect((await hood()).nodes.map((n) => n.label)).toContain('Zephyrine');
		} finally {
			await app?.stop();
			await writeTx(graphDb(), (tx) => deletePapers(tx, [ZEPHYRINE_ID]));
		}
	}, 120_000);
});
