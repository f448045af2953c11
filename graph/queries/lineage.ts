// lineage(id, direction, depth): what builds on a node (descendants) or what it builds on
// (ancestors), through BUILDS_ON and VARIANT_OF by default — so the descendants of Stable
// Diffusion include work built on SD v1.5 or SDXL. buildsOn(id): the same as a flat table.
import { readRows, type Db } from '../driver.js';
import type { RelationType } from '../model.js';
import { NotFoundError } from './errors.js';
import { nodesById } from './neighbourhood.js';
import { compareStrings, relPattern, toEdge } from './shared.js';
import type { BuildsOnRow, GraphEdge, GraphNode, LineageResult } from '../views.js';

export interface LineageOptions {
	direction?: 'ancestors' | 'descendants';
	depth?: number; // 1..6
	relations?: RelationType[];
	limit?: number;
	timeoutMs?: number;
}

/** Below this a paper's BUILDS_ON edge is a default (a base model named, no cue). */
export const CUE_CONFIDENCE = 0.6;

export const LINEAGE_RELATIONS: RelationType[] = ['BUILDS_ON', 'VARIANT_OF'];

// One breadth-first level: from the frontier against (descendants) or along (ancestors) edges,
// strongest first and then by ids, so that the caps cut the same rows every time (and the
// in-memory copy, graph/projection/lineage.ts, cuts the same ones). A paper that only names a
// base model, without a cue, is not a step of a lineage, as in the builds-on table.
function levelQuery(rels: string, direction: 'ancestors' | 'descendants'): string {
	const step = direction === 'descendants' ? `(n)<-[r:${rels}]-(m)` : `(n)-[r:${rels}]->(m)`;
	return `
UNWIND $frontier AS fid
CALL (fid) { MATCH (n:Entity {id: fid}) RETURN n UNION MATCH (n:Paper {id: fid}) RETURN n }
MATCH ${step}
WHERE NOT (type(r) = 'BUILDS_ON' AND startNode(r):Paper AND coalesce(r.confidence, 1.0) < $cue)
RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS type, r.support AS support,
       r.curated AS curated, m.id AS id
ORDER BY support DESC, id, type, fid
LIMIT $scan`;
}

/** The options with their defaults, checked: `limit` nodes, `scan` relationships per level. */
export function lineageLimits(options: LineageOptions) {
	const direction = options.direction ?? 'descendants';
	const depth = options.depth ?? 3;
	if (!Number.isInteger(depth) || depth < 1 || depth > 6)
		throw new RangeError('depth must be 1 to 6');
	const limit = options.limit ?? 500;
	return { direction, depth, limit, scan: limit * 4 };
}

export async function lineage(
	db: Db,
	id: string,
	options: LineageOptions = {}
): Promise<LineageResult> {
	const opts = { timeoutMs: options.timeoutMs };
	const { direction, depth, limit, scan } = lineageLimits(options);
	const [root] = await nodesById(db, [id], opts);
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
		const rows = await readRows<{
			source: string;
			target: string;
			type: RelationType;
			support: number;
			curated: GraphEdge['curated'] | null;
			id: string;
		}>(db, query, { frontier, scan, cue: CUE_CONFIDENCE }, opts);
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
		db,
		[...depthOf.keys()].filter((n) => n !== id),
		opts
	);
	return foldProposers(
		db,
		{
			root,
			direction,
			nodes: nodes.map((n) => ({ ...n, depth: depthOf.get(n.id) ?? 0 })),
			edges: [...edges.values()],
			truncated
		},
		opts
	);
}

// $papers → the method each proposes: a model or technique first, then the one named in its
// title, then by name — the choice BUILDS_ON below makes for its rows. Whatever else a paper
// proposes stands for it when it proposes no model or technique: the loader gives its
// relations to what the paper proposes whatever its type, and the extractor may take a method
// for a dataset ("CLoQ"), which would otherwise be drawn beside the paper proposing it.
const PROPOSED_METHOD = `
UNWIND $papers AS pid
MATCH (p:Paper {id: pid})-[:PROPOSES]->(m:Entity)
WITH p, m ORDER BY CASE WHEN m.type IN ['Model', 'Technique'] THEN 0 ELSE 1 END,
                   CASE WHEN p.title CONTAINS m.name THEN 0 ELSE 1 END, m.name
WITH p, collect(m)[0] AS m
RETURN p.id AS paper, p.title AS title, p.year AS year, m.id AS method`;

/** The method a paper proposes (a Model or Technique first; the one named in its title first). */
export interface ProposedMethod {
	paper: string;
	title: string;
	year: number | null;
	method: string;
}

