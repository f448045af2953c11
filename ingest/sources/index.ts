// Entry point of the source readers: one path in, a stream of papers and rejects out.
//
//   for await (const r of readPapers('papers.jsonl')) r.ok ? use(r.paper) : log(r.reject);
//
// Never throws for bad content: a missing, empty, binary or mis-encoded file, a malformed
// record or one without a title/abstract each become a reject with the file, line and reason.
// `.gz` files are decompressed as they are read; `papers.jsonl.gz` is sniffed as `papers.jsonl`.
import { readArxivAtom } from './arxiv-atom.js';
import { readBibtex } from './bibtex.js';
import { csvReader } from './csv.js';
import { FORMATS, resolveFormat, sniffFormat, type Format } from './formats.js';
import { InputError, openText, withoutGz } from './input.js';
import { jsonReader } from './json.js';
import { toPaper } from './record.js';
import { readSeedText } from './seed-text.js';
import type { ReadResult, Reader, Reject } from './types.js';

export type { ReadResult, Reject } from './types.js';
export { FORMATS, resolveFormat, sniffFormat, type Format } from './formats.js';
export { Deduper, type DedupeOutcome, type DedupeResult } from './dedupe.js';

export interface ReadOptions {
	/** Force a format (see FORMATS; aliases such as 'ndjson', 'atom', 's2', 'bib' work too). */
	format?: string;
}

interface ReaderSpec {
	read: Reader;
	kind: string; // SourceRef.kind unless the record says otherwise (openalex, semantic-scholar)
	latex: boolean | 'auto'; // arXiv/BibTeX are LaTeX source; the sample corpus is rendered text
}

const READERS: Record<Format, ReaderSpec> = {
	'seed-text': { read: readSeedText, kind: 'seed-text', latex: false },
	jsonl: { read: jsonReader({ mode: 'lines', flavour: 'auto' }), kind: 'jsonl', latex: 'auto' },
	json: { read: jsonReader({ mode: 'auto', flavour: 'auto' }), kind: 'json', latex: 'auto' },
	openalex: {
		read: jsonReader({ mode: 'auto', flavour: 'openalex' }),
		kind: 'openalex',
		latex: 'auto'
	},
	'semantic-scholar': {
		read: jsonReader({ mode: 'auto', flavour: 'semantic-scholar' }),
		kind: 'semantic-scholar',
		latex: 'auto'
	},
	csv: { read: csvReader(','), kind: 'csv', latex: 'auto' },
	tsv: { read: csvReader('\t'), kind: 'csv', latex: 'auto' },
	arxiv: { read: readArxivAtom, kind: 'arxiv-atom', latex: true },
	bibtex: { read: readBibtex, kind: 'bibtex', latex: true }
};

export async function* readPapers(path: string, opts: ReadOptions = {}): AsyncIterable<ReadResult> {
	const reject = (line: number, reason: string): ReadResult => ({
		ok: false,
		reject: { uri: path, line, reason } satisfies Reject
	});
	let format: Format | null = null;
	if (opts.format) {
		format = resolveFormat(opts.format);
		if (!format) {
			yield reject(0, `unknown format "${opts.format}" (known: ${FORMATS.join(', ')})`);
			return;
		}
	}
	const opened = await openText(path);
	if (!opened.ok) {
		yield reject(0, opened.reason);
		return;
	}
	format ??= sniffFormat(withoutGz(path), opened.input.head);
	const spec = READERS[format];
	let records = 0;
	try {
		for await (const r of spec.read(opened.input)) {
			records++;
			yield r.ok
				? toPaper(r.record, {
						kind: r.kind ?? spec.kind,
						uri: path,
						line: r.line,
						latex: spec.latex
					})
				: reject(r.line, r.reason);
		}
	} catch (err) {
		// A reader bug or an I/O error mid-file must not take the rest of the run down. A bug is
		// labelled as such so it is reported (and the fuzzer counts it) rather than blamed on the file.
		records++;
		const line = err instanceof InputError ? err.line : 0;
		const message = err instanceof Error ? err.message : String(err);
		yield reject(
			line,
			err instanceof InputError
				? `cannot read the rest of the file: ${message}`
				: `cannot read the rest of the file (internal error, please report): ${message}`
		);
	}
	if (records === 0) yield reject(0, `no papers found (read as ${format})`);
}
