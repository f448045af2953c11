// Which reader reads a file: `--format` when given, else the content's first characters for
// the self-describing formats (XML, JSON, BibTeX), else the extension, else a CSV-header check.
import { extname } from 'node:path';

export const FORMATS = [
	'seed-text',
	'jsonl',
	'json',
	'csv',
	'tsv',
	'arxiv',
	'openalex',
	'semantic-scholar',
	'bibtex'
] as const;
export type Format = (typeof FORMATS)[number];

const ALIASES: Record<string, Format> = {
	text: 'seed-text',
	txt: 'seed-text',
	seed: 'seed-text',
	ndjson: 'jsonl',
	'json-lines': 'jsonl',
	atom: 'arxiv',
	'arxiv-atom': 'arxiv',
	xml: 'arxiv',
	s2: 'semantic-scholar',
	semanticscholar: 'semantic-scholar',
	bib: 'bibtex'
};

/** A user-given format name (or alias) → Format; null when unknown. */
export function resolveFormat(name: string): Format | null {
	const n = name.trim().toLowerCase();
	return (FORMATS as readonly string[]).includes(n) ? (n as Format) : (ALIASES[n] ?? null);
}

const BY_EXTENSION: Record<string, Format> = {
	'.jsonl': 'jsonl',
	'.ndjson': 'jsonl',
	'.json': 'json',
	'.csv': 'csv',
	'.tsv': 'tsv',
	'.xml': 'arxiv',
	'.atom': 'arxiv',
	'.bib': 'bibtex',
	'.bibtex': 'bibtex',
	'.txt': 'seed-text'
};

/** Picks a format from the file name and the first decoded chunk. */
export function sniffFormat(path: string, head: string): Format {
	const ext = extname(path).toLowerCase();
	const byExt = BY_EXTENSION[ext];
	const t = head.trimStart();
	if (t.startsWith('<')) return 'arxiv';
	if (t.startsWith('[') || t.startsWith('{')) return byExt === 'jsonl' ? 'jsonl' : 'json';
	// BibTeX files often open with % comments: an @entry{ at the start of any early line counts.
	if (/^@[a-zA-Z]+\s*[{(]/m.test(t.slice(0, 4096))) return 'bibtex';
	if (byExt && byExt !== 'seed-text') return byExt;
	const firstLine = t.split('\n', 1)[0]!.toLowerCase();
	if (/\btitle\b/.test(firstLine) && /\babstract\b/.test(firstLine)) {
		if (firstLine.includes('\t')) return 'tsv';
		if (firstLine.includes(',') || firstLine.includes(';')) return 'csv';
	}
	return 'seed-text';
}