/**
 * A paper that proposes a method is shown as that method, as in the builds-on table: the paper
 * and the method it proposes state the same edges (a paper's relations hold for what it
 * proposes), so drawing both puts every such method twice. The paper's edges move to the
 * method (the same edge twice is kept once, with the larger support) and the method carries
 * the paper's title, year and id.
 */
export async function foldProposers(
	db: Db,
	result: LineageResult,
	opts: { timeoutMs?: number }
): Promise<LineageResult> {
	const papers = result.nodes.filter((n) => n.kind === 'Paper').map((n) => n.id);
	if (papers.length === 0) return result;
	const rows = await readRows<ProposedMethod>(db, PROPOSED_METHOD, { papers }, opts);
	if (rows.length === 0) return result;
	const known = new Set(result.nodes.map((n) => n.id));
	const missing = rows.map((r) => r.method).filter((m) => !known.has(m) && m !== result.root.id);
	const found = new Map(
		(await nodesById(db, [...new Set(missing)], opts)).map((n) => [n.id, n] as const)
	);
	return foldInto(result, rows.sort(proposalOrder), (id) => found.get(id));
}

/**
 * The order proposals are folded in: oldest paper first, then by id. Rows come in the
 * database's order; a fixed one gives one answer from every source of rows, and a method
 * proposed twice shows its first paper.
 */
export const proposalOrder = (a: ProposedMethod, b: ProposedMethod): number =>
	(a.year ?? Infinity) - (b.year ?? Infinity) || compareStrings(a.paper, b.paper);

/**
 * foldProposers' folding, given each paper's proposed method in `proposalOrder` and a look-up
 * of the methods the lineage did not reach (the in-memory copy answers both without Neo4j).
 */
export function foldInto(
	result: LineageResult,
	ordered: ProposedMethod[],
	methodNode: (id: string) => GraphNode | undefined
): LineageResult {
	if (ordered.length === 0) return result;
	const byId = new Map(result.nodes.map((n) => [n.id, n]));
	for (const r of ordered) {
		if (byId.has(r.method) || r.method === result.root.id) continue;
		const n = methodNode(r.method);
		if (n) byId.set(n.id, { ...n, depth: Number.MAX_SAFE_INTEGER });
	}
	const into = new Map<string, string>();
	for (const r of ordered) {
		const paper = byId.get(r.paper);
		const method = byId.get(r.method);
		if (!paper || (!method && r.method !== result.root.id)) continue;
		into.set(r.paper, r.method);
		byId.delete(r.paper);
		if (method) {
			byId.set(r.method, {
				...method,
				depth: Math.min(method.depth, paper.depth),
				year: method.year ?? r.year,
				proposedIn: method.proposedIn ?? { id: r.paper, title: r.title, year: r.year }
			});
		}
	}
	const edges = new Map<string, GraphEdge>();
	for (const e of result.edges) {
		const source = into.get(e.source) ?? e.source;
		const target = into.get(e.target) ?? e.target;
		if (source === target) continue;
		const moved = toEdge({ ...e, source, target });
		const had = edges.get(moved.id);
		if (!had || had.support < moved.support) edges.set(moved.id, moved);
	}
	return { ...result, nodes: [...byId.values()], edges: [...edges.values()] };
}

// $id, $cap → who builds on the root or on any of its variants (transitively, up to 3 levels),
// one row per method: the variants it came through are a column, and a paper that proposes a
// method is shown as that method (as PROPOSED_METHOD chooses it), the paper its evidence. Only
// models and techniques descend (a task or dataset "building on" LLaMA is an extraction slip)
// but through a paper proposing it (the paper is then dropped only for a model or technique's
// own row), and a paper only by a cue ("fine-tune", "based on"), not by merely naming a base
// model.
// Strongest first; among equals methods before papers, then the most recent. A method's paper is
// one that states the edge when one does: two methods of one name ("DeCaf", "DeCAF") share an
// entity. `statedBy` is a paper that states the edge, so every row has its evidence.
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
WITH root, family, x, sum(r.support) AS support, collect(DISTINCT v) AS vs,
     CASE WHEN x:Paper THEN [x.id] ELSE reduce(ps = [], r2 IN collect(r) | ps + coalesce(r2.papers, [])) END AS stating
WHERE NOT (x:Paper AND EXISTS {
  MATCH (x)-[:PROPOSES]->(m:Entity)-[:BUILDS_ON]->(w:Entity)
  WHERE w IN family AND m.type IN ['Model', 'Technique']
})
CALL (x) {
  OPTIONAL MATCH (x:Paper)-[:PROPOSES]->(m:Entity)
  WITH x, m ORDER BY CASE WHEN m.type IN ['Model', 'Technique'] THEN 0 ELSE 1 END,
                     CASE WHEN x.title CONTAINS m.name THEN 0 ELSE 1 END, m.name
  RETURN collect(m)[0] AS method
}
WITH root, coalesce(method, x) AS node, CASE WHEN method IS NULL THEN null ELSE x END AS folded,
     support, vs, stating
