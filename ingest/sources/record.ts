// RawRecord → Paper: the one place where fields are cleaned, identifiers derived and a record
// without a title or abstract becomes a reject.
import type { Paper } from '../types.js';
import {
	arxivFromDoi,
	cleanRecordText,
	formatArxivId,
	normaliseDoi,
	paperId,
	parseArxivId,
	resolveYear
} from './normalise.js';
import { MAX_RECORD_CHARS } from './input.js';
import type { RawRecord, ReadResult } from './types.js';

export interface RecordContext {
	kind: string;
	uri: string;
	line: number;
	latex: boolean | 'auto';
}

const MAX_TITLE_CHARS = 10_000;
const REPLACEMENT = '\uFFFD';
const ENCODING_REASON =
	'text is not valid UTF-8 (the file looks like Latin-1/Windows-1252; re-save it as UTF-8)';

export function toPaper(raw: RawRecord, ctx: RecordContext): ReadResult {
	const source = { kind: ctx.kind, uri: ctx.uri, line: ctx.line };
	const fail = (reason: string): ReadResult => ({
		ok: false,
		reject: { uri: ctx.uri, line: ctx.line, reason }
	});
	const rawTitle = str(raw.title);
	const rawAbstract = str(raw.abstract);
	// Fields of a JSON document parsed whole are not bounded by the readers' record limit; text
	// cleaning is linear, but 24 MB of it is still seconds spent on what is surely not a paper.
	if (rawTitle.length > MAX_TITLE_CHARS)
		return fail(`title longer than ${MAX_TITLE_CHARS.toLocaleString('en')} characters`);
	if (rawAbstract.length > MAX_RECORD_CHARS)
		return fail(`abstract longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`);
	if (rawTitle.includes(REPLACEMENT) || rawAbstract.includes(REPLACEMENT))
		return fail(ENCODING_REASON);
	const title = cleanRecordText(rawTitle, { latex: ctx.latex });
	const abstract = cleanRecordText(rawAbstract, { latex: ctx.latex });
	if (!title) return fail(`record has no title${abstract ? '' : ' and no abstract'}`);
	if (!abstract) return fail(`record has no abstract: "${title.slice(0, 80)}"`);

	const doi = normaliseDoi(raw.doi);
	const arxiv = parseArxivId(raw.arxivId) ?? arxivFromDoi(doi) ?? arxivFromUrl(raw.url);
	const year = resolveYear({ year: raw.year, arxiv, date: raw.date });
	const authors = (raw.authors ?? [])
		.map((a) => cleanRecordText(str(a), { latex: ctx.latex }))
		.filter((a) => a.length > 0);
	const url =
		str(raw.url).trim() ||
		(arxiv ? `https://arxiv.org/abs/${formatArxivId(arxiv)}` : doi ? `https://doi.org/${doi}` : '');

	const paper: Paper = {
		id: paperId({ arxiv, doi, recordId: str(raw.id), title }),
		title,
		abstract,
		year,
		authors,
		source
	};
	if (url) paper.url = url;
	// Keeps the version (2309.06380v2) so dedupe can let the newest version win; the id has none.
	if (arxiv) paper.arxivId = formatArxivId(arxiv);
	if (doi) paper.doi = doi;
	return { ok: true, paper };
}

function arxivFromUrl(url: string | undefined) {
	return url && /arxiv\.org\/(?:abs|pdf)\//i.test(url) ? parseArxivId(url) : null;
}

function str(v: unknown): string {
	if (v === undefined || v === null) return '';
	return typeof v === 'string' ? v : String(v);
}
