// Fragments and helpers shared by the read queries. Relationship-type lists are interpolated
// only from the fixed RELATION_TYPES vocabulary, never from input.
import { RELATION_TYPES, type RelationType } from '../model.js';
import type { GraphEdge } from '../views.js';

export const ALL_RELATIONS = RELATION_TYPES.join('|');

/** `BUILDS_ON|USES` from a validated list (defaults to all relation types). */
export function relPattern(types?: readonly RelationType[]): string {
	const chosen = types && types.length > 0 ? types : RELATION_TYPES;
	for (const t of chosen) {
		if (!(RELATION_TYPES as readonly string[]).includes(t))
			throw new Error(`Unknown relation type ${t}`);
	}
	return chosen.join('|');
}

/** Cypher map projection of a Paper or Entity node into the API's GraphNode shape. */
export function nodeView(v: string): string {
	return `{
  id: ${v}.id,
  kind: CASE WHEN ${v}:Paper THEN 'Paper' ELSE 'Entity' END,
  type: CASE WHEN ${v}:Paper THEN 'Paper' ELSE ${v}.type END,
  label: coalesce(${v}.name, ${v}.title),
  year: coalesce(${v}.firstYear, ${v}.year),
  paperCount: coalesce(${v}.paperCount, 1),
  degree: COUNT { (${v})-[:${ALL_RELATIONS}]-() }
}`;
}

/** Finds a Paper or an Entity by id through the unique indexes (a label-less match would scan). */
export function matchById(v: string, param: string): string {
	return `CALL (${param.startsWith('$') ? '' : param}) {
  MATCH (${v}:Entity {id: ${param}}) RETURN ${v}
  UNION
  MATCH (${v}:Paper {id: ${param}}) RETURN ${v}
}`;
}

/** Cypher map projection of an Evidence node joined with its paper into EvidenceView. */
export const EVIDENCE_VIEW = `{
  paperId: ev.paperId, paperTitle: p.title, paperYear: p.year, paperUrl: p.url,
  sentence: ev.sentence,
  headSpan: CASE WHEN size(ev.headSpan) = 2 THEN ev.headSpan ELSE null END,
  tailSpan: CASE WHEN size(ev.tailSpan) = 2 THEN ev.tailSpan ELSE null END,
  rule: ev.rule, confidence: ev.confidence
}`;

export function edgeKey(source: string, type: string, target: string): string {
	return `${source}|${type}|${target}`;
}

/** A relationship row as the API's GraphEdge, keyed like its evidence. */
export function toEdge(row: Omit<GraphEdge, 'id'>): GraphEdge {
	return {
		id: edgeKey(row.source, row.type, row.target),
		source: row.source,
		target: row.target,
		type: row.type,
		support: row.support
	};
}
