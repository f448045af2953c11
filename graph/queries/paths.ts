// paths(from, to, …): the k shortest distinct paths between two nodes, each hop with its
// relation, support and best evidence sentence.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { RelationType } from '../model.js';
import { NotFoundError } from './errors.js';
import { nodesById } from './neighbourhood.js';
import { evidenceOf, relPattern } from './shared.js';
import type { EvidenceView, PathsResult } from '../views.js';

export interface PathOptions {
	maxLength?: number; // 1..6
	k?: number; // 1..10
	relations?: RelationType[];
	directed?: boolean;
	driver?: Driver;
	timeoutMs?: number;
}

function boundedInt(value: number, min: number, max: number, name: string): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
	}
	return value;
}

// SHORTEST k and the length bounds must be literals in Cypher: they are validated integers.
function pathQuery(k: number, maxLength: number, rels: string, directed: boolean): string {
	return `
CALL () { MATCH (a:Entity {id: $from}) RETURN a UNION MATCH (a:Paper {id: $from}) RETURN a }
CALL () { MATCH (b:Entity {id: $to}) RETURN b UNION MATCH (b:Paper {id: $to}) RETURN b }
MATCH p = SHORTEST ${k} (a)-[:${rels}]-${directed ? '>' : ''}{1,${maxLength}}(b)
WHERE all(n IN nodes(p) WHERE n:Entity OR n:Paper)
RETURN [n IN nodes(p) | n.id] AS ids,
       [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r), support: r.support}] AS rels`;
}

// $hops: [{source, type, target}] → the best evidence of each
const BEST_EVIDENCE = `
UNWIND $hops AS hop
CALL (hop) {
  MATCH (a:Entity {id: hop.source}) RETURN a
  UNION
  MATCH (a:Paper {id: hop.source}) RETURN a
}
MATCH (a)-[r]->(b:Entity {id: hop.target})
WHERE type(r) = hop.type
${evidenceOf('r', '1')}
RETURN hop.source + '|' + hop.type + '|' + hop.target AS key, evidence[0] AS evidence`;

export async function paths(
	from: string,
	to: string,
	options: PathOptions = {}
): Promise<PathsResult> {
	const opts = { driver: options.driver, timeoutMs: options.timeoutMs };
	const k = boundedInt(options.k ?? 3, 1, 10, 'k');
	const maxLength = boundedInt(options.maxLength ?? 4, 1, 6, 'maxLength');
	const ends = await nodesById([from, to], opts);
	const fromNode = ends.find((n) => n.id === from);
	const toNode = ends.find((n) => n.id === to);
	if (!fromNode) throw new NotFoundError('node', from);
	if (!toNode) throw new NotFoundError('node', to);
	if (from === to) return { from: fromNode, to: toNode, paths: [] };

	// Ask for more than k: parallel relations give paths through the same nodes, kept once.
	const raw = await readRows<{
		ids: string[];
		rels: { source: string; target: string; type: RelationType; support: number }[];
	}>(
		pathQuery(
			Math.min(30, k * 3),
			maxLength,
			relPattern(options.relations),
			options.directed ?? false
		),
		{ from, to },
		opts
	);
	const distinct = new Map<string, (typeof raw)[number]>();
	for (const p of raw) {
		const key = p.ids.join('>');
		if (!distinct.has(key)) distinct.set(key, p);
	}
	const chosen = [...distinct.values()].slice(0, k);
	const hops = [
		...new Map(
			chosen.flatMap((p) => p.rels.map((r) => [`${r.source}|${r.type}|${r.target}`, r] as const))
		).values()
	].map(({ source, type, target }) => ({ source, type, target }));
	const [evidenceRows, nodes] = await Promise.all([
		readRows<{ key: string; evidence: EvidenceView | null }>(BEST_EVIDENCE, { hops }, opts),
		nodesById([...new Set(chosen.flatMap((p) => p.ids))], opts)
	]);
	const evidence = new Map(evidenceRows.map((r) => [r.key, r.evidence]));
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
			}))
		}))
	};
}
