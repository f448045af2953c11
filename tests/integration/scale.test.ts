// On a few thousand open-vocabulary papers (every paper names something new, as real ones do):
// a hub's lineage from the in-memory copy is the Cypher answer, and the server's overview is
// computed once per graph version, the previous version's answer served while the new copy loads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../support/corpus.js';
import { closeDriver, readRows } from '../../graph/driver.js';
import { snapshotFoldedLineage } from '../../graph/projection/lineage.js';
import { loadSnapshot } from '../../graph/projection/load.js';
import type { GraphSnapshot } from '../../graph/projection/snapshot.js';
import { lineage } from '../../graph/queries/lineage.js';
import { overview } from '../../graph/queries/overview.js';
import { resetGraph } from '../../graph/queries/stats.js';
import type { GraphView } from '../../graph/views.js';
import { ingest } from '../../ingest/pipeline.js';
import { projectionReady, startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

const PAPERS = 3000;

describe.skipIf(noNeo4j)('an open-vocabulary graph of a few thousand papers', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-scale-'));
	let snapshot: GraphSnapshot;

	beforeAll(async () => {
		await resetGraph(graphDb());
		const corpus = path.join(dir, 'corpus.jsonl');
		await writeCorpus(corpus, PAPERS, { seed: 16, vocabulary: 'open' });
		await ingest(graphDb(), { files: [corpus], workers: 0 });
		snapshot = (await loadSnapshot(graphDb())).snapshot;
	}, 300_000);

	afterAll(async () => {
		await resetGraph(graphDb());
		await closeDriver();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('answers the lineage of its hubs from the copy exactly as Cypher does', async () => {
		// The entities most built on: hubs whose descendants fill the caps.
		const hubs = await readRows<{ id: string }>(
			graphDb(),
			`MATCH (e:Entity)
			 RETURN e.id AS id ORDER BY COUNT { (e)<-[:BUILDS_ON|VARIANT_OF]-() } DESC, e.id LIMIT 12`
		);
		let biggest = 0;
		let truncated = 0;
		for (const { id } of hubs) {
			for (const o of [{}, { depth: 6 }, { direction: 'ancestors' as const }, { limit: 40 }]) {
				const fromNeo4j = await lineage(graphDb(), id, o);
				const fromCopy = snapshotFoldedLineage(snapshot, id, o);
				expect(fromCopy, `${id} ${JSON.stringify(o)}`).toEqual(fromNeo4j);
				biggest = Math.max(biggest, fromNeo4j.nodes.length);
				if (fromNeo4j.truncated) truncated++;
			}
		}
		expect(biggest).toBeGreaterThan(100); // a hub, not a handful
		expect(truncated).toBeGreaterThan(0); // and the caps were met
	}, 300_000);

	it('serves the overview once per graph version, the previous one while the new copy loads', async () => {
		let app: RunningApp | undefined;
		const get = async (limit: number) => {
			const res = await fetch(`${app!.url}/api/overview?limit=${limit}`);
			expect(res.status).toBe(200);
			return {
				view: (await res.json()) as GraphView,
				cacheControl: res.headers.get('cache-control')
			};
		};
		const sameAs = (a: GraphView, b: GraphView) => {
			const ids = (v: GraphView) => v.edges.map((e) => e.id).sort();
			expect(a.nodes).toEqual(b.nodes);
			expect(ids(a)).toEqual(ids(b));
			expect(a.total).toBe(b.total);
		};
		try {
			app = await startApp(testEnv({ LINEAGE_API_CACHE_MB: '0' }));
			await projectionReady(app.url, () => {});
			const before = await get(80);
			sameAs(before.view, await overview(graphDb(), { limit: 80 }));
			expect(before.cacheControl ?? '').not.toContain('no-store');

			// A new graph version: more papers, naming new things.
			const more = path.join(dir, 'more.jsonl');
			await writeCorpus(more, 400, { seed: 17, vocabulary: 'open' });
			const moreLines = fs.readFileSync(more, 'utf8').replaceAll('"gen-', '"more-');
			fs.writeFileSync(more, moreLines);
			await ingest(graphDb(), { files: [more], workers: 0 });
			const after = await overview(graphDb(), { limit: 80 });
			expect(after.total).toBeGreaterThan(before.view.total!);

			// The server sees the new version within a second, and loads its copy once the graph has
			// held still for two: meanwhile the previous overview, not to be cached.
			await new Promise((r) => setTimeout(r, 1100));
			const meanwhile = await get(80);
			sameAs(meanwhile.view, before.view);
			expect(meanwhile.cacheControl).toContain('no-store');

			await projectionReady(app.url, () => {});
			const now = await get(80);
			sameAs(now.view, after);
			expect(now.cacheControl ?? '').not.toContain('no-store');
		} finally {
			await app?.stop();
		}
	}, 300_000);
});
