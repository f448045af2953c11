// The extractor's fast paths (hand-written scanners, skipped regex steps, prefix filters) must
// give exactly what the plain versions they replaced gave. Each is checked against that plain
// version, kept here as the reference, over seeded random texts built to hit the edge cases:
// non-ASCII letters and digits, combining marks, surrogates, Unicode spaces, "+" suffixes,
// markup, links and odd spacing. (`npm run extract:digest` checks whole extractions.)
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { cleanText, notEnglishReason } from '../../../ingest/extract/clean.js';
import { LexiconIndex, type LexiconMatch } from '../../../ingest/extract/matcher.js';
import { NOT_NAMES } from '../../../ingest/extract/lexicon.js';
import { chunks, isNameLike, mayBeName, stripHyphenTail } from '../../../ingest/extract/names.js';
import { isCommonWord, tagPhrase } from '../../../ingest/extract/nlp.js';
import { CueMatcher } from '../../../ingest/extract/patterns.js';
import { splitSentences, tokenize, type Token } from '../../../ingest/extract/text.js';
import { caseKey, nameKey } from '../../../ingest/extract/resolve/name-key.js';
import { Rng } from '../../../support/fuzz-rng.js';
import { seedGoldText } from './helpers.js';

const PIECES = [
	...'abcxyzABCXYZ0129+^.-_/,;:()[]{}"“”=<>~≈×&$\\!?\'’‐–·'.split(''),
	' ',
	'  ',
	'\n',
	'\n\n',
	'\t',
	'\r',
	'\v',
	'\f',
	'\u00a0',
	'\u2009',
	'\u3000',
	'\ufeff',
	'\u0001',
	'\u007f',
	'é',
	'e\u0301',
	'α',
	'Σ',
	'ǅ',
	'ﬁ',
	'ª',
	'٣',
	'²',
	'𝔸',
	'😀',
	'\ud800',
	'\udc00',
	'Stable',
	'Diffusion',
	'SD',
	'XL',
	'v1.5',
	'PFGM++',
	'CFG++x',
	'KOALA-700M',
	'the',
	'THE',
	'and',
	'which',
	'we',
	'from',
	'https://x.org/a',
	'www.',
	'github.com/x',
	'.com',
	'.AI',
	' .',
	' ,',
	'&amp;',
	'&nbsp;',
	'<b>',
	'\\mathcal{O}',
	'\\times',
	'\\alpha',
	'$x^2$',
	'e.g.',
	'et al.'
];

function randomText(rng: Rng, maxPieces = 40): string {
	let s = '';
	for (let i = rng.range(0, maxPieces); i > 0; i--) s += rng.pick(PIECES);
	return s;
}

function cases(seed: string, n: number, maxPieces?: number): string[] {
	const rng = new Rng(seed);
	return Array.from({ length: n }, () => randomText(rng, maxPieces));
}

// ---- the plain versions -------------------------------------------------------------------

const ENTITIES: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#39;': "'",
	'&apos;': "'",
	'&nbsp;': ' '
};

const ACCENTS: Record<string, string> = {
	'"': '\u0308',
	"'": '\u0301',
	'`': '\u0300',
	'^': '\u0302',
	'~': '\u0303'
};

function plainCleanText(raw: string): string {
	return (
		raw
			.replace(/<[^>]{0,200}>/g, ' ')
			.replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
			.replace(
				/(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|net|ai|edu|dev|page)(?:\/\S*)?/gi,
				' '
			)
			.replace(/(?<! ) +([.,;])/g, '$1')
			.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (m) => ENTITIES[m] ?? ' ')
			.replace(
				/\\(?:mathcal|mathbf|mathrm|textbf|textit|emph|text|mathit|boldsymbol|operatorname)\{([^{}]*)\}/g,
				'$1'
			)
			.replace(/\\times/g, 'x')
			.replace(/\\(?:textcolor|color|colorbox)\{[^{}]{0,40}\}/g, '')
			.replace(
				/\\(?:hat|tilde|bar|vec|dot|ddot|widehat|widetilde|overline|underline|mathbb|mathsf|mathtt|mathfrak|mathscr)(?![a-zA-Z])/g,
				''
			)
			.replace(/\\(["'`^~])\{?([a-zA-Z])\}?/g, (_m, accent: string, letter: string) =>
				(letter + ACCENTS[accent]).normalize('NFC')
			)
			.replace(/\\([&%#_])/g, '$1')
			.replace(/\\([a-zA-Z]+)/g, '$1')
			.replace(/``|''/g, '"')
			.replace(/\$([^$]{0,80})\$/g, '$1')
			.replace(/[{}$]/g, '')
			// eslint-disable-next-line no-control-regex -- as in clean.ts
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
			.replace(/[ \t\r\f\v]+/g, ' ')
			.replace(/(?<![^\S\n])[^\S\n]*\n\s*/g, '\n')
			.trim()
	);
}

const FUNCTION_WORDS = new Set(
	'the of and to in a we is for with that on this our are by as an from which can'.split(' ')
);

function plainNotEnglishReason(text: string): string | null {
	let latin = 0;
	let other = 0;
	let words = 0;
	let fn = 0;
	let word = '';
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) : 32;
		const lower = c | 32;
		if (lower >= 97 && lower <= 122) {
			latin++;
			word += String.fromCharCode(lower);
			continue;
		}
		if (c > 127 && /\p{L}/u.test(text[i]!)) other++;
		if (word) {
			words++;
			if (FUNCTION_WORDS.has(word)) fn++;
			word = '';
		}
	}
	if (latin + other === 0) return null;
	if (latin / (latin + other) < 0.6) return 'not English: mostly non-Latin script';
	if (words < 25) return null;
	if (fn / words < 0.06) return 'not English prose: too few English function words';
	return null;
}

const TOKEN = /[\p{L}\p{N}]+(?:\+\+|\+(?![\p{L}\p{N}]))?|[^\s\p{L}\p{N}]/gu;

function plainNameKey(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}+]+/gu, '');
}

