// lineage(id, direction, depth): what builds on a node (descendants) or what it builds on
// (ancestors), through BUILDS_ON and VARIANT_OF by default — so the descendants of Stable
// Diffusion include work built on SD v1.5 or SDXL. buildsOn(id): the same as a flat table.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { RelationType } from '../model.js';
import { NotFoundError } from './errors.js';
import { nodesById } from './neighbourhood.js';
import { relPattern, toEdge } from './shared.js';
import type { BuildsOnRow, GraphEdge, GraphNode, LineageResult } from '../views.js';

export interface LineageOptions {
	direction?: 'ancestors' | 'descendants';
	depth?: number; // 1..6
	relations?: RelationType[];
	limit?: number;
	driver?: Driver;
	timeoutMs?: number;
}

/** Below this a paper's BUILDS_ON edge is a default (a base model named, no cue). */
export const CUE_CONFIDENCE = 0.6;

export const LINEAGE_RELATIONS: RelationType[] = ['BUILDS_ON', 'VARIANT_OF'];

// One breadth-first level: from the frontier against (descendants) or along (ancestors) edges.
function levelQuery(rels: string, direction: 'ancestors' | 'descendants'): string {
	const step = direction === 'descendants' ? `(n)<-[r:${rels}]-(m)` : `(n)-[r:${rels}]->(m)`;
	return `
UNWIND $frontier AS fid
CALL (fid) { MATCH (n:Entity {id: fid}) RETURN n UNION MATCH (n:Paper {id: fid}) RETURN n }
MATCH ${step}
WITH r, m LIMIT $scan
RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, r.support AS support, m.id AS id
ORDER BY support DESC`;
}

export async function lineage(id: string, options: LineageOptions = {}): Promise<LineageResult> {
	const opts = { driver: options.driver, timeoutMs: options.timeoutMs };
	const direction = options.direction ?? 'descendants';
	const depth = options.depth ?? 3;
	if (!Number.isInteger(depth) || depth < 1 || depth > 6)
		throw new RangeError('depth must be 1 to 6');
	const limit = options.limit ?? 500;
	const [root] = await nodesById([id], opts);
	if (!root) throw new NotFoundError('node', id);
	const query = levelQuery(
		relPattern(options.relations?.length ? options.relations : LINEAGE_RELATIONS),
		direction
	);
	const depthOf = new Map<string, number>([[id, 0]]);
	const edges = new Map<string, GraphEdge>();
	let frontier = [id];
	let truncated = false;
	for (let level = 1; level <= depth && frontier.length > 0; level++) {
		const scan = limit * 4;
		const rows = await readRows<{
			source: string;
			target: string;
			type: RelationType;
			support: number;
			id: string;
		}>(query, { frontier, scan }, opts);
		if (rows.length >= scan) truncated = true;
		const next: string[] = [];
		for (const row of rows) {
			if (!depthOf.has(row.id)) {
				if (depthOf.size > limit) {
					truncated = true;
					continue;
				}
				depthOf.set(row.id, level);
				next.push(row.id);
			}
			const edge = toEdge(row);
			edges.set(edge.id, edge);
		}
		frontier = next;
	}
	const nodes = await nodesById(
		[...depthOf.keys()].filter((n) => n !== id),
		opts
	);
	return {
		root,
		direction,
		nodes: nodes.map((n) => ({ ...n, depth: depthOf.get(n.id) ?? 0 })),
		edges: [...edges.values()],
		truncated
	};
}

// $id, $cap → who builds on the root or on any of its variants (transitively, up to 3 levels),
// one row per method: the variants it came through are a column, and a paper that proposes a
// method building on the same family is that method's evidence, not a row of its own. Only
// models and techniques descend (a task or dataset "building on" LLaMA is an extraction slip),
// and a paper only by a cue ("fine-tune", "based on"), not by merely naming a base model.
// Strongest first; among equals methods before papers, then the most recent. A method's paper is
// one that states the edge: two methods of one name ("DeCaf", "DeCAF") share an entity.
const BUILDS_ON = `
MATCH (root:Entity {id: $id})
CALL (root) {
  MATCH (v:Entity)-[:VARIANT_OF*1..3]->(root) RETURN DISTINCT v
  UNION
  RETURN root AS v
}
WITH root, collect(v) AS family
UNWIND family AS v
MATCH (x)-[r:BUILDS_ON]->(v)
WHERE ((x:Paper AND coalesce(r.confidence, 1.0) >= $minConfidence)
       OR (x:Entity AND x.type IN ['Model', 'Technique']))
  AND NOT x IN family
WITH root, family, x, r, v LIMIT $cap
WITH root, family, x, sum(r.support) AS support,
     [n IN collect(DISTINCT v) WHERE n <> root | {id: n.id, label: n.name}] AS variants,
     reduce(ps = [], r2 IN collect(r) | ps + coalesce(r2.papers, [])) AS stating
WHERE NOT (x:Paper AND EXISTS {
  MATCH (x)-[:PROPOSES]->(m:Entity)-[:BUILDS_ON]->(w:Entity) WHERE w IN family
})
OPTIONAL MATCH (p:Paper)-[:PROPOSES]->(x)
WITH x, support, variants, p ORDER BY p.id IN stating DESC, p.year, p.id
WITH x, support, variants, collect(p)[0] AS p
RETURN x.id AS id, coalesce(x.name, x.title) AS label,
       CASE WHEN x:Paper THEN 'Paper' ELSE 'Entity' END AS kind,
       CASE WHEN x:Paper THEN 'Paper' ELSE x.type END AS type,
       coalesce(x.firstYear, x.year) AS year, support,
       variants[0] AS via, variants, support AS evidenceCount,
       CASE WHEN p IS NULL THEN null ELSE {id: p.id, title: p.title, year: p.year} END AS paper
ORDER BY support DESC, kind, year DESC, label`;

export async function buildsOn(
	id: string,
	options: { driver?: Driver; timeoutMs?: number; cap?: number } = {}
): Promise<{ root: GraphNode; rows: BuildsOnRow[] }> {
	const opts = { driver: options.driver, timeoutMs: options.timeoutMs };
	const [root] = await nodesById([id], opts);
	if (!root || root.kind !== 'Entity') throw new NotFoundError('entity', id);
	const rows = await readRows<BuildsOnRow>(
		BUILDS_ON,
		{ id, cap: options.cap ?? 2000, minConfidence: CUE_CONFIDENCE },
		opts
	);
	return { root, rows };
}
