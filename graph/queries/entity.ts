// entity(id): what a node is and the strongest relations around it, with the evidence behind
// each; entityRelations(id, type, direction): the rest of one group of relations, a page at a time.
import { readRows, type Db } from '../driver.js';
import type { RelationType } from '../model.js';
import type { EntityDetail, EvidenceView, RelationPage, RelationView } from '../views.js';
import { NotFoundError } from './errors.js';
import { ALL_RELATIONS, evidenceOf, IN_YEARS, relPattern, supportInYears } from './shared.js';

/** Relations shown per (type, direction) group before "more", and evidence per relation. */
export const RELATION_CAP = 20;
export const EVIDENCE_CAP = 2;

// One order for the detail's groups and the pages after them, so paging continues exactly where
// the detail stopped: strongest first, entities before papers, then a unique key. The key is the
// element id, not the name: a hub has thousands of relations, and reading every name to sort
// them cost more than the rest of the sort (≈ +10 ms for 5,000). The in-memory copy of the
// graph (graph/projection/entity.ts) lists them in the same order, and answers most questions.
// In a year range (`years`), `support` is the number of the relation's papers of those years
// (supportInYears), relations without any are left out, and evidence comes from those papers.
const RELATION_ORDER = 'support DESC, o:Paper, o.id';

/** `WITH r, o, out, support`: each relation's support, in the year range when there is one. */
function withSupport(years: boolean): string {
	return years
		? `${supportInYears('r', 'support')}
  WITH r, o, out, support WHERE support > 0`
		: 'WITH r, o, out, r.support AS support';
}

// [out, id, kind, type, label, year, support, evidence, curated]: a hub's detail holds hundreds
// of these, and a list decodes faster than a map with its keys.
type RelationTuple = [
	boolean,
	string,
	'Entity' | 'Paper',
	RelationView['other']['type'],
	string,
	number | null,
	number,
	EvidenceView[],
	RelationView['curated'] | null
];
const RELATION_TUPLE = `[out, o.id, CASE WHEN o:Paper THEN 'Paper' ELSE 'Entity' END,
  coalesce(o.type, 'Paper'), coalesce(o.name, o.title), coalesce(o.firstYear, o.year),
  support, evidence, r.curated]`;

function toRelation(type: RelationType, t: RelationTuple): RelationView {
	const [out, id, kind, otherType, label, year, support, evidence, curated] = t;
	return {
		type,
		direction: out ? 'out' : 'in',
		other: { id, kind, type: otherType, label, year },
		support,
		...(curated ? { curated } : {}),
		evidence
	};
}

// The papers mentioning entity `e` (newest first among the first $scan) and its fields. In a
// year range, the papers of those years, and their count.
function papersAndFields(years: boolean): string {
	const ofYears = years ? `WHERE ${IN_YEARS('p.year')}` : '';
	return `
CALL (e) {
  MATCH (e)<-[:MENTIONS]-(p:Paper) ${ofYears}
  WITH p LIMIT $scan
  WITH p ORDER BY p.year DESC, p.title LIMIT $papersCap
  RETURN collect({id: p.id, title: p.title, year: p.year}) AS papers
}
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases,
       e.firstYear AS firstYear,
       ${years ? `COUNT { (e)<-[:MENTIONS]-(p:Paper) ${ofYears} }` : 'coalesce(e.paperCount, 0)'} AS paperCount,
       COUNT { (e)-[:${ALL_RELATIONS}]-() } AS degree, papers`;
}

// $id, $cap, $evidenceCap, $papersCap, $scan (, $from, $to) → the entity, the strongest $cap
// relations of each (type, direction) group with how many the group has, and the papers
// mentioning it, in one statement: each round trip to Neo4j costs more than most of the work.
// Evidence is built for the kept relations only: it is most of the cost.
function detailQuery(years: boolean): string {
	return `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[r:${ALL_RELATIONS}]-(o)
  WITH r, o, startNode(r) = e AS out
  ${withSupport(years)}
  ORDER BY ${RELATION_ORDER}
  WITH type(r) AS type, out, collect([r, o, support])[..$cap] AS top, count(*) AS total
  UNWIND range(0, size(top) - 1) AS i
  WITH type, out, total, i, top[i][0] AS r, top[i][1] AS o, top[i][2] AS support
  ${evidenceOf('r', '$evidenceCap', { years })}
  WITH type, out, total, i, ${RELATION_TUPLE} AS rel
  ORDER BY i
  RETURN collect([type, out, total, rel]) AS groups
}
${papersAndFields(years)}, groups`;
}
const ENTITY_DETAIL = detailQuery(false);
const ENTITY_DETAIL_IN_YEARS = detailQuery(true);

