// New names the lexicon does not know: shape tests and the places a paper introduces a name.
import { NOT_NAMES } from './lexicon.js';
import { isCommonWord } from './nlp.js';
import type { Token } from './text.js';

/** A run of tokens with no whitespace inside ("KOALA-700M", "SD-v2.1", "MVD^2"). */
export interface Chunk {
	first: number;
	last: number;
	text: string;
}

const EDGE_PUNCT = /^[^\p{L}\p{N}+^]+|[^\p{L}\p{N}+]+$/gu;

// Tokens that split a run into chunks: brackets, commas, "=" …
const SPLITTERS = new Set([...'()[]{},;:"“”=<>~≈×']);

/**
 * Splits a token range into glued chunks, trimming brackets, quotes and trailing punctuation.
 * With `runFilter`, a whitespace-delimited run whose text range fails it yields no chunks (a
 * caller that only wants some chunks skips building the rest).
 */
export function chunks(
	tokens: Token[],
	from: number,
	to: number,
	text: string,
	max = Infinity,
	runFilter?: (start: number, end: number) => boolean
): Chunk[] {
	const out: Chunk[] = [];
	let i = from;
	while (i < to && out.length < max) {
		let j = i;
		while (j + 1 < to && !tokens[j + 1]!.space) j++;
		if (runFilter && !runFilter(tokens[i]!.start, tokens[j]!.end)) {
			i = j + 1;
			continue;
		}
		// trim punctuation tokens at both ends
		let a = i;
		let b = j;
		while (a <= b && !tokens[a]!.word) a++;
		while (b >= a && !tokens[b]!.word && tokens[b]!.text !== '+') b--;
		// a bracket, comma or "=" inside the run splits it: "(ARAD),", "NFE=5"; so does a slash
		// between words ("ODE/SDE"), not one before a number ("DiT-XL/2")
		let s = a;
		for (let k = a; k <= b + 1; k++) {
			if (
				k === b + 1 ||
				SPLITTERS.has(tokens[k]!.text) ||
				(tokens[k]!.text === '/' && k + 1 <= b && /^\p{L}/u.test(tokens[k + 1]!.text))
			) {
				let e = k - 1;
				while (e >= s && !tokens[e]!.word && tokens[e]!.text !== '+') e--;
				while (s <= e && !tokens[s]!.word) s++;
				if (s <= e)
					out.push({ first: s, last: e, text: text.slice(tokens[s]!.start, tokens[e]!.end) });
				s = k + 1;
			}
		}
		i = j + 1;
	}
	return out;
}

/** The last chunk of chunks(tokens, 0, to): found from `to` backwards, run by run. */
export function lastChunk(tokens: Token[], to: number, text: string): Chunk | undefined {
	// Runs start at 0 and at every token with a space before it; chunks never cross runs, so
	// the first run (from the end) that yields a chunk holds the answer. Computing all chunks
	// from 0 for every "(" was quadratic in the sentence.
	let end = to;
	while (end > 0) {
		let start = end - 1;
		while (start > 0 && !tokens[start]!.space) start--;
		const cs = chunks(tokens, start, end, text);
		if (cs.length) return cs[cs.length - 1];
		end = start;
	}
	return undefined;
}

const DIMENSION = /^\d+(?:x|×|times)\d+$/i;
// hardware and quantisation settings: "RTX4090", "A100", "MI300X", "W4A8"
const HARDWARE = /^(?:\d+\s?[x×]\s?)?(?:RTX|GTX|[AHVB]|GB|MI|TPU)\s?\d{2,4}[\w-]*$|^W\d+A\d+$/i;
// a venue and its year: "NLPCC-2025", "ICLR 2024"
const VENUE =
	/^(?:NLPCC|ACL|EMNLP|NAACL|EACL|COLING|LREC|CVPR|ICCV|ECCV|WACV|BMVC|NeurIPS|NIPS|ICML|ICLR|AAAI|IJCAI|KDD|WWW|SIGIR|CIKM|WSDM|ICASSP|INTERSPEECH|ICRA|IROS|CoRL|RSS|MICCAI|AISTATS|UAI|COLT)[-\s]?(?:19|20)?\d{2}$/i;
const QUANTITY = /^[\d.,]+(?:[kmbgtx%]|st|nd|rd|th|s|fps|ms|gb|mb|m|b|k|px|d)?$/i;
const HYPHEN_TAIL =
	/-(?:based|like|style|aware|guided|conditioned|driven|powered|enabled|empowered|assisted|augmented|enhanced|inspired|informed|centered|centred|equipped|related|dependent|specific|free|only|level|wise|agnostic|compatible|generated|supervised|consistent|centric|oriented|friendly|derived|accelerated|induced|invariant|regulated|compliant|scale|step|shot|time|parameter|parameters|billion|bit|layer|dimensional|to|of|and|in)$/i;

const CAPITALISED_WORD = /^[A-Z][a-z]*$/;
// Short function words a shouty title writes in capitals.
const SHOUTED = new Set(
	'and are can the for not but all any has had was you our its who why how via yet nor off per may'.split(
		' '
	)
);

