// neighbourhood(ids, …): the subgraph for expanding nodes, strongest relations first.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import { NODE_TYPES, type EntityType, type RelationType } from '../model.js';
import { matchById, nodeView, relPattern, toEdge } from './shared.js';
import type { GraphEdge, GraphNode, GraphView } from '../views.js';

export interface NeighbourhoodOptions {
	depth?: 1 | 2;
	relations?: RelationType[];
	types?: (EntityType | 'Paper')[]; // default: entities of every type and papers
	fromYear?: number;
	toYear?: number;
	minSupport?: number;
	limit?: number;
	driver?: Driver;
	timeoutMs?: number;
}

// $frontier, $types, $from, $to, $minSupport, $scan → neighbours (one hop) and the edge to each
function hopQuery(rels: string): string {
	return `
UNWIND $frontier AS fid
${matchById('a', 'fid')}
MATCH (a)-[r:${rels}]-(b)
WHERE r.support >= $minSupport
  AND NOT b.id IN $exclude
  AND (CASE WHEN b:Paper THEN 'Paper' ELSE b.type END) IN $types
  AND ($from IS NULL OR coalesce(b.firstYear, b.year) >= $from)
  AND ($to IS NULL OR coalesce(b.firstYear, b.year) <= $to)
WITH a, r, b LIMIT $scan
RETURN b.id AS id, startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, r.support AS support
ORDER BY support DESC`;
}

// $ids → GraphNode views
const NODES = `
UNWIND $ids AS nid
${matchById('n', 'nid')}
RETURN ${nodeView('n')} AS node`;

export async function nodesById(
	ids: string[],
	options: { driver?: Driver; timeoutMs?: number } = {}
): Promise<GraphNode[]> {
	if (ids.length === 0) return [];
	const rows = await readRows<{ node: GraphNode }>(NODES, { ids }, options);
	return rows.map((r) => r.node);
}

export async function neighbourhood(
	ids: string[],
	options: NeighbourhoodOptions = {}
): Promise<GraphView> {
	const opts = { driver: options.driver, timeoutMs: options.timeoutMs };
	const limit = options.limit ?? 100;
	const depth = options.depth ?? 1;
	const query = hopQuery(relPattern(options.relations));
	const seeds = await nodesById(ids, opts);
	const seen = new Set(seeds.map((n) => n.id));
	const edges = new Map<string, GraphEdge>();
	let frontier = seeds.map((n) => n.id);
	let truncated = false;
	let total = 0;
	for (let level = 0; level < depth && frontier.length > 0; level++) {
		const budget = limit - (seen.size - seeds.length);
		// Scan a bounded number of relationships per call: hubs have tens of thousands.
		const rows = await readRows<{
			id: string;
			source: string;
			target: string;
			type: RelationType;
			support: number;
		}>(
			query,
			{
				frontier,
				exclude: [],
				types: options.types?.length ? options.types : NODE_TYPES,
				from: options.fromYear ?? null,
				to: options.toYear ?? null,
				minSupport: options.minSupport ?? 1,
				scan: Math.max(2000, limit * 20)
			},
			opts
		);
		const next: string[] = [];
		const distinctNew = new Set(rows.map((r) => r.id).filter((id) => !seen.has(id)));
		total += distinctNew.size;
		for (const row of rows) {
			const isNew = !seen.has(row.id);
			if (isNew && next.length >= budget) {
				truncated = true;
				continue;
			}
			if (isNew) {
				seen.add(row.id);
				next.push(row.id);
			}
			const edge = toEdge(row);
			edges.set(edge.id, edge);
		}
		if (rows.length >= Math.max(2000, limit * 20)) truncated = true;
		frontier = next;
	}
	const [others, among] = await Promise.all([
		nodesById(
			[...seen].filter((id) => !seeds.some((s) => s.id === id)),
			opts
		),
		edgesAmong([...seen], { relations: options.relations, minSupport: options.minSupport, ...opts })
	]);
	for (const edge of among) edges.set(edge.id, edge);
	return {
		nodes: [...seeds, ...others],
		edges: [...edges.values()],
		truncated,
		total: seeds.length + total
	};
}

// $ids, $minSupport → every relation among the given nodes. Only outgoing edges are expanded:
// entities and papers have few of those, while hubs have many incoming ones.
function amongQuery(rels: string): string {
	return `
UNWIND $ids AS x
${matchById('a', 'x')}
MATCH (a)-[r:${rels}]->(b:Entity)
WHERE b.id IN $ids AND r.support >= $minSupport
RETURN a.id AS source, b.id AS target, type(r) AS type, r.support AS support`;
}

export async function edgesAmong(
	ids: string[],
	options: {
		relations?: RelationType[];
		minSupport?: number;
		driver?: Driver;
		timeoutMs?: number;
	} = {}
): Promise<GraphEdge[]> {
	if (ids.length === 0) return [];
	const rows = await readRows<Omit<GraphEdge, 'id'>>(
		amongQuery(relPattern(options.relations)),
		{ ids, minSupport: options.minSupport ?? 1 },
		{ driver: options.driver, timeoutMs: options.timeoutMs }
	);
	return rows.map(toEdge);
}
