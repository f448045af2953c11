// search(q, types?, limit): full-text over entity names and aliases and paper titles.
// Prefix- and typo-tolerant, across spaces, hyphens, case and possessives. Ranked in tiers: exact
// name, exact alias, prefix, the rest; among equals the entity more papers mention. Papers after
// entities unless the query reads as a title. User text can never become Lucene syntax.
import { readRows, type Db } from '../driver.js';
import type { EntityType } from '../model.js';
import type { SearchHit } from '../views.js';
import { compareStrings } from './shared.js';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Splits on whitespace and Lucene syntax characters: what is left are plain terms. */
export function searchTerms(q: string): string[] {
	return (
		q
			.normalize('NFKC')
			.toLowerCase()
			.replace(LUCENE_SPECIAL, ' ')
			.split(/\s+/)
			// "Llama's" finds LLaMA
			.map((t) => t.replace(/['’]s$/, '').replace(/['’]/g, ''))
			.filter((t) => t.length > 0)
			// Lucene's own operator words would otherwise change the query's meaning.
			.filter((t) => !['and', 'or', 'not', 'to'].includes(t) || q.trim().split(/\s+/).length === 1)
			.slice(0, 8)
	);
}

function escapeTerm(t: string): string {
	return t.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * "stable diff" → `"stable diff"^4 OR (stable AND diff*) OR (stable~1 AND diff~1) OR
 * stablediff*`, terms escaped: the phrase, the prefix, a typo, and the words written together
 * ("Code Llama" finds CodeLlama).
 */
export function luceneQuery(terms: string[], field?: string): string {
	if (terms.length === 0) return '';
	const escaped = terms.map(escapeTerm);
	const f = (s: string) => (field ? `${field}:(${s})` : `(${s})`);
	const phrase = `"${escaped.join(' ')}"^4`;
	const prefix = escaped
		.map((t, i) => (i === escaped.length - 1 && t.length >= 2 ? `${t}*` : t))
		.join(' AND ');
	const fuzzy = escaped.map((t) => (t.length >= 4 && !/\d/.test(t) ? `${t}~1` : t)).join(' AND ');
	const parts = [f(phrase), f(prefix), f(fuzzy)];
	if (escaped.length > 1 && !field) parts.push(f(`${escaped.join('')}*`));
	return parts.join(' OR ');
}

/** The longest query searched; longer ones are cut (and the answer says so). */
export const MAX_QUERY_CHARS = 200;

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
	timeoutMs?: number;
}

/** An entity found by name or alias, before ranking. */
export interface EntityCandidate {
	id: string;
	type: EntityType;
	label: string;
	aliases: string[] | null;
	year: number | null;
	paperCount: number;
	score: number;
}

/** A paper found by title, before ranking. */
export interface PaperCandidate {
	id: string;
	label: string;
	year: number | null;
	score: number;
}

/** What a search asks for, from the query text and options. */
export function searchPlan(q: string, options: Pick<SearchOptions, 'types' | 'limit'> = {}) {
	const text = q.slice(0, MAX_QUERY_CHARS);
	const terms = searchTerms(text);
	const entityTypes = options.types?.filter((t): t is EntityType => t !== 'Paper');
	return {
		terms,
		limit: options.limit ?? 20,
		wantPapers: !options.types || options.types.includes('Paper'),
		wantEntities: !options.types || (entityTypes?.length ?? 0) > 0,
		entityTypes: entityTypes?.length ? entityTypes : null,
		// a query of several words that is not an entity's name reads as a title: papers may lead
		titleLike: terms.length >= 4,
		wanted: norm(text.replace(/['’]s\b/g, ''))
	};
}
export type SearchPlan = ReturnType<typeof searchPlan>;

/** norm() of a name: what "the same name" means across case, spaces, hyphens and quotes. */
export { norm as searchKey };

export async function search(db: Db, q: string, options: SearchOptions = {}): Promise<SearchHit[]> {
	const plan = searchPlan(q, options);
	const { terms, limit } = plan;
	if (terms.length === 0) return [];
	const cap = Math.max(50, limit * 3);
	const [row] = await readRows<{ entities: EntityCandidate[]; papers: PaperCandidate[] }>(
		db,
		SEARCH,
		{
			entityLucene: plan.wantEntities ? luceneQuery(terms) : null,
			paperLucene: plan.wantPapers ? luceneQuery(terms, 'title') : null,
			cap,
			paperCap: Math.min(cap, limit * 2),
			types: plan.entityTypes
		},
		{ timeoutMs: options.timeoutMs }
	);
	return rankHits(plan, row?.entities ?? [], row?.papers ?? []);
}

/**
 * The ranking: exact name, exact alias, a name or alias starting with the query, the rest
 * (fuzzy); among equals the entity more papers mention, then the relevance. Papers after
 * entities unless the query reads as a title (or is one).
 */
export function rankHits(
	plan: SearchPlan,
	entities: EntityCandidate[],
	papers: PaperCandidate[]
): SearchHit[] {
	const { wanted, titleLike, limit } = plan;
	const hits: (SearchHit & { tier: number; weight: number })[] = [];
	for (const e of entities) {
		const forms = [e.label, ...(e.aliases ?? [])];
		const exact = forms.find((f) => norm(f) === wanted);
		const prefix = forms.find((f) => norm(f).startsWith(wanted));
		const partial = forms.find((f) => norm(f).includes(wanted));
		hits.push({
			id: e.id,
			kind: 'Entity',
			type: e.type,
			label: e.label,
			matched: exact ?? prefix ?? partial ?? e.label,
			year: e.year,
			paperCount: e.paperCount,
			score: e.score,
			tier: entityTier(e, forms, plan),
			weight: Math.log10(1 + e.paperCount) + e.score / 100
		});
	}
	for (const p of papers) {
		const exact = norm(p.label) === wanted;
		hits.push({
			id: p.id,
			kind: 'Paper',
			type: 'Paper',
			label: p.label,
			matched: p.label,
			year: p.year,
			paperCount: 1,
			score: p.score,
			tier: exact ? 5 : titleLike ? 2 : 0,
			weight: p.score
		});
	}
	// the id last: two entities of one name and weight ("KOALA" a model and a technique) come in
	// the order the store gives, which a copy and a query need not share
	hits.sort(
		(a, b) =>
			b.tier - a.tier ||
			b.weight - a.weight ||
			a.label.localeCompare(b.label) ||
			compareStrings(a.id, b.id)
	);
	return hits.slice(0, limit).map(({ tier: _t, weight: _w, ...hit }) => hit);
}

/** exact name 5, exact alias 4, a name or alias starting with the query 3, the rest 2 (1 for a title-like query). */
export function entityTier(e: { label: string }, forms: string[], plan: SearchPlan): number {
	const { wanted } = plan;
	if (norm(e.label) === wanted) return 5;
	if (forms.some((f) => norm(f) === wanted)) return 4;
	if (forms.some((f) => norm(f).startsWith(wanted))) return 3;
	return plan.titleLike ? 1 : 2;
}
