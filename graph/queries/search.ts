// search(q, types?, limit): full-text over entity names and aliases and paper titles.
// Prefix- and typo-tolerant; exact names first; user text can never become Lucene syntax.
import type { Driver } from 'neo4j-driver';
import { readRows } from '../driver.js';
import type { EntityType } from '../model.js';
import type { SearchHit } from '../views.js';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Splits on whitespace and Lucene syntax characters: what is left are plain terms. */
export function searchTerms(q: string): string[] {
	return (
		q
			.normalize('NFKC')
			.toLowerCase()
			.replace(LUCENE_SPECIAL, ' ')
			.split(/\s+/)
			.filter((t) => t.length > 0)
			// Lucene's own operator words would otherwise change the query's meaning.
			.filter((t) => !['and', 'or', 'not', 'to'].includes(t) || q.trim().split(/\s+/).length === 1)
			.slice(0, 8)
	);
}

function escapeTerm(t: string): string {
	return t.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/** "stable diff" → `"stable diff"^4 OR (stable AND diff*) OR (stable~1 AND diff~1)`, terms escaped. */
export function luceneQuery(terms: string[], field?: string): string {
	if (terms.length === 0) return '';
	const escaped = terms.map(escapeTerm);
	const f = (s: string) => (field ? `${field}:(${s})` : `(${s})`);
	const phrase = `"${escaped.join(' ')}"^4`;
	const prefix = escaped
		.map((t, i) => (i === escaped.length - 1 && t.length >= 2 ? `${t}*` : t))
		.join(' AND ');
	const fuzzy = escaped.map((t) => (t.length >= 4 && !/\d/.test(t) ? `${t}~1` : t)).join(' AND ');
	return [f(phrase), f(prefix), f(fuzzy)].join(' OR ');
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}+]/gu, '');

// $entityLucene, $paperLucene (null to skip), $cap, $paperCap, $types → entity and paper
// candidates in one statement: a round trip costs about as much as either index lookup.
const SEARCH = `
CALL () {
  WITH $entityLucene AS lucene WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', lucene, {limit: $cap}) YIELD node, score
  WHERE $types IS NULL OR node.type IN $types
  RETURN collect({id: node.id, type: node.type, label: node.name, aliases: node.aliases,
                  year: node.firstYear, paperCount: coalesce(node.paperCount, 0), score: score}) AS entities
}
CALL () {
  WITH $paperLucene AS lucene WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('paper_titles', lucene, {limit: $paperCap}) YIELD node, score
  RETURN collect({id: node.id, label: node.title, year: node.year, score: score}) AS papers
}
RETURN entities, papers`;

export interface SearchOptions {
	types?: (EntityType | 'Paper')[];
	limit?: number;
	driver?: Driver;
	timeoutMs?: number;
}

export async function search(q: string, options: SearchOptions = {}): Promise<SearchHit[]> {
	const limit = options.limit ?? 20;
	const terms = searchTerms(q);
	if (terms.length === 0) return [];
	const wantPapers = !options.types || options.types.includes('Paper');
	const entityTypes = options.types?.filter((t): t is EntityType => t !== 'Paper');
	const wantEntities = !options.types || (entityTypes?.length ?? 0) > 0;
	const cap = Math.max(50, limit * 3);
	const [row] = await readRows<{
		entities: {
			id: string;
			type: EntityType;
			label: string;
			aliases: string[] | null;
			year: number | null;
			paperCount: number;
			score: number;
		}[];
		papers: { id: string; label: string; year: number | null; score: number }[];
	}>(
		SEARCH,
		{
			entityLucene: wantEntities ? luceneQuery(terms) : null,
			paperLucene: wantPapers ? luceneQuery(terms, 'title') : null,
			cap,
			paperCap: Math.min(cap, limit * 2),
			types: entityTypes?.length ? entityTypes : null
		},
		{ driver: options.driver, timeoutMs: options.timeoutMs }
	);
	const entities = row?.entities ?? [];
	const papers = row?.papers ?? [];
	const wanted = norm(q);
	const hits: (SearchHit & { rank: number })[] = [];
	for (const e of entities) {
		const forms = [e.label, ...(e.aliases ?? [])];
		const exact = forms.find((f) => norm(f) === wanted);
		const partial = forms.find((f) => norm(f).includes(wanted));
		hits.push({
			id: e.id,
			kind: 'Entity',
			type: e.type,
			label: e.label,
			matched: exact ?? partial ?? e.label,
			year: e.year,
			paperCount: e.paperCount,
			score: e.score,
			// Exact name first, then exact alias, then relevance weighted a little by popularity.
			rank:
				(norm(e.label) === wanted ? 1000 : exact ? 500 : 0) +
				e.score * (1 + Math.log10(1 + e.paperCount))
		});
	}
	for (const p of papers) {
		hits.push({
			id: p.id,
			kind: 'Paper',
			type: 'Paper',
			label: p.label,
			matched: p.label,
			year: p.year,
			paperCount: 1,
			score: p.score,
			rank: (norm(p.label) === wanted ? 1000 : 0) + p.score * 0.8
		});
	}
	hits.sort((a, b) => b.rank - a.rank || a.label.localeCompare(b.label));
	return hits.slice(0, limit).map(({ rank: _rank, ...hit }) => hit);
}
