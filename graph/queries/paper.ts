// paper(id): the abstract, where each entity is mentioned, and the relations drawn from it.
import { readRows, type Db } from '../driver.js';
import { decodePaperEvidence, type EntityType, type RelationType } from '../model.js';
import type { PaperDetail } from '../views.js';
import { NotFoundError } from './errors.js';
import { PAPER_TEXT } from './shared.js';

// $id → the paper, the text its offsets point into, its mentions, its own relation records and
// the statements between entities it made
const PAPER = `
MATCH (p:Paper {id: $id})
CALL (p) {
  MATCH (p)-[m:MENTIONS]->(e:Entity)
  RETURN collect({entityId: e.id, name: e.name, type: e.type, spans: m.spans}) AS mentions
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(ev:Evidence)
  OPTIONAL MATCH (t:Entity {id: ev.target})
  OPTIONAL MATCH (h:Entity {id: ev.source})
  WITH ev, t, h WHERE t IS NOT NULL AND h IS NOT NULL
  RETURN collect({
    head: {id: h.id, label: h.name, kind: 'Entity'}, type: ev.type,
    tail: {id: t.id, label: t.name, type: t.type},
    start: ev.start, sentence: ev.sentence, rule: ev.rule, confidence: ev.confidence
  }) AS statements
}
RETURN p.id AS id, p.title AS title, ${PAPER_TEXT('p')} AS text, p.year AS year, p.url AS url,
       p.arxivId AS arxivId, p.doi AS doi,
       coalesce(p.authors, []) AS authors, coalesce(p.textOffset, 0) AS textOffset,
       coalesce(p.evidence, []) AS records, mentions, statements`;

type Relation = PaperDetail['relations'][number];

interface PaperRow {
	id: string;
	title: string;
	text: string;
	year: number | null;
	url: string | null;
	arxivId: string | null;
	doi: string | null;
	authors: string[];
	textOffset: number;
	records: string[];
	mentions: { entityId: string; name: string; type: EntityType; spans: number[] }[];
	statements: (Relation & { start: number })[];
}

export async function paperDetail(
	db: Db,
	id: string,
	options: { timeoutMs?: number } = {}
): Promise<PaperDetail> {
	const [row] = await readRows<PaperRow>(db, PAPER, { id }, options);
	if (!row) throw new NotFoundError('paper', id);
	// Offsets point into "title\n\nabstract" as analysed; the page shows that abstract.
	const abstract = row.text.slice(row.textOffset);
	const mentions: PaperDetail['mentions'] = [];
	for (const m of row.mentions) {
		for (let i = 0; i + 1 < (m.spans ?? []).length; i += 2) {
			const start = m.spans[i]! - row.textOffset;
			const end = m.spans[i + 1]! - row.textOffset;
			if (start >= 0 && end <= abstract.length) {
				mentions.push({ entityId: m.entityId, name: m.name, type: m.type, start, end });
			}
		}
	}
	mentions.sort((a, b) => a.start - b.start || b.end - a.end);
	const entities = new Map(row.mentions.map((m) => [m.entityId, m]));
	return {
		id: row.id,
		title: row.title,
		abstract,
		year: row.year,
		url: row.url,
		arxivId: row.arxivId ?? null,
		doi: row.doi ?? null,
		authors: row.authors,
		mentions,
		relations: relationsOf(row, entities)
	};
}

/** The paper's own records, what they imply for what it proposes, and its entity statements. */
function relationsOf(
	row: PaperRow,
	entities: Map<string, { entityId: string; name: string; type: EntityType }>
): Relation[] {
	const own = row.records.flatMap((r) => decodePaperEvidence(r) ?? []);
	const paper = { id: row.id, label: row.title, kind: 'Paper' as const };
	const out: (Relation & { start: number })[] = [];
	const tailOf = (id: string) => {
		const e = entities.get(id);
		return e ? { id, label: e.name, type: e.type } : null;
	};
	const proposed = own.filter((r) => r.type === 'PROPOSES').map((r) => r.target);
	for (const r of own) {
		const tail = tailOf(r.target);
		if (!tail) continue;
		const base = {
			type: r.type as RelationType,
			tail,
			start: r.start,
			sentence: row.text.slice(r.start, r.end)
		};
		out.push({ ...base, head: paper, rule: r.rule, confidence: r.confidence });
		if (r.type === 'PROPOSES') continue;
		for (const p of proposed) {
			const head = tailOf(p);
			if (!head || p === r.target) continue;
			out.push({
				...base,
				head: { id: p, label: head.label, kind: 'Entity' },
				rule: `${r.rule}+proposed`,
				confidence: r.confidence
			});
		}
	}
	out.push(...row.statements);
	out.sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));
	return out.map(({ start: _start, ...rel }) => rel);
}
