// Where a paper introduces names: the title before its colon, "we propose X", "called X",
// "Long Form (LF)" definitions, and coined-looking words anywhere.
import { nameKey } from './resolve/name-key.js';
import { parseVariantList, variantName } from './resolve/variants.js';
import type { EntityType } from '../types.js';
import { NOT_NAMES } from './lexicon.js';
import type { LexiconIndex } from './matcher.js';
import { typeFromName } from './typing.js';
import { hasFiniteVerb, isCommonWord, tagPhrase } from './nlp.js';
import {
	chunks,
	lastChunk,
	isCapitalised,
	isNameLike,
	mayBeName,
	stripHyphenTail,
	titleCasePhrase,
	type Chunk
} from './names.js';
import type { SentenceCtx } from './sentences.js';

/** A name found by a rule, before it becomes an entity. */
export interface NameFinding {
	sent: number;
	first: number; // token range in the sentence
	last: number;
	name: string;
	rule: string;
	/** the paper introduces it */
	proposed: boolean;
	/** a defined short form: "Generalized Heavy Ball (GHVB)" → "GHVB" */
	abbreviation?: string;
	abbrFirst?: number;
	abbrLast?: number;
	/** head noun after the short form ("(MSC) loss"), kept when the long form alone is unknown */
	head?: string;
	headToken?: number;
	type?: EntityType;
	/** tokens the rule read as this name's description, beyond the name itself */
	describedFrom?: number;
}

// Title openers that are sentences, not names: "A Tale of…", "When Synthetic Traces…".
const TITLE_NOT_FIRST = new Set(
	'a an the on when not towards toward why how what where which who is are do does did can could should will would beyond between from through into under over against via with without rethinking revisiting improving learning understanding scaling making taming unlocking exploring analyzing analysing all one two'.split(
		' '
	)
);
const TITLE_NOT_ALONE = new Set(
	'survey review introduction overview tutorial position abstract diffusion generative editorial'.split(
		' '
	)
);

// Lower-case words a title name may hold ("Exact Diffusion Inversion via Coupled Transformations").
const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'the', 'via', 'in', 'on', 'to', 'with']);

// What a title announces before its colon when it is not a name: the kind of paper.
const TITLE_GENRES =
	/^(?:open problems?|position(?: paper)?|case study|technical report|extended abstract|short paper|vision paper|perspective|commentary|erratum|corrigendum|lessons learned|research proposal|white paper|book review|keynote|invited talk|challenges?(?: and opportunities)?)$/i;

export function titleName(s: SentenceCtx, text: string, lexicon: LexiconIndex): NameFinding | null {
	const colon = s.tokens.findIndex((t) => t.text === ':');
	if (colon <= 0) return null;
	if (TITLE_GENRES.test(text.slice(s.tokens[0]!.start, s.tokens[colon - 1]!.end).trim()))
		return null;
	// "Upgrade or Switch?", "Parking, Perception, and Retail:": a question, a choice or a list
	// before the colon is no name
	if (s.tokens.slice(0, colon).some((t) => /^(?:\?|,|or)$/i.test(t.text))) return null;
	let pre = chunks(s.tokens, 0, colon, text);
	// "Robot Context Protocol (RCP):": the bracketed short form is an alias, not part of the name
	const bracket = pre.findIndex((c) => s.tokens[c.first - 1]?.text === '(');
	if (bracket > 0) pre = pre.slice(0, bracket);
	const post = chunks(s.tokens, colon + 1, s.tokens.length, text);
	const found = (cs: Chunk[], rule: string): NameFinding => ({
		sent: s.index,
		first: cs[0]!.first,
		last: cs[cs.length - 1]!.last,
		name: text.slice(s.tokens[cs[0]!.first]!.start, s.tokens[cs[cs.length - 1]!.last]!.end),
		rule,
		proposed: true
	});
	if (
		pre.length >= 1 &&
		pre.length <= 4 &&
		acceptableTitleName(pre, lexicon) &&
		(!plainPhrase(pre) || headedName(pre, lexicon) || namedAgain(pre, s, text))
	)
		return found(pre, 'name.title-colon');
	// "A Unified Module for Accelerating STABLE-DIFFUSION: LCM-LORA"
	if (post.length === 1 && isNameLike(post[0]!.text)) return found(post, 'name.title-after-colon');
	return null;
}

