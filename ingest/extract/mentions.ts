// Lexicon mentions in one sentence, with version and size variants read off the following tokens.
import type { EntityTable, FoundEntity } from './resolve/entities.js';
import { parseVariantList, parseVariantSuffix, type VariantSuffix } from './resolve/variants.js';
import type { LexEntity } from './lexicon.js';
import type { LexiconIndex } from './matcher.js';
import type { SentenceCtx } from './sentences.js';
import { tagPhrase } from './nlp.js';
import type { Token } from './text.js';

export interface RawMention {
	sent: number;
	first: number; // token indexes within the sentence, inclusive
	last: number;
	entity: FoundEntity;
	rule: string;
	/** overlap resolution: higher wins, then longer */
	priority: number;
}

const GLUE = new Set(['-', '.', '_', '^', '+', '/', '‐']);

/** Token `i` continues a glued chunk ("Safe-SD": "SD" is inside "Safe-SD"). */
export function insideChunk(tokens: Token[], i: number): boolean {
	if (i === 0 || tokens[i]!.space) return false;
	const prev = tokens[i - 1]!;
	return prev.word || (GLUE.has(prev.text) && i >= 2 && !prev.space && tokens[i - 2]!.word);
}

/**
 * "Fast and Stable Diffusion Planning": in a title, a name whose first word is an adjective,
 * coordinated with another adjective and followed by a further noun, is that adjective.
 */
function coordinatedAdjective(s: SentenceCtx, first: number, last: number): boolean {
	if (!s.isTitle || first === last) return false;
	const t = s.tokens;
	const and = t[first - 1];
	const before = t[first - 2];
	const after = t[last + 1];
	if (!and || !before || !after || !/^(?:and|or|&)$/i.test(and.text)) return false;
	if (!after.word || !/^\p{Lu}\p{Ll}+$/u.test(after.text) || /^Models?$/.test(after.text))
		return false;
	return isAdjectiveWord(before.text) && isAdjectiveWord(t[first]!.text);
}

function isAdjectiveWord(word: string): boolean {
	return tagPhrase(word).some((x) => x.tags.includes('Adjective'));
}

// Words that make a narrower kind of a method or task when written before it.
const KIND_MODIFIERS = new Set(
	(
		'multimodal multi-modal cross-modal audio-visual residual hierarchical agglomerative one-shot ' +
		'multi-agent multi-object multi-view multi-label multi-task time-series behavioral behavioural ' +
		'aspect-based multilingual cross-lingual open-vocabulary open-set long-tailed fine-grained ' +
		'weakly-supervised semi-supervised self-supervised unsupervised continual incremental ' +
		'federated decentralized decentralised distributed offline inverse deep heterogeneous ' +
		'rotary relative learnable spatio-temporal spatiotemporal few-shot zero-shot behavior behaviour'
	).split(' ')
);

const TASK_MODIFIERS = new Set(['few-shot', 'zero-shot']);

/** A kind modifier glued into a chunk right before token `first`: its start and the name. */
function narrowedKind(
	tokens: Token[],
	first: number,
	last: number,
	entity: FoundEntity,
	text: string
): { first: number; name: string } | null {
	// a kind of model ("multi-agent LLM systems") is qualified by what follows as often as not
	if ((entity.type !== 'Task' && entity.type !== 'Technique') || entity.role === 'class')
		return null;
	if (first === 0 || !tokens[first]!.space) return null;
	let k = first - 1;
	while (k > 0 && !tokens[k]!.space) k--;
	const modifier = text.slice(tokens[k]!.start, tokens[first - 1]!.end);
	if (!KIND_MODIFIERS.has(modifier.toLowerCase())) return null;
	// "zero-shot question answering" is a setting of a task; of a method it is how it was run
	if (TASK_MODIFIERS.has(modifier.toLowerCase()) && entity.type !== 'Task') return null;
	// the words as written ("hierarchical clustering"), unless they hold an acronym or a plural
	const surface = text.slice(tokens[first]!.start, tokens[last]!.end);
	const head = /^[\p{Ll}\s-]+$/u.test(surface) && !/s$/.test(surface) ? surface : entity.name;
	return { first: k, name: `${modifier.toLowerCase()} ${head}` };
}

