// Lexicon lookup over token n-grams: at each word token, extend the spelling key one piece at a
// time while it is still a prefix of some alias key (a character trie as a Map of prefixes),
// remembering the longest full match. Compiled once per lexicon.
import { caseKey, isCaseSensitiveAlias, nameKey, pluralKeys } from './resolve/name-key.js';
import { lexiconEntities, type LexEntity, type LexiconFileData } from './lexicon.js';
import { isCommonWord } from './nlp.js';
import type { Token } from './text.js';

interface AliasHit {
	entity: LexEntity;
	/** set when the alias only counts with exactly this capitalisation */
	exact?: string;
}

/** A prefix of some alias key: the aliases it completes, and the characters that continue it. */
interface PrefixNode {
	key: string;
	hits?: AliasHit[];
	/** first character codes of every longer prefix: most pieces are rejected without a lookup */
	next: Set<number>;
}

export interface LexiconMatch {
	entity: LexEntity;
	first: number; // token indexes, inclusive
	last: number;
}

// Punctuation that may sit inside a name when attached on both sides: "SD-XL", "v1.5", "DiT-XL/2".
const JOINERS = new Set(['-', '.', '·', '_', '/', '^', "'", '’', '‐', '–']);
const MAX_PIECES = 12;

export class LexiconIndex {
	readonly entities: LexEntity[];
	private readonly byKey = new Map<string, AliasHit[]>();
	private readonly prefixes = new Map<string, PrefixNode>();
	private readonly byName = new Map<string, LexEntity>();

	constructor(files?: LexiconFileData[]) {
		this.entities = lexiconEntities(files);
		for (const e of this.entities) {
			for (const alias of [e.name, ...e.aliases]) this.add(alias, e, true);
		}
		// plurals come last so they never shadow a real alias ("SDs" vs "SDS")
		for (const e of this.entities) {
			for (const alias of [e.name, ...e.aliases]) {
				for (const p of pluralKeys(nameKey(alias))) {
					if (!this.byKey.has(p)) this.add(alias + 's', e, false);
				}
			}
		}
		for (const [key, hits] of this.byKey) {
			for (let i = 1; i <= key.length; i++) {
				const node = this.prefixNode(key.slice(0, i));
				if (i < key.length) node.next.add(key.charCodeAt(i));
				else node.hits = hits;
			}
		}
	}

	private prefixNode(prefix: string): PrefixNode {
		let node = this.prefixes.get(prefix);
		if (!node) {
			node = { key: prefix, next: new Set() };
			this.prefixes.set(prefix, node);
		}
		return node;
	}

	private add(alias: string, entity: LexEntity, primary: boolean): void {
		const key = nameKey(alias);
		if (!key) return;
		// capitalised names that are also English words ("Muse", "Marigold", "Shap-E") only count
		// when capitalised; lower-case aliases ("distillation") match any case
		const exact =
			entity.caseSensitive ||
			isCaseSensitiveAlias(alias) ||
			(/\p{Lu}/u.test(alias) && isCommonWord(key))
				? caseKey(alias)
				: undefined;
		const hits = this.byKey.get(key) ?? [];
		if (hits.some((h) => h.entity === entity && h.exact === exact)) return;
		hits.push({ entity, exact });
		this.byKey.set(key, hits);
		if (primary && !this.byName.has(key)) this.byName.set(key, entity);
	}

	/** The lexicon entity a whole name stands for, ignoring case and punctuation. */
	lookup(name: string): LexEntity | undefined {
		const key = nameKey(name);
		const hits = this.byKey.get(key);
		if (!hits) return undefined;
		const ck = caseKey(name);
		return hits.find((h) => !h.exact || h.exact === ck)?.entity;
	}

	/** Longest lexicon match starting at token `i` (a word token), or null. */
	matchAt(tokens: Token[], i: number, end = tokens.length): LexiconMatch | null {
		let node: PrefixNode | undefined;
		let best: LexiconMatch | null = null;
		let pieces = 0;
		for (let j = i; j < end && pieces < MAX_PIECES; j++) {
			const t = tokens[j]!;
			if (!t.word) {
				// a joiner only counts when glued on both sides ("SD-XL", not "SD - XL")
				if (!JOINERS.has(t.text) || t.space || j + 1 >= end || tokens[j + 1]!.space) break;
				if (!tokens[j + 1]!.word) break;
				continue;
			}
			if (j > i && !tokens[j - 1]!.word && tokens[j - 1]!.space) break;
			pieces++;
			// the spelling so far plus this piece must still be a prefix of some alias key
			if (!node) node = this.prefixes.get(t.key);
			else if (t.key && !node.next.has(t.key.charCodeAt(0))) node = undefined;
			else if (t.key) node = this.prefixes.get(node.key + t.key);
			if (!node) break;
			const hits = node.hits;
			if (hits) {
				const exact = exactSpelling(tokens, i, j);
				const hit = hits.find((h) => !h.exact || h.exact === exact);
				if (hit) best = { entity: hit.entity, first: i, last: j };
			}
		}
		return best;
	}
}

/** The word tokens from `i` to `j` as written: word tokens hold only letters, digits and '+'. */
function exactSpelling(tokens: Token[], i: number, j: number): string {
	let s = '';
	for (let k = i; k <= j; k++) if (tokens[k]!.word) s += tokens[k]!.text;
	return s;
}

let shared: LexiconIndex | undefined;

/** The index over the bundled lexicon, built on first use. */
export function defaultLexicon(): LexiconIndex {
	shared ??= new LexiconIndex();
	return shared;
}