/** "Interaction Matters", "Boundary on the Table": ordinary words, a slogan as often as a name. */
function plainPhrase(cs: Chunk[]): boolean {
	return (
		cs.length >= 2 &&
		cs.every((c) => /^\p{Lu}\p{Ll}+$/u.test(c.text) || NAME_CONNECTORS.has(c.text))
	);
}

/**
 * "Deceptive Path Planning", "Faster Diffusion": ordinary words ending in the head noun of a
 * task or method, or in a method the lexicon knows.
 */
const METHOD_WORD =
	/^(?:diffusion|flows?|nets?|networks?|transformers?|gans?|splatting|fusion|fields?|search)$/i;

function headedName(cs: Chunk[], lexicon: LexiconIndex): boolean {
	const last = cs[cs.length - 1]!.text;
	return (
		typeFromName(cs.map((c) => c.text).join(' ')) !== null ||
		METHOD_WORD.test(last) ||
		lexicon.lookup(last) !== undefined
	);
}

/** The abstract names it again, whole or by its initials ("… Sample Integration (DSI)"). */
function namedAgain(cs: Chunk[], title: SentenceCtx, text: string): boolean {
	const abstract = text.slice(title.tokens[title.tokens.length - 1]!.end).toLowerCase();
	const phrase = cs
		.map((c) => c.text)
		.join(' ')
		.toLowerCase();
	if (abstract.includes(phrase)) return true;
	const initials = cs
		.filter((c) => !NAME_CONNECTORS.has(c.text))
		.map((c) => c.text[0])
		.join('');
	return new RegExp(`\\b${initials}\\b`).test(text.slice(title.tokens[0]!.end));
}

function acceptableTitleName(cs: Chunk[], lexicon: LexiconIndex): boolean {
	const first = cs[0]!.text;
	if (TITLE_NOT_FIRST.has(first.toLowerCase())) return false;
	const lex = lexicon.lookup(cs.map((c) => c.text).join(' '));
	if (lex && (lex.generic || lex.type === 'Task' || lex.broad)) return false;
	if (cs.length === 1) {
		// "Language:" is an English word, not a name; "Dreamland:" and "KOALA:" are names
		const plainWord = /^\p{Lu}\p{Ll}+$/u.test(first) && isCommonWord(first);
		return (
			/\p{Lu}/u.test(first) &&
			!TITLE_NOT_ALONE.has(first.toLowerCase()) &&
			!/^\d+$/.test(first) &&
			!plainWord
		);
	}
	const ok = (c: Chunk, i: number) =>
		isCapitalised(c.text) ||
		(i > 0 && /^v\d+(?:\.\d+)*$/i.test(c.text)) ||
		(i > 0 && i < cs.length - 1 && NAME_CONNECTORS.has(c.text));
	if (!cs.every(ok)) return false;
	// "Discarding the Crutches:", "Faster and Better:": a clause or a quality, not a name
	const tags = tagPhrase(cs.map((c) => c.text).join(' '));
	if (tags[0]?.tags.includes('Gerund')) return false;
	if (tags.every((t) => !t.tags.includes('Noun') || t.tags.includes('Adjective'))) return false;
	if (cs.length === 2 && /^v\d/i.test(cs[1]!.text)) return true;
	const phrase = cs.map((c) => c.text).join(' ');
	return !hasFiniteVerb(phrase);
}

const PROPOSE_VERBS = new Set(
	'propose proposes present presents introduce introduces develop develops design designs devise devises build builds release releases unveil unveils contribute contributes formulate formulates establish establishes curate curates construct constructs'.split(
		' '
	)
);
const PROPOSE_SUBJECTS = new Set(['we', 'paper', 'work', 'study', 'here', 'herein', 'article']);
const CALLED = new Set(['called', 'dubbed', 'named', 'termed', 'coined', 'nicknamed', 'denoted']);
// Words that end the object of "we propose": later names belong to another clause.
const OBJECT_END = new Set(
	'that which who where to for with based using by via on from in into through whose while and when'.split(
		' '
	)
);

/** The sentence says the paper proposes something: "we propose", "this paper introduces". */
export function hasProposeVerb(s: SentenceCtx): boolean {
	return s.words.some(
		(w, i) =>
			PROPOSE_VERBS.has(w.text) &&
			!/\p{Lu}/u.test(s.tokens[w.first]!.text) &&
			hasSubjectBefore(s.words, i)
	);
}