WITH root, node, sum(support) AS support, collect(folded)[0] AS folded,
     reduce(a = [], l IN collect(vs) | a + [n IN l WHERE NOT n IN a]) AS vs,
     reduce(a = [], l IN collect(stating) | a + l) AS stating
OPTIONAL MATCH (p:Paper)-[:PROPOSES]->(node) WHERE folded IS NULL
WITH root, node, support, folded, vs, stating, p ORDER BY p.id IN stating DESC, p.year, p.id
WITH root, node, support, vs, stating, folded, collect(p)[0] AS proposer
WITH root, node, support, vs, stating, coalesce(folded, proposer) AS p
OPTIONAL MATCH (q:Paper {id: CASE WHEN p IS NOT NULL AND p.id IN stating THEN p.id ELSE stating[0] END})
RETURN node.id AS id, coalesce(node.name, node.title) AS label,
       CASE WHEN node:Paper THEN 'Paper' ELSE 'Entity' END AS kind,
       CASE WHEN node:Paper THEN 'Paper' ELSE node.type END AS type,
       coalesce(node.firstYear, node.year) AS year, support,
       [n IN vs WHERE n <> root | {id: n.id, label: n.name}][0] AS via,
       [n IN vs WHERE n <> root | {id: n.id, label: n.name}] AS variants, support AS evidenceCount,
       CASE WHEN p IS NULL THEN null ELSE {id: p.id, title: p.title, year: p.year} END AS paper,
       CASE WHEN q IS NULL THEN null ELSE {id: q.id, title: q.title, year: q.year} END AS statedBy
ORDER BY support DESC, kind, year DESC, label`;

export async function buildsOn(
	db: Db,
	id: string,
	options: { timeoutMs?: number; cap?: number } = {}
): Promise<{ root: GraphNode; rows: BuildsOnRow[] }> {
	const opts = { timeoutMs: options.timeoutMs };
	const [root] = await nodesById(db, [id], opts);
	if (!root || root.kind !== 'Entity') throw new NotFoundError('entity', id);
	const rows = await readRows<BuildsOnRow>(
		db,
		BUILDS_ON,
		{ id, cap: options.cap ?? 2000, minConfidence: CUE_CONFIDENCE },
		opts
	);
	return { root, rows: await withSentences(db, id, rows, opts) };
}

// $rows: {i, paper, targets} → where the stating paper says the row's method (or itself) builds
// on the root or one of its variants: its own record first, else an evidence sentence of an
// edge from what it proposes; offsets into the abstract, as EvidenceView.at
const STATED_AT = `
UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
WITH row, p, [x IN coalesce(p.evidence, [])
              WHERE any(t IN row.targets WHERE x STARTS WITH 'BUILDS_ON|' + t + '|')][0] AS rec
OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(ev:Evidence)
  WHERE rec IS NULL AND ev.type = 'BUILDS_ON' AND ev.target IN row.targets
WITH row, p, rec, ev ORDER BY ev.confidence DESC
WITH row, p, rec, collect(ev)[0] AS ev
WITH row, p, CASE WHEN rec IS NOT NULL
  THEN [toInteger(split(rec, '|')[2]), toInteger(split(rec, '|')[3])]
  WHEN ev IS NOT NULL THEN [ev.start, ev.end] END AS span
WHERE span IS NOT NULL
RETURN row.i AS i, [span[0] - coalesce(p.textOffset, 0), span[1] - coalesce(p.textOffset, 0)] AS at`;

/** Each row's evidence sentence located in its paper, so the table links to the sentence. */
async function withSentences(
	db: Db,
	rootId: string,
	rows: BuildsOnRow[],
	opts: { timeoutMs?: number }
): Promise<BuildsOnRow[]> {
	const asked = rows.flatMap((r, i) =>
		r.statedBy
			? [
					{
						i,
						paper: r.statedBy.id,
						targets: [rootId, ...(r.variants ?? []).map((v) => v.id), ...(r.via ? [r.via.id] : [])]
					}
				]
			: []
	);
	if (asked.length === 0) return rows;
	const found = await readRows<{ i: number; at: [number, number] }>(
		db,
		STATED_AT,
		{ rows: asked },
		opts
	);
	const at = new Map(found.map((f) => [f.i, f.at]));
	return rows.map((r, i) =>
		r.statedBy && at.has(i) ? { ...r, statedBy: { ...r.statedBy, at: at.get(i)! } } : r
	);
}
