// Per-sentence working data: tokens, a word list for cue matching, and whether the sentence
// speaks about the paper's own contribution.
import { splitSentences, tokenize, type Token } from './text.js';

/** A word for cue matching: hyphen-glued pieces joined ("fine-tuned"), punctuation on its own. */
export interface Word {
	text: string; // lower case
	first: number; // token indexes, inclusive
	last: number;
	punct: boolean;
}

export interface SentenceCtx {
	index: number;
	start: number;
	end: number;
	text: string;
	tokens: Token[];
	words: Word[];
	/** token index → word index */
	wordOf: Int32Array;
	isTitle: boolean;
	/** "we", "our", "this paper", "the proposed": the sentence talks about the contribution */
	contribution: boolean;
}

const CONTRIBUTION =
	/\b(?:we|our|us|this (?:paper|work|study|article)|the proposed|here(?:in)?|in this paper)\b/i;

export function buildSentences(
	text: string,
	titleEnd: number,
	abstractStart: number
): SentenceCtx[] {
	const spans = [];
	if (titleEnd > 0) spans.push({ start: 0, end: titleEnd });
	spans.push(...splitSentences(text, abstractStart, text.length));
	return spans.map((s, index) => {
		const tokens = tokenize(text, s.start, s.end);
		const { words, wordOf } = buildWords(tokens);
		const sentenceText = text.slice(s.start, s.end);
		return {
			index,
			start: s.start,
			end: s.end,
			text: sentenceText,
			tokens,
			words,
			wordOf,
			isTitle: titleEnd > 0 && index === 0,
			contribution: CONTRIBUTION.test(sentenceText)
		};
	});
}

function buildWords(tokens: Token[]): { words: Word[]; wordOf: Int32Array } {
	const words: Word[] = [];
	const wordOf = new Int32Array(tokens.length);
	let i = 0;
	while (i < tokens.length) {
		const t = tokens[i]!;
		if (!t.word) {
			wordOf[i] = words.length;
			words.push({ text: t.text.toLowerCase(), first: i, last: i, punct: true });
			i++;
			continue;
		}
		// glue "fine" "-" "tuned" into one word; "e.g." style dots too
		let j = i;
		while (
			j + 2 < tokens.length &&
			(tokens[j + 1]!.text === '-' || tokens[j + 1]!.text === '.') &&
			!tokens[j + 1]!.space &&
			!tokens[j + 2]!.space &&
			tokens[j + 2]!.word
		)
			j += 2;
		let s = '';
		for (let k = i; k <= j; k++) {
			s += tokens[k]!.text;
			wordOf[k] = words.length;
		}
		words.push({ text: s.toLowerCase(), first: i, last: j, punct: false });
		i = j + 1;
	}
	return { words, wordOf };
}
