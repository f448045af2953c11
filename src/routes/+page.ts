// The explorer's data: the overview, every expansion named in the URL, and the selected node's
// detail, so that reloading or sharing the URL restores the same view.
import { createApi } from '$lib/api';
import type { GraphView } from '$lib/types';
import { decodeExplorerState } from '$lib/graph/url-state';
import { EXPAND_LIMIT, OVERVIEW_LIMIT, failure, loadDetail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
	const api = createApi(fetch);
	const state = decodeExplorerState(url.searchParams);
	const limitParam = Number(url.searchParams.get('limit'));
	const limit = Number.isInteger(limitParam) && limitParam > 0 ? limitParam : OVERVIEW_LIMIT;
	const [overview, detail, ...expansions] = await Promise.all([
		api.overview(limit),
		state.selected ? loadDetail(api, state.selected) : Promise.resolve(null),
		...state.expanded.map((id) => api.neighbourhood({ ids: [id], limit: EXPAND_LIMIT }))
	]);
	const steps: { id: string; limit: number; view: GraphView }[] = [];
	expansions.forEach((r, i) => {
		if (r.ok) steps.push({ id: state.expanded[i], limit: EXPAND_LIMIT, view: r.data });
	});
	return {
		state,
		limit,
		overview: overview.ok ? overview.data : null,
		problem: failure(overview),
		detail: detail?.ok ? detail.data : null,
		detailProblem: detail && !detail.ok ? failure(detail) : null,
		steps
	};
};
