// overview(limit, papers): the explorer's first view — the most connected entities (and, when
// asked, the most connected papers) and the edges among them, each with a degree-centrality
// score; timeline(id?): papers and new entities per year. The server answers the overview from
// its in-memory copy once per graph version (graph/projection/overview.ts, the same order).
import { readRows, type Db } from '../driver.js';
import { edgesAmong } from './neighbourhood.js';
import { ALL_RELATIONS, nodeView } from './shared.js';
import type { GraphNode, GraphView, TimelineRow } from '../views.js';

// $limit → top entities by degree
const TOP_ENTITIES = `
MATCH (e:Entity)
WITH e, COUNT { (e)-[:${ALL_RELATIONS}]-() } AS degree
ORDER BY degree DESC, e.name, e.id
LIMIT $limit
RETURN ${nodeView('e')} AS node`;

// $papers → top papers by the relations they state (a paper's MENTIONS are not drawn)
const TOP_PAPERS = `
MATCH (p:Paper)
WITH p, COUNT { (p)-[:${ALL_RELATIONS}]->() } AS degree
ORDER BY degree DESC, p.id
LIMIT $papers
RETURN ${nodeView('p')} AS node`;

export async function overview(
	db: Db,
	options: { limit?: number; papers?: number; timeoutMs?: number } = {}
): Promise<GraphView> {
	const opts = { timeoutMs: options.timeoutMs };
	const limit = options.limit ?? 60;
	const papers = options.papers ?? 0;
	const [entityRows, paperRows] = await Promise.all([
		readRows<{ node: GraphNode }>(db, TOP_ENTITIES, { limit }, opts),
		papers > 0 ? readRows<{ node: GraphNode }>(db, TOP_PAPERS, { papers }, opts) : []
	]);
	const nodes = [...entityRows, ...paperRows].map((r) => r.node);
	let max = 1;
	for (const n of nodes) max = Math.max(max, n.degree);
	for (const n of nodes) n.score = Math.round((n.degree / max) * 1000) / 1000;
	const edges = await edgesAmong(
		db,
		nodes.map((n) => n.id),
		opts
	);
	// a count answers exactly one row
	const [counted] = await readRows<{ total: number }>(
		db,
		'MATCH (e:Entity) RETURN count(e) AS total',
		{},
		opts
	);
	const total = counted!.total;
	return { nodes, edges, truncated: (total ?? 0) > entityRows.length, total };
}

// () → per year: papers, entities first seen
const TIMELINE = `
CALL () {
  MATCH (p:Paper) WHERE p.year IS NOT NULL RETURN p.year AS year, count(*) AS papers, 0 AS newEntities
  UNION ALL
  MATCH (e:Entity) WHERE e.firstYear IS NOT NULL RETURN e.firstYear AS year, 0 AS papers, count(*) AS newEntities
}
RETURN year, sum(papers) AS papers, sum(newEntities) AS newEntities ORDER BY year`;

// $id → per year: papers mentioning the entity, related entities first seen that year
const ENTITY_TIMELINE = `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (p:Paper)-[:MENTIONS]->(e) WHERE p.year IS NOT NULL RETURN p.year AS year, count(*) AS papers, 0 AS newEntities
  UNION ALL
  MATCH (e)-[:${ALL_RELATIONS}]-(o:Entity) WHERE o.firstYear IS NOT NULL
  WITH DISTINCT o RETURN o.firstYear AS year, 0 AS papers, count(*) AS newEntities
}
RETURN year, sum(papers) AS papers, sum(newEntities) AS newEntities ORDER BY year`;

export async function timeline(
	db: Db,
	id: string | undefined,
	options: { timeoutMs?: number } = {}
): Promise<TimelineRow[]> {
	return id ? readRows(db, ENTITY_TIMELINE, { id }, options) : readRows(db, TIMELINE, {}, options);
}
