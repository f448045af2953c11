// The listing-page text format of the bundled sample corpus:
//
//   new                                   ← page chrome, skipped
//   Get trending papers in your email inbox!
//   Mar 11
//   InstaFlow: One Step is Enough for …   ← title: one short line
//                                         ← blank line
//   Diffusion models have revolutionized… ← abstract: the next paragraph (may wrap lines)
import { lines, MAX_RECORD_CHARS, tooLongReason } from './input.js';
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
	tooLong?: boolean; // over MAX_RECORD_CHARS: text dropped, the paragraph is a reject
}

export async function* readSeedText(input: TextInput): AsyncGenerator<RawResult> {
	let title: Para | null = null;
	for await (const para of paragraphs(input.chunks())) {
		if (para.tooLong) {
			// Without its text the paragraph can be neither title nor abstract: drop it and any
			// title waiting for it.
			yield { ok: false, line: title?.line ?? para.line, reason: tooLongReason('paragraph') };
			title = null;
			continue;
		}
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
	let parts: string[] = [];
	let size = 0;
	const done = (p: Para): Para => {
		p.text = p.tooLong ? '' : parts.join('\n');
		parts = [];
		size = 0;
		return p;
	};
	for await (const { text, line, tooLong } of lines(chunks)) {
		const t = tooLong ? '' : text.trim();
		if (!t && !tooLong) {
			if (cur) yield done(cur);
			cur = null;
			continue;
		}
		cur ??= { text: '', line, lines: 0 };
		cur.lines++;
		size += (tooLong ?? t.length) + 1;
		if (tooLong || size > MAX_RECORD_CHARS) cur.tooLong = true;
		else parts.push(t);
	}
	if (cur) yield done(cur);
}
