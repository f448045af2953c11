// Internal links, resolved against the app's base path. Ids contain ':' and may contain '/',
// so they are encoded before they become a path segment.
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

const enc = encodeURIComponent;
const withQuery = (path: ResolvedPathname, query: URLSearchParams | string = '') => {
	const q = query.toString();
	return (q ? `${path}?${q}` : path) as ResolvedPathname;
};

export const entityHref = (id: string) => resolve('/entity/[id]', { id: enc(id) });
export const paperHref = (id: string) => resolve('/paper/[id]', { id: enc(id) });
export const communityHref = (id: string) => resolve('/community/[id]', { id: enc(id) });
/**
 * The paper page with one sentence marked and scrolled to: `at` is where it sits in the
 * abstract (EvidenceView.at); without it, the page itself.
 */
export const evidenceHref = (paperId: string, at?: [number, number] | null) =>
	(at
		? `${withQuery(paperHref(paperId), `s=${at[0]}-${at[1]}`)}#evidence-sentence`
		: paperHref(paperId)) as ResolvedPathname;
/** `?s=120-245` → [120, 245]; anything else → null. */
export function sentenceParam(value: string | null): [number, number] | null {
	const m = /^(-?\d{1,7})-(-?\d{1,7})$/.exec(value ?? '');
	return m ? [Number(m[1]), Number(m[2])] : null;
}
export const nodeHref = (id: string, kind: 'Entity' | 'Paper') =>
	kind === 'Paper' ? paperHref(id) : entityHref(id);
export const lineageHref = (id: string, direction?: 'ancestors' | 'descendants') =>
	withQuery(resolve('/lineage/[id]', { id: enc(id) }), direction ? `direction=${direction}` : '');
export const pathsHref = (query: URLSearchParams | string = '') =>
	withQuery(resolve('/paths'), query);
/** Every correction, with undo. */
export const historyHref = () => resolve('/history');
/** The explorer with the given view state. */
export const explorerHref = (query: URLSearchParams) => withQuery(resolve('/'), query);
/** The explorer with a node selected and expanded. */
export const exploreHref = (id?: string) =>
	withQuery(
		resolve('/'),
		id
			? new URLSearchParams([
					['sel', id],
					['x', id]
				])
			: ''
	);
