// npm run bench:analytics -- --db bolt://…: reads the graph at that Neo4j into the in-memory
// copy (as the server does), then times the analytics on it: building their input, and
// communities + importance + rising in a worker thread, as the server runs them; prints the
// largest communities, the most important entities and the rising ones. A graph to measure:
// `npm run bench:ingest -- --papers 20000 --keep` prints the URI of the Neo4j it keeps.
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { analyticsInput } from '../graph/analytics/input.js';
import { runAnalytics } from '../graph/analytics/run.js';
import { AnalyticsIndex } from '../graph/analytics/view.js';
import { loadSnapshot } from '../graph/projection/load.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const uri = values.db ?? process.env.NEO4J_URI;
if (!uri) throw new Error('--db bolt://HOST:PORT (or NEO4J_URI) names the graph to analyse');
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'));
try {
	const loaded = await loadSnapshot({ driver });
	const snap = loaded.snapshot;
	console.log(
		`copy of the graph: ${snap.nodeCount} nodes, ${snap.relationCount} relations, ${(loaded.ms / 1000).toFixed(1)} s`
	);
	const t0 = performance.now();
	const { input, entities } = analyticsInput(snap);
	const tInput = performance.now();
	const result = await runAnalytics(input);
	const tRun = performance.now();
	const index = new AnalyticsIndex(snap.version, snap, entities, result);
	const tIndex = performance.now();
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	console.log(
		`analytics: ${s(tIndex - t0)} in all — input ${s(tInput - t0)}, worker ${s(tRun - tInput)} ` +
			`(graph ${s(result.ms.graph)}, Louvain ${s(result.ms.louvain)}, PageRank ${s(result.ms.pagerank)}, ` +
			`rising ${s(result.ms.rising)}), index ${s(tIndex - tRun)}`
	);
	console.log(
		`${input.n} entities, ${result.communityCount} communities (${index.list(3, 1e9).total} of 3 or more), modularity ${result.modularity.toFixed(3)}`
	);
	for (const c of index.list(3, 8).communities) console.log(`  ${c.size}\t${c.name}`);
	const top = [...index.byId.entries()].sort((a, b) => a[1].rank - b[1].rank).slice(0, 10);
	console.log(`most important: ${top.map(([id]) => id).join(', ')}`);
	console.log(
		`rising (${index.rising.recent?.from ?? '-'}–${index.rising.recent?.to ?? '-'}): ` +
			(index.rising.note ??
				index.rising.entities
					.slice(0, 8)
					.map(
						(e) =>
							`${e.name} ×${2 ** e.growth > 10 ? Math.round(2 ** e.growth) : (2 ** e.growth).toFixed(1)}`
					)
					.join(', '))
	);
} finally {
	await driver.close();
}
