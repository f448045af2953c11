// OpenAlex work objects (https://docs.openalex.org/api-entities/works/work-object).
// The API ships abstracts only as an inverted index {word: [positions]}: rebuilt here.
import type { RawRecord } from './types.js';

type Obj = Record<string, unknown>;

export function isOpenAlexWork(o: Obj): boolean {
	return (
		'abstract_inverted_index' in o || (typeof o.id === 'string' && o.id.includes('openalex.org/W'))
	);
}

/** {"Diffusion": [0], "models": [1, 5]} → "Diffusion models … models". */
export function rebuildAbstract(index: unknown): string {
	if (!index || typeof index !== 'object') return '';
	const words: string[] = [];
	for (const [word, positions] of Object.entries(index as Record<string, unknown>)) {
		if (!Array.isArray(positions)) continue;
		for (const p of positions) if (Number.isInteger(p) && p >= 0 && p < 100_000) words[p] = word;
	}
	return words.filter((w) => w !== undefined).join(' ');
}

export function fromOpenAlex(o: Obj): RawRecord {
	const ids = (o.ids ?? {}) as Obj;
	const locations = [o.primary_location, o.best_oa_location, ...asArray(o.locations)] as Obj[];
	const landing = locations.map((l) => str((l as Obj)?.landing_page_url)).filter(Boolean);
	const arxivUrl = landing.find((u) => /arxiv\.org\/abs\//i.test(u));
	const id = str(o.id).replace(/^https?:\/\/openalex\.org\//i, '');
	return {
		id: id ? `openalex:${id}` : undefined,
		title: str(o.title) || str(o.display_name),
		abstract: str(o.abstract) || rebuildAbstract(o.abstract_inverted_index),
		year: o.publication_year,
		date: str(o.publication_date),
		authors: asArray(o.authorships)
			.map(
				(a) => str(((a as Obj)?.author as Obj)?.display_name) || str((a as Obj)?.raw_author_name)
			)
			.filter(Boolean),
		url: landing[0] || str(o.doi) || undefined,
		arxivId: arxivUrl,
		doi: str(o.doi) || str(ids.doi) || undefined
	};
}

function asArray(v: unknown): unknown[] {
	return Array.isArray(v) ? v : [];
}

function str(v: unknown): string {
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
