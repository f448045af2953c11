// BibTeX (.bib) entries with an `abstract` field, as exported by Zotero, Google Scholar,
// arXiv or DBLP. A small hand-written scanner: entries are cut out one at a time (memory is
// one entry), @string macros are honoured, @comment and @preamble are skipped.
import { countNewlines, MAX_RECORD_CHARS, tooLongReason } from './input.js';
import type { RawRecord, RawResult, TextInput } from './types.js';

const MONTHS: Record<string, string> = {
	jan: 'January',
	feb: 'February',
	mar: 'March',
	apr: 'April',
	may: 'May',
	jun: 'June',
	jul: 'July',
	aug: 'August',
	sep: 'September',
	oct: 'October',
	nov: 'November',
	dec: 'December'
};

export async function* readBibtex(input: TextInput): AsyncGenerator<RawResult> {
	const macros = new Map<string, string>(Object.entries(MONTHS));
	let buf = '';
	let bufLine = 1;
	let at = -1; // where the entry being scanned starts in buf
	let scan: Scan | null = null; // that entry's scan, resumed chunk after chunk (linear time)
	for await (const chunk of input.chunks()) {
		buf += chunk;
		for (;;) {
			if (!scan) {
				at = buf.indexOf('@');
				if (at === -1) {
					bufLine += countNewlines(buf);
					buf = '';
					break;
				}
				const head = entryHead(buf, at);
				if (head === 'wait') break;
				if (head === 'stray') {
					// a stray '@' in comment text between entries
					bufLine += countNewlines(buf, at + 1);
					buf = buf.slice(at + 1);
					continue;
				}
				const line = bufLine + countNewlines(buf, at);
				scan = { from: at + head.length, depth: 0, closer: head.closer, line, skip: false };
			}
			const end = scanBody(buf, scan);
			if (end === -1) {
				if (!scan.skip && buf.length - at > MAX_RECORD_CHARS) {
					yield { ok: false, line: scan.line, reason: tooLongReason('BibTeX entry') };
					scan.skip = true;
				}
				if (scan.skip) {
					// Only the brace depth is still needed to find where the entry ends.
					bufLine += countNewlines(buf);
					buf = '';
					at = 0;
					scan.from = 0;
				}
				break;
			}
			if (!scan.skip) {
				const r = parseEntry(buf.slice(at, end), scan.line, macros);
				if (r) yield r;
			}
			bufLine += countNewlines(buf, end);
			buf = buf.slice(end);
			scan = null;
		}
	}
	if (scan && !scan.skip)
		yield { ok: false, line: scan.line, reason: 'truncated BibTeX entry: no closing brace' };
}

interface Scan {
	from: number; // next character to look at
	depth: number;
	closer: '}' | ')';
	line: number;
	skip: boolean; // over-long: rejected already, scanned to its end only
}