/** "Stable Diffusion Training": a name of several words read as a phrase (lexicon `notBefore`). */
function phraseOfWords(
	tokens: Token[],
	first: number,
	last: number,
	notBefore: ReadonlySet<string> | undefined
): boolean {
	const next = tokens[last + 1];
	return (
		notBefore !== undefined &&
		// several words, or a compound of them ("exact-match filters")
		tokens.slice(first + 1, last + 1).some((t) => t.space || t.text === '-') &&
		next !== undefined &&
		next.word &&
		notBefore.has(next.text.toLowerCase())
	);
}

const RELATION_SIGNS = new Set(['=', '<', '>', '≤', '≥', '±', '≈']);

/** "SD=0.16", "SD ± 0.2": a short symbol next to "=" or "±" is a variable, not a name. */
function isVariable(tokens: Token[], first: number, last: number): boolean {
	if (first !== last || tokens[first]!.text.length > 4) return false;
	const next = tokens[last + 1];
	const prev = tokens[first - 1];
	return (
		(next !== undefined && RELATION_SIGNS.has(next.text)) ||
		(prev !== undefined && (prev.text === '±' || prev.text === '='))
	);
}

const SHORT_FORM = /^[A-Z][A-Z0-9]{1,4}s?$/;

/**
 * "success rate (SR)": the paper defines a short form the lexicon knows as something else
 * (SR, super-resolution), so the lexicon's reading of it is wrong throughout this paper.
 */
function redefined(
	text: string,
	surface: string,
	entity: LexEntity,
	lexicon: LexiconIndex
): boolean {
	if (!SHORT_FORM.test(surface)) return false;
	if (redefinedIn.text !== text) redefinedIn = { text, known: new Map() };
	let answer = redefinedIn.known.get(surface);
	if (answer === undefined) {
		answer = definedOtherwise(text, surface, entity, lexicon);
		redefinedIn.known.set(surface, answer);
	}
	return answer;
}

// one paper's answers: the same short form recurs, and the definition search reads the whole text
let redefinedIn = { text: '', known: new Map<string, boolean>() };

function definedOtherwise(
	text: string,
	surface: string,
	entity: LexEntity,
	lexicon: LexiconIndex
): boolean {
	if (!text.includes(`(${surface}`)) return false;
	const definition = new RegExp(`((?:[\\p{L}\\d'’-]+\\s+){1,6})\\(\\s*${surface}\\s*[;,)]`, 'u');
	const m = definition.exec(text);
	if (!m) return false;
	const words = m[1]!.trim().split(/\s+/);
	for (let n = 1; n <= words.length; n++) {
		const phrase = words.slice(-n).join(' ');
		// "a Reinforcement Learning (RL) based …": capitals of emphasis, not another name
		const lex = lexicon.lookup(phrase) ?? lexicon.lookup(phrase.toLowerCase());
		if (lex?.index === entity.index) return false;
	}
	// "Reinforcement Learning Human Feedback (RLHF)": the lexicon's words, loosely written
	const own = new Set(
		[entity.name, ...entity.aliases].flatMap((a) => a.toLowerCase().split(/[\s-]+/))
	);
	if (words.some((w) => w.length >= 4 && own.has(w.toLowerCase()))) return false;
	// the words before the bracket spell it out, so they are its long form
	const letters = surface.replace(/s$/, '').toLowerCase();
	const initials = words
		.slice(-letters.length)
		.map((w) => w[0]!.toLowerCase())
		.join('');
	return initials === letters;
}

/** The chunk goes on after token `last` with a capitalised piece ("LoRA-Enhanced"). */
function continuesWithName(tokens: Token[], last: number): boolean {
	const a = tokens[last + 1];
	const b = tokens[last + 2];
	if (!a || a.space || !b || b.space) return false;
	// "GR00T-N1.5": a longer version than the lexicon's "GR00T N1"
	if (a.text === '.' && b.word && /^\d/.test(b.text) && /\d$/.test(tokens[last]!.text)) return true;
	if ((a.text !== '-' && a.text !== '_') || !b.word) return false;
	// "GPT-o1", "GPT-3.5-Turbo": a longer name; "SDXL-based": an adjective made of this one
	return /^[\p{Lu}\p{N}]/u.test(b.text) || /^[a-z]\d/.test(b.text);
}

