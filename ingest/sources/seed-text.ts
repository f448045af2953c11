// The listing-page text format of the bundled sample corpus:
//
//   new                                   ← page chrome, skipped
//   Get trending papers in your email inbox!
//   Mar 11
//   InstaFlow: One Step is Enough for …   ← title: one short line
//                                         ← blank line
//   Diffusion models have revolutionized… ← abstract: the next paragraph (may wrap lines)
import { lines } from './input.js';
import type { RawResult, TextInput } from './types.js';

const CHROME = new Set(
	[
		'new',
		'get trending papers in your email inbox!',
		'subscribe',
		'byak and the research community',
		'trending papers',
		'daily papers',
		'submit',
		'search'
	].map((s) => s.toLowerCase())
);
const DATE_LINE =
	/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?$/i;

export function isChromeLine(line: string): boolean {
	const t = line.trim();
	return CHROME.has(t.toLowerCase()) || DATE_LINE.test(t) || /^\d{4}-\d{2}-\d{2}$/.test(t);
}

const MAX_TITLE = 300;
// Abstracts are paragraphs of sentences; a single short line after a title that has no
// abstract yet is more likely the next title than a one-line abstract.
const MIN_ONE_LINE_ABSTRACT = 120;

interface Para {
	text: string;
	line: number;
	lines: number;
}

export async function* readSeedText(input: TextInput): AsyncGenerator<RawResult> {
	let title: Para | null = null;
	for await (const para of paragraphs(input.chunks())) {
		if (para.lines === 1 && isChromeLine(para.text)) continue;
		const titleLike = para.lines === 1 && para.text.length <= MAX_TITLE;
		if (!title) {
			if (titleLike) title = para;
			else yield { ok: false, line: para.line, reason: 'paragraph without a title line before it' };
			continue;
		}
		if (titleLike && para.text.length < MIN_ONE_LINE_ABSTRACT) {
			yield { ok: false, line: title.line, reason: `title without an abstract: "${title.text}"` };
			title = para;
			continue;
		}
		yield { ok: true, line: title.line, record: { title: title.text, abstract: para.text } };
		title = null;
	}
	if (title)
		yield { ok: false, line: title.line, reason: `title without an abstract: "${title.text}"` };
}

async function* paragraphs(chunks: AsyncIterable<string>): AsyncGenerator<Para> {
	let cur: Para | null = null;
	for await (const { text, line } of lines(chunks)) {
		if (text.trim() === '') {
			if (cur) yield cur;
			cur = null;
		} else if (cur) {
			cur.text += '\n' + text.trim();
			cur.lines++;
		} else {
			cur = { text: text.trim(), line, lines: 1 };
		}
	}
	if (cur) yield cur;
}
