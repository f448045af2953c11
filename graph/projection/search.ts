// search(q) over a GraphSnapshot's names and titles: what the full-text queries of
// graph/queries/search.ts would match (every word with the last as a prefix, a typo of one
// letter in words of four letters or more, the words written together), ranked by the same
// rankHits. Lucene's fuzzy terms over 100,000 names and titles cost Neo4j more CPU than all
// the rest of a search; here a query reads two sorted word lists. Titles are matched word for
// word (Neo4j's English analyser also stems them: "models" is found by "model" as a prefix,
// not "model" by "models").
import { NODE_TYPES, type EntityType } from '../model.js';
import { compareStrings } from '../queries/shared.js';
import {
	entityTier,
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
	if (Math.abs(a.length - b.length) > 1) return false;
	let i = 0;
	while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	if (i === a.length && i === b.length) return true;
	// the rest equal after one change (same length), one extra letter (either side) or a swap
	const restEqual = (x: string, xi: number, y: string, yi: number) => {
		if (x.length - xi !== y.length - yi) return false;
		for (; xi < x.length; xi++, yi++) if (x.charCodeAt(xi) !== y.charCodeAt(yi)) return false;
		return true;
	};
	if (a.length === b.length)
		return (
			restEqual(a, i + 1, b, i + 1) ||
			(a[i] === b[i + 1] && a[i + 1] === b[i] && restEqual(a, i + 2, b, i + 2))
		);
	return a.length > b.length ? restEqual(a, i + 1, b, i) : restEqual(a, i, b, i + 1);
}

/** A typo bucket: a first letter, another letter of the word (or none) and its length. */
const bucketKey = (first: string, other: string | undefined, length: number) =>
	`${first}${other ?? ''}|${length}`;

/** Orders words by what follows their first letter, without copying them. */
function compareTails(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 1; i < n; i++) {
		const d = a.charCodeAt(i) - b.charCodeAt(i);
		if (d !== 0) return d;
	}
	return a.length - b.length;
}

/** Distinct words of some nodes' texts, sorted, each with the nodes holding it. */
export class WordIndex {
	private readonly words: string[];
	/** Word k's nodes: postings[start[k]] … postings[start[k + 1] - 1]. */
	private readonly start: Uint32Array;
	private readonly postings: Uint32Array;
	/**
	 * Word ids by first and second letter and length, for typos after the second letter; by
	 * first and third letter and length, for a second letter changed or added. A million papers'
	 * titles have 30,000 words of one first letter and length: their buckets are a few hundred.
	 */
	private readonly buckets = new Map<string, Uint32Array>();
	private readonly skipSecond = new Map<string, Uint32Array>();
	/** Word ids in the order of the words without their first letter: typos in the first letter. */
	private readonly tails: Uint32Array;
	/** Per node: the query that last counted it, and how many of its terms it matched. */
	private readonly stamp: Uint32Array;
	private readonly matched: Uint8Array;
	private query = 0;
	private readonly matchStamp: Uint32Array;
	private readonly score: Float32Array;
	private matchQuery = 0;

