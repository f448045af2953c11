// Fuzz inputs for the source readers and the extractor, all derived from the real fixtures by
// mutation. A case is (row, n, mutation); buildCase(seed, case) rebuilds its bytes from the seed
// alone, so a failing input is replayed with `--seed S --case row:n`.
import { readFileSync } from 'node:fs';
import { FORMATS, type Format } from '../ingest/sources/index.js';
import type { Paper } from '../ingest/types.js';
import { Rng } from './fuzz-rng.js';

export type Row = Format | 'extractor';
export const ROWS: readonly Row[] = [...FORMATS, 'extractor'];

export interface FuzzCase {
	row: Row;
	n: number; // index within the row
	mutation: string; // a special (zero-byte, million-lines, …) or 'random'
}

export type Built =
	| {
			kind: 'file';
			ext: string;
			format?: Format; // forced; undefined = sniffed from extension and content
			description: string;
			chunks: () => Iterable<string | Buffer>;
	  }
	| { kind: 'papers'; description: string; papers: Paper[] };

const FIXTURES = new URL('../tests/fixtures/sources/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

const EXT: Record<Format, string> = {
	'seed-text': '.txt',
	jsonl: '.jsonl',
	json: '.json',
	csv: '.csv',
	tsv: '.tsv',
	arxiv: '.xml',
	openalex: '.json',
	'semantic-scholar': '.json',
	bibtex: '.bib'
};

/** The real fixtures each format's inputs start from (TSV is derived from the CSV one). */
function seedFiles(): Record<Format, { name: string; bytes: Buffer }[]> {
	const f = (...names: string[]) => names.map((name) => ({ name, bytes: fixture(name) }));
	const sample = readFileSync(new URL('../ingest/sample/sample-corpus.txt', import.meta.url));
	return {
		'seed-text': [
			...f('listing.txt'),
			{ name: 'sample-corpus.txt', bytes: sample.subarray(0, 24_000) }
		],
		jsonl: f('papers.jsonl', 'papers-broken.jsonl', 'utf16.jsonl', 'binary-garbage.jsonl'),
		json: f('papers.json', 'papers-truncated.json'),
		csv: f('papers.csv', 'papers-missing-column.csv', 'latin1.csv'),
		tsv: [
			{ name: 'papers.csv→tsv', bytes: Buffer.from(csvToTsv(fixture('papers.csv').toString())) }
		],
		arxiv: f('arxiv-page.xml', 'arxiv-bad-entry.xml', 'arxiv-entities.xml', 'arxiv-truncated.xml'),
		openalex: f('openalex-work.json', 'openalex-works.json'),
		'semantic-scholar': f('semantic-scholar.json', 'semantic-scholar-list.json'),
		bibtex: f('papers.bib', 'papers-truncated.bib')
	};
}

let seedsCache: ReturnType<typeof seedFiles> | undefined;
const seeds = () => (seedsCache ??= seedFiles());

/** Minimal CSV → TSV for the fixture: quoted fields may hold commas, not quotes or newlines. */
function csvToTsv(csv: string): string {
	return csv
		.split('\n')
		.map((line) =>
			(line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
				.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'))
				.slice(0, line.split(',').length)
				.join('\t')
		)
		.join('\n');
}

let goldCache: { title: string; abstract: string }[] | undefined;
function gold(): { title: string; abstract: string }[] {
	goldCache ??= readFileSync(
		new URL('../tests/fixtures/gold/seed-gold.jsonl', import.meta.url),
		'utf8'
	)
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as { title: string; abstract: string });
	return goldCache;
}

// ---- the plan ------------------------------------------------------------------------------

const FILE_SPECIALS = [
	'zero-byte',
	'billion-laughs',
	'external-entity',
	'deep-nesting',
	'huge-field',
	'pathological-field'
];
const FULL_ONLY = ['million-lines', 'huge-field-xl', 'huge-line'];
const ARXIV_SPECIALS = ['billion-laughs-in-entry', 'quadratic-blowup', 'parameter-entities'];
const EXTRACTOR_SPECIALS = [
	'1mb-abstract',
	'huge-token',
	'control-chars',
	'lone-surrogates',
	'rtl-marks',
	'zero-width',
	'combining-marks',
	'astral',
	'latex-flood',
	'html-flood',
	'dotted-chain',
	'hyphen-chain',
	'whitespace-flood',
	'newline-flood',
	'huge-title',
	'empty',
	'nul-bytes',
	'random-code-points'
];

/** Specials first (each row gets every one), then random mutations up to perRow. */
export function planCases(perRow: number, opts: { full: boolean }): FuzzCase[] {
	const out: FuzzCase[] = [];
	for (const row of ROWS) {
		const specials =
			row === 'extractor'
				? EXTRACTOR_SPECIALS
				: [
						...FILE_SPECIALS,
						...(opts.full ? FULL_ONLY : []),
						...(row === 'arxiv' ? ARXIV_SPECIALS : [])
					];
		let n = 0;
		for (const mutation of specials) out.push({ row, n: n++, mutation });
		while (n < perRow) out.push({ row, n: n++, mutation: 'random' });
	}
	return out;
}

export function buildCase(seed: number, c: FuzzCase, opts: { full: boolean }): Built {
	const rng = new Rng(seed, c.row, c.n);
	if (c.row === 'extractor') return buildExtractorCase(rng, c.mutation, opts.full);
	return buildFileCase(rng, c.row, c.mutation, opts.full);
}

// ---- file inputs ---------------------------------------------------------------------------

function buildFileCase(rng: Rng, format: Format, mutation: string, full: boolean): Built {
	const base = rng.pick(seeds()[format]);
	// Half the inputs force the format, half let the extension and content decide.
	const forced = rng.chance(0.5) ? format : undefined;
	const file = (
		description: string,
		chunks: () => Iterable<string | Buffer>
	): Built & { kind: 'file' } => ({
		kind: 'file',
		ext: EXT[format],
		format: forced,
		description: `${base.name}: ${description}${forced ? '' : ' (format sniffed)'}`,
		chunks
	});
	const once = (b: Buffer | string) => () => [b];
	// The quick run (in `npm test`) keeps every kind of input but at a tenth of the size or less.
	const big = full ? 4_000_000 : 100_000;
	switch (mutation) {
		case 'zero-byte':
			return file('zero bytes', once(Buffer.alloc(0)));
		case 'million-lines':
			return { ...file('1,000,000 lines', () => millionLines(format)), format };
		case 'billion-laughs':
			return file('billion-laughs DTD', once(withDtd(format, base.bytes, LAUGHS)));
		case 'billion-laughs-in-entry':
			return file('DTD inside an entry', once(laughsInEntry(base.bytes)));
		case 'quadratic-blowup':
			return file('quadratic blowup', once(withDtd(format, base.bytes, quadratic())));
		case 'parameter-entities':
			return file('parameter entities', once(withDtd(format, base.bytes, PARAMETER)));
		case 'external-entity':
			return file('external entity (XXE)', once(withDtd(format, base.bytes, XXE)));
		case 'deep-nesting':
			return file('deep nesting', once(deepNesting(rng, format, base.bytes, full)));
		case 'huge-field': {
			const size = rng.range(big / 4, big);
			return file(
				`huge field (${size} chars)`,
				once(insertField(rng, format, base.bytes, payload(rng, 'words', size)))
			);
		}
		case 'huge-field-xl':
			return file(
				'24 MB field',
				once(insertField(rng, format, base.bytes, payload(rng, 'words', 24_000_000)))
			);
		case 'huge-line':
			// One 20 MB line with no newline anywhere: line splitters must not go quadratic.
			return file('20 MB without a newline', once('x'.repeat(20_000_000)));
		case 'pathological-field': {
			const kind = rng.pick(PATHOLOGICAL);
			const size = rng.range(big / 8, big / 2);
			return file(
				`${kind} field (${size} chars)`,
				once(insertField(rng, format, base.bytes, payload(rng, kind, size)))
			);
		}
	}
	// Random: 1–3 stacked byte-level mutations.
	let bytes = base.bytes;
	const steps: string[] = [];
	const count = rng.range(1, 3);
	for (let i = 0; i < count; i++) {
		const r = mutateBytes(rng, format, bytes, full);
		bytes = r.bytes;
		steps.push(r.what);
	}
	return file(steps.join(' + '), once(bytes));
}

const INTERESTING = [
	0x00,
	0xff,
	0xfe,
	0x7f,
	0x80,
	0xc0,
	0xed,
	0x1f,
	0x0b,
	...Buffer.from('<>&{}[]"\'\\\n\r,\t@#%$;:=/')
];

const DICTIONARY = [
	'<entry>',
	'</entry>',
	'<entry',
	'</feed>',
	'<feed>',
	'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
	'&a;',
	'&#0;',
	'&#xD800;',
	'&#1114112;',
	'<![CDATA[',
	']]>',
	'<summary>',
	'</summary>',
	'<?xml version="1.0"?>',
	'@article{',
	'@string{x = "',
	'@comment{',
	'@preamble{',
	'abstract = {',
	'title = "',
	' # ',
	'{',
	'}',
	'{"title":"',
	'"abstract":',
	'[',
	']',
	'null,',
	'{"results":[',
	'"abstract_inverted_index":{"x":[99999999]}',
	'"',
	'""',
	',',
	'\t',
	'\r',
	'\n\n',
	'\\',
	'\\u',
	'\\ud800',
	'$',
	'\\textbf{',
	'\\(',
	'-\n',
	'a-',
	'a.',
	'\u202e',
	'\ufeff',
	'\ufffd'
];

export const PATHOLOGICAL = [
	'huge-token',
	'dotted-chain',
	'hyphen-chain',
	'whitespace-flood',
	'latex-flood',
	'html-flood',
	'combining-marks',
	'hyphen-breaks',
	'control-chars',
	'lone-surrogates'
];

function mutateBytes(
	rng: Rng,
	format: Format,
	b: Buffer,
	full: boolean
): { bytes: Buffer; what: string } {
	const at = () => rng.int(b.length + 1);
	switch (rng.int(12)) {
		case 0: {
			const n = at();
			return { bytes: b.subarray(0, n), what: `truncated at byte ${n}` };
		}
		case 1: {
			const out = Buffer.from(b);
			const k = rng.range(1, 16);
			for (let i = 0; i < k && out.length; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
			return { bytes: out, what: `${k} bit flips` };
		}
		case 2: {
			const out = Buffer.from(b);
			const k = rng.range(1, 16);
			for (let i = 0; i < k && out.length; i++) out[rng.int(out.length)] = rng.pick(INTERESTING);
			return { bytes: out, what: `${k} interesting bytes` };
		}
		case 3: {
			const s = at();
			const e = Math.min(b.length, s + rng.range(1, 400));
			return { bytes: Buffer.concat([b.subarray(0, s), b.subarray(e)]), what: 'span deleted' };
		}
		case 4: {
			const s = rng.int(b.length);
			const span = b.subarray(s, Math.min(b.length, s + rng.range(1, 300)));
			const times = rng.range(2, full ? 2000 : 200);
			const p = at();
			return {
				bytes: Buffer.concat([
					b.subarray(0, p),
					Buffer.alloc(span.length * times, span),
					b.subarray(p)
				]),
				what: `span repeated ${times}×`
			};
		}
		case 5:
			return wrongEncoding(rng, b);
		case 6: {
			const text = b.toString('utf8');
			const style = rng.pick(['crlf', 'cr', 'none']);
			const out =
				style === 'crlf'
					? text.replace(/\n/g, '\r\n')
					: style === 'cr'
						? text.replace(/\n/g, '\r')
						: text.replace(/\n/g, ' ');
			return { bytes: Buffer.from(out), what: `line endings ${style}` };
		}
		case 7: {
			const tok = rng.pick(DICTIONARY);
			const times = rng.chance(0.7) ? 1 : rng.range(2, full ? 5000 : 500);
			const p = at();
			return {
				bytes: Buffer.concat([b.subarray(0, p), Buffer.from(tok.repeat(times)), b.subarray(p)]),
				what: `${JSON.stringify(tok)}×${times} inserted`
			};
		}
		case 8: {
			// Another format's fixture read as this one (wrong extension, wrong --format).
			const other = rng.pick(FORMATS.filter((f) => f !== format));
			const donor = rng.pick(seeds()[other]);
			return { bytes: donor.bytes, what: `replaced by ${donor.name}` };
		}
		case 9: {
			const donor = rng.pick(seeds()[rng.pick(FORMATS)]).bytes;
			const p = at();
			const q = rng.int(donor.length + 1);
			return {
				bytes: Buffer.concat([b.subarray(0, p), donor.subarray(q)]),
				what: 'spliced with another fixture'
			};
		}
		case 10: {
			const kind = rng.pick(PATHOLOGICAL);
			return {
				bytes: insertField(
					rng,
					format,
					b,
					payload(rng, kind, rng.range(100, full ? 300_000 : 30_000))
				),
				what: `${kind} in a field`
			};
		}
		default: {
			const p = at();
			const junk = Buffer.alloc(rng.range(1, 64));
			for (let i = 0; i < junk.length; i++) junk[i] = rng.int(256);
			return {
				bytes: Buffer.concat([b.subarray(0, p), junk, b.subarray(p)]),
				what: 'random bytes inserted'
			};
		}
	}
}

function wrongEncoding(rng: Rng, b: Buffer): { bytes: Buffer; what: string } {
	const text = b.toString('utf8');
	const kind = rng.pick([
		'latin1',
		'utf16le-bom',
		'utf16be-bom',
		'utf16le-no-bom',
		'utf8-bom',
		'double-bom',
		'invalid-utf8',
		'cesu-surrogates',
		'overlong',
		'odd-utf16'
	] as const);
	const le = (s: string) => Buffer.from(s, 'utf16le');
	const be = (s: string) => le(s).swap16();
	const sprinkle = (bad: number[]) => {
		const out: Buffer[] = [];
		let last = 0;
		for (let i = 0; i < rng.range(1, 8); i++) {
			const p = rng.range(last, b.length);
			out.push(b.subarray(last, p), Buffer.from(bad));
			last = p;
		}
		out.push(b.subarray(last));
		return Buffer.concat(out);
	};
	const bytes: Record<typeof kind, () => Buffer> = {
		latin1: () => Buffer.from(text, 'latin1'),
		'utf16le-bom': () => Buffer.concat([Buffer.from([0xff, 0xfe]), le(text)]),
		'utf16be-bom': () => Buffer.concat([Buffer.from([0xfe, 0xff]), be(text)]),
		'utf16le-no-bom': () => le(text),
		'utf8-bom': () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
		'double-bom': () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), b]),
		'invalid-utf8': () => sprinkle([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28]),
		'cesu-surrogates': () => sprinkle([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]),
		overlong: () => sprinkle([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0xaf]),
		'odd-utf16': () => Buffer.concat([Buffer.from([0xff, 0xfe]), le(text).subarray(1)])
	};
	return { bytes: bytes[kind](), what: `encoding ${kind}` };
}

