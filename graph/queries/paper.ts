// paper(id): the abstract, where each entity is mentioned, and the relations drawn from it.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { EntityType } from '../model.js';
import type { PaperDetail } from '../views.js';
import { NotFoundError } from './errors.js';

// $id → the paper, its mentions (spans into title + blank line + abstract) and its evidence
const PAPER = `
MATCH (p:Paper {id: $id})
CALL (p) {
  MATCH (p)-[m:MENTIONS]->(e:Entity)
  RETURN collect({entityId: e.id, name: e.name, type: e.type, spans: m.spans}) AS mentions
}
CALL (p) {
  MATCH (p)-[:HAS_EVIDENCE]->(ev:Evidence)
  MATCH (t:Entity {id: ev.target})
  OPTIONAL MATCH (h:Entity {id: ev.source})
  WITH ev, t, h ORDER BY ev.start, ev.type
  RETURN collect({
    head: CASE WHEN h IS NULL THEN {id: p.id, label: p.title, kind: 'Paper'}
               ELSE {id: h.id, label: h.name, kind: 'Entity'} END,
    type: ev.type, tail: {id: t.id, label: t.name, type: t.type},
    sentence: ev.sentence, rule: ev.rule, confidence: ev.confidence
  }) AS relations
}
RETURN p.id AS id, p.title AS title, p.abstract AS abstract, p.year AS year, p.url AS url,
       coalesce(p.authors, []) AS authors, coalesce(p.textOffset, 0) AS textOffset, mentions, relations`;

export async function paperDetail(
	id: string,
	options: { driver?: Driver; timeoutMs?: number } = {}
): Promise<PaperDetail> {
	const [row] = await readRows<
		Omit<PaperDetail, 'mentions'> & {
			textOffset: number;
			mentions: { entityId: string; name: string; type: EntityType; spans: number[] }[];
		}
	>(PAPER, { id }, options);
	if (!row) throw new NotFoundError('paper', id);
	// Spans point into "title\n\nabstract"; the page shows the abstract, so shift and drop title hits.
	const mentions: PaperDetail['mentions'] = [];
	for (const m of row.mentions) {
		for (let i = 0; i + 1 < (m.spans ?? []).length; i += 2) {
			const start = m.spans[i]! - row.textOffset;
			const end = m.spans[i + 1]! - row.textOffset;
			if (start >= 0 && end <= row.abstract.length) {
				mentions.push({ entityId: m.entityId, name: m.name, type: m.type, start, end });
			}
		}
	}
	mentions.sort((a, b) => a.start - b.start || b.end - a.end);
	const { textOffset: _offset, ...paper } = row;
	return { ...paper, mentions };
}
