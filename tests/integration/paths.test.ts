// Paths that mean something, and that never run away: on a graph with a generic hub, specific
// paths come first, "avoid generic hubs" leaves the hub out and says so, entity-only paths keep
// papers as evidence; both the in-memory copy and Neo4j rank alike. On a few thousand generated
// papers, a question between hubs answers within the timeout or with a 504 that says what to
// narrow, never a 500, and leaves no transaction running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../support/corpus.js';
import { closeDriver, readRows } from '../../graph/driver.js';
import { loadSnapshot } from '../../graph/projection/load.js';
import { snapshotPaths, snapshotPathsResult } from '../../graph/projection/paths.js';
import type { GraphSnapshot } from '../../graph/projection/snapshot.js';
import { PathTimeoutError } from '../../graph/queries/path-rank.js';
import { paths, type PathOptions } from '../../graph/queries/paths.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import type { PathsResult } from '../../graph/views.js';
import { HUB_ID, loadHubGraph } from '../fixtures/hub-graph.js';
import { loadKnownGraph } from '../fixtures/known-graph.js';
import { projectionReady, startApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

const labels = (r: PathsResult) => r.paths.map((p) => p.nodes.map((n) => n.label).join(' > '));
const GAMMA = 'AlphaNet > GammaFlow > DeltaFlow > BetaNet';
const EPSILON = 'AlphaNet > EpsilonMix > ZetaMix > BetaNet';
const THROUGH_HUB = 'AlphaNet > large language model > BetaNet';
const THROUGH_PAPER = 'AlphaNet > Alpha and Beta together > BetaNet';

describe.skipIf(noNeo4j)('paths ranked by specificity', () => {
	let snapshot: GraphSnapshot;
	// The same question to the copy and to Neo4j.
	const both = async (o: Omit<PathOptions, 'driver' | 'timeoutMs'>) => {
		const memory = await snapshotPathsResult(graphDb(), snapshot, HUB_ID.ALPHA, HUB_ID.BETA, o);
		const neo4j = await paths(graphDb(), HUB_ID.ALPHA, HUB_ID.BETA, o);
		return [memory, neo4j] as const;
	};

	beforeAll(async () => {
		await resetGraph(graphDb());
		await loadKnownGraph(graphDb().driver);
		await loadHubGraph(graphDb().driver);
		snapshot = (await loadSnapshot(graphDb())).snapshot;
	}, 120_000);

	afterAll(async () => {
		await resetGraph(graphDb());
	});

	it('ranks a path through the generic hub below the specific ones', async () => {
		const [hub] = await readRows<{ n: number }>(
			graphDb(),
			'MATCH (e:Entity {id: $id}) RETURN e.paperCount AS n',
			{ id: HUB_ID.HUB }
		);
		expect(hub!.n).toBe(22);
		for (const r of await both({ k: 10, avoidHubs: false, entityOnly: true })) {
			expect(labels(r)).toEqual([GAMMA, EPSILON, THROUGH_HUB]);
			// Two hops through the hub cost more than three through specific methods.
			expect(r.paths.map((p) => p.cost)).toEqual([3, 3, 2 + 8]);
			expect(r.avoided).toEqual([]);
		}
		// With papers as hops: the paper naming both is half a hop dearer than an entity.
		for (const r of await both({ k: 10, avoidHubs: false })) {
			expect(labels(r)).toEqual([THROUGH_PAPER, GAMMA, EPSILON, THROUGH_HUB]);
		}
	});

	it('ranks equally costly paths by their weakest hop', async () => {
		for (const r of await both({ k: 2, entityOnly: true })) {
			expect(labels(r)).toEqual([GAMMA, EPSILON]);
			expect(r.paths[0]!.hops.map((h) => h.support)).toEqual([2, 2, 2]);
			expect(r.paths[1]!.hops.map((h) => h.support)).toEqual([1, 1, 1]);
		}
	});

	it('avoids generic hubs by default and names the hub it avoided', async () => {
		const [memory, neo4j] = await both({ k: 10 });
		expect(labels(memory)).toEqual([THROUGH_PAPER, GAMMA, EPSILON]);
		expect(labels(neo4j)).toEqual(labels(memory));
		expect(memory.avoided).toEqual([
			{
				id: HUB_ID.HUB,
				label: 'large language model',
				type: 'Technique',
				paperCount: 22,
				share: Math.round((1000 * 22) / 38) / 1000
			}
		]);
		// An end is never avoided, however generic.
		const toHub = await snapshotPathsResult(graphDb(), snapshot, HUB_ID.ALPHA, HUB_ID.HUB, {
			k: 1
		});
		expect(labels(toHub)).toEqual(['AlphaNet > large language model']);
		expect(toHub.avoided).toEqual([]);
	});

	it('gives entity-only paths, each hop with the paper stating it as evidence', async () => {
		for (const r of await both({ k: 3, entityOnly: true })) {
			expect(r.paths.length).toBe(2);
			for (const p of r.paths) {
				expect(p.nodes.every((n) => n.kind === 'Entity')).toBe(true);
				for (const hop of p.hops) expect(hop.evidence?.paperId).toMatch(/^p-hub-/);
			}
			expect(r.paths[0]!.hops[0]!.evidence?.sentence).toBe('AlphaNet builds on GammaFlow.');
		}
	});

	it('answers the best paths found when the budget runs out, and a timeout when it found none', () => {
		const all = snapshotPaths(snapshot, HUB_ID.ALPHA, HUB_ID.BETA, { k: 3 });
		expect(all.partial).toBe(false);
		const starved = snapshotPaths(snapshot, HUB_ID.ALPHA, HUB_ID.BETA, { k: 3, maxWork: 1 });
		expect(starved.partial).toBe(true);
		expect(starved.paths).toEqual([]);
		return expect(
			snapshotPathsResult(graphDb(), snapshot, HUB_ID.ALPHA, HUB_ID.BETA, { k: 3, maxWork: 1 })
		).rejects.toThrow(PathTimeoutError);
	});
});

describe.skipIf(noNeo4j)('paths between hubs of a few thousand papers', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-paths-'));
	let hubs: string[] = [];

	beforeAll(async () => {
		await resetGraph(graphDb());
		const corpus = path.join(dir, 'corpus.jsonl');
		await writeCorpus(corpus, 3000, { seed: 16 }); // open vocabulary
		await ingest(graphDb(), { files: [corpus], workers: 0 });
		hubs = (
			await readRows<{ id: string }>(
				graphDb(),
				'MATCH (e:Entity) RETURN e.id AS id ORDER BY e.paperCount DESC, e.id LIMIT 6'
			)
		).map((r) => r.id);
	}, 600_000);

	afterAll(async () => {
		await resetGraph(graphDb());
		await closeDriver();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const questions = () =>
		hubs
			.slice(0, 3)
			.flatMap((a, i) =>
				hubs
					.slice(i + 1)
					.map(
						(b) =>
							`/api/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}` +
							'&k=10&maxLength=6&avoidHubs=false'
					)
			);

	/** Every answer in time: 200, or 504 with a message naming what to narrow; never a 500. */
	async function ask(base: string, timeoutMs: number) {
		const seen = { ok: 0, partial: 0, timeouts: 0 };
		for (const q of questions()) {
			const started = performance.now();
			const res = await fetch(base + q);
			const ms = performance.now() - started;
			const body = await res.json();
			expect([200, 504], `${q}: ${JSON.stringify(body)}`).toContain(res.status);
			expect(ms, q).toBeLessThan(timeoutMs + 1500);
			if (res.status === 504) {
				expect(body.code).toBe('timeout');
				expect(body.error).toMatch(/relation types/);
				expect(body.error).toMatch(/max length below 6/);
				seen.timeouts++;
			} else {
				seen.ok++;
				if (body.partial) seen.partial++;
			}
		}
		return seen;
	}

	it('answers from the copy within its budget, or says what to narrow', async () => {
		// Each answer's evidence is read from Neo4j within the query timeout, on 2 busy cores.
		const app = await startApp(
			testEnv({ LINEAGE_API_CACHE_MB: '0', LINEAGE_QUERY_TIMEOUT_MS: '4000' })
		);
		try {
			await projectionReady(app.url, () => {});
			const seen = await ask(app.url, 4000);
			expect(seen.ok).toBe(questions().length); // a graph this size is searched in full
			expect(seen.partial).toBe(0);
		} finally {
			await app.stop();
		}
		// No budget at all: the best found so far (a direct relation), or a 504 with a message.
		const starved = await startApp(
			testEnv({
				LINEAGE_API_CACHE_MB: '0',
				LINEAGE_QUERY_TIMEOUT_MS: '2000',
				LINEAGE_PATHS_BUDGET_MS: '0'
			})
		);
		try {
			await projectionReady(starved.url, () => {});
			const seen = await ask(starved.url, 2000);
			expect(seen.timeouts + seen.partial).toBe(questions().length);
			expect(seen.timeouts).toBeGreaterThan(0);
		} finally {
			await starved.stop();
		}
	}, 300_000);

	it('answers from Neo4j within the timeout or with a 504, and leaves no transaction running', async () => {
		const app = await startApp(
			testEnv({
				LINEAGE_API_CACHE_MB: '0',
				LINEAGE_QUERY_TIMEOUT_MS: '1000',
				LINEAGE_PROJECTION: 'off'
			})
		);
		try {
			await ask(app.url, 1000);
		} finally {
			await app.stop();
		}
		// Neo4j ends a transaction at its timeout: none of the path searches is still running.
		await new Promise((r) => setTimeout(r, 500));
		const running = await readRows<{ query: string }>(
			graphDb(),
			'SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery AS query'
		);
		expect(running.filter((t) => /SHORTEST/.test(t.query))).toEqual([]);
	}, 300_000);
});