/** "we propose/present/introduce X" and "…, called/dubbed/named X". */
export function cueNames(s: SentenceCtx, text: string, lexicon: LexiconIndex): NameFinding[] {
	const out: NameFinding[] = [];
	const words = s.words;
	for (let w = 0; w < words.length; w++) {
		const word = words[w]!.text;
		// a capitalised "Design" inside "Intelligent Design 4.0" is a name's word, not the verb
		const lowerCase = !/\p{Lu}/u.test(s.tokens[words[w]!.first]!.text);
		const isPropose =
			lowerCase &&
			PROPOSE_VERBS.has(word) &&
			hasSubjectBefore(words, w) &&
			!/^(?:to|not)$/.test(words[w - 1]?.text ?? '');
		const isCalled = CALLED.has(word);
		if (!isPropose && !isCalled) continue;
		let from = words[w]!.last + 1;
		if (isCalled && words[w + 1]?.text === 'as') from = words[w + 1]!.last + 1;
		// Only the first few chunks after the verb can be the name (bounded: a run-on sentence
		// with many "we propose" would otherwise chunk its whole tail each time).
		const cs = chunks(s.tokens, from, s.tokens.length, text, 64);
		const limit = isCalled ? 1 : 12;
		for (let c = 0; c < cs.length && c < limit; c++) {
			const raw = cs[c]!.text;
			const lower = raw.toLowerCase();
			if (!isCalled && OBJECT_END.has(lower)) break;
			if (/^[;:.]$/.test(raw)) break;
			const lex = lexicon.lookup(stripHyphenTail(raw));
			// "we present PFGM++": a known coined name right after the verb is this paper's own
			// (not "we build a GPT-4o-based agent": a known name made adjective)
			const adjective = stripHyphenTail(raw) !== raw;
			if (lex && isNameLike(raw) && isPropose && !adjective && c <= firstContent(cs)) {
				out.push({
					sent: s.index,
					first: cs[c]!.first,
					last: cs[c]!.last,
					name: stripHyphenTail(raw),
					rule: 'name.we-propose',
					proposed: true
				});
				coordinated(out, cs, c, lexicon);
				break;
			}
			if (lex && !isNameLike(raw)) {
				if (!isCalled && lex.type !== 'Task') break;
				continue;
			}
			let last = c;
			let name = stripHyphenTail(raw);
			if (!isNameLike(raw)) {
				if (!isCapitalised(raw)) continue;
				last = titleCasePhrase(cs, c, s.tokens);
				if (last < 0) continue;
				// a lone capitalised English word ("Diffusion") or compound of them ("End-to-End")
				// is not a name
				// ("We release Llamion, …": a word no dictionary has, right after the verb, is one)
				const coined = c <= firstContent(cs) && !isCommonWord(raw) && !ENGLISH_SUFFIX.test(raw);
				if (last === c && !/[\p{N}-]/u.test(raw) && !coined) continue;
				if (last === c && raw.split(/[-‐]/).every((p) => isCommonWord(p))) continue;
				// "a Diversity-Enhanced reconstruction": an adjective, the name comes later if at all
				if (last === c && stripHyphenTail(raw) !== raw) continue;
				name = text.slice(s.tokens[cs[c]!.first]!.start, s.tokens[cs[last]!.last]!.end);
			}
			if (lexicon.lookup(name)) break;
			// "AccDiffusion v2": a version written after the name belongs to it
			const v = cs[last + 1];
			if (v && /^v\d+(?:\.\d+)*$/i.test(v.text)) {
				last++;
				name = text.slice(s.tokens[cs[c]!.first]!.start, s.tokens[cs[last]!.last]!.end);
			}
			// "a novel SpatioTemporal Enhanced Model based on CILP (ST-CLIP)": the bracket names
			// what the phrase only describes
			const short = isPropose ? bracketedShortForm(s, text, cs[last]!.last, name, lexicon) : null;
			out.push({
				sent: s.index,
				first: short ? short.first : cs[c]!.first,
				last: short ? short.last : cs[last]!.last,
				name: short ? short.name : name,
				rule: isCalled ? 'name.called' : 'name.we-propose',
				proposed: isPropose || s.contribution,
				...(short ? { describedFrom: cs[c]!.first } : {})
			});
			coordinated(out, cs, last, lexicon);
			break;
		}
	}
	return out;
}

