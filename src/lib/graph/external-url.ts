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
