// Semantic Scholar Graph API paper objects
// (https://api.semanticscholar.org/api-docs/graph#tag/Paper-Data).
import type { RawRecord } from './types.js';

type Obj = Record<string, unknown>;

export function isSemanticScholarPaper(o: Obj): boolean {
	return 'paperId' in o || 'externalIds' in o;
}

export function fromSemanticScholar(o: Obj): RawRecord {
	const ext = (o.externalIds ?? {}) as Obj;
	const paperId = str(o.paperId);
	return {
		id: paperId ? `s2:${paperId}` : undefined,
		title: str(o.title),
		abstract: str(o.abstract),
		year: o.year,
		date: str(o.publicationDate),
		authors: (Array.isArray(o.authors) ? o.authors : [])
			.map((a) => (typeof a === 'string' ? a : str((a as Obj)?.name)))
			.filter(Boolean),
		url: str(o.url) || undefined,
		arxivId: str(ext.ArXiv) || undefined,
		doi: str(ext.DOI) || undefined
	};
}

function str(v: unknown): string {
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
