// CSV/TSV with a header row (csv-parse, streaming). Column names are matched loosely
// (case, spaces and a few common synonyms) because spreadsheets are hand-made.
import { parse } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { authorList } from './json-record.js';
import type { RawRecord, RawResult, Reader, TextInput } from './types.js';

const COLUMNS: Record<string, keyof RawRecord> = {
	id: 'id',
	title: 'title',
	abstract: 'abstract',
	summary: 'abstract',
	year: 'year',
	publication_year: 'year',
	date: 'date',
	published: 'date',
	publication_date: 'date',
	authors: 'authors',
	author: 'authors',
	url: 'url',
	link: 'url',
	arxivid: 'arxivId',
	arxiv_id: 'arxivId',
	arxiv: 'arxivId',
	doi: 'doi'
};

/**
 * Longest CSV row. Lower than other readers' limit: csv-parse takes about 3 µs per character of
 * one long field, so 4 MB would be a 12 s stall; a spreadsheet row of 1 MB is broken anyway.
 */
export const MAX_CSV_RECORD_CHARS = 1024 * 1024;

export function csvReader(delimiter: string): Reader {
	return (input) => readCsv(input, delimiter);
}

type Row = { record: Record<string, string>; info: { lines: number; error?: { code: string } } };

async function* readCsv(input: TextInput, delimiter: string): AsyncGenerator<RawResult> {
	const parser = parse({
		delimiter,
		columns: (header: string[]) =>
			header.map((h) =>
				h
					.trim()
					.toLowerCase()
					.replace(/[\s-]+/g, '_')
			),
		relax_column_count: true,
		relax_quotes: true,
		skip_empty_lines: true,
		trim: true,
		info: true,
		// An unclosed quote would otherwise swallow the rest of the file into one field.
		max_record_size: MAX_CSV_RECORD_CHARS
	});
	// pipeline (not pipe) so a read error mid-file reaches the loop below instead of crashing.
	pipeline(Readable.from(input.chunks()), parser, () => {});
	let header: string[] | null = null;
	try {
		for await (const row of parser as AsyncIterable<Row>) {
			const line = row.info.lines;
			header ??= Object.keys(row.record);
			if (row.info.error?.code === 'CSV_RECORD_INCONSISTENT_COLUMNS') {
				const got = Object.values(row.record).length;
				yield {
					ok: false,
					line,
					reason: `row has ${got < header.length ? 'fewer' : 'more'} columns than the header (${header.length})`
				};
				continue;
			}
			yield { ok: true, line, record: toRecord(row.record) };
		}
	} catch (err) {
		const e = err as { message?: string; lines?: number };
		yield { ok: false, line: e.lines ?? 0, reason: `malformed CSV: ${e.message ?? String(err)}` };
	}
}

function toRecord(row: Record<string, string>): RawRecord {
	const rec: RawRecord = {};
	for (const [col, value] of Object.entries(row)) {
		const field = COLUMNS[col];
		if (!field || value === undefined || value === '') continue;
		if (field === 'authors') rec.authors = authorList(value);
		else (rec as Record<string, unknown>)[field] = value;
	}
	return rec;
}
