// npm run bench:analytics -- --db bolt://…: reads the graph at that Neo4j into the in-memory
// copy (as the server does), then times the analytics on it: building their input, and
// communities + importance + rising in a worker thread, as the server runs them; prints the
// largest communities, the most important entities and the rising ones. A graph to measure:
// `npm run bench:ingest -- --papers 20000 --keep` prints the URI of the Neo4j it keeps.
// `--copies N` analyses N disjoint copies of that graph at once (5 copies of 20,000 papers: the
// size, if not the shape, of 100,000), and prints the worker's peak memory.
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { dbEnv } from '../graph/config.js';
import { analyticsInput } from '../graph/analytics/input.js';
import type { AnalyticsInput } from '../graph/analytics/compute.js';
import { runAnalytics } from '../graph/analytics/run.js';
import { AnalyticsIndex } from '../graph/analytics/view.js';
import { loadSnapshot } from '../graph/projection/load.js';

const { values } = parseArgs({
	options: { db: { type: 'string' }, copies: { type: 'string', default: '1' } }
});
const copies = Math.max(1, Number(values.copies));

/** N disjoint copies of the input, entity and paper numbers shifted per copy. */
function replicate(input: AnalyticsInput, n: number): AnalyticsInput {
	if (n === 1) return input;
	const times = <T extends Uint32Array | Uint16Array | Uint8Array>(
		a: T,
		shift: number,
		make: (len: number) => T
	): T => {
		const out = make(a.length * n);
		for (let c = 0; c < n; c++)
			for (let k = 0; k < a.length; k++) out[c * a.length + k] = a[k]! + c * shift;
		return out;
	};
	const u32 = (len: number) => new Uint32Array(len);
	const starts = new Uint32Array(input.papers * n + 1);
	const m = input.paperEntities.length;
	for (let c = 0; c < n; c++)
		for (let p = 0; p <= input.papers; p++)
			starts[c * input.papers + p] = input.paperStart[p]! + c * m;
	return {
		n: input.n * n,
		df: times(input.df, 0, u32),
		papers: input.papers * n,
		relFrom: times(input.relFrom, input.n, u32),
		relTo: times(input.relTo, input.n, u32),
		relType: times(input.relType, 0, (len) => new Uint8Array(len)),
		relSupport: times(input.relSupport, 0, u32),
		paperYear: times(input.paperYear, 0, (len) => new Uint16Array(len)),
		paperStart: starts,
		paperEntities: times(input.paperEntities, input.n, u32)
	};
}
const vars = dbEnv();
const uri = values.db ?? vars.NEO4J_URI;
if (!uri) throw new Error('--db bolt://HOST:PORT (or NEO4J_URI) names the graph to analyse');
const driver = neo4j.driver(uri, neo4j.auth.basic(vars.NEO4J_USER, vars.NEO4J_PASSWORD ?? 'neo4j'));
try {
	const loaded = await loadSnapshot({ driver });
	const snap = loaded.snapshot;
	console.log(
		`copy of the graph: ${snap.nodeCount} nodes, ${snap.relationCount} relations, ${(loaded.ms / 1000).toFixed(1)} s`
	);
	const t0 = performance.now();
	const { input: one, entities } = analyticsInput(snap);
	const tInput = performance.now();
	const input = replicate(one, copies);
	if (copies > 1) {
		const started = performance.now();
		const r = await runAnalytics(input);
		console.log(
			`${copies} copies: ${input.papers} papers, ${input.n} entities, ${input.relFrom.length} relations: ` +
				`worker ${((performance.now() - started) / 1000).toFixed(2)} s (graph ${(r.ms.graph / 1000).toFixed(2)} s, ` +
				`Louvain ${(r.ms.louvain / 1000).toFixed(2)} s, PageRank ${(r.ms.pagerank / 1000).toFixed(2)} s), ` +
				`${r.communityCount} communities, modularity ${r.modularity.toFixed(3)}`
		);
	}
	const tStart = performance.now();
	const result = await runAnalytics(one);
	const tRun = performance.now();
	const index = new AnalyticsIndex(snap.version, snap, entities, result);
	const tIndex = performance.now();
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	console.log(
		`analytics: ${s(tInput - t0 + tIndex - tStart)} in all — input ${s(tInput - t0)}, worker ${s(tRun - tStart)} ` +
			`(graph ${s(result.ms.graph)}, Louvain ${s(result.ms.louvain)}, PageRank ${s(result.ms.pagerank)}, ` +
			`rising ${s(result.ms.rising)}, map ${s(result.ms.map)}), index ${s(tIndex - tRun)}`
	);
	console.log(
		`${one.n} entities, ${result.communityCount} communities (${index.list(3, 1e9).total} of 3 or more), modularity ${result.modularity.toFixed(3)}`
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
