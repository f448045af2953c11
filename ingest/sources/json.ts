// JSON Lines, JSON arrays and single JSON documents. Line mode and top-level arrays stream
// record by record; a pretty-printed object (an API page such as {results: [...]}) is parsed
// whole, which is bounded by the API's page size.
import { countNewlines, lines, MAX_RECORD_CHARS, tooLongReason, type Line } from './input.js';
import { mapJsonValue, type JsonFlavour } from './json-record.js';
import type { RawResult, Reader, TextInput } from './types.js';

export interface JsonReaderOptions {
	/** 'lines' forces JSON Lines (a .jsonl file); 'auto' looks at the content. */
	mode: 'auto' | 'lines';
	flavour: JsonFlavour;
}

export function jsonReader(opts: JsonReaderOptions): Reader {
	return (input) => readJson(input, opts);
}

async function* readJson(input: TextInput, opts: JsonReaderOptions): AsyncGenerator<RawResult> {
	const first = input.head.trimStart()[0];
	if (opts.mode === 'lines') return yield* readLines(lines(input.chunks()), opts.flavour);
	if (first === '[') return yield* readArray(input.chunks(), opts.flavour);
	const firstLine = input.head.trimStart().split('\n', 1)[0]!;
	if (parses(firstLine)) return yield* readLines(lines(input.chunks()), opts.flavour);
	yield* readDocument(input, opts.flavour);
}

async function* readLines(
	src: AsyncIterable<Line>,
	flavour: JsonFlavour
): AsyncGenerator<RawResult> {
	for await (const { text, line, tooLong } of src) {
		if (tooLong) {
			yield { ok: false, line, reason: tooLongReason('JSON line') };
			continue;
		}
		const t = text.trim();
		if (!t) continue;
		let value: unknown;
		try {
			value = JSON.parse(t);
		} catch (err) {
			yield { ok: false, line, reason: `malformed JSON line: ${jsonError(err)}` };
			continue;
		}
		const reasons = new Set<string>(); // one reject per line, not one per bad element
		for (const m of mapJsonValue(value, flavour)) {
			if (m.ok) yield { ok: true, line, record: m.record, kind: m.kind ?? 'jsonl' };
			else if (!reasons.has(m.reason)) {
				reasons.add(m.reason);
				yield { ok: false, line, reason: m.reason };
			}
		}
	}
}

/** Largest JSON document parsed whole (an API page); bigger ones should be JSON Lines. */
export const MAX_DOCUMENT_CHARS = 16 * MAX_RECORD_CHARS;

async function* readDocument(input: TextInput, flavour: JsonFlavour): AsyncGenerator<RawResult> {
	const parts: string[] = [];
	let size = 0;
	for await (const chunk of input.chunks()) {
		size += chunk.length;
		if (size > MAX_DOCUMENT_CHARS) {
			yield {
				ok: false,
				line: 1,
				reason: `JSON document larger than ${MAX_DOCUMENT_CHARS.toLocaleString('en')} characters: split it, or write one record per line (JSON Lines) or a top-level array`
			};
			return;
		}
		parts.push(chunk);
	}
	const text = parts.join('');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (err) {
		// A JSON Lines file whose first line is broken lands here: read it line by line.
		const rows = text.split('\n').filter((l) => l.trim());
		if (rows.length > 1 && rows.every((l) => /^\s*\{.*\}\s*$/.test(l) || !parses(l))) {
			const numbered = text
				.split('\n')
				.map((t, i) => ({ text: t.replace(/\r$/, ''), line: i + 1 }));
			return yield* readLines(toAsync(numbered), flavour);
		}
		const pos = Number(/position (\d+)/.exec(String((err as Error).message))?.[1] ?? NaN);
		const line = Number.isNaN(pos) ? countNewlines(text) + 1 : countNewlines(text, pos) + 1;
		yield { ok: false, line, reason: `malformed JSON: ${jsonError(err)}` };
		return;
	}
	// Elements of a parsed document have no line of their own: number them as records instead.
	let n = 0;
	for (const m of mapJsonValue(value, flavour)) {
		n++;
		yield m.ok
			? { ok: true, line: n, record: m.record, kind: m.kind ?? 'json' }
			: { ok: false, line: n, reason: m.reason };
	}
}

