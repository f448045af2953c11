// entity(id): what a node is and the strongest relations around it, with the evidence behind
// each; entityRelations(id, type, direction): the rest of one group of relations, a page at a time.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { RelationType } from '../model.js';
import type { EntityDetail, EvidenceView, RelationPage, RelationView } from '../views.js';
import { NotFoundError } from './errors.js';
import { ALL_RELATIONS, evidenceOf, relPattern } from './shared.js';

/** Relations shown per (type, direction) group before "more", and evidence per relation. */
export const RELATION_CAP = 20;
export const EVIDENCE_CAP = 2;

// One order for the detail's groups and the pages after them, so paging continues exactly where
// the detail stopped: strongest first, entities before papers, then a unique key. The key is the
// element id, not the name: a hub has thousands of relations, and reading every name to sort
// them cost more than the rest of the sort (≈ +10 ms for 5,000).
const RELATION_ORDER = 'r.support DESC, o:Paper, elementId(o)';

// [out, id, kind, type, label, year, support, evidence]: a hub's detail holds hundreds of
// these, and a list decodes faster than a map with its keys.
type RelationTuple = [
	boolean,
	string,
	'Entity' | 'Paper',
	RelationView['other']['type'],
	string,
	number | null,
	number,
	EvidenceView[]
];
const RELATION_TUPLE = `[out, o.id, CASE WHEN o:Paper THEN 'Paper' ELSE 'Entity' END,
  coalesce(o.type, 'Paper'), coalesce(o.name, o.title), coalesce(o.firstYear, o.year),
  r.support, evidence]`;

function toRelation(type: RelationType, t: RelationTuple): RelationView {
	const [out, id, kind, otherType, label, year, support, evidence] = t;
	return {
		type,
		direction: out ? 'out' : 'in',
		other: { id, kind, type: otherType, label, year },
		support,
		evidence
	};
}

// $id, $cap, $evidenceCap, $papersCap, $scan → the entity, the strongest $cap relations of
// each (type, direction) group with how many the group has, and the papers mentioning it, in
// one statement: each round trip to Neo4j costs more than most of the work. Evidence is built
// for the kept relations only: it is most of the cost.
const ENTITY_DETAIL = `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[r:${ALL_RELATIONS}]-(o)
  WITH r, o, startNode(r) = e AS out
  ORDER BY ${RELATION_ORDER}
  WITH type(r) AS type, out, collect([r, o])[..$cap] AS top, count(*) AS total
  UNWIND range(0, size(top) - 1) AS i
  WITH type, out, total, i, top[i][0] AS r, top[i][1] AS o
  ${evidenceOf('r', '$evidenceCap')}
  WITH type, out, total, i, ${RELATION_TUPLE} AS rel
  ORDER BY i
  RETURN collect([type, out, total, rel]) AS groups
}
CALL (e) {
  // papers mentioning it, newest first among the first $scan
  MATCH (e)<-[:MENTIONS]-(p:Paper)
  WITH p LIMIT $scan
  WITH p ORDER BY p.year DESC, p.title LIMIT $papersCap
  RETURN collect({id: p.id, title: p.title, year: p.year}) AS papers
}
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases,
       e.firstYear AS firstYear, coalesce(e.paperCount, 0) AS paperCount,
       COUNT { (e)-[:${ALL_RELATIONS}]-() } AS degree, groups, papers`;

export interface EntityOptions {
	driver?: Driver;
	timeoutMs?: number;
	relationCap?: number;
	evidenceCap?: number;
}

export async function entityDetail(id: string, options: EntityOptions = {}): Promise<EntityDetail> {
	const [row] = await readRows<
		Omit<EntityDetail, 'relations' | 'relationCounts' | 'truncated'> & {
			groups: [RelationType, boolean, number, RelationTuple][];
		}
	>(
		ENTITY_DETAIL,
		{
			id,
			cap: options.relationCap ?? RELATION_CAP,
			evidenceCap: options.evidenceCap ?? EVIDENCE_CAP,
			papersCap: 50,
			scan: 2000
		},
		{ driver: options.driver, timeoutMs: options.timeoutMs }
	);
	if (!row) throw new NotFoundError('entity', id);
	const { groups, ...entity } = row;
	const relations: EntityDetail['relations'] = {};
	const relationCounts: EntityDetail['relationCounts'] = {};
	let shown = 0;
	let total = 0;
	// Outgoing before incoming within a type, as the detail panel lists them (stable sort).
	groups.sort((a, b) => Number(b[1]) - Number(a[1]));
	for (const [type, out, count, rel] of groups) {
		(relations[type] ??= []).push(toRelation(type, rel));
		const counts = (relationCounts[type] ??= { out: 0, in: 0 });
		if (counts[out ? 'out' : 'in'] === 0) total += count;
		counts[out ? 'out' : 'in'] = count;
		shown++;
	}
	return { ...entity, relations, relationCounts, truncated: shown < total };
}

// $id, $offset, $limit, $evidenceCap → one page of one (type, direction) group, in the detail's
// order, and the group's size (from the degree store: no relationship is read for it).
function relationsQuery(rel: string, out: boolean): string {
	const pattern = out ? `(e)-[r:${rel}]->(o)` : `(e)<-[r:${rel}]-(o)`;
	return `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH ${pattern}
  WITH r, o, ${out} AS out
  ORDER BY ${RELATION_ORDER}
  SKIP $offset LIMIT $limit
  ${evidenceOf('r', '$evidenceCap')}
  RETURN collect(${RELATION_TUPLE}) AS page
}
RETURN COUNT { ${out ? `(e)-[:${rel}]->()` : `(e)<-[:${rel}]-()`} } AS total, page`;
}

export async function entityRelations(
	id: string,
	type: RelationType,
	direction: 'out' | 'in',
	page: { offset: number; limit: number },
	options: Omit<EntityOptions, 'relationCap'> = {}
): Promise<RelationPage> {
	const [row] = await readRows<{ total: number; page: RelationTuple[] }>(
		relationsQuery(relPattern([type]), direction === 'out'),
		{
			id,
			offset: page.offset,
			limit: page.limit,
			evidenceCap: options.evidenceCap ?? EVIDENCE_CAP
		},
		{ driver: options.driver, timeoutMs: options.timeoutMs }
	);
	if (!row) throw new NotFoundError('entity', id);
	return {
		type,
		direction,
		total: row.total,
		offset: page.offset,
		relations: row.page.map((t) => toRelation(type, t))
	};
}
