// search(q) over a GraphSnapshot's names: the entities the full-text query of
// graph/queries/search.ts would match (the phrase, every word with the last as a prefix, a typo
// of one letter in words of four letters or more, the words written together), ranked by the
// same rankHits. Lucene's fuzzy terms over 100,000 names cost Neo4j more CPU than the rest of
// a search; here a query reads a sorted word list. Paper titles stay in Neo4j's index and are
// asked only when they can reach the answer: a query that reads as a title, or too few
// entities found (else papers come after `limit` entities); a short title equal to the query,
// which would lead, is found here too.
import { NODE_TYPES, type EntityType } from '../model.js';
import {
	rankHits,
	searchKey,
	type EntityCandidate,
	type PaperCandidate,
	type SearchPlan
} from '../queries/search.js';
import type { SearchHit } from '../views.js';
import type { GraphSnapshot } from './snapshot.js';

const PAPER = NODE_TYPES.indexOf('Paper');

/** The words of a name or query term, as Lucene's standard analyser roughly cuts them. */
export function words(text: string): string[] {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/** At most one edit apart: a letter changed, added, removed, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
	if (a === b) return true;
	if (Math.abs(a.length - b.length) > 1) return false;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	if (a.length === b.length) {
		if (a.slice(i + 1) === b.slice(i + 1)) return true;
		return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
	}
	return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class SearchIndex {
	/** Distinct words of every entity's names and aliases, sorted. */
	private readonly words: string[];
	/** Word k's entities: postings[start[k]] … postings[start[k + 1] - 1]. */
	private readonly start: Uint32Array;
	private readonly postings: Uint32Array;
	/** Word ids by length, for typo matches. */
	private readonly byLength = new Map<number, number[]>();
	/** Papers whose title is short enough to equal a query that does not read as a title. */
	private readonly shortTitles = new Map<string, number[]>();

	constructor(readonly snap: GraphSnapshot) {
		const pairs = new Map<string, number[]>();
		for (let i = 0; i < snap.nodeCount; i++) {
			if (snap.types[i] === PAPER) {
				const title = snap.labels[i]!;
				if (words(title).length <= 4) {
					const key = searchKey(title);
					const list = this.shortTitles.get(key);
					if (list) list.push(i);
					else this.shortTitles.set(key, [i]);
				}
				continue;
			}
			const seen = new Set<string>();
			for (const form of [snap.labels[i]!, ...(snap.aliases.get(i) ?? [])])
				for (const w of words(form)) {
					if (seen.has(w)) continue;
					seen.add(w);
					const list = pairs.get(w);
					if (list) list.push(i);
					else pairs.set(w, [i]);
				}
		}
		this.words = [...pairs.keys()].sort();
		this.start = new Uint32Array(this.words.length + 1);
		let total = 0;
		this.words.forEach((w, k) => {
			total += pairs.get(w)!.length;
			this.start[k + 1] = total;
		});
		this.postings = new Uint32Array(total);
		this.words.forEach((w, k) => {
			this.postings.set(pairs.get(w)!, this.start[k]!);
			const list = this.byLength.get(w.length);
			if (list) list.push(k);
			else this.byLength.set(w.length, [k]);
		});
	}

	/** The first word ≥ w. */
	private lowerBound(w: string): number {
		let lo = 0;
		let hi = this.words.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.words[mid]! < w) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Word ids: equal to t, starting with t, or one edit from t. */
	private wordsFor(t: string, how: 'exact' | 'prefix' | 'fuzzy'): number[] {
		const k = this.lowerBound(t);
		if (how === 'exact') return this.words[k] === t ? [k] : [];
		if (how === 'prefix') {
			const out: number[] = [];
			for (let j = k; j < this.words.length && this.words[j]!.startsWith(t); j++) out.push(j);
			return out;
		}
		const out: number[] = [];
		for (let len = t.length - 1; len <= t.length + 1; len++)
			for (const j of this.byLength.get(len) ?? [])
				if (oneEditApart(t, this.words[j]!)) out.push(j);
		return out;
	}

	/** Entities holding one of the words, as a set over node indices. */
	private entitiesOf(wordIds: number[]): Set<number> {
		const out = new Set<number>();
		for (const k of wordIds)
			for (let p = this.start[k]!; p < this.start[k + 1]!; p++) out.add(this.postings[p]!);
		return out;
	}

	/** Entities matching every term, each as `how` says (the last one possibly as a prefix). */
	private allTerms(
		terms: string[],
		how: (t: string, last: boolean) => 'exact' | 'prefix' | 'fuzzy'
	): number[] {
		const sets = terms.map((t, i) =>
			this.entitiesOf(this.wordsFor(t, how(t, i === terms.length - 1)))
		);
		sets.sort((a, b) => a.size - b.size);
		return [...sets[0]!].filter((e) => sets.every((s) => s.has(e)));
	}

	/** The entities Neo4j's full-text query would match, with a relevance like Lucene's. */
	candidates(plan: SearchPlan): EntityCandidate[] {
		const terms = plan.terms.flatMap(words);
		if (terms.length === 0 || !plan.wantEntities) return [];
		const score = new Map<number, number>();
		const add = (entities: number[], s: number) => {
			for (const e of entities) score.set(e, Math.max(score.get(e) ?? 0, s));
		};
		// the words in order, the last a prefix of two letters or more, typos, written together
		add(
			this.allTerms(terms, (t, last) => (last && t.length >= 2 ? 'prefix' : 'exact')),
			2
		);
		add(
			this.allTerms(terms, (t) => (t.length >= 4 && !/\d/.test(t) ? 'fuzzy' : 'exact')),
			1
		);
		if (terms.length > 1) add([...this.entitiesOf(this.wordsFor(terms.join(''), 'prefix'))], 1.5);
		const types = plan.entityTypes;
		const snap = this.snap;
		const out: EntityCandidate[] = [];
		for (const [e, s] of score) {
			const type = snap.type(e) as EntityType;
			if (types && !types.includes(type)) continue;
			out.push({
				id: snap.ids[e]!,
				type,
				label: snap.labels[e]!,
				aliases: snap.aliases.get(e) ?? null,
				year: snap.year(e),
				paperCount: snap.paperCounts[e]!,
				score: s
			});
		}
		return out;
	}

	/** Papers whose (short) title is the query itself. */
	exactTitles(plan: SearchPlan): PaperCandidate[] {
		if (!plan.wantPapers) return [];
		return (this.shortTitles.get(plan.wanted) ?? []).map((p) => ({
			id: this.snap.ids[p]!,
			label: this.snap.labels[p]!,
			year: this.snap.year(p),
			score: 10
		}));
	}
}

const indexes = new WeakMap<GraphSnapshot, SearchIndex>();

/** The copy's search index, made on first use (the server makes it when a copy loads). */
export function searchIndex(snap: GraphSnapshot): SearchIndex {
	let index = indexes.get(snap);
	if (!index) indexes.set(snap, (index = new SearchIndex(snap)));
	return index;
}

/**
 * The search from the copy; `titles` asks Neo4j for papers by title, only when they can be
 * part of the answer.
 */
export async function snapshotSearch(
	snap: GraphSnapshot,
	plan: SearchPlan,
	titles: (plan: SearchPlan) => Promise<PaperCandidate[]>
): Promise<SearchHit[]> {
	if (plan.terms.length === 0) return [];
	const index = searchIndex(snap);
	const entities = index.candidates(plan);
	const askTitles = plan.wantPapers && (plan.titleLike || entities.length < plan.limit);
	const papers = askTitles ? await titles(plan) : index.exactTitles(plan);
	return rankHits(plan, entities, papers);
}