// ---- fields, nesting, entities -------------------------------------------------------------

/** Where the abstract (or, failing that, some text field) of a record begins. */
const FIELD_AT: Record<Format, RegExp> = {
	'seed-text': /\n\n[^\n]{100}/g,
	jsonl: /"(?:abstract|summary)"\s*:\s*"/g,
	json: /"(?:abstract|summary)"\s*:\s*"/g,
	csv: /\n[^\n"]*,"[^"\n]*","/g,
	tsv: /\n[^\t\n]*\t[^\t\n]*\t/g,
	arxiv: /<summary[^>]*>/g,
	openalex: /"(?:title|display_name)"\s*:\s*"/g,
	'semantic-scholar': /"(?:abstract|title)"\s*:\s*"/g,
	bibtex: /abstract\s*=\s*\{/gi
};

/** Inserts text, escaped for the format, at the start of a field (or anywhere, if none). */
export function insertField(rng: Rng, format: Format, b: Buffer, text: string): Buffer {
	const src = b.toString('utf8');
	const spots = [...src.matchAll(FIELD_AT[format])].map((m) => m.index + m[0].length);
	const at = spots.length ? rng.pick(spots) : rng.int(src.length + 1);
	return Buffer.from(src.slice(0, at) + escapeFor(format, text) + src.slice(at));
}

function escapeFor(format: Format, text: string): string {
	switch (format) {
		case 'jsonl':
		case 'json':
		case 'openalex':
		case 'semantic-scholar':
			return JSON.stringify(text).slice(1, -1);
		case 'csv':
			return text.replace(/"/g, '""');
		case 'tsv':
			return text.replace(/[\t\n\r"]/g, ' ');
		case 'arxiv':
			return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		case 'bibtex':
			return text.replace(/[{}]/g, ' ');
		case 'seed-text':
			return text.replace(/\n/g, ' ');
	}
}

function deepNesting(rng: Rng, format: Format, b: Buffer, full: boolean): Buffer {
	const depth = full ? rng.range(10_000, 100_000) : rng.range(1_000, 10_000);
	const src = b.toString('utf8');
	switch (format) {
		case 'jsonl':
		case 'json':
		case 'openalex':
		case 'semantic-scholar': {
			const open = rng.pick(['[', '{"a":']);
			const close = open === '[' ? ']' : '}';
			const nest = open.repeat(depth) + '1' + close.repeat(depth);
			if (format === 'jsonl' || rng.chance(0.5))
				return Buffer.from(src.replace(/"(?:title|abstract)"\s*:\s*/, (m) => `${m}${nest},"x":`));
			return Buffer.from(open.repeat(depth) + src + close.repeat(depth));
		}
		case 'arxiv':
			return Buffer.from(
				src.replace(/<summary>/, (m) => m + '<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth))
			);
		case 'bibtex':
			return Buffer.from(
				src.replace(/abstract\s*=\s*\{/i, (m) => m + '{'.repeat(depth) + 'x' + '}'.repeat(depth))
			);
		default:
			return insertField(
				rng,
				format,
				b,
				'('.repeat(depth) + '{'.repeat(depth) + '<i>'.repeat(depth)
			);
	}
}

const LAUGHS =
	'<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' +
	Array.from(
		{ length: 9 },
		(_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`
	).join('') +
	']>\n';
const XXE = '<!DOCTYPE feed [\n <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n';
const PARAMETER =
	'<!DOCTYPE feed [\n <!ENTITY % a "<!ENTITY b \'bbbbbbbbbb\'>">\n %a;\n <!ENTITY % c SYSTEM "http://127.0.0.1:1/x.dtd">\n %c;\n]>\n';
const quadratic = () => `<!DOCTYPE feed [\n <!ENTITY q "${'q'.repeat(50_000)}">\n]>\n`;
const USES = ['&lol9;', '&xxe;', '&b;', '&q;'];

/** A DTD in the prolog (where XML allows one) and its entities used inside the records. */
function withDtd(format: Format, b: Buffer, dtd: string): Buffer {
	let src = b.toString('utf8');
	const use = USES.join('').repeat(format === 'arxiv' ? 200 : 20);
	if (format === 'arxiv') {
		src = src.replace(/^(<\?xml[^>]*>\s*)?/, (m) => m + dtd);
		return Buffer.from(
			src.replace(/<summary>/g, (m) => m + use).replace(/<\/title>/g, `${use}</title>`)
		);
	}
	// Elsewhere entities mean nothing: they must come through as the text they are.
	return Buffer.from(
		src.replace(FIELD_AT[format], (m) => m + escapeFor(format, dtd.replace(/\n/g, ' ') + use))
	);
}

function laughsInEntry(b: Buffer): Buffer {
	return Buffer.from(
		b
			.toString('utf8')
			.replace(/<entry>/, (m) => `${m}\n${LAUGHS}`)
			.replace(/<summary>/, '<summary>&lol9;')
	);
}

// ---- a million lines -----------------------------------------------------------------------

const MILLION = 1_000_000;

/**
 * Records per million-line file: enough to take a few seconds to read, so the file stays well
 * inside the watchdog on a busy machine; blank lines between records make up the million.
 */
const MILLION_RECORDS: Record<Format, number> = {
	'seed-text': 8_000,
	jsonl: 10_000,
	json: 8_000,
	csv: 4_000,
	tsv: 4_000,
	arxiv: 1_500,
	openalex: 8_000,
	'semantic-scholar': 8_000,
	bibtex: 5_000
};

/** 1,000,000 lines in the format, records cut from the gold abstracts, written in chunks. */
function* millionLines(format: Format): Generator<string> {
	const g = gold();
	const clean = (t: string) => t.replace(/["\\\n\t&<>{}]/g, ' ');
	const title = (i: number) => `${clean(g[i % g.length]!.title.slice(0, 80))} ${i}`;
	// An abstract wrapped over `k` lines of about 80 characters, as arXiv and BibTeX exports do.
	const wrapped = (i: number, k: number) => {
		const words = clean(g[i % g.length]!.abstract).split(/\s+/);
		const out: string[] = [];
		for (let j = 0; j < k; j++) out.push(words.slice(j * 12, j * 12 + 12).join(' ') || 'more');
		return out;
	};
	const authors = (k: number) => Array.from({ length: k }, (_, j) => `Author ${j}`);
	const d = format === 'tsv' ? '\t' : ',';
	const key = format === 'openalex' ? 'results' : 'data';
	// [file head, record i (ends with a newline), file tail]
	const shapes: Record<Format, [string, (i: number) => string, string]> = {
		'seed-text': ['', (i) => `${title(i)}\n\n${wrapped(i, 20).join('\n')}\n\n`, ''],
		jsonl: [
			'',
			(i) =>
				`${JSON.stringify({ title: title(i), abstract: wrapped(i, 20).join(' '), authors: authors(5) })}\n`,
			''
		],
		json: [
			'[\n',
			(i) =>
				`${i ? ',' : ''}{\n"title": "${title(i)}",\n"abstract": "${wrapped(i, 20).join(' ')}",\n"authors": [\n${authors(
					12
				)
					.map((a) => `"${a}"`)
					.join(',\n')}\n]\n}\n`,
			']\n'
		],
		csv: [
			`title${d}abstract${d}authors\n`,
			(i) => `"${title(i)}"${d}"${wrapped(i, 20).join('\n')}"${d}"${authors(3).join('; ')}"\n`,
			''
		],
		tsv: [
			`title${d}abstract${d}authors\n`,
			(i) => `"${title(i)}"${d}"${wrapped(i, 20).join('\n')}"${d}"${authors(3).join('; ')}"\n`,
			''
		],
		arxiv: [
			'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
			(i) =>
				`<entry>\n<id>http://arxiv.org/abs/2309.${String(i).padStart(5, '0')}v1</id>\n<title>${title(i)}</title>\n<summary>${wrapped(i, 20).join('\n')}</summary>\n<published>2023-09-12T00:00:00Z</published>\n${authors(
					8
				)
					.map((a) => `<author>\n<name>${a}</name>\n</author>\n`)
					.join('')}<link href="http://arxiv.org/abs/2309.00001v1" rel="alternate"/>\n</entry>\n`,
			'</feed>\n'
		],
		openalex: [
			`{\n"${key}": [\n`,
			(i) =>
				`${i ? ',' : ''}{\n"id": "https://openalex.org/W${i}",\n"title": "${title(i)}",\n"publication_year": 2023,\n"abstract_inverted_index": {\n${wrapped(
					i,
					20
				)
					.join(' ')
					.split(' ')
					.slice(0, 40)
					.map((w, j) => `"${w}${j}": [${j}]`)
					.join(',\n')}\n}\n}\n`,
			']\n}\n'
		],
		'semantic-scholar': [
			`{\n"${key}": [\n`,
			(i) =>
				`${i ? ',' : ''}{\n"paperId": "p${i}",\n"title": "${title(i)}",\n"abstract": "${wrapped(i, 20).join(' ')}",\n"year": 2023,\n"authors": [\n${authors(
					12
				)
					.map((a) => `{"name": "${a}"}`)
					.join(',\n')}\n]\n}\n`,
			']\n}\n'
		],
		bibtex: [
			'',
			(i) =>
				`@article{k${i},\n  title = {${title(i)}},\n  author = {${authors(3).join(' and ')}},\n  year = {2023},\n  abstract = {${wrapped(i, 20).join('\n')}}\n}\n`,
			''
		]
	};
	const [head, record, tail] = shapes[format];
	const count = (t: string) => t.split('\n').length - 1;
	const n = MILLION_RECORDS[format];
	const pad = Math.floor((MILLION - count(head) - count(tail) - n * count(record(0))) / n);
	let lines = count(head);
	let buf = head;
	for (let i = 0; i < n; i++) {
		const r = record(i) + '\n'.repeat(pad);
		buf += r;
		lines += count(r);
		if (buf.length > 1 << 20) {
			yield buf;
			buf = '';
		}
	}
	yield buf + '\n'.repeat(Math.max(0, MILLION - lines - count(tail))) + tail;
}

// ---- text payloads -------------------------------------------------------------------------

/** Hostile text of about `size` characters: regex traps, odd Unicode, floods. */
export function payload(rng: Rng, kind: string, size: number): string {
	const fill = (unit: string) =>
		unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
	const g = gold();
	switch (kind) {
		case 'words': {
			const parts: string[] = [];
			let n = 0;
			while (n < size) {
				const s = rng.pick(g).abstract;
				parts.push(s);
				n += s.length + 1;
			}
			return parts.join(' ').slice(0, size);
		}
		case 'huge-token':
			return fill(rng.pick(['a', 'SDXL', 'X1', 'Stable', '_']));
		case 'dotted-chain':
			return fill(rng.pick(['a.', 'v1.', 'ab.cd.', 'x.com.']));
		case 'hyphen-chain':
			return fill(rng.pick(['a-', 'Text-to-', 'SD-v', '-']));
		case 'hyphen-breaks':
			return fill(rng.pick(['diffu-\nsion ', 'a-\n', 'ab-\n\t']));
		case 'whitespace-flood':
			return ' ' + fill(rng.pick([' ', '\t', ' \u00a0', '\u2003'])) + 'x';
		case 'newline-flood':
			return fill(rng.pick(['\n', '\r\n', '\n\n', '\u2028']));
		case 'latex-flood':
			return fill(rng.pick(['\\textbf{', '$', '\\(', '{', '\\', '$x', '\\cite{', '~\\', ' \\foo']));
		case 'html-flood':
			return fill(rng.pick(['<a ', '<', '&#', '&amp', '<jats:title>', '<p>', '</', '&#x']));
		case 'combining-marks':
			return 'a' + fill(rng.pick(['\u0301', '\u0301\u0323', '\u0308']));
		case 'control-chars': {
			let s = '';
			while (s.length < size) s += rng.chance(0.5) ? String.fromCharCode(rng.int(32)) : 'ab ';
			return s;
		}
		case 'lone-surrogates': {
			let s = '';
			while (s.length < size)
				s += rng.pick(['\ud800', '\udc00', '\udbff', 'ok ', '\ud83d', 'SDXL ', '\udfff\ud800']);
			return s;
		}
		case 'rtl-marks':
			return fill(rng.pick(['\u202e', '\u200f', '\u202b', 'نموذج ', 'מודל ', '\u202eSDXL\u202c ']));
		case 'zero-width':
			return fill(rng.pick(['\u200b', '\u200d', '\ufeff', 'S\u200bD\u200dXL ']));
		case 'astral':
			return fill(rng.pick(['😀', '𝔖𝔇𝔛𝔏 ', '\u{10ffff}', '🏳️‍🌈 ']));
		case 'nul-bytes':
			return fill(rng.pick(['\u0000', 'a\u0000b ']));
		case 'random-code-points': {
			let s = '';
			while (s.length < size) s += String.fromCharCode(rng.int(0x10000));
			return s;
		}
		default:
			return fill(kind);
	}
}

// ---- extractor inputs ----------------------------------------------------------------------

const EXTRACTOR_KINDS = [
	...PATHOLOGICAL,
	'rtl-marks',
	'zero-width',
	'astral',
	'nul-bytes',
	'newline-flood',
	'random-code-points',
	'words'
];

function buildExtractorCase(rng: Rng, mutation: string, full: boolean): Built {
	const g = rng.pick(gold());
	const paper = (title: string, abstract: string, description: string): Built => ({
		kind: 'papers',
		description,
		papers: [
			{
				id: `fuzz:${rng.int(1e9)}`,
				title,
				abstract,
				year: 2023,
				authors: [],
				source: { kind: 'fuzz', uri: 'fuzz', line: 1 }
			}
		]
	});
	const mb = full ? 1_000_000 : 50_000;
	const special: Record<string, () => Built> = {
		'1mb-abstract': () => paper(g.title, payload(rng, 'words', mb), `${mb}-char abstract`),
		'huge-title': () => paper(payload(rng, 'words', mb / 10), g.abstract, 'huge title'),
		empty: () => paper('', '', 'empty title and abstract')
	};
	if (special[mutation]) return special[mutation]();
	if (mutation !== 'random') {
		const kind = mutation === '1mb-abstract' ? 'words' : mutation;
		const size = rng.range(mb / 10, mb / 2);
		return paper(
			g.title,
			splice(rng, g.abstract, payload(rng, kind, size)),
			`${kind} (${size} chars)`
		);
	}
	// Random: the gold abstract with 1–4 hostile insertions of log-uniform size (10 B – 1 MB).
	let abstract = g.abstract;
	let title = g.title;
	const steps: string[] = [];
	for (let i = rng.range(1, 4); i > 0; i--) {
		const kind = rng.pick(EXTRACTOR_KINDS);
		const size = Math.round(10 ** (1 + rng.next() * (full ? 5 : 4)));
		if (rng.chance(0.2)) title = splice(rng, title, payload(rng, kind, Math.min(size, 2000)));
		else abstract = splice(rng, abstract, payload(rng, kind, size));
		steps.push(`${kind}(${size})`);
	}
	return paper(title, abstract, steps.join(' + '));
}

function splice(rng: Rng, text: string, insert: string): string {
	const at = rng.int(text.length + 1);
	return text.slice(0, at) + insert + text.slice(at);
}