function plainCaseKey(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.replace(/[^\p{L}\p{N}+]+/gu, '');
}

function plainTokenize(text: string, from = 0, to = text.length): Token[] {
	const tokens: Token[] = [];
	TOKEN.lastIndex = from;
	let prevEnd = from;
	let m: RegExpExecArray | null;
	while ((m = TOKEN.exec(text)) && m.index < to) {
		const start = m.index;
		const word = /^[\p{L}\p{N}]/u.test(m[0]);
		tokens.push({
			text: m[0],
			start,
			end: start + m[0].length,
			word,
			space: start === from || start > prevEnd,
			key: !word ? m[0] : /^[\x20-\x7e]*$/.test(m[0]) ? m[0].toLowerCase() : plainNameKey(m[0])
		});
		prevEnd = start + m[0].length;
	}
	return tokens;
}

const EDGE_PUNCT = /^[^\p{L}\p{N}+^]+|[^\p{L}\p{N}+]+$/gu;

function plainIsNameLike(raw: string): boolean {
	if (!/[A-Z0-9+^\u0080-\uffff]/.test(raw)) return false;
	const s = stripHyphenTail(raw.replace(EDGE_PUNCT, ''));
	if (s.length < 2 || s.length > 40) return false;
	if (NOT_NAMES.has(s.toLowerCase())) return false;
	if (
		/^\d+(?:x|×|times)\d+$/i.test(s) ||
		/^[\d.,]+(?:[kmbgtx%]|st|nd|rd|th|s|fps|ms|gb|mb|m|b|k|px|d)?$/i.test(s) ||
		/^(?:RTX|GTX|[AHV]|TPU)\s?\d{2,4}\w*$|^W\d+A\d+$/i.test(s)
	)
		return false;
	const letters = s.replace(/[^\p{L}]/gu, '');
	if (letters.length < 2) return false;
	if (/[-‐]/.test(s)) {
		const pieces = s.split(/[-‐]+/).filter(Boolean);
		return pieces.length > 1 && pieces.some((p) => p !== s && plainIsNameLike(p));
	}
	const upper = (s.match(/\p{Lu}/gu) ?? []).length;
	const digits = /\p{N}/u.test(s);
	if (/\+\+$|\^/.test(s) && upper > 0) return true;
	if (digits && upper >= 1) return !/^\d+\p{Lu}$/u.test(s);
	if (upper >= 2 && /^\p{Lu}/u.test(s)) {
		if (upper === letters.length && isCommonWord(letters.toLowerCase()) && letters.length > 3)
			return false;
		return upper >= 3 || /\p{Ll}/u.test(s.slice(1)) || /-/.test(s);
	}
	return upper >= 1 && /\p{Ll}\p{Lu}/u.test(s);
}

// ---- the checks ---------------------------------------------------------------------------