/**
 * A bracketed name-like short form within a few words after a proposed name, in the same clause,
 * starting with the same letter and unknown to the lexicon: "SpatioTemporal … (ST-CLIP)".
 */
function bracketedShortForm(
	s: SentenceCtx,
	text: string,
	after: number,
	name: string,
	lexicon: LexiconIndex
): { first: number; last: number; name: string } | null {
	const t = s.tokens;
	for (let i = after + 1; i < t.length && i <= after + 12; i++) {
		if (/^[,;:.]$/.test(t[i]!.text)) return null;
		if (t[i]!.text !== '(') continue;
		let j = i + 1;
		while (j < t.length && j - i < 8 && t[j]!.text !== ')') j++;
		if (t[j]?.text !== ')' || j === i + 1) return null;
		const short = text.slice(t[i + 1]!.start, t[j - 1]!.end);
		const acronym = /^\p{Lu}[\p{L}\p{N}-]{1,13}$/u.test(short) && /\p{Lu}.*\p{Lu}/u.test(short);
		if (!acronym || lexicon.lookup(short)) return null;
		if (short[0]!.toLowerCase() !== name[0]!.toLowerCase() || short === name) return null;
		return { first: i + 1, last: j - 1, name: short };
	}
	return null;
}

/** "we present PFGM++ and MVD^2": coined names coordinated with the first are introduced too. */
function coordinated(out: NameFinding[], cs: Chunk[], last: number, lexicon: LexiconIndex): void {
	const first = out[out.length - 1]!;
	for (let k = last + 1; k + 1 < cs.length && /^(?:and|,|&)$/.test(cs[k]!.text); k += 2) {
		const next = cs[k + 1]!;
		if (!isNameLike(next.text) || lexicon.lookup(stripHyphenTail(next.text))) break;
		out.push({ ...first, first: next.first, last: next.last, name: stripHyphenTail(next.text) });
	}
}

// Endings of ordinary English nouns the word list may lack ("Diffusion", "Alignment").
const ENGLISH_SUFFIX =
	/(?:tion|sion|ment|ness|ity|ing|ance|ence|ism|ogy|ics|ure|ship|able|ible|ive|ous|al)$/i;

const DETERMINERS = new Set(['a', 'an', 'the', 'our', 'new', 'novel', 'here']);

/** Index of the first chunk that is not a determiner ("we propose a novel X" → X). */
function firstContent(cs: Chunk[]): number {
	let c = 0;
	while (c < cs.length && DETERMINERS.has(cs[c]!.text.toLowerCase())) c++;
	return c;
}

function hasSubjectBefore(words: SentenceCtx['words'], w: number): boolean {
	for (let k = w - 1; k >= 0 && k >= w - 4; k--)
		if (PROPOSE_SUBJECTS.has(words[k]!.text)) return true;
	return false;
}

// Head nouns kept after a defined abbreviation: "Multi-Step Consistency (MSC) loss".
const KEEP_HEAD = new Set(
	'loss losses attention momentum guidance regularization regularisation sampling distillation convolution prior priors score'.split(
		' '
	)
);

// Long forms naming hardware and physical things, not ML entities: "Quantum Processing Unit
// (QPU)", "Synthetic Aperture Radar (SAR)", "Unmanned Surface Vehicle (USV)".
const PHYSICAL_HEAD =
	/\b(?:processing units?|radars?|vehicles?|sensors?|chips?|devices?|hardware|satellites?|cameras?|drones?|scanners?)$/i;