export function lexiconMentions(
	s: SentenceCtx,
	lexicon: LexiconIndex,
	table: EntityTable,
	text: string
): RawMention[] {
	const out: RawMention[] = [];
	const tokens = s.tokens;
	const push = (first: number, last: number, entity: FoundEntity, rule: string) =>
		out.push({ sent: s.index, first, last, entity, rule, priority: 2 });
	const end = tokens.length;
	for (let i = 0; i < end; i++) {
		if (!tokens[i]!.word || insideChunk(tokens, i)) continue;
		const m = lexicon.matchAt(tokens, i, end);
		if (!m || isVariable(tokens, i, m.last) || coordinatedAdjective(s, i, m.last)) continue;
		if (phraseOfWords(tokens, i, m.last, m.entity.notBefore)) continue;
		if (redefined(text, text.slice(tokens[i]!.start, tokens[m.last]!.end), m.entity, lexicon))
			continue;
		const family = table.fromLexicon(m.entity, 'lexicon');
		const variants = variantsAfter(tokens, m.last, end, family);
		if (variants.length === 0 && continuesWithName(tokens, m.last)) continue;
		if (variants.length === 0) {
			// "residual reinforcement learning", "multimodal sentiment analysis": a kind of the
			// lexicon's method or task, named as such, not the general one
			const kind = narrowedKind(tokens, i, m.last, family, text);
			if (kind) {
				const e = table.named(kind.name, family.type, 'name.narrowed');
				if (!e.lex && !e.typeRule) {
					e.typeRule = 'type.lexicon-head';
					e.typeStrength = 4;
				}
				push(kind.first, m.last, e, 'name.narrowed');
				i = m.last;
				continue;
			}
			push(i, m.last, family, 'lexicon');
			i = m.last;
			// "Stable Diffusion v 1.4 and v 2": the lexicon knows the first, the list continues it
			const root = family.familyKey
				? table.fromLexiconName(family.familyName ?? '', 'lexicon')
				: undefined;
			if (root) {
				const opts = { sizes: root.lex?.sizes ?? false, bareNumbers: false };
				for (const v of parseVariantList(tokens, m.last, end, opts)) {
					const surface = text.slice(tokens[v.first]!.start, tokens[v.last]!.end);
					const e = table.variant(root, v, surface, 'variant.list');
					push(v.first, v.last, e, 'variant.list');
					i = v.last;
				}
			}
			continue;
		}
		let first = i;
		for (const v of variants) {
			const surface = text.slice(tokens[first]!.start, tokens[v.last]!.end);
			const e = table.variant(family, v, surface, 'variant');
			push(first, v.last, e, 'variant');
			first = v.first;
		}
		i = variants[variants.length - 1]!.last;
	}
	return out;
}

function variantsAfter(
	tokens: Token[],
	last: number,
	end: number,
	family: FoundEntity
): VariantSuffix[] {
	if (family.type !== 'Model' && family.type !== 'Technique') return [];
	if (family.generic) return [];
	const opts = { sizes: family.lex?.sizes ?? true, bareNumbers: family.type === 'Model' };
	const v = parseVariantSuffix(tokens, last + 1, end, opts);
	if (!v) return [];
	return [v, ...parseVariantList(tokens, v.last, end, opts)];
}

const BARE_VERSION = /^[vV]\d+(?:\.\d+)*$/;

/**
 * "…followed by Stable Diffusion v2 then v1.4": a lone version after a family mention in the same
 * sentence is another variant of that family.
 */
export function bareVersionMentions(
	s: SentenceCtx,
	mentions: RawMention[],
	table: EntityTable,
	text: string
): RawMention[] {
	const out: RawMention[] = [];
	const tokens = s.tokens;
	for (let i = 0; i < tokens.length; i++) {
		if (!tokens[i]!.space || !/^[vV]\d/.test(tokens[i]!.text)) continue;
		if (mentions.some((m) => m.first <= i && i <= m.last)) continue;
		let j = i;
		while (
			j + 2 < tokens.length &&
			tokens[j + 1]!.text === '.' &&
			!tokens[j + 1]!.space &&
			!tokens[j + 2]!.space
		)
			j += 2;
		const surface = text.slice(tokens[i]!.start, tokens[j]!.end);
		if (!BARE_VERSION.test(surface)) continue;
		const before = mentions.filter((m) => m.last < i && m.entity.type === 'Model');
		const prev = before[before.length - 1];
		if (!prev) continue;
		const family = prev.entity.familyKey ? table.byKey.get(prev.entity.familyKey) : prev.entity;
		if (!family) continue;
		const v = parseVariantSuffix(tokens, i, j + 1, { sizes: false, bareNumbers: false });
		if (!v) continue;
		const e = table.variant(family, { ...v, first: i }, surface, 'variant.bare-version');
		out.push({
			sent: s.index,
			first: i,
			last: j,
			entity: e,
			rule: 'variant.bare-version',
			priority: 2
		});
	}
	return out;
}
