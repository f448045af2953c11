// paths(from, to, …) answered by Neo4j: the k cheapest of the shortest paths between two nodes,
// each hop with its relation, support and best evidence sentence. The server asks the in-memory
// copy (graph/projection/paths.ts) first; this answers while the copy loads. Both rank paths
// alike (graph/queries/path-rank.ts) and leave out generic hubs and papers alike; Neo4j picks
// among the 3k shortest paths it finds, the copy among all paths up to maxLength, so the copy's
// best path is never worse (tests/integration/projection.test.ts checks it).
import { Neo4jError } from 'neo4j-driver';
import { readRows, type Db } from '../driver.js';
import type { RelationType } from '../model.js';
import { NotFoundError } from './errors.js';
import { nodesById } from './neighbourhood.js';
import {
	bestDistinct,
	HUB_MIN_PAPERS,
	HUB_SHARE,
	penaltyHalves,
	PathTimeoutError
} from './path-rank.js';
import { evidenceOf, matchById, nodeView, relPattern } from './shared.js';
import type { AvoidedNode, EvidenceView, GraphNode, PathsResult } from '../views.js';

export interface PathOptions {
	maxLength?: number; // 1..6
	k?: number; // 1..10
	relations?: RelationType[];
	directed?: boolean;
	/** leave out generic hubs (graph/queries/path-rank.ts isHub) between the ends; default true */
	avoidHubs?: boolean;
	/** entities only between the ends: papers are the evidence of hops, not hops */
	entityOnly?: boolean;
	timeoutMs?: number;
}

export function boundedInt(value: number, min: number, max: number, name: string): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
	}
	return value;
}

// SHORTEST k and the length bounds must be literals in Cypher: they are validated integers.
// One row with both ends' views and the paths; no row when an end does not exist.
// Neo4j runs SHORTEST k from the pattern's first node, and which end that is can make the
// difference between 20 ms and running half a minute past the timeout. Measured over 80 pairs
// of the 100,000-paper graph: with an end of few relationships (≤ QUIET_END), start there
// (from the other end, the search for the k-th path floods the graph); between two busier
// ends, start from the busier one. The paths found are turned around when needed.
// The nodes a path passes through are checked as the search steps (inside the quantified
// pattern): no generic hub in $avoid, and for entity-only paths no paper.
const QUIET_END = 64;
const REL_VIEWS =
	'[r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r), support: r.support}]';
const COUNTS = '[n IN nodes(p) | CASE WHEN n:Paper THEN 0 ELSE coalesce(n.paperCount, 1) END]';

function pathQuery(
	k: number,
	maxLength: number,
	rels: string,
	directed: boolean,
	entityOnly: boolean
): string {
	const hop = `[:${rels}]`;
	const out = directed ? `-${hop}->` : `-${hop}-`;
	const back = directed ? `<-${hop}-` : `-${hop}-`;
	const through = `(y:Entity OR y:Paper) AND NOT y.id IN $avoid${entityOnly ? ' AND (y:Entity OR y.id IN $ends)' : ''}`;
	const search = (from: string, step: string, to: string, turn: (list: string) => string) => `
    MATCH p = SHORTEST ${k} (${from})((x)${step}(y) WHERE ${through}){1,${maxLength}}(${to})
    RETURN ${turn('[n IN nodes(p) | n.id]')} AS ids, ${turn(REL_VIEWS)} AS rels, ${turn(COUNTS)} AS counts`;
	return `
CALL () { MATCH (a:Entity {id: $from}) RETURN a UNION MATCH (a:Paper {id: $from}) RETURN a }
CALL () { MATCH (b:Entity {id: $to}) RETURN b UNION MATCH (b:Paper {id: $to}) RETURN b }
CALL (a, b) {
  WITH a, b WHERE a <> b
  WITH a, b, COUNT { (a)${out}() } AS fromA, COUNT { ()${out}(b) } AS intoB
  WITH a, b, CASE WHEN fromA <= ${QUIET_END} OR intoB <= ${QUIET_END} THEN fromA <= intoB
    ELSE fromA >= intoB END AS startAtA
  CALL (a, b, startAtA) {
    WITH a, b WHERE startAtA ${search('a', out, 'b', (l) => l)}
    UNION ALL
    WITH a, b WHERE NOT startAtA ${search('b', back, 'a', (l) => `reverse(${l})`)}
  }
  RETURN collect({ids: ids, rels: rels, counts: counts}) AS found
}
RETURN ${nodeView('a')} AS fromNode, ${nodeView('b')} AS toNode, found, COUNT { (:Paper) } AS papers`;
}

// The generic hubs other than the two ends (the papers' count comes from the count store).
const HUBS = `
WITH COUNT { (:Paper) } AS papers
MATCH (e:Entity) WHERE e.paperCount >= $min AND e.paperCount >= $share * papers
  AND NOT e.id IN $ends
RETURN e.id AS id`;

function isTimeout(err: unknown): boolean {
	return (
		err instanceof Neo4jError &&
		/TransactionTimedOut|Transaction.*Terminated|timed out/i.test(`${err.code} ${err.message}`)
	);
}