describe('fast paths give what the plain versions gave', () => {
	it('cleanText', () => {
		for (const s of cases('clean', 4000))
			expect(cleanText(s), JSON.stringify(s)).toBe(plainCleanText(s));
	});

	it('notEnglishReason', () => {
		for (const s of cases('english', 3000, 200))
			expect(notEnglishReason(s), JSON.stringify(s)).toBe(plainNotEnglishReason(s));
		const prose = seedGoldText();
		expect(notEnglishReason(prose)).toBe(plainNotEnglishReason(prose));
	});

	it('tokenize, over whole texts and over sentence ranges', () => {
		for (const s of cases('tokenize', 4000)) {
			expect(tokenize(s), JSON.stringify(s)).toEqual(plainTokenize(s));
			const from = Math.floor(s.length / 3);
			const to = Math.floor((2 * s.length) / 3);
			expect(tokenize(s, from, to), JSON.stringify(s)).toEqual(plainTokenize(s, from, to));
		}
		const gold = seedGoldText();
		for (const span of splitSentences(gold))
			expect(tokenize(gold, span.start, span.end)).toEqual(
				plainTokenize(gold, span.start, span.end)
			);
	});

	it('nameKey and caseKey', () => {
		for (const s of cases('keys', 4000, 8)) {
			expect(nameKey(s), JSON.stringify(s)).toBe(plainNameKey(s));
			expect(caseKey(s), JSON.stringify(s)).toBe(plainCaseKey(s));
		}
	});

	it('mayBeName is the first test of isNameLike, and the run filter of chunks drops only what it rejects', () => {
		for (const s of cases('names', 3000)) {
			expect(mayBeName(s, 0, s.length), JSON.stringify(s)).toBe(/[A-Z0-9+^\u0080-\uffff]/.test(s));
			const t = tokenize(s);
			const filtered = chunks(t, 0, t.length, s, Infinity, (a, b) => mayBeName(s, a, b));
			const all = chunks(t, 0, t.length, s);
			expect(filtered.filter((c) => isNameLike(c.text))).toEqual(
				all.filter((c) => isNameLike(c.text))
			);
		}
	});

	it('isNameLike with its capitalised-word shortcut', () => {
		const words = [
			...cases('namelike', 3000, 4),
			...'We The In Diffusion A I Ab SDXL KOALA Koala-700M DiffEdit X1 Stable-Diffusion'.split(' ')
		];
		for (const w of words) expect(isNameLike(w), JSON.stringify(w)).toBe(plainIsNameLike(w));
	});

	it('glued-suffix cue rules by their word, in rule order', () => {
		const cues = new CueMatcher();
		const words = new Set(['based', 'like', 'x', '']);
		for (const r of cues.rules) for (const w of r.slots[0]!.words) words.add(w.replace(/^-/, ''));
		for (const w of words)
			expect(cues.suffixRules(w)).toEqual(
				cues.rules.filter((r) => r.suffix && r.slots[0]!.words.has('-' + w))
			);
	});

	it('matchAt finds the longest lexicon spelling, as looking every span up does', () => {
		const lexicon = new LexiconIndex();
		const names = lexicon.entities.flatMap((e) => [e.name, ...e.aliases]);
		const rng = new Rng('lexicon');
		const glue = [' ', ' ', '-', '.', '/', ' - ', '', ',', '·', '_'];
		for (let n = 0; n < 3000; n++) {
			// ASCII only: there the span's text looked up is exactly what matchAt reads
			let s = '';
			for (let k = rng.range(1, 6); k > 0; k--) {
				const name = rng.pick(names);
				const piece = rng.chance(0.3) ? name.slice(0, rng.range(1, name.length)) : name;
				s += (rng.chance(0.2) ? piece.toUpperCase() : piece) + rng.pick(glue);
			}
			if (!/^[\x20-\x7e]*$/.test(s)) continue;
			const tokens = tokenize(s);
			for (let i = 0; i < tokens.length; i++) {
				if (!tokens[i]!.word) continue;
				expect(lexicon.matchAt(tokens, i), s).toEqual(spanLookup(lexicon, tokens, i, s));
			}
		}
	});

	it('tagPhrase without the chunker tags as a full parse does', () => {
		const titles = seedGoldText()
			.split('\n')
			.filter(Boolean)
			.map((l) => (JSON.parse(l) as { title: string }).title);
		const phrases = [...titles, ...titles.map((t) => t.split(':')[0]!), ...cases('tags', 300, 6)];
		for (const p of phrases) {
			const full = (nlp(p).json() as { terms: { text: string; tags: string[] }[] }[]).flatMap((s) =>
				s.terms.map((t) => ({ text: t.text, tags: t.tags }))
			);
			expect(tagPhrase(p), p).toEqual(full);
		}
	});
});

/** The reference for matchAt: every span a lexicon match may take, looked up as a whole name. */
function spanLookup(
	lexicon: LexiconIndex,
	tokens: Token[],
	i: number,
	text: string
): LexiconMatch | null {
	const joiners = new Set(['-', '.', '·', '_', '/', '^', "'", '’', '‐', '–']);
	let best: LexiconMatch | null = null;
	let pieces = 0;
	for (let j = i; j < tokens.length && pieces < 12; j++) {
		const t = tokens[j]!;
		if (!t.word) {
			if (!joiners.has(t.text) || t.space || j + 1 >= tokens.length || tokens[j + 1]!.space) break;
			if (!tokens[j + 1]!.word) break;
			continue;
		}
		if (j > i && !tokens[j - 1]!.word && tokens[j - 1]!.space) break;
		pieces++;
		const entity = lexicon.lookup(text.slice(tokens[i]!.start, t.end));
		if (entity) best = { entity, first: i, last: j };
	}
	return best;
}
