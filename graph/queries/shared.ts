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
  at: CASE WHEN ev.start IS NULL OR ev.end IS NULL THEN null
      ELSE [ev.start - coalesce(p.textOffset, 0), ev.end - coalesce(p.textOffset, 0)] END,
  rule: ev.rule, confidence: ev.confidence
}`;

/** The text a paper's offsets point into (graph/model.ts analysedText). */
export const PAPER_TEXT = (p: string) =>
	`coalesce(${p}.text, CASE WHEN ${p}.title = '' THEN ${p}.abstract ELSE ${p}.title + '\\n\\n' + ${p}.abstract END)`;

/** Whether a year (a Cypher expression) is in $from … $to; either bound may be null. No year is in no range. */
export const IN_YEARS = (year: string) =>
	`(${year} IS NOT NULL AND ($from IS NULL OR ${year} >= $from) AND ($to IS NULL OR ${year} <= $to))`;

/**
 * `CALL (r) { … RETURN evidence }`: the evidence of relationship `r`, best first, one per
 * paper, at most `cap`. Three sources (see graph/rows.ts and ingest/load/facts.ts): the paper's own record when
 * r starts at a paper; (:Evidence) nodes for statements between entities; and, for an entity's
 * edge, the records of the papers proposing that entity ("KOALA uses LoRA" because the KOALA
 * paper says "we use LoRA"). An entity edge lists a few of its papers (`r.papers`, see
 * graph/queries/load.ts), so only those are read; an edge without the list (stored before it
 * existed, or whose listed papers were all retracted) is searched for its papers instead.
 *
 * Options: `years` keeps the papers of a year in $from … $to; `complete` reads every supporting
 * paper (not only the listed few, nor the first 50 proposing the source) for paging through all
 * of them, `skip` pages (a Cypher expression). Either of the first two reads exactly the papers
 * that `supportInYears` counts.
 */
export function evidenceOf(
	r: string,
	cap: string,
	options: { years?: boolean; complete?: boolean; skip?: string } = {}
): string {
	const strict = options.years || options.complete;
	const inYears = (y: string) => (options.years ? IN_YEARS(y) : 'true');
	return `CALL (${r}) {
  WITH startNode(${r}) AS a, endNode(${r}) AS b, type(${r}) AS t, ${strict ? '[]' : `coalesce(${r}.papers, [])`} AS listed
  CALL (a, b, t, listed) {
    WITH a, b, t WHERE a:Paper AND ${inYears('a.year')}
    UNWIND [x IN coalesce(a.evidence, []) WHERE x STARTS WITH t + '|' + b.id + '|'][..1] AS rec
    RETURN a AS p, rec, null AS ev, null AS head
    UNION ALL
    WITH a, b, t, listed WHERE a:Entity AND size(listed) > 0
    UNWIND listed AS pid
    MATCH (p:Paper {id: pid})
    CALL (p, a, b, t) {
      MATCH (p)-[:HAS_EVIDENCE]->(ev:Evidence)
      WHERE ev.key = a.id + '|' + t + '|' + b.id
      RETURN null AS rec, ev, null AS head
      UNION ALL
      WITH p, a, b, t WHERE t <> 'PROPOSES' AND EXISTS { (p)-[:PROPOSES]->(a) }
      UNWIND [x IN coalesce(p.evidence, []) WHERE x STARTS WITH t + '|' + b.id + '|'][..1] AS rec
      RETURN rec, null AS ev, a AS head
    }
    RETURN p, rec, ev, head
    UNION ALL
    WITH a, b, t, listed WHERE a:Entity AND size(listed) = 0
    MATCH (ev:Evidence {key: a.id + '|' + t + '|' + b.id})
    MATCH (p:Paper {id: ev.paperId})
    WHERE ${inYears('p.year')}
    RETURN p, null AS rec, ev, null AS head
    UNION ALL
    WITH a, b, t, listed WHERE a:Entity AND size(listed) = 0 AND t <> 'PROPOSES'
    MATCH (p:Paper)-[:PROPOSES]->(a)
    WHERE ${inYears('p.year')}${strict ? " AND a.id + '|' + t + '|' + b.id IN coalesce(p.supports, [])" : ''}
    WITH a, p, [x IN coalesce(p.evidence, []) WHERE x STARTS WITH t + '|' + b.id + '|'] AS recs
    WHERE size(recs) > 0
    // A much-proposed name has thousands of papers: the best of the first 50 is enough.
    WITH a, p, recs[0] AS rec${options.complete ? '' : ' LIMIT 50'}
    RETURN p, rec, null AS ev, a AS head
  }
  // Choose first (best per paper, then the best papers), build the sentences of those only.
  WITH p, {rec: rec, ev: ev, head: head,
           confidence: coalesce(ev.confidence, toFloat(split(rec, '|')[7]))} AS c
  ORDER BY c.confidence DESC
  WITH p, collect(c)[0] AS c
  ORDER BY c.confidence DESC, p.id
  ${options.skip ? `SKIP ${options.skip} ` : ''}LIMIT ${cap}
  WITH p, c.ev AS ev, c.head AS head, split(c.rec, '|') AS f
  WITH p, ev, head, f, toInteger(f[2]) AS s, toInteger(f[3]) AS e
  OPTIONAL MATCH (p)-[m:MENTIONS]->(head)
  WITH p, CASE WHEN ev IS NOT NULL THEN ${EVIDENCE_VIEW} ELSE {
    paperId: p.id, paperTitle: p.title, paperYear: p.year, paperUrl: p.url,
    sentence: substring(${PAPER_TEXT('p')}, s, e - s),
    headSpan: [i IN range(0, size(coalesce(m.spans, [])) - 2, 2)
               WHERE m.spans[i] >= s AND m.spans[i + 1] <= e | [m.spans[i] - s, m.spans[i + 1] - s]][0],
    tailSpan: CASE WHEN f[4] = '' THEN null ELSE [toInteger(f[4]), toInteger(f[5])] END,
    at: [s - coalesce(p.textOffset, 0), e - coalesce(p.textOffset, 0)],
    rule: f[6] + CASE WHEN head IS NULL THEN '' ELSE '+proposed' END,
    confidence: toFloat(f[7])
  } END AS view
  ORDER BY view.confidence DESC, p.id
  RETURN collect(view) AS evidence
}`;
}

/**
 * `CALL (r) { … RETURN <out> }`: how many of the papers stating relationship `r` are of a year
 * in $from … $to. A paper's own edge is stated by the paper alone; an edge between two entities
 * by the papers counting it in `p.supports` (graph/rows.ts): those that state it in a
 * sentence of their own (an (:Evidence) of its key) and those proposing its source (what a
 * paper says of itself also holds for what it proposes). The in-memory copy of the graph
 * counts the same papers from `p.supports` (graph/projection/snapshot.ts).
 */
export function supportInYears(r: string, out = 'inYears'): string {
	return `CALL (${r}) {
  WITH startNode(${r}) AS a, endNode(${r}) AS b, type(${r}) AS t
  CALL (a, b, t) {
    WITH a WHERE a:Paper
    RETURN CASE WHEN ${IN_YEARS('a.year')} THEN 1 ELSE 0 END AS n
    UNION ALL
    WITH a, b, t WHERE a:Entity
    WITH a, a.id + '|' + t + '|' + b.id AS key
    CALL (a, key) {
      MATCH (ev:Evidence {key: key})
      MATCH (p:Paper {id: ev.paperId})
      RETURN p
      UNION
      MATCH (p:Paper)-[:PROPOSES]->(a)
      RETURN p
    }
    WITH p, key WHERE ${IN_YEARS('p.year')} AND key IN coalesce(p.supports, [])
    RETURN count(DISTINCT p) AS n
  }
  RETURN sum(n) AS ${out}
}`;
}

export function edgeKey(source: string, type: string, target: string): string {
	return `${source}|${type}|${target}`;
}

/** A relationship row as the API's GraphEdge, keyed like its evidence. */
export function toEdge(
	row: Omit<GraphEdge, 'id' | 'curated'> & { curated?: GraphEdge['curated'] | null }
): GraphEdge {
	return {
		id: edgeKey(row.source, row.type, row.target),
		source: row.source,
		target: row.target,
		type: row.type,
		support: row.support,
		...(row.curated ? { curated: row.curated } : {})
	};
}

/**
 * Neo4j's string order: by Unicode code point. JavaScript's `<` compares UTF-16 code units,
 * which differs where a character beyond U+FFFF meets one in U+E000–U+FFFF.
 */
export function compareStrings(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		let x = a.charCodeAt(i);
		let y = b.charCodeAt(i);
		if (x === y) continue;
		// Surrogates (U+D800–U+DFFF) stand for code points above every other unit.
		if (x >= 0xd800 && y >= 0xd800) {
			x += x >= 0xe000 ? -0x800 : 0x2000;
			y += y >= 0xe000 ? -0x800 : 0x2000;
		}
		return x - y;
	}
	return a.length - b.length;
}
