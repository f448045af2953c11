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
export const nodeHref = (id: string, kind: 'Entity' | 'Paper') =>
	kind === 'Paper' ? paperHref(id) : entityHref(id);
export const lineageHref = (id: string, direction?: 'ancestors' | 'descendants') =>
	withQuery(resolve('/lineage/[id]', { id: enc(id) }), direction ? `direction=${direction}` : '');
export const pathsHref = (query: URLSearchParams | string = '') =>
	withQuery(resolve('/paths'), query);
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