// $id, $rels ([internal id, "start|TYPE|end"] each), $evidenceCap, $papersCap, $scan → the
// entity and the evidence of relations chosen elsewhere (the in-memory copy of the graph
// knows which are strongest; only Neo4j holds the sentences). Each relationship is found by its
// internal id and checked to still be the one meant; evidence[i] is null when it is not.
function withEvidenceQuery(years: boolean): string {
	return `
MATCH (e:Entity {id: $id})
CALL (e) {
  UNWIND range(0, size($rels) - 1) AS i
  OPTIONAL CALL (i) {
    MATCH ()-[r]->() WHERE id(r) = $rels[i][0]
      AND startNode(r).id + '|' + type(r) + '|' + endNode(r).id = $rels[i][1]
    ${evidenceOf('r', '$evidenceCap', { years })}
    RETURN evidence
  }
  WITH i, evidence ORDER BY i
  // [evidence] and not evidence: collect() would drop the nulls, and the positions with them
  RETURN collect([evidence]) AS evidence
}
${papersAndFields(false)}, evidence`;
}
const ENTITY_WITH_EVIDENCE = withEvidenceQuery(false);
const ENTITY_WITH_EVIDENCE_IN_YEARS = withEvidenceQuery(true);

/** A year range: the relations stated, and the papers written, in those years. */
export interface YearRange {
	fromYear?: number | null;
	toYear?: number | null;
}

export const inYears = (o: YearRange) => o.fromYear != null || o.toYear != null;
const yearParams = (o: YearRange) => ({ from: o.fromYear ?? null, to: o.toYear ?? null });

const PAPERS = { papersCap: 50, scan: 2000 };

type EntityFields = Omit<EntityDetail, 'relations' | 'relationCounts' | 'truncated'>;

/**
 * The entity's fields and papers, and the evidence of the given relationships (internal id and
 * `start|TYPE|end` key each), in their order; null for one that is no longer what the key says.
 * With `withPapers: false`, no papers (a page of relations needs none).
 */
export async function entityWithEvidence(
	db: Db,
	id: string,
	rels: [number, string][],
	options: EntityOptions & { withPapers?: boolean } = {}
): Promise<EntityFields & { evidence: (EvidenceView[] | null)[] }> {
	const [row] = await readRows<EntityFields & { evidence: [EvidenceView[] | null][] }>(
		db,
		inYears(options) ? ENTITY_WITH_EVIDENCE_IN_YEARS : ENTITY_WITH_EVIDENCE,
		{
			id,
			rels,
			...yearParams(options),
			evidenceCap: options.evidenceCap ?? EVIDENCE_CAP,
			...(options.withPapers === false ? { papersCap: 0, scan: 0 } : PAPERS)
		},
		{ timeoutMs: options.timeoutMs }
	);
	if (!row) throw new NotFoundError('entity', id);
	return { ...row, evidence: row.evidence.map(([e]) => e) };
}

export interface EntityOptions extends YearRange {
	timeoutMs?: number;
	relationCap?: number;
	evidenceCap?: number;
}

export async function entityDetail(
	db: Db,
	id: string,
	options: EntityOptions = {}
): Promise<EntityDetail> {
	const [row] = await readRows<
		EntityFields & {
			groups: [RelationType, boolean, number, RelationTuple][];
		}
	>(
		db,
		inYears(options) ? ENTITY_DETAIL_IN_YEARS : ENTITY_DETAIL,
		{
			id,
			...yearParams(options),
			cap: options.relationCap ?? RELATION_CAP,
			evidenceCap: options.evidenceCap ?? EVIDENCE_CAP,
			...PAPERS
		},
		{ timeoutMs: options.timeoutMs }
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
	// In a year range an entity's degree is its relations of those years.
	if (inYears(options)) entity.degree = total;
	return { ...entity, relations, relationCounts, truncated: shown < total };
}

// $id, $offset, $limit, $evidenceCap → one page of one (type, direction) group, in the detail's
// order, and the group's size (from the degree store: no relationship is read for it).
function relationsQuery(rel: string, out: boolean, years: boolean): string {
	const pattern = out ? `(e)-[r:${rel}]->(o)` : `(e)<-[r:${rel}]-(o) WHERE o <> e`;
	// A relation from the entity to itself is listed as outgoing only, as the detail lists it.
	// In a year range the group's size is that of the relations with papers of those years.
	const total = years
		? `COUNT { MATCH ${pattern} WITH r, o, ${out} AS out ${withSupport(true)} RETURN r }`
		: out
			? `COUNT { (e)-[:${rel}]->() }`
			: `COUNT { (e)<-[:${rel}]-() } - COUNT { (e)-[:${rel}]->(e) }`;
	return `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH ${pattern}
  WITH r, o, ${out} AS out
  ${withSupport(years)}
  ORDER BY ${RELATION_ORDER}
  SKIP $offset LIMIT $limit
  ${evidenceOf('r', '$evidenceCap', { years })}
  RETURN collect(${RELATION_TUPLE}) AS page
}
RETURN ${total} AS total, page`;
}

export async function entityRelations(
	db: Db,
	id: string,
	type: RelationType,
	direction: 'out' | 'in',
	page: { offset: number; limit: number },
	options: Omit<EntityOptions, 'relationCap'> = {}
): Promise<RelationPage> {
	const [row] = await readRows<{ total: number; page: RelationTuple[] }>(
		db,
		relationsQuery(relPattern([type]), direction === 'out', inYears(options)),
		{
			id,
			...yearParams(options),
			offset: page.offset,
			limit: page.limit,
			evidenceCap: options.evidenceCap ?? EVIDENCE_CAP
		},
		{ timeoutMs: options.timeoutMs }
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