	/**
	 * `joinNeighbours`: each two neighbouring words are also one word, so a name written apart or
	 * hyphenated is found written together ("multimodal" finds "multi-modal recommendation").
	 */
	constructor(nodeCount: number, nodes: Iterable<[number, string[]]>, joinNeighbours = false) {
		this.stamp = new Uint32Array(nodeCount);
		this.matched = new Uint8Array(nodeCount);
		this.matchStamp = new Uint32Array(nodeCount);
		this.score = new Float32Array(nodeCount);
		const pairs = new Map<string, number[]>();
		const wordsOf = (text: string) => {
			const ws = words(text);
			return joinNeighbours ? [...ws, ...ws.slice(1).map((w, k) => ws[k]! + w)] : ws;
		};
		for (const [i, texts] of nodes) {
			const seen = new Set<string>();
			for (const text of texts)
				for (const w of wordsOf(text)) {
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
		const buckets = new Map<string, number[]>();
		const skipSecond = new Map<string, number[]>();
		const add = (map: Map<string, number[]>, key: string, k: number) => {
			const list = map.get(key);
			if (list) list.push(k);
			else map.set(key, [k]);
		};
		this.words.forEach((w, k) => {
			this.postings.set(pairs.get(w)!, this.start[k]!);
			add(buckets, bucketKey(w[0]!, w[1], w.length), k);
			add(skipSecond, bucketKey(w[0]!, w[2], w.length), k);
		});
		for (const [key, list] of buckets) this.buckets.set(key, Uint32Array.from(list));
		for (const [key, list] of skipSecond) this.skipSecond.set(key, Uint32Array.from(list));
		const sorted = this.words;
		this.tails = Uint32Array.from(sorted.keys()).sort((a, b) =>
			compareTails(sorted[a]!, sorted[b]!)
		);
	}

	/**
	 * Word ids one edit from t. The edit after the second letter: words of t's first two letters
	 * (a bucket each length). At the second letter: changed or added, words of t's first and
	 * third letters (another bucket); removed or swapped with the third, by lookups. At the first
	 * letter: by lookups and the order of the words without their first letter.
	 */
	private typos(t: string): number[] {
		const out = new Set<number>();
		const scan = (list: Uint32Array | undefined) => {
			if (list) for (const j of list) if (oneEditApart(t, this.words[j]!)) out.add(j);
		};
		for (let len = t.length - 1; len <= t.length + 1; len++)
			scan(this.buckets.get(bucketKey(t[0]!, t[1], len)));
		scan(this.skipSecond.get(bucketKey(t[0]!, t[2], t.length))); // second letter changed
		scan(this.skipSecond.get(bucketKey(t[0]!, t[1], t.length + 1))); // a letter added second
		const exact = (w: string) => {
			const k = this.lowerBound(w);
			if (this.words[k] === w) out.add(k);
		};
		exact(t.slice(1)); // first letter dropped
		exact(t[1]! + t[0]! + t.slice(2)); // first two swapped
		if (t.length >= 2) exact(t[0]! + t.slice(2)); // second letter dropped
		if (t.length >= 3) exact(t[0]! + t[2]! + t[1]! + t.slice(3)); // second and third swapped
		// a letter added before the first, or the first one changed: words whose tail is t or t's
		for (const tail of [t, t.slice(1)]) {
			const probe = ` ${tail}`; // any first letter: compareTails skips it
			let lo = 0;
			let hi = this.tails.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (compareTails(this.words[this.tails[mid]!]!, probe) < 0) lo = mid + 1;
				else hi = mid;
			}
			for (
				let j = lo;
				j < this.tails.length && compareTails(this.words[this.tails[j]!]!, probe) === 0;
				j++
			)
				out.add(this.tails[j]!);
		}
		return [...out];
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
		return this.typos(t);
	}

	/**
	 * Nodes matching every term, each as `how` says: counted in place, one pass over each term's
	 * postings, no sets (a prefix like "sta" reaches tens of thousands of titles).
	 */
	private allTerms(
		terms: string[],
		how: (t: string, last: boolean) => 'exact' | 'prefix' | 'fuzzy'
	): number[] {
		const q = ++this.query;
		const out: number[] = [];
		const n = Math.min(terms.length, 255);
		for (let j = 0; j < n; j++) {
			let any = false;
			for (const k of this.wordsFor(terms[j]!, how(terms[j]!, j === terms.length - 1)))
				for (let p = this.start[k]!; p < this.start[k + 1]!; p++) {
					const node = this.postings[p]!;
					if (j === 0) {
						if (this.stamp[node] === q) continue;
						this.stamp[node] = q;
						this.matched[node] = 0;
					} else if (this.stamp[node] !== q || this.matched[node] !== j) continue;
					this.matched[node] = j + 1;
					any = true;
					if (j === n - 1) out.push(node);
				}
			if (!any) return [];
		}
		return out;
	}

	/** Nodes holding one of the words. */
	private nodesOf(wordIds: number[]): number[] {
		return this.allTermsOfWords(wordIds);
	}

	private allTermsOfWords(wordIds: number[]): number[] {
		const q = ++this.query;
		const out: number[] = [];
		for (const k of wordIds)
			for (let p = this.start[k]!; p < this.start[k + 1]!; p++) {
				const node = this.postings[p]!;
				if (this.stamp[node] === q) continue;
				this.stamp[node] = q;
				out.push(node);
			}
		return out;
	}

	/**
	 * What the full-text query matches, with a relevance: 2 every word with the last as a prefix
	 * (of two letters or more), 1.5 the words written together, 1 a typo of one letter in words
	 * of four letters or more.
	 */
	match(terms: string[], options: { joined: boolean; typosUnder?: number }): Matches {
		const q = ++this.matchQuery;
		const nodes: number[] = [];
		const add = (found: number[], s: number) => {
			for (const e of found)
				if (this.matchStamp[e] !== q) {
					this.matchStamp[e] = q;
					this.score[e] = s;
					nodes.push(e);
				} else if (s > this.score[e]!) this.score[e] = s;
		};
		add(
			this.allTerms(terms, (t, last) => (last && t.length >= 2 ? 'prefix' : 'exact')),
			2
		);
		// typos only while fewer than `typosUnder` are found (when they would rank below all those)
		if (nodes.length < (options.typosUnder ?? Infinity))
			add(
				this.allTerms(terms, (t) => (t.length >= 4 && !/\d/.test(t) ? 'fuzzy' : 'exact')),
				1
			);
		if (options.joined && terms.length > 1)
			add(this.nodesOf(this.wordsFor(terms.join(''), 'prefix')), 1.5);
		return { nodes, score: this.score };
	}
}

/** Matched nodes; `score[node]` is valid until the index's next match. */
interface Matches {
	nodes: number[];
	score: Float32Array;
}

/**
 * The first `n` by `key` (highest first), ties by `label`: a big candidate list is cut before
 * ranking, in one pass keeping the best n so far.
 */
function firstBy<T>(items: T[], n: number, key: (x: T) => number, label: (x: T) => string): T[] {
	const best: { item: T; key: number }[] = [];
	const before = (a: { item: T; key: number }, b: { item: T; key: number }) =>
		a.key > b.key || (a.key === b.key && compareStrings(label(a.item), label(b.item)) < 0);
	for (const item of items) {
		const entry = { item, key: key(item) };
		if (best.length === n && !before(entry, best[n - 1]!)) continue;
		let at = best.length === n ? n - 1 : best.length;
		while (at > 0 && before(entry, best[at - 1]!)) at--;
		best.splice(at, 0, entry);
		if (best.length > n) best.pop();
	}
	return best.map((b) => b.item);
}

export class SearchIndex {
	private readonly names: WordIndex;
	private readonly titles: WordIndex;
	/** Words per paper title: a match of a short title counts more. */
	private readonly titleWords: Uint16Array;