// $ids → GraphNode views; $hops: [{source, type, target}] → the best evidence of each
const NODES_AND_EVIDENCE = `
CALL () {
  UNWIND $ids AS nid
  ${matchById('n', 'nid')}
  RETURN collect(${nodeView('n')}) AS nodes
}
CALL () {
  UNWIND $hops AS hop
  CALL (hop) {
    MATCH (a:Entity {id: hop.source}) RETURN a
    UNION
    MATCH (a:Paper {id: hop.source}) RETURN a
  }
  MATCH (a)-[r]->(b:Entity {id: hop.target})
  WHERE type(r) = hop.type
  ${evidenceOf('r', '1')}
  RETURN collect({key: hop.source + '|' + hop.type + '|' + hop.target, evidence: evidence[0]}) AS evidence
}
RETURN nodes, evidence`;

export async function paths(
	db: Db,
	from: string,
	to: string,
	options: PathOptions = {}
): Promise<PathsResult> {
	const opts = { timeoutMs: options.timeoutMs };
	const k = boundedInt(options.k ?? 3, 1, 10, 'k');
	const maxLength = boundedInt(options.maxLength ?? 4, 1, 6, 'maxLength');
	const avoidHubs = options.avoidHubs ?? true;
	const ends = [from, to];
	try {
		const avoid = avoidHubs
			? (
					await readRows<{ id: string }>(
						db,
						HUBS,
						{ min: HUB_MIN_PAPERS, share: HUB_SHARE, ends },
						opts
					)
				).map((r) => r.id)
			: [];
		// Ask for more than k: parallel relations give paths through the same nodes, kept once,
		// and the cheapest need not be among the first k shortest.
		const [row] = await readRows<{
			fromNode: GraphNode;
			toNode: GraphNode;
			papers: number;
			found: {
				ids: string[];
				rels: { source: string; target: string; type: RelationType; support: number }[];
				counts: number[];
			}[];
		}>(
			db,
			pathQuery(
				Math.min(30, k * 3),
				maxLength,
				relPattern(options.relations),
				options.directed ?? false,
				options.entityOnly ?? false
			),
			{ from, to, avoid, ends },
			opts
		);
		if (!row) {
			const found = await nodesById(db, [from, to], opts);
			if (!found.some((n) => n.id === from)) throw new NotFoundError('node', from);
			throw new NotFoundError('node', to);
		}
		const { fromNode, toNode, found: raw, papers } = row;
		const costed = raw.map((p) => ({
			...p,
			cost:
				p.rels.length +
				p.counts.slice(1, -1).reduce((sum, c) => sum + penaltyHalves(c === 0, c, papers) / 2, 0)
		}));
		return await describePaths(db, fromNode, toNode, bestDistinct(costed, k), [], false, opts);
	} catch (err) {
		if (isTimeout(err))
			throw new PathTimeoutError(Math.round((options.timeoutMs ?? 0) / 1000), {
				relations: (options.relations?.length ?? 0) > 0,
				maxLength,
				avoidHubs
			});
		throw err;
	}
}

/** The chosen paths with each node's view and each hop's best evidence sentence. */
export async function describePaths(
	db: Db,
	fromNode: GraphNode,
	toNode: GraphNode,
	chosen: {
		ids: string[];
		rels: { source: string; target: string; type: RelationType; support: number }[];
		cost: number;
	}[],
	avoided: AvoidedNode[],
	partial: boolean,
	opts: { timeoutMs?: number },
	/**
	 * The nodes' views when the caller has them (the in-memory copy): then only the evidence is
	 * read, and a hop whose evidence is not read in time has none rather than failing the answer.
	 */
	known?: (id: string) => GraphNode
): Promise<PathsResult> {
	const extra = { avoided, ...(partial ? { partial } : {}) };
	if (chosen.length === 0) return { from: fromNode, to: toNode, paths: [], ...extra };
	const hops = [
		...new Map(
			chosen.flatMap((p) => p.rels.map((r) => [`${r.source}|${r.type}|${r.target}`, r] as const))
		).values()
	].map(({ source, type, target }) => ({ source, type, target }));
	const ids = [...new Set(chosen.flatMap((p) => p.ids))];
	type Row = { nodes: GraphNode[]; evidence: { key: string; evidence: EvidenceView | null }[] };
	let more: Row | undefined;
	try {
		[more] = await readRows<Row>(db, NODES_AND_EVIDENCE, { ids: known ? [] : ids, hops }, opts);
	} catch (err) {
		if (!known || !isTimeout(err)) throw err;
	}
	const nodes = known ? ids.map(known) : (more?.nodes ?? []);
	const evidence = new Map((more?.evidence ?? []).map((r) => [r.key, r.evidence]));
	const byId = new Map(nodes.map((n) => [n.id, n]));
	return {
		from: fromNode,
		to: toNode,
		paths: chosen.map((p) => ({
			nodes: p.ids.map((id) => byId.get(id)!).filter(Boolean),
			hops: p.rels.map((r, i) => ({
				from: p.ids[i]!,
				to: p.ids[i + 1]!,
				type: r.type,
				forward: r.source === p.ids[i],
				support: r.support,
				evidence: evidence.get(`${r.source}|${r.type}|${r.target}`) ?? null
			})),
			cost: p.cost
		})),
		...extra
	};
}
