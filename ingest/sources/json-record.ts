// One parsed JSON value → RawRecords. Handles our own shape (id, title, abstract, year,
// authors, url, arxivId, doi; unknown fields ignored), OpenAlex works and Semantic Scholar
// papers, and the wrappers the APIs put around lists: [..], {results: [..]}, {data: [..]}.
import { fromOpenAlex, isOpenAlexWork } from './openalex.js';
import { fromSemanticScholar, isSemanticScholarPaper } from './semantic-scholar.js';
import type { RawRecord } from './types.js';

type Obj = Record<string, unknown>;
export type JsonFlavour = 'auto' | 'openalex' | 'semantic-scholar' | 'generic';

export type Mapped = { ok: true; record: RawRecord; kind?: string } | { ok: false; reason: string };

/** Unwraps lists and API envelopes; each element maps to a record or a reason. */
export function* mapJsonValue(value: unknown, flavour: JsonFlavour): Generator<Mapped> {
	if (Array.isArray(value)) {
		for (const v of value) yield* mapJsonValue(v, flavour);
		return;
	}
	if (value && typeof value === 'object') {
		const o = value as Obj;
		for (const key of ['results', 'data', 'papers']) {
			if (Array.isArray(o[key]) && !('title' in o)) {
				for (const v of o[key] as unknown[]) yield* mapJsonValue(v, flavour);
				return;
			}
		}
		yield mapObject(o, flavour);
		return;
	}
	yield {
		ok: false,
		reason: `expected a JSON object for a paper, got ${value === null ? 'null' : typeof value}`
	};
}

function mapObject(o: Obj, flavour: JsonFlavour): Mapped {
	if (flavour === 'openalex' || (flavour === 'auto' && isOpenAlexWork(o)))
		return { ok: true, record: fromOpenAlex(o), kind: 'openalex' };
	if (flavour === 'semantic-scholar' || (flavour === 'auto' && isSemanticScholarPaper(o)))
		return { ok: true, record: fromSemanticScholar(o), kind: 'semantic-scholar' };
	return { ok: true, record: fromGeneric(o) };
}

export function fromGeneric(o: Obj): RawRecord {
	return {
		id: str(o.id) || undefined,
		title: str(o.title),
		abstract: str(o.abstract) || str(o.summary),
		year: o.year,
		date: str(o.date) || str(o.published) || str(o.publicationDate),
		authors: authorList(o.authors ?? o.author),
		url: str(o.url) || undefined,
		arxivId: str(o.arxivId) || str(o.arxiv_id) || str(o.arxiv) || undefined,
		doi: str(o.doi) || undefined
	};
}

/** Arrays of names or {name}, or one string "A; B" / "A and B". */
export function authorList(v: unknown): string[] {
	if (Array.isArray(v))
		return v.map((a) => (typeof a === 'string' ? a : str((a as Obj)?.name))).filter(Boolean);
	if (typeof v === 'string' && v.trim())
		return v
			.split(/\s*;\s*|\s+and\s+|\s*\|\s*/)
			.map((s) => s.trim())
			.filter(Boolean);
	return [];
}

function str(v: unknown): string {
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