/** Strips descriptive hyphen suffixes: "DDIM-based" → "DDIM", "3D-aware" → "3D". */
export function stripHyphenTail(name: string): string {
	let s = name;
	while (HYPHEN_TAIL.test(s)) s = s.replace(HYPHEN_TAIL, '');
	return s.replace(/'s$|’s$/, '');
}

/**
 * Does this chunk look like a coined name? Internal capitals (InstaFlow, DiffEditor), capitals
 * with digits (KOALA-700M, Isotropic3D), "++" or "^" (PFGM++, MVD^2), or an acronym of 3+
 * capitals (SNOOPI). Not: plain words, numbers, sizes, common acronyms (GPU, 3D, FPS).
 */
export function isNameLike(raw: string): boolean {
	// most words are plain lower case: no capital, digit or symbol means no name
	if (!mayBeName(raw, 0, raw.length)) return false;
	// a plain capitalised word ("We", "The", "Diffusion"): one capital, no inner capital, not a name
	if (CAPITALISED_WORD.test(raw)) return false;
	const s = stripHyphenTail(raw.replace(EDGE_PUNCT, ''));
	if (s.length < 2 || s.length > 40) return false;
	if (NOT_NAMES.has(s.toLowerCase())) return false;
	if (DIMENSION.test(s) || QUANTITY.test(s) || HARDWARE.test(s) || VENUE.test(s)) return false;
	const letters = s.replace(/[^\p{L}]/gu, '');
	if (letters.length < 2) return false;
	// hyphenated: some piece must look coined on its own ("KOALA-700M", "Safe-SD"), so
	// "High-Quality" and "Video-to-Video" are not names
	if (/[-‐]/.test(s)) {
		const pieces = s.split(/[-‐]+/).filter(Boolean);
		return pieces.length > 1 && pieces.some((p) => p !== s && isNameLike(p));
	}
	// "non-CPN", "11Supplementary" (a footnote mark glued to a word), "MONItoring" (a word with
	// its acronym's letters in capitals)
	if (/^non-/i.test(s) || /^\d{2,}\p{Lu}\p{Ll}{3,}$/u.test(s)) return false;
	const lowered = s.toLowerCase();
	// "CrOss" (of "CrOss-System … (PARROT)"): an English word with an acronym's letter raised
	if (/^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+$/u.test(s) && isCommonWord(lowered)) return false;
	if (
		/^\p{Lu}{2,}\p{Ll}{2,}$/u.test(s) &&
		(isCommonWord(lowered) || (lowered.endsWith('s') && isCommonWord(lowered.slice(0, -1))))
	)
		return false;
	const upper = (s.match(/\p{Lu}/gu) ?? []).length;
	const digits = /\p{N}/u.test(s);
	if (/\+\+$|\^/.test(s) && upper > 0) return true;
	if (digits && upper >= 1) return !/^\d+\p{Lu}$/u.test(s); // "16K", "4K" are sizes
	if (upper >= 2 && /^\p{Lu}/u.test(s)) {
		// ALL-CAPS English words in shouty titles are not names ("LIFELONG", "AND", "CAN")
		const lower = letters.toLowerCase();
		if (
			upper === letters.length &&
			isCommonWord(lower) &&
			(letters.length > 3 || SHOUTED.has(lower))
		)
			return false;
		return upper >= 3 || /\p{Ll}/u.test(s.slice(1)) || /-/.test(s);
	}
	// internal capital after lower case: "iBims", "DiffMatch", "eDiff-I"
	return upper >= 1 && /\p{Ll}\p{Lu}/u.test(s);
}

/**
 * isNameLike's first test on text[start, end): a capital, digit, "+", "^" or non-ASCII character.
 * A loop, not a regex: callers test many short ranges of one long text.
 */
export function mayBeName(text: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 94 || c >= 128)
			return true;
	}
	return false;
}

/** A capitalised word of a title-case phrase ("Rectified", "Step-aware", "2.5D"). */
export function isCapitalised(word: string): boolean {
	return /^[\p{Lu}\p{N}]/u.test(word);
}

// Lowercase words allowed inside a title-case name: "Exact Diffusion Inversion via Coupled Transformations".
const CONNECTORS = new Set(['of', 'for', 'with', 'the', 'via', 'in', 'to', 'on', 'a']);

/**
 * The title-case phrase starting at chunk `c` (e.g. "Generalized Heavy Ball"): capitalised chunks,
 * with connectors between them, at most `max` words. Returns the last chunk index or -1.
 */
export function titleCasePhrase(cs: Chunk[], c: number, tokens: Token[], max = 6): number {
	let last = -1;
	for (let k = c; k < cs.length && k - c < max; k++) {
		const w = cs[k]!.text;
		if (isCapitalised(w) && !NOT_NAMES.has(w.toLowerCase())) {
			last = k;
		} else if (!CONNECTORS.has(w.toLowerCase()) || k === c) break;
		// a clause mark right after this word ends the phrase
		const after = cs[k]!.last + 1;
		if (after < tokens.length && /^[,;:()]$/.test(tokens[after]!.text)) break;
	}
	return last;
}