	constructor(readonly snap: GraphSnapshot) {
		const entities: [number, string[]][] = [];
		const papers: [number, string[]][] = [];
		this.titleWords = new Uint16Array(snap.nodeCount);
		for (let i = 0; i < snap.nodeCount; i++) {
			const label = snap.labels[i]!;
			if (snap.types[i] === PAPER) {
				papers.push([i, [label]]);
				this.titleWords[i] = Math.min(65_535, words(label).length);
			} else entities.push([i, [label, ...(snap.aliases.get(i) ?? [])]]);
		}
		this.names = new WordIndex(snap.nodeCount, entities, true);
		this.titles = new WordIndex(snap.nodeCount, papers);
	}

	/** The entities Neo4j's full-text query would match, the most relevant few when many do. */
	entities(plan: SearchPlan, terms: string[]): EntityCandidate[] {
		if (!plan.wantEntities) return [];
		const snap = this.snap;
		const types = plan.entityTypes;
		const out: EntityCandidate[] = [];
		const { nodes, score } = this.names.match(terms, { joined: true });
		for (const e of nodes) {
			const type = snap.type(e) as EntityType;
			if (types && !types.includes(type)) continue;
			out.push({
				id: snap.ids[e]!,
				type,
				label: snap.labels[e]!,
				aliases: snap.aliases.get(e) ?? null,
				year: snap.year(e),
				paperCount: snap.paperCounts[e]!,
				score: score[e]!
			});
		}
		// rankHits' order, cheaply: its tier, then papers mentioning it, then relevance.
		const rank = (c: EntityCandidate) =>
			entityTier(c, [c.label, ...(c.aliases ?? [])], plan) * 100 +
			Math.log10(1 + c.paperCount) +
			c.score / 100;
		return firstBy(out, plan.limit, rank, (c) => c.label);
	}

	/**
	 * Papers by title, the most relevant few: the title itself, then every word matched before a
	 * typo, then the share of the title's words the query names.
	 */
	papers(plan: SearchPlan, terms: string[]): PaperCandidate[] {
		if (!plan.wantPapers) return [];
		const snap = this.snap;
		const { nodes, score } = this.titles.match(terms, { joined: false, typosUnder: plan.limit });
		const relevance = (p: number) => {
			// only a title of as many words can be the query itself
			const same =
				this.titleWords[p] === terms.length && searchKey(snap.labels[p]!) === plan.wanted;
			return (
				(same ? 10 : 0) + score[p]! + terms.length / Math.max(terms.length, this.titleWords[p]!)
			);
		};
		return firstBy(nodes, plan.limit, relevance, (p) => snap.labels[p]!).map((p) => ({
			id: snap.ids[p]!,
			label: snap.labels[p]!,
			year: snap.year(p),
			score: relevance(p)
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

/** The search from the copy: the same tiers as Neo4j's (rankHits), names and titles. */
export function snapshotSearch(snap: GraphSnapshot, plan: SearchPlan): SearchHit[] {
	const terms = plan.terms.flatMap(words);
	if (terms.length === 0) return [];
	const index = searchIndex(snap);
	return rankHits(plan, index.entities(plan, terms), index.papers(plan, terms));
}
