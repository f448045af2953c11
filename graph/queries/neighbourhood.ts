// neighbourhood(ids, …): the subgraph for expanding nodes, strongest relations first.
import { readRows, type Db } from '../driver.js';
import { NODE_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../model.js';
import {
	compareStrings,
	edgeKey,
	matchById,
	nodeView,
	relPattern,
	supportInYears,
	toEdge
} from './shared.js';
import type { GraphEdge, GraphNode, GraphView } from '../views.js';

export interface NeighbourhoodOptions {
	depth?: 1 | 2;
	relations?: RelationType[];
	types?: (EntityType | 'Paper')[]; // default: entities of every type and papers
	/**
	 * A year range keeps the relations stated by papers of those years, with `support` the
	 * number of those papers (papers of other years drop out); nodes are kept or not by their
	 * relations only, never by their own year.
	 */
	fromYear?: number;
	toYear?: number;
	minSupport?: number; // of the support in the year range, when one is given
	limit?: number;
	edgeLimit?: number; // default: edgesPerNode × limit
	timeoutMs?: number;
}

/** Default edges per neighbour kept: 100 nodes of a dense core have ~3,000 among them. */
export const EDGES_PER_NODE = 5;

/** Strongest first: support, then source id, relation type and target id. */
export function edgeOrder(a: GraphEdge, b: GraphEdge): number {
	return (
		b.support - a.support ||
		compareStrings(a.source, b.source) ||
		RELATION_TYPES.indexOf(a.type) - RELATION_TYPES.indexOf(b.type) ||
		compareStrings(a.target, b.target)
	);
}

/**
 * The view's edges strongest first (edgeOrder), at most `edgeLimit` of them but always each
 * node's strongest, so no node is left floating. A hundred neighbours from the dense core of a
 * graph have ~3,000 relations among them: an unreadable tangle and a 377 KB answer.
 */
export function strongestEdges(view: GraphView, seeds: string[], edgeLimit: number): GraphView {
	const sorted = [...view.edges].sort(edgeOrder);
	if (sorted.length <= edgeLimit) return { ...view, edges: sorted };
	const strongest = new Map<string, number>();
	sorted.forEach((e, i) => {
		if (!strongest.has(e.source)) strongest.set(e.source, i);
		if (!strongest.has(e.target)) strongest.set(e.target, i);
	});
	const needed = new Set<number>();
	const seedSet = new Set(seeds);
	for (const n of view.nodes) {
		const i = strongest.get(n.id);
		if (!seedSet.has(n.id) && i !== undefined) needed.add(i);
	}
	let room = edgeLimit - needed.size;
	const edges = sorted.filter((_, i) => needed.has(i) || room-- > 0);
	if (edges.length === sorted.length) return { ...view, edges }; // every edge was needed
	return { ...view, edges, truncated: true, edgeTotal: sorted.length };
}

// $frontier, $seen, $budget, $types, $from, $to, $minSupport, $scan → one row: the neighbours
// kept (those already in view, then the `$budget` strongest new ones, each with its edges to the
// frontier), how many new ones there were and how many relationships were scanned. Choosing
// here, not in the app, spares sending thousands of rows for a hub. Node ids are strings in the
// property store, dear to read, so the type filter is left out when every type is wanted.
// With a year range (`years`), each relationship's support is the number of its papers of those
// years (supportInYears), counted for the first $scan only: a hub's thousands would each cost
// an index lookup.
function hopQuery(rels: string, filterTypes: boolean, years: boolean): string {
	const scanned = years
		? `WITH a, r, b LIMIT $scan
WITH collect([a, r, b]) AS rows
UNWIND rows AS row
WITH row[0] AS a, row[1] AS r, row[2] AS b, size(rows) AS scanned
${supportInYears('r', 'support')}
WITH a, r, b, support, scanned WHERE support >= $minSupport`
		: `WITH a, r, b, r.support AS support, 0 AS scanned LIMIT $scan`;
	return `
UNWIND $frontier AS fid
${matchById('a', 'fid')}
MATCH (a)-[r:${rels}]-(b)
WHERE r.support >= $minSupport
  ${filterTypes ? "AND (CASE WHEN b:Paper THEN 'Paper' ELSE b.type END) IN $types" : ''}
${scanned}
WITH b, b.id AS id, max(support) AS best, count(*) AS n, max(scanned) AS scanned, collect({
       source: CASE WHEN startNode(r) = a THEN a.id ELSE b.id END,
       target: CASE WHEN startNode(r) = a THEN b.id ELSE a.id END,
       type: type(r), support: support, curated: r.curated, fromRef: elementId(a)}) AS links
ORDER BY best DESC, id
WITH collect({id: id, ref: elementId(b), links: links, known: $seen[id] IS NOT NULL}) AS found,
     ${years ? 'max(scanned)' : 'sum(n)'} AS scanned
WITH [x IN found WHERE x.known] AS old, [x IN found WHERE NOT x.known] AS fresh, scanned
RETURN old + fresh[..$budget] AS kept, size(fresh) AS fresh, scanned`;
}

// $ids → GraphNode views
const NODES = `
UNWIND $ids AS nid
${matchById('n', 'nid')}
RETURN ${nodeView('n')} AS node`;

export async function nodesById(
	db: Db,
	ids: string[],
	options: { timeoutMs?: number } = {}
): Promise<GraphNode[]> {
	if (ids.length === 0) return [];
	const rows = await readRows<{ node: GraphNode }>(db, NODES, { ids }, options);
	return rows.map((r) => r.node);
}

export async function neighbourhood(
	db: Db,
	ids: string[],
	options: NeighbourhoodOptions = {}
): Promise<GraphView> {
	const opts = { timeoutMs: options.timeoutMs };
	const limit = options.limit ?? 100;
	const depth = options.depth ?? 1;
	const types = options.types?.length ? options.types : NODE_TYPES;
	const years = options.fromYear != null || options.toYear != null;
	const query = hopQuery(
		relPattern(options.relations),
		NODE_TYPES.some((t) => !types.includes(t)),
		years
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
		const scan = Math.max(2000, limit * 20);
		const [hop] = await readRows<{
			kept: {
				id: string;
				ref: string;
				links: (Omit<GraphEdge, 'id'> & { fromRef: string })[];
			}[];
			fresh: number;
			scanned: number;
		}>(
			db,
			query,
			{
				frontier,
				seen: Object.fromEntries([...seen].map((id) => [id, true])),
				budget: Math.max(0, budget),
				types,
				from: options.fromYear ?? null,
				to: options.toYear ?? null,
				minSupport: options.minSupport ?? 1,
				scan
			},
			opts
		);
		const next: string[] = [];
		total += hop?.fresh ?? 0;
		if ((hop?.fresh ?? 0) > Math.max(0, budget) || (hop?.scanned ?? 0) >= scan) truncated = true;
		for (const node of hop?.kept ?? []) {
			refs[node.ref] = true;
			if (!seen.has(node.id)) {
				seen.add(node.id);
				next.push(node.id);
			}
			for (const link of node.links) {
				refs[link.fromRef] = true;
				const edge = toEdge(link);
				edges.set(edge.id, edge);
			}
		}
		frontier = next;
	}
	// One statement for the nodes' views and the edges among them: a round trip costs more
	// than either.
	const [view] = await readRows<{
		nodes: GraphNode[];
		edges: [string, string, RelationType, number, GraphEdge['curated'] | null][];
	}>(
		db,
		viewQuery(relPattern(options.relations), (options.minSupport ?? 1) > 1, years),
		{
			ids: [...seen],
			refs,
			minSupport: options.minSupport ?? 1,
			from: options.fromYear ?? null,
			to: options.toYear ?? null
		},
		opts
	);
	const found = view?.nodes ?? [];
	for (const [source, target, type, support, curated] of view?.edges ?? [])
		edges.set(edgeKey(source, type, target), toEdge({ source, target, type, support, curated }));
	const seedSet = new Set(seeds);
	const known = new Set(found.map((n) => n.id));
	return strongestEdges(
		{
			// Seeds first, in the order asked.
			nodes: [
				...seeds.flatMap((id) => found.filter((n) => n.id === id)),
				...found.filter((n) => !seedSet.has(n.id))
			],
			// An edge to a seed that does not exist cannot be drawn.
			edges: [...edges.values()].filter((e) => known.has(e.source) && known.has(e.target)),
			truncated,
			total: seeds.filter((id) => known.has(id)).length + total
		},
		seeds,
		options.edgeLimit ?? EDGES_PER_NODE * limit
	);
}

// $ids, $minSupport → every relation among the given nodes. Only outgoing edges are expanded:
// entities and papers have few of those, while hubs have many incoming ones.
function amongQuery(rels: string): string {
	return `
UNWIND $ids AS x
${matchById('a', 'x')}
MATCH (a)-[r:${rels}]->(b:Entity)
WHERE b.id IN $ids AND r.support >= $minSupport
RETURN a.id AS source, b.id AS target, type(r) AS type, r.support AS support, r.curated AS curated`;
}

// $ids, $refs, $minSupport → the nodes' views and every relation among them (outgoing only,
// as in amongQuery). `$refs` maps the element ids of the view's nodes to true: a map lookup per
// relationship instead of reading the far node's id and searching a list. Every relation has
// support ≥ 1, so the support test is left out unless it can exclude one: among 100 entities
// of a dense graph it read ~28,000 relationships' support to keep ~3,000 (−25 % of the time).
function viewQuery(rels: string, bySupport: boolean, years: boolean): string {
	// In a year range: the support of those years, and only relations with some.
	const edge = years
		? `${supportInYears('r', 'support')}
  WITH a, b, r, support WHERE support >= $minSupport`
		: 'WITH a, b, r, r.support AS support';
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
  WHERE $refs[elementId(b)]${bySupport ? ' AND r.support >= $minSupport' : ''}
  ${edge}
  // [source, target, type, support, curated]: a dense neighbourhood has thousands, and a list
  // decodes faster than a map with its keys
  RETURN collect([a.id, b.id, type(r), support, r.curated]) AS edges
}
RETURN nodes, edges`;
}

export async function edgesAmong(
	db: Db,
	ids: string[],
	options: {
		relations?: RelationType[];
		minSupport?: number;
		timeoutMs?: number;
	} = {}
): Promise<GraphEdge[]> {
	if (ids.length === 0) return [];
	const rows = await readRows<Omit<GraphEdge, 'id'>>(
		db,
		amongQuery(relPattern(options.relations)),
		{ ids, minSupport: options.minSupport ?? 1 },
		{ timeoutMs: options.timeoutMs }
	);
	return rows.map(toEdge);
}