async function* readArray(
	chunks: AsyncIterable<string>,
	flavour: JsonFlavour
): AsyncGenerator<RawResult> {
	for await (const el of splitArray(chunks)) {
		if (!el.ok) {
			yield el;
			continue;
		}
		let value: unknown;
		try {
			value = JSON.parse(el.text);
		} catch (err) {
			yield { ok: false, line: el.line, reason: `malformed JSON array element: ${jsonError(err)}` };
			continue;
		}
		for (const m of mapJsonValue(value, flavour))
			yield m.ok
				? { ok: true, line: el.line, record: m.record, kind: m.kind ?? 'json' }
				: { ok: false, line: el.line, reason: m.reason };
	}
}

type Piece = { ok: true; text: string; line: number } | { ok: false; line: number; reason: string };

/** Streams the elements of a top-level JSON array as text, each with its starting line. */
export async function* splitArray(chunks: AsyncIterable<string>): AsyncGenerator<Piece> {
	let depth = 0; // 0 before '[', 1 inside the array, more inside an element
	let inStr = false;
	let esc = false;
	let line = 1;
	let buf = '';
	let elemLine = 0;
	let elemSize = 0; // characters of the current element; past MAX_RECORD_CHARS it is skipped
	let done = false;
	for await (const chunk of chunks) {
		// Start of the current element's text within this chunk (0 when it began in an earlier one).
		let seg = elemSize ? 0 : -1;
		for (let i = 0; i < chunk.length; i++) {
			const ch = chunk[i]!;
			if (ch === '\n') line++;
			if (done) {
				if (!/\s/.test(ch)) {
					yield { ok: false, line, reason: 'unexpected content after the end of the JSON array' };
					return;
				}
				continue;
			}
			if (inStr) {
				if (esc) esc = false;
				else if (ch === '\\') esc = true;
				else if (ch === '"') inStr = false;
				continue;
			}
			if (depth === 0) {
				if (ch === '[') depth = 1;
				else if (!/\s/.test(ch)) {
					yield { ok: false, line, reason: 'expected a JSON array' };
					return;
				}
				continue;
			}
			if (depth === 1 && (ch === ',' || ch === ']')) {
				if (seg >= 0) {
					elemSize += i - seg;
					if (elemSize <= MAX_RECORD_CHARS) buf += chunk.slice(seg, i);
				}
				seg = -1;
				if (elemSize > MAX_RECORD_CHARS)
					yield { ok: false, line: elemLine, reason: tooLongReason('JSON array element') };
				else if (buf.trim()) yield { ok: true, text: buf, line: elemLine };
				else if (ch === ',') yield { ok: false, line, reason: 'empty element in JSON array' };
				buf = '';
				elemSize = 0;
				if (ch === ']') {
					depth = 0;
					done = true;
				}
				continue;
			}
			if (depth === 1 && seg < 0 && !elemSize && /\s/.test(ch)) continue;
			if (seg < 0) {
				if (!elemSize) elemLine = line;
				seg = i;
			}
			if (ch === '"') inStr = true;
			else if (ch === '{' || ch === '[') depth++;
			else if (ch === '}' || ch === ']') depth--;
		}
		if (seg >= 0) {
			elemSize += chunk.length - seg;
			// An oversized element is still scanned to its end, just no longer kept.
			if (elemSize <= MAX_RECORD_CHARS) buf += chunk.slice(seg);
			else buf = '';
		}
	}
	if (!done) {
		yield {
			ok: false,
			line: elemSize ? elemLine : line,
			reason: 'truncated JSON array: the file ends before the closing ]'
		};
	}
}

function parses(s: string): boolean {
	try {
		JSON.parse(s);
		return true;
	} catch {
		return false;
	}
}

function jsonError(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
	yield* items;
}