/** The "@type{" opening an entry at `at`; 'wait' when it may still be arriving. */
function entryHead(
	buf: string,
	at: number
): { length: number; closer: '}' | ')' } | 'wait' | 'stray' {
	const head = /^@\s*[a-zA-Z]+\s*([{(])/.exec(buf.slice(at, at + 200));
	if (head) return { length: head[0].length, closer: head[1] === '{' ? '}' : ')' };
	return buf.length - at < 200 && !buf.slice(at + 1).includes('\n') ? 'wait' : 'stray';
}

/** Index just past the entry's closer, or -1 if not in buf yet (the scan resumes there). */
function scanBody(buf: string, s: Scan): number {
	for (let i = s.from; i < buf.length; i++) {
		const ch = buf[i];
		if (ch === '{') s.depth++;
		else if (ch === '}' && s.depth > 0) s.depth--;
		else if (ch === s.closer && s.depth === 0) return i + 1;
	}
	s.from = buf.length;
	return -1;
}

function parseEntry(text: string, line: number, macros: Map<string, string>): RawResult | null {
	const head = /^@\s*([a-zA-Z]+)\s*[{(]/.exec(text);
	if (!head) return null; // a stray '@' in comment text between entries
	const type = head[1]!.toLowerCase();
	if (type === 'comment' || type === 'preamble') return null;
	const body = text.slice(head[0].length, -1);
	if (type === 'string') {
		const fields = parseFields(body, macros);
		for (const [k, v] of fields) macros.set(k, v);
		return null;
	}
	const comma = body.indexOf(',');
	if (comma === -1) return { ok: false, line, reason: `BibTeX @${type} entry without fields` };
	let fields: Map<string, string>;
	try {
		fields = parseFields(body.slice(comma + 1), macros);
	} catch (err) {
		return { ok: false, line, reason: `malformed BibTeX entry: ${(err as Error).message}` };
	}
	return { ok: true, line, record: toRecord(fields) };
}

function toRecord(f: Map<string, string>): RawRecord {
	const eprintIsArxiv =
		/arxiv/i.test(f.get('archiveprefix') ?? f.get('eprinttype') ?? '') ||
		/^\d{4}\.\d{4,5}/.test(f.get('eprint') ?? '');
	const arxivInText = /arXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)/i.exec(
		`${f.get('journal') ?? ''} ${f.get('note') ?? ''}`
	);
	return {
		title: f.get('title'),
		abstract: f.get('abstract'),
		year: f.get('year'),
		date: f.get('date'),
		authors: splitNames(f.get('author') ?? ''),
		url: f.get('url'),
		doi: f.get('doi'),
		arxivId: eprintIsArxiv ? f.get('eprint') : arxivInText?.[1]
	};
}

/** `name = {value} # "more", …` → lower-cased field names to values (braces kept for LaTeX). */
function parseFields(body: string, macros: Map<string, string>): Map<string, string> {
	const out = new Map<string, string>();
	let i = 0;
	const ws = () => {
		while (i < body.length && /\s/.test(body[i]!)) i++;
	};
	while (i < body.length) {
		ws();
		if (body[i] === ',') {
			i++;
			continue;
		}
		if (i >= body.length) break;
		const name = /^[\w:.-]+/.exec(body.slice(i))?.[0];
		if (!name) throw new Error(`unexpected "${body.slice(i, i + 20)}"`);
		i += name.length;
		ws();
		if (body[i] !== '=') throw new Error(`field "${name}" has no "="`);
		i++;
		let value = '';
		for (;;) {
			ws();
			const ch = body[i];
			if (ch === '{') {
				const close = matchBrace(body, i);
				value += body.slice(i + 1, close);
				i = close + 1;
			} else if (ch === '"') {
				let j = i + 1;
				let depth = 0;
				for (; j < body.length; j++) {
					if (body[j] === '{') depth++;
					else if (body[j] === '}') depth--;
					else if (body[j] === '"' && depth === 0 && body[j - 1] !== '\\') break;
				}
				if (j >= body.length) throw new Error(`unterminated "…" in field "${name}"`);
				value += body.slice(i + 1, j);
				i = j + 1;
			} else {
				const word = /^[\w.:-]+/.exec(body.slice(i))?.[0];
				if (!word) throw new Error(`field "${name}" has no value`);
				value += /^\d+$/.test(word) ? word : (macros.get(word.toLowerCase()) ?? word);
				i += word.length;
			}
			ws();
			if (body[i] !== '#') break;
			i++;
		}
		out.set(name.toLowerCase(), value);
	}
	return out;
}

function matchBrace(s: string, open: number): number {
	let depth = 0;
	for (let i = open; i < s.length; i++) {
		if (s[i] === '{') depth++;
		else if (s[i] === '}' && --depth === 0) return i;
	}
	throw new Error('unbalanced braces');
}

/** "Liu, Xingchao and Zhang, Xiwen" → ["Xingchao Liu", "Xiwen Zhang"]. */
export function splitNames(s: string): string[] {
	return s
		.split(/\s+and\s+/)
		.map((n) => n.replace(/\s+/g, ' ').trim())
		.filter((n) => n && n.toLowerCase() !== 'others')
		.map((n) => {
			const parts = n.split(',').map((p) => p.trim());
			return parts.length >= 2 ? `${parts.slice(1).reverse().join(' ')} ${parts[0]}`.trim() : n;
		});
}
