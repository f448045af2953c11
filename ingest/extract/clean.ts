// Input hygiene before analysis: markup out, whitespace tidy, and a verdict on whether the text is
// English prose worth analysing at all.

import { HTML_ENTITIES } from '../sources/normalise.js';

// eslint-disable-next-line no-control-regex -- stray control bytes in scraped text become spaces
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// Each step runs only when the text holds what it could change: most abstracts have no markup,
// links or odd spacing, and scanning for a trigger character is far cheaper than running a
// pattern that may start at every position (the domain and newline patterns) or matches every
// single space. Skipped steps would have returned their input unchanged.
const DOMAIN_HINT = /\.(?:com|io|org|net|ai|edu|dev|page)/i;
const URL_HINT = /https?:\/\/|www\./i;
const SPACE_BEFORE_PUNCT_HINT = / [.,;]/;
const SPACING_HINT = /[\t\r\f\v]| {2}/;

const LATEX_ACCENTS: Record<string, string> = {
	'"': '\u0308',
	"'": '\u0301',
	'`': '\u0300',
	'^': '\u0302',
	'~': '\u0303'
};

/** Removes HTML tags and entities and LaTeX markup; keeps the words ("$\mathcal{O}(n)$" → "O(n)"). */
export function cleanText(raw: string): string {
	let s = raw;
	if (s.includes('<')) s = s.replace(/<[^>]{0,200}>/g, ' ');
	// links carry names ("github.com/x/InstaFlow") that are not mentions
	if (URL_HINT.test(s)) s = s.replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ');
	// The lookbehinds let a match start only where its run starts: without them a long
	// "a-a-a-…" or space run is rescanned from every position (quadratic, minutes on 1 MB).
	if (DOMAIN_HINT.test(s))
		s = s.replace(
			/(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|net|ai|edu|dev|page)(?:\/\S*)?/gi,
			' '
		);
	if (SPACE_BEFORE_PUNCT_HINT.test(s)) s = s.replace(/(?<! ) +([.,;])/g, '$1');
	if (s.includes('&'))
		s = s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) =>
			name === '#39' ? "'" : (HTML_ENTITIES[name] ?? ' ')
		);
	if (s.includes('\\')) {
		s = s
			.replace(
				/\\(?:mathcal|mathbf|mathrm|textbf|textit|emph|text|mathit|boldsymbol|operatorname)\{([^{}]*)\}/g,
				'$1'
			)
			.replace(/\\times/g, 'x')
			// colour and size commands drop their first argument: \textcolor{red}{Warning} → Warning
			.replace(/\\(?:textcolor|color|colorbox)\{[^{}]{0,40}\}/g, '')
			// math accents and fonts around a symbol: \hat{U} → U, not "hatU"
			.replace(
				/\\(?:hat|tilde|bar|vec|dot|ddot|widehat|widetilde|overline|underline|mathbb|mathsf|mathtt|mathfrak|mathscr)(?![a-zA-Z])/g,
				''
			)
			// accents and escaped symbols: Doppelg\"anger → Doppelgänger, DPO-C\&M → DPO-C&M
			.replace(/\\(["'`^~])\{?([a-zA-Z])\}?/g, (_m, accent: string, letter: string) =>
				(letter + LATEX_ACCENTS[accent]).normalize('NFC')
			)
			.replace(/\\([&%#_])/g, '$1')
			.replace(/\\([a-zA-Z]+)/g, '$1');
	}
	// LaTeX quotes: ``word'' and ''word''
	if (s.includes("''") || s.includes('``')) s = s.replace(/``|''/g, '"');
	if (s.includes('$')) s = s.replace(/\$([^$]{0,80})\$/g, '$1');
	s = s.replace(/[{}$]/g, '').replace(CONTROL_CHARS, ' ');
	if (SPACING_HINT.test(s)) s = s.replace(/[ \t\r\f\v]+/g, ' ');
	if (s.includes('\n')) s = s.replace(/(?<![^\S\n])[^\S\n]*\n\s*/g, '\n');
	return s.trim();
}

const FUNCTION_WORDS = new Set([
	'the',
	'of',
	'and',
	'to',
	'in',
	'a',
	'we',
	'is',
	'for',
	'with',
	'that',
	'on',
	'this',
	'our',
	'are',
	'by',
	'as',
	'an',
	'from',
	'which',
	'can'
]);
// Function words as numbers: a word of at most MAX_FUNCTION_WORD letters, each letter 1–26 in
// base 32, is one exact integer (exact in a double up to 10 letters), so counting builds no strings.
const MAX_FUNCTION_WORD = Math.max(...[...FUNCTION_WORDS].map((w) => w.length));
const FUNCTION_CODES = new Set([...FUNCTION_WORDS].map((w) => letterCode(w, 0, w.length)));

function letterCode(text: string, from: number, to: number): number {
	let code = 0;
	for (let i = from; i < to; i++) code = code * 32 + ((text.charCodeAt(i) | 32) - 96);
	return code;
}

/** Why a text is not analysed, or null when it reads as English prose. */
export function notEnglishReason(text: string): string | null {
	// one pass over the characters: cheap enough to run on every abstract
	let latin = 0;
	let other = 0;
	let words = 0;
	let fn = 0;
	let wordStart = -1;
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) : 32;
		const lower = c | 32;
		if (lower >= 97 && lower <= 122) {
			latin++;
			if (wordStart < 0) wordStart = i;
			continue;
		}
		if (c > 127 && /\p{L}/u.test(text[i]!)) other++;
		if (wordStart >= 0) {
			words++;
			// only short words can be function words: no string for the rest
			if (i - wordStart <= MAX_FUNCTION_WORD && FUNCTION_CODES.has(letterCode(text, wordStart, i)))
				fn++;
			wordStart = -1;
		}
	}
	if (latin + other === 0) return null;
	if (latin / (latin + other) < 0.6) return 'not English: mostly non-Latin script';
	if (words < 25) return null;
	if (fn / words < 0.06) return 'not English prose: too few English function words';
	return null;
}

/** Longest abstract analysed; beyond this the text is cut at a sentence end. */
export const MAX_ABSTRACT_CHARS = 20_000;