/** "Stable Diffusion Model (SDM)", "Generalized Heavy Ball (GHVB)": long form and short form. */
export function abbreviations(s: SentenceCtx, text: string): NameFinding[] {
	const out: NameFinding[] = [];
	const t = s.tokens;
	for (let i = 1; i + 2 < t.length; i++) {
		if (t[i]!.text !== '(') continue;
		let j = i + 1;
		while (j < t.length && t[j]!.text !== ')' && t[j]!.text !== '(' && j - i < 8) j++;
		if (j >= t.length || t[j]!.text !== ')') continue;
		const abbr = text.slice(t[i + 1]!.start, t[j - 1]!.end);
		if (/\s/.test(abbr) || abbr.length < 2 || abbr.length > 14) continue;
		const upper = (abbr.match(/\p{Lu}/gu) ?? []).length;
		if (upper < 2 && !(upper >= 1 && /\d/.test(abbr))) continue;
		if (NOT_NAMES.has(abbr.toLowerCase())) continue;
		// "T-Stitch (TStitch)": a second spelling of the word before, not an abbreviation
		const prev = lastChunk(t, i, text);
		if (prev && nameKey(prev.text) === nameKey(abbr)) continue;
		const long = longForm(abbr, s, i, text);
		if (!long || PHYSICAL_HEAD.test(long.name)) continue;
		const { first, name } = long;
		const next = t[j + 1];
		const head = next?.word && KEEP_HEAD.has(next.text.toLowerCase()) ? next.text : undefined;
		out.push({
			sent: s.index,
			first,
			last: i - 1,
			name,
			rule: 'name.abbreviation',
			proposed: false,
			abbreviation: abbr,
			abbrFirst: i + 1,
			abbrLast: j - 1,
			head,
			headToken: head ? j + 1 : undefined
		});
	}
	return out;
}

/**
 * Schwartz & Hearst's backward match: each letter of the short form, last to first, is found in
 * the words before the bracket; the first letter must start a word.
 */
function longForm(
	abbr: string,
	s: SentenceCtx,
	paren: number,
	text: string
): { first: number; name: string } | null {
	const t = s.tokens;
	// the clause before the bracket, at most |abbr| + 5 words
	const letters = abbr.replace(/[^\p{L}\p{N}]/gu, '');
	const maxWords = Math.min(letters.length + 5, letters.length * 2);
	let k = paren - 1;
	let wordCount = 0;
	while (k >= 0 && !/^[,;:()]$/.test(t[k]!.text)) {
		if (t[k]!.word && (t[k]!.space || k === 0)) wordCount++;
		if (wordCount > maxWords) break;
		k--;
	}
	const startTok = k + 1;
	if (startTok >= paren) return null;
	const long = text.slice(t[startTok]!.start, t[paren - 1]!.end);
	// "Proximal Policy Optimization (PPO)": word initials first; the letter scan alone would
	// take the "p" inside "Optimization" and stop at "Policy Optimization"
	let from = initialsStart(long, letters.toLowerCase());
	if (from < 0) {
		let si = letters.length - 1;
		let li = long.length - 1;
		const lc = long.toLowerCase();
		while (si >= 0) {
			const c = letters[si]!.toLowerCase();
			while (li >= 0 && (lc[li] !== c || (si === 0 && li > 0 && /[\p{L}\p{N}]/u.test(lc[li - 1]!))))
				li--;
			if (li < 0) return null;
			li--;
			si--;
		}
		from = long.lastIndexOf(' ', li) + 1;
		// "SpatioTemporal Enhanced Model based on CILP (ST-CLIP)": letters picked from a phrase
		// of capitalised words and a lower-case participle are no long form
		const words = long.slice(from).trim().split(/\s+/);
		const capital = words.some((w) => /^\p{Lu}/u.test(w));
		if (capital && words.some((w) => /^\p{Ll}+(?:ed|ing)$/u.test(w))) return null;
	}
	const name = long.slice(from).trim();
	if (!name || name.toLowerCase() === abbr.toLowerCase()) return null;
	if (/^(?:the|a|an|our|its|their|this|these|and|or|of|for|with|in|on)\s/i.test(name)) return null;
	// the long form must have at least two words or a hyphen: "(SD)" after "Stable Diffusion"
	if (!/[\s-]/.test(name)) return null;
	const abs = t[startTok]!.start + from;
	let first = startTok;
	while (first < paren && t[first]!.end <= abs) first++;
	return { first, name };
}

const INITIAL_STOP = new Set([
	'of',
	'and',
	'for',
	'the',
	'to',
	'in',
	'with',
	'a',
	'an',
	'on',
	'via',
	'by'
]);

/**
 * Where, in `long`, the shortest run of final words starts whose initials spell `letters` (each
 * content word gives its initial, or one per hyphenated piece; small words may give none); -1
 * when none does.
 */
