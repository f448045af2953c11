// entity(id): what a node is and everything around it, with the evidence behind each relation.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { EntityDetail, RelationView } from '../views.js';
import { NotFoundError } from './errors.js';
import { ALL_RELATIONS, evidenceOf } from './shared.js';

// $id → the entity's own fields
const ENTITY = `
MATCH (e:Entity {id: $id})
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases,
       e.firstYear AS firstYear, coalesce(e.paperCount, 0) AS paperCount,
       COUNT { (e)-[:${ALL_RELATIONS}]-() } AS degree`;

// $id, $cap, $evidenceCap → relations with other entities, strongest first, with evidence
const ENTITY_RELATIONS = `
MATCH (e:Entity {id: $id})-[r:${ALL_RELATIONS}]-(o:Entity)
WITH e, r, o, startNode(r) = e AS out
ORDER BY r.support DESC, o.name
LIMIT $cap
${evidenceOf('r', '$evidenceCap')}
RETURN type(r) AS type, CASE WHEN out THEN 'out' ELSE 'in' END AS direction,
       {id: o.id, kind: 'Entity', type: o.type, label: o.name, year: o.firstYear} AS other,
       r.support AS support, evidence`;

// $id, $cap → relations stated by papers about this entity (support 1 each: no sort needed)
const PAPER_RELATIONS = `
MATCH (e:Entity {id: $id})<-[r:${ALL_RELATIONS}]-(p:Paper)
WITH r, p LIMIT $cap
${evidenceOf('r', '1')}
RETURN type(r) AS type, 'in' AS direction,
       {id: p.id, kind: 'Paper', type: 'Paper', label: p.title, year: p.year} AS other,
       r.support AS support, evidence`;

// $id, $cap → papers mentioning it, newest first
const MENTIONED_IN = `
MATCH (e:Entity {id: $id})<-[:MENTIONS]-(p:Paper)
WITH p LIMIT $scan
RETURN p.id AS id, p.title AS title, p.year AS year
ORDER BY year DESC, title
LIMIT $cap`;

export interface EntityOptions {
	driver?: Driver;
	timeoutMs?: number;
	relationCap?: number;
	evidenceCap?: number;
}

export async function entityDetail(id: string, options: EntityOptions = {}): Promise<EntityDetail> {
	const opts = { driver: options.driver, timeoutMs: options.timeoutMs };
	const [entity] = await readRows<Omit<EntityDetail, 'relations' | 'papers'>>(ENTITY, { id }, opts);
	if (!entity) throw new NotFoundError('entity', id);
	const cap = options.relationCap ?? 150;
	const [withEntities, fromPapers, papers] = await Promise.all([
		readRows<RelationView>(
			ENTITY_RELATIONS,
			{ id, cap, evidenceCap: options.evidenceCap ?? 3 },
			opts
		),
		readRows<RelationView>(PAPER_RELATIONS, { id, cap: 60 }, opts),
		readRows<EntityDetail['papers'][number]>(MENTIONED_IN, { id, cap: 50, scan: 2000 }, opts)
	]);
	const relations: EntityDetail['relations'] = {};
	for (const rel of [...withEntities, ...fromPapers]) (relations[rel.type] ??= []).push(rel);
	return { ...entity, relations, papers };
}
