// Tokens and sentences, by hand: one linear pass each, far cheaper than a tagger.
import { nameKey } from './resolve/name-key.js';

export interface Token {
	text: string;
	start: number; // offsets into the analysed text
	end: number;
	/** letters/digits (a "piece" of a name) as opposed to punctuation */
	word: boolean;
	/** whitespace (or the start of the text) directly before the token */
	space: boolean;
	/** lower-case, accent-folded spelling (see resolve/normalize nameKey) */
	key: string;
}

const ASCII = /^[\x20-\x7e]*$/;

// A word piece: letters and digits, with a "+"/"++" suffix kept ("PFGM++", "CFG++").
const TOKEN = /[\p{L}\p{N}]+(?:\+\+|\+(?![\p{L}\p{N}]))?|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
	const tokens: Token[] = [];
	let pos = from;
	let prevEnd = from;
	// ASCII is read by hand (TOKEN's exec costs more than the rest of a token); anything else —
	// a non-ASCII character at or after a token, or a non-ASCII space — goes through TOKEN itself
	// from the same position, so both paths cut exactly where TOKEN alone would.
	while (pos < text.length) {
		const c = text.charCodeAt(pos);
		if (c === 32 || (c >= 9 && c <= 13)) {
			pos++;
			continue;
		}
		let start = pos;
		let end = -1;
		if (c < 128) {
			if (!isAsciiAlnum(c)) end = pos + 1;
			else {
				let j = pos + 1;
				while (j < text.length && isAsciiAlnum(text.charCodeAt(j))) j++;
				const next = j < text.length ? text.charCodeAt(j) : -1;
				if (next === 43 /* + */) {
					const after = j + 1 < text.length ? text.charCodeAt(j + 1) : -1;
					if (after === 43) end = j + 2;
					else if (after < 0 || (after < 128 && !isAsciiAlnum(after))) end = j + 1;
					else if (after < 128) end = j;
				} else if (next < 128) end = j;
			}
		}
		let piece: string;
		let ascii = true;
		if (end >= 0) {
			if (start >= to) break;
			piece = text.slice(start, end);
		} else {
			ascii = false;
			TOKEN.lastIndex = pos;
			const m = TOKEN.exec(text);
			if (!m || m.index >= to) break;
			start = m.index;
			piece = m[0];
			end = start + piece.length;
		}
		const word = isWordStart(piece.charCodeAt(0), piece);
		tokens.push({
			text: piece,
			start,
			end,
			word,
			space: start === from || start > prevEnd,
			key: !word ? piece : ascii || ASCII.test(piece) ? piece.toLowerCase() : nameKey(piece)
		});
		prevEnd = end;
		pos = end;
	}
	return tokens;
}

function isAsciiAlnum(code: number): boolean {
	return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
}

function isWordStart(code: number, text: string): boolean {
	if (code < 128) return isAsciiAlnum(code);
	return /^[\p{L}\p{N}]/u.test(text);
}

export interface SentenceSpan {
	start: number;
	end: number;
}

// Words whose trailing period does not end a sentence.
const ABBREVIATIONS = new Set([
	'e.g',
	'i.e',
	'et al',
	'al',
	'vs',
	'cf',
	'fig',
	'figs',
	'eq',
	'eqs',
	'sec',
	'approx',
	'etc',
	'resp',
	'no',
	'ref',
	'refs',
	'dr',
	'mr',
	'ms'
]);

/**
 * Splits at `.`, `!` or `?` followed by space and a capital, digit or bracket, except after
 * abbreviations ("e.g.", "et al.") — decimals ("v1.5") never have the space.
 */
export function splitSentences(text: string, from = 0, to = text.length): SentenceSpan[] {
	const spans: SentenceSpan[] = [];
	let start = skipSpace(text, from, to);
	for (let i = start; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c !== 46 /* . */ && c !== 33 /* ! */ && c !== 63 /* ? */ && c !== 10 /* \n */) continue;
		const ch = text[i];
		if (ch === '\n') {
			// a blank line always ends a sentence (title / abstract boundary, paragraphs)
			if (text[i + 1] !== '\n') continue;
		} else {
			const next = i + 1;
			if (next < to && !/\s/.test(text[next]!)) continue;
			const after = skipSpace(text, next, to);
			if (after < to && !/[\p{Lu}\p{N}("'[$\\]/u.test(text[after]!)) continue;
			if (ch === '.' && isAbbreviation(text, start, i)) continue;
		}
		const end = ch === '\n' ? trimEnd(text, start, i) : i + 1;
		if (end > start) spans.push({ start, end });
		start = skipSpace(text, i + 1, to);
		i = start - 1;
	}
	const end = trimEnd(text, start, to);
	if (end > start) spans.push({ start, end });
	return spans;
}

function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
	let j = dot;
	while (j > sentenceStart && /[\p{L}.]/u.test(text[j - 1]!)) j--;
	const word = text.slice(j, dot).toLowerCase();
	if (ABBREVIATIONS.has(word)) return true;
	// "et al." — look one word further back
	if (word === 'al' && /et\s*$/i.test(text.slice(Math.max(sentenceStart, j - 4), j))) return true;
	// single capital initials ("J. Smith")
	return /^\p{Lu}$/u.test(text.slice(j, dot));
}

function skipSpace(text: string, i: number, to: number): number {
	while (i < to && /\s/.test(text[i]!)) i++;
	return i;
}

function trimEnd(text: string, start: number, end: number): number {
	while (end > start && /\s/.test(text[end - 1]!)) end--;
	return end;
}
