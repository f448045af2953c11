// arXiv API Atom feeds (export.arxiv.org/api/query). Streams entry by entry: each
// <entry>…</entry> is cut out of the text and parsed alone, so memory is bounded by one entry,
// a truncated feed still yields every complete entry, and a DTD in the prolog never reaches
// the parser (no entity expansion, however the document is crafted).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { countNewlines, MAX_RECORD_CHARS, tooLongReason } from './input.js';
import type { RawRecord, RawResult, TextInput } from './types.js';

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	removeNSPrefix: true,
	parseTagValue: false,
	trimValues: true,
	htmlEntities: false,
	// Only the five XML entities and character references; tight limits as a second fence.
	processEntities: {
		enabled: true,
		maxEntityCount: 1,
		maxTotalExpansions: 10_000,
		maxExpandedLength: 200_000,
		maxExpansionDepth: 1
	},
	isArray: (name) => name === 'author' || name === 'link' || name === 'category'
});

const ENTRY_OPEN = /<(?:[\w-]+:)?entry[\s>]/;
const ENTRY_CLOSE = /<\/(?:[\w-]+:)?entry\s*>/g;

export async function* readArxivAtom(input: TextInput): AsyncGenerator<RawResult> {
	let buf = '';
	let bufLine = 1; // line number of buf[0]
	let inProlog = true;
	let sawEnd = false;
	// Where to resume looking for </entry>: each chunk is searched once, not the whole entry again.
	let scanFrom = 0;
	let skipping = false; // inside an over-long entry, already rejected: only its end matters
	for await (const chunk of input.chunks()) {
		buf += chunk;
		for (;;) {
			if (skipping) {
				ENTRY_CLOSE.lastIndex = scanFrom;
				const close = ENTRY_CLOSE.exec(buf);
				const cut = close ? close.index + close[0].length : Math.max(0, buf.length - 64);
				bufLine += countNewlines(buf, cut);
				buf = buf.slice(cut);
				scanFrom = 0;
				if (!close) break;
				skipping = false;
			}
			const open = buf.search(ENTRY_OPEN);
			if (inProlog) {
				const prolog = open === -1 ? buf : buf.slice(0, open);
				if (open === -1 && buf.length < 1_000_000) break; // wait for more text
				inProlog = false;
				const sawFeed = /<(?:[\w-]+:)?feed[\s>]/.test(prolog);
				if (/<!DOCTYPE|<!ENTITY/i.test(prolog))
					yield {
						ok: false,
						line: bufLine,
						reason: 'the feed declares a DTD/entities: ignored, nothing is expanded'
					};
				if (!sawFeed) {
					yield { ok: false, line: bufLine, reason: 'not an Atom feed (no <feed> element)' };
					return;
				}
			}
			if (open === -1) {
				// Keep only a tail that could hold the start of a split "<entry" tag.
				if (/<\/(?:[\w-]+:)?feed\s*>/.test(buf)) sawEnd = true;
				const keep = Math.max(0, buf.length - 64);
				bufLine += countNewlines(buf, keep);
				buf = buf.slice(keep);
				break;
			}
			ENTRY_CLOSE.lastIndex = Math.max(open, scanFrom);
			const close = ENTRY_CLOSE.exec(buf);
			const line = bufLine + countNewlines(buf, open);
			if (!close) {
				// Not complete yet; a close tag split across chunks is at most 64 characters back.
				scanFrom = Math.max(open, buf.length - 64);
				if (buf.length - open > MAX_RECORD_CHARS) {
					yield { ok: false, line, reason: tooLongReason('<entry>') };
					bufLine += countNewlines(buf, scanFrom);
					buf = buf.slice(scanFrom);
					scanFrom = 0;
					skipping = true;
				}
				break;
			}
			scanFrom = 0;
			const end = close.index + close[0].length;
			// An entry that never closes, followed by a complete one: reject it, keep the next.
			const next = buf.slice(open + 1, close.index).search(ENTRY_OPEN);
			if (next !== -1) {
				yield {
					ok: false,
					line,
					reason: 'malformed feed: <entry> is not closed before the next one'
				};
				bufLine += countNewlines(buf, open + 1 + next);
				buf = buf.slice(open + 1 + next);
				continue;
			}
			yield parseEntry(buf.slice(open, end), line);
			bufLine += countNewlines(buf, end);
			buf = buf.slice(end);
		}
	}
	if (inProlog) {
		// No entry at all: fine for an empty result page, an error for anything else.
		if (!/<(?:[\w-]+:)?feed[\s>]/.test(buf))
			yield { ok: false, line: 1, reason: 'not an Atom feed (no <feed> element)' };
		else if (!/<\/(?:[\w-]+:)?feed\s*>/.test(buf))
			yield {
				ok: false,
				line: bufLine + countNewlines(buf),
				reason: 'truncated feed: no closing </feed>'
			};
		return;
	}
	if (skipping) return; // the cut entry was rejected as over-long already
	const open = buf.search(ENTRY_OPEN);
	if (open !== -1) {
		yield {
			ok: false,
			line: bufLine + countNewlines(buf, open),
			reason: 'truncated feed: <entry> is not closed'
		};
	} else if (!sawEnd && !/<\/(?:[\w-]+:)?feed\s*>/.test(buf)) {
		yield {
			ok: false,
			line: bufLine + countNewlines(buf),
			reason: 'truncated feed: no closing </feed>'
		};
	}
}

type Obj = Record<string, unknown>;

function parseEntry(xml: string, line: number): RawResult {
	const valid = XMLValidator.validate(xml);
	if (valid !== true) {
		return {
			ok: false,
			line: line + valid.err.line - 1,
			reason: `malformed <entry>: ${valid.err.msg}`
		};
	}
	const doc = parser.parse(xml) as Obj;
	const e = (doc.entry ?? {}) as Obj;
	const id = text(e.id);
	// The API reports bad queries as a feed with one entry whose id is …/api/errors#….
	if (id.includes('/api/errors'))
		return { ok: false, line, reason: `arXiv API error: ${text(e.summary)}` };
	const links = (e.link as Obj[] | undefined) ?? [];
	const alternate = links.find((l) => l['@_rel'] === 'alternate' || !l['@_rel']);
	const record: RawRecord = {
		id,
		title: text(e.title),
		abstract: text(e.summary),
		date: text(e.published) || text(e.updated),
		authors: ((e.author as Obj[] | undefined) ?? []).map((a) => text(a.name)).filter(Boolean),
		url: text(alternate?.['@_href']) || id,
		arxivId: id,
		doi: text(e.doi) || undefined
	};
	return { ok: true, line, record };
}

function text(v: unknown): string {
	if (v === undefined || v === null) return '';
	if (typeof v === 'object') return text((v as Obj)['#text']);
	return String(v);
}
