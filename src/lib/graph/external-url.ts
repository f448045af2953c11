// Paper URLs come from the ingested data: only web addresses become links, so a stored
// `javascript:` or `data:` URL can never run in the page when followed.
export function externalUrl(url: string | null | undefined): string | undefined {
	if (!url) return undefined;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
	} catch {
		return undefined;
	}
}

// arXiv ids: new style `2506.05413` (optionally `v2`), old style `hep-th/9901001`, `math.AG/0309136`.
const NEW_ARXIV = /(?:^|[^\d.])(\d{4}\.\d{4,5}(?:v\d+)?)(?![\d.])/;
const OLD_ARXIV = /(?:^|[^a-z-])([a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)(?!\d)/;

/** Any arXiv spelling (bare, `arxiv:`/`arXiv:`, abs or pdf URL, arXiv DOI) → the id, or null. */
export function arxivIdOf(raw: string | null | undefined): string | null {
	if (!raw) return null;
	const s = raw.trim();
	const doi = /10\.48550\/arxiv\.(.+)$/i.exec(s);
	const text = doi ? doi[1]! : s.replace(/^arxiv:\s*/i, '');
	return (NEW_ARXIV.exec(text) ?? OLD_ARXIV.exec(text))?.[1] ?? null;
}

/** A DOI without resolver prefix (`10.1145/3583780`), or null when it is not one. */
export function doiOf(raw: string | null | undefined): string | null {
	if (!raw) return null;
	const s = raw
		.trim()
		.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
		.replace(/^doi:\s*/i, '');
	return /^10\.\d{4,9}\/\S+$/.test(s) ? s : null;
}

export interface PaperLinks {
	/** The arXiv id the links are made from. */
	arxiv?: string;
	/** arxiv.org/abs/… */
	abstract?: string;
	/** arxiv.org/pdf/… */
	pdf?: string;
	doi?: string;
	/** https://doi.org/… */
	doiUrl?: string;
	/** The stored URL, when it is a web address the links above do not already give. */
	source?: string;
}

/**
 * Where a paper can be read: arXiv abstract and PDF from an arXiv id (its own id
 * `arxiv:2506.05413`, the stored arXiv id or an arXiv DOI), the DOI resolver, else the stored URL.
 */
export function paperLinks(paper: {
	id: string;
	url?: string | null;
	arxivId?: string | null;
	doi?: string | null;
}): PaperLinks {
	const out: PaperLinks = {};
	const doi = doiOf(paper.doi) ?? (paper.id.startsWith('doi:') ? doiOf(paper.id) : null);
	const source = externalUrl(paper.url);
	const host = source ? new URL(source).hostname.replace(/^www\./, '') : '';
	const arxiv =
		arxivIdOf(paper.arxivId) ??
		(paper.id.startsWith('arxiv:') ? arxivIdOf(paper.id) : null) ??
		(doi && /^10\.48550\//.test(doi) ? arxivIdOf(doi) : null) ??
		(host === 'arxiv.org' ? arxivIdOf(source) : null);
	if (arxiv) {
		out.arxiv = arxiv;
		out.abstract = `https://arxiv.org/abs/${arxiv}`;
		out.pdf = `https://arxiv.org/pdf/${arxiv}`;
	}
	if (doi && !/^10\.48550\//.test(doi)) {
		out.doi = doi;
		out.doiUrl = `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
	}
	if (source) {
		const given =
			(arxiv && (host.endsWith('arxiv.org') || /10\.48550\/arxiv/i.test(source))) ||
			(out.doiUrl && /(^|\.)doi\.org$/.test(host));
		if (!given) out.source = source;
	}
	return out;
}

/** The one link to show where there is room for one: arXiv, else DOI, else the stored URL. */
export function bestPaperLink(paper: {
	id: string;
	url?: string | null;
}): { href: string; label: string } | undefined {
	const l = paperLinks(paper);
	if (l.abstract) return { href: l.abstract, label: 'arXiv' };
	if (l.doiUrl) return { href: l.doiUrl, label: 'DOI' };
	if (l.source) return { href: l.source, label: 'source' };
	return undefined;
}