function initialsStart(long: string, letters: string): number {
	const words: { at: number; pieces: string[]; stop: boolean }[] = [];
	for (const m of long.matchAll(/\S+/gu)) {
		const w = m[0].toLowerCase();
		const pieces = w.split(/[-‐]/).filter(Boolean);
		words.push({ at: m.index, pieces, stop: INITIAL_STOP.has(w) });
	}
	for (let i = words.length - 1; i >= 0; i--) {
		if (words[i]!.stop) continue;
		if (spells(words, i, letters, 0)) return words[i]!.at;
	}
	return -1;
}

/** Do words[i..] spell letters[li..] by their initials (see initialsStart)? */
function spells(
	words: { pieces: string[]; stop: boolean }[],
	i: number,
	letters: string,
	li: number
): boolean {
	if (i === words.length) return li === letters.length;
	const w = words[i]!;
	// this word gives the initials of its first k pieces (k ≥ 1), or nothing when it is small
	for (let k = 1; k <= w.pieces.length && li + k <= letters.length; k++) {
		if (w.pieces[k - 1]![0] !== letters[li + k - 1]) break;
		if (spells(words, i + 1, letters, li + k)) return true;
	}
	return w.stop && spells(words, i + 1, letters, li);
}

// Nouns after which a coined word names a thing of the physical world, not a method or model.
const PHYSICAL_NEXT = new Set(
	'robot robots arm arms gripper grippers sensor sensors simulator chip chips gpu gpus microcontroller microcontrollers board quadruped quadrupeds humanoid humanoids drone drones camera cameras headset headsets glove gloves manipulator manipulators hand hands'.split(
		' '
	)
);

const EPONYM_HEADS = new Set(
	'equation equations test tests inequality inequalities theorem lemma bound bounds operator operators criterion distance divergence transform identity conjecture'.split(
		' '
	)
);

/**
 * Coined-looking chunks anywhere ("OSEDiff", "KOALA-700M", "LDM-4-G") not in the lexicon and not
 * already covered by a lexicon mention (`taken`: token ranges).
 */
export function shapeNames(
	s: SentenceCtx,
	text: string,
	lexicon: LexiconIndex,
	taken: { first: number; last: number }[] = [],
	hardware?: Set<string>
): NameFinding[] {
	const out: NameFinding[] = [];
	// a run with no capital, digit or symbol holds no name-like chunk: skip building its chunks
	const runFilter = (start: number, end: number) => mayBeName(text, start, end);
	for (const c of chunks(s.tokens, 0, s.tokens.length, text, Infinity, runFilter)) {
		if (!isNameLike(c.text)) continue;
		if (taken.some((m) => m.first <= c.last && c.first <= m.last)) continue;
		// "the Bellman equation", "a DeLong test": a person's name in a phrase it does not name
		const next = s.tokens[c.last + 1];
		if (next?.word && EPONYM_HEADS.has(next.text)) continue;
		// "the xArm robot", "a Tron1 quadruped", "the STM32 microcontroller": hardware, not ML
		if (next?.word && PHYSICAL_NEXT.has(next.text.toLowerCase())) {
			hardware?.add(stripHyphenTail(c.text));
			continue;
		}
		// "20 mK", "5 GHz": a short symbol after a number is a unit
		const before = s.tokens[c.first - 1];
		if (
			before &&
			/^\d+(?:\.\d+)?$/.test(before.text) &&
			c.text.replace(/[^\p{L}]/gu, '').length <= 3
		)
			continue;
		const name = stripHyphenTail(c.text);
		if (lexicon.lookup(name)) continue;
		let last = c.last;
		while (
			last > c.first &&
			text.slice(s.tokens[c.first]!.start, s.tokens[last]!.end).length > name.length
		)
			last--;
		out.push({ sent: s.index, first: c.first, last, name, rule: 'name.shape', proposed: false });
		// "KOALA-1B & -700M": the list goes on with bare sizes or versions of the same family
		const sized = /^(.+?)[-_ ](\d+(?:\.\d+)?[MBK]|v\d+(?:\.\d+)*)$/.exec(name);
		if (sized) {
			const opts = { sizes: false, bareNumbers: false };
			for (const v of parseVariantList(s.tokens, c.last, s.tokens.length, opts)) {
				out.push({
					sent: s.index,
					first: v.first,
					last: v.last,
					name: variantName(sized[1]!, v),
					rule: 'name.shape',
					proposed: false
				});
			}
		}
	}
	return out;
}
