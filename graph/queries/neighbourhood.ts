// neighbourhood(ids, …): the subgraph for expanding nodes, strongest relations first.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import { NODE_TYPES, type EntityType, type RelationType } from '../model.js';
import { edgeKey, matchById, nodeView, relPattern, toEdge } from './shared.js';
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

// $frontier, $types, $from, $to, $minSupport, $scan → neighbours (one hop) and the edge to each,
// strongest first. Node ids are strings in the property store, the dearest thing read here, so
// the type filter is left out when every type is wanted, and ends are told apart by direction.
function hopQuery(rels: string, filterTypes: boolean): string {
	return `
UNWIND $frontier AS fid
${matchById('a', 'fid')}
MATCH (a)-[r:${rels}]-(b)
WHERE r.support >= $minSupport
  ${filterTypes ? "AND (CASE WHEN b:Paper THEN 'Paper' ELSE b.type END) IN $types" : ''}
  AND ($from IS NULL OR coalesce(b.firstYear, b.year) >= $from)
  AND ($to IS NULL OR coalesce(b.firstYear, b.year) <= $to)
WITH a, r, b LIMIT $scan
WITH a, r, b, b.id AS id ORDER BY r.support DESC
RETURN id, elementId(b) AS ref, elementId(a) AS fromRef,
       CASE WHEN startNode(r) = a THEN a.id ELSE id END AS source,
       CASE WHEN startNode(r) = a THEN id ELSE a.id END AS target,
       type(r) AS type, r.support AS support`;
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
	const types = options.types?.length ? options.types : NODE_TYPES;
	const query = hopQuery(
		relPattern(options.relations),
		NODE_TYPES.some((t) => !types.includes(t))
	);
	// The nodes' element ids: membership in the view is tested on them, not on their ids.
	const refs: Record<string, boolean> = {};
	// Unknown seeds simply find nothing; the final view keeps only the nodes that exist.
	const seeds = [...new Set(ids)];
	const seen = new Set(seeds);
	const edges = new Map<string, GraphEdge>();
	let frontier = seeds;
	let truncated = false;
	let total = 0;
	for (let level = 0; level < depth && frontier.length > 0; level++) {
		const budget = limit - (seen.size - seeds.length);
		// Scan a bounded number of relationships per call: hubs have tens of thousands.
		const rows = await readRows<{
			id: string;
			ref: string;
			fromRef: string;
			source: string;
			target: string;
			type: RelationType;
			support: number;
		}>(
			query,
			{
				frontier,
				types,
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
			refs[row.fromRef] = true;
			refs[row.ref] = true;
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
	// One statement for the nodes' views and the edges among them: a round trip costs more
	// than either.
	const [view] = await readRows<{ nodes: GraphNode[]; edges: Omit<GraphEdge, 'id'>[] }>(
		viewQuery(relPattern(options.relations)),
		{ ids: [...seen], refs, minSupport: options.minSupport ?? 1 },
		opts
	);
	const found = view?.nodes ?? [];
	for (const edge of view?.edges ?? [])
		edges.set(edgeKey(edge.source, edge.type, edge.target), toEdge(edge));
	const seedSet = new Set(seeds);
	const known = new Set(found.map((n) => n.id));
	return {
		// Seeds first, in the order asked.
		nodes: [
			...seeds.flatMap((id) => found.filter((n) => n.id === id)),
			...found.filter((n) => !seedSet.has(n.id))
		],
		// An edge to a seed that does not exist cannot be drawn.
		edges: [...edges.values()].filter((e) => known.has(e.source) && known.has(e.target)),
		truncated,
		total: seeds.filter((id) => known.has(id)).length + total
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

// $ids, $refs, $minSupport → the nodes' views and every relation among them (outgoing only,
// as in amongQuery). `$refs` maps the element ids of the view's nodes to true: a map lookup per
// relationship instead of reading the far node's id and searching a list.
function viewQuery(rels: string): string {
	return `
UNWIND $ids AS x
${matchById('n', 'x')}
WITH collect(n) AS ns
CALL (ns) {
  UNWIND ns AS n
  RETURN collect(${nodeView('n')}) AS nodes
}
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r:${rels}]->(b)
  WHERE $refs[elementId(b)] AND r.support >= $minSupport
  RETURN collect({source: a.id, target: b.id, type: type(r), support: r.support}) AS edges
}
RETURN nodes, edges`;
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
