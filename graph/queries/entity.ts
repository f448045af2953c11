// entity(id): what a node is and everything around it, with the evidence behind each relation.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { EntityDetail, RelationView } from '../views.js';
import { NotFoundError } from './errors.js';
import { ALL_RELATIONS, evidenceOf } from './shared.js';

// $id, $cap, $paperCap, $evidenceCap, $papersCap, $scan → the entity, its relations with
// evidence and the papers mentioning it, in one statement: each round trip to Neo4j costs more
// than most of the work.
const ENTITY_DETAIL = `
MATCH (e:Entity {id: $id})
CALL (e) {
  // relations with other entities, strongest first
  MATCH (e)-[r:${ALL_RELATIONS}]-(o:Entity)
  WITH e, r, o, startNode(r) = e AS out
  ORDER BY r.support DESC, o.name
  LIMIT $cap
  ${evidenceOf('r', '$evidenceCap')}
  RETURN collect({
    type: type(r), direction: CASE WHEN out THEN 'out' ELSE 'in' END,
    other: {id: o.id, kind: 'Entity', type: o.type, label: o.name, year: o.firstYear},
    support: r.support, evidence: evidence
  }) AS withEntities
}
CALL (e) {
  // relations stated by papers about it (support 1 each: no sort needed)
  MATCH (e)<-[r:${ALL_RELATIONS}]-(p:Paper)
  WITH r, p LIMIT $paperCap
  ${evidenceOf('r', '1')}
  RETURN collect({
    type: type(r), direction: 'in',
    other: {id: p.id, kind: 'Paper', type: 'Paper', label: p.title, year: p.year},
    support: r.support, evidence: evidence
  }) AS fromPapers
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
       COUNT { (e)-[:${ALL_RELATIONS}]-() } AS degree, withEntities, fromPapers, papers`;

export interface EntityOptions {
	driver?: Driver;
	timeoutMs?: number;
	relationCap?: number;
	evidenceCap?: number;
}

export async function entityDetail(id: string, options: EntityOptions = {}): Promise<EntityDetail> {
	const [row] = await readRows<
		Omit<EntityDetail, 'relations'> & { withEntities: RelationView[]; fromPapers: RelationView[] }
	>(
		ENTITY_DETAIL,
		{
			id,
			cap: options.relationCap ?? 150,
			paperCap: 60,
			evidenceCap: options.evidenceCap ?? 3,
			papersCap: 50,
			scan: 2000
		},
		{ driver: options.driver, timeoutMs: options.timeoutMs }
	);
	if (!row) throw new NotFoundError('entity', id);
	const { withEntities, fromPapers, ...entity } = row;
	const relations: EntityDetail['relations'] = {};
	for (const rel of [...withEntities, ...fromPapers]) (relations[rel.type] ??= []).push(rel);
	return { ...entity, relations };
}
