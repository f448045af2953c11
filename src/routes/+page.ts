// The explorer's data: the overview, every expansion named in the URL (at its own limit), and
// the selected node's detail, so that reloading or sharing the URL restores the same view.
import { createApi } from '$lib/api';
import type { GraphView } from '$lib/types';
import { decodeExplorerState, type Expansion } from '$lib/graph/url-state';
import { failure, loadDetail } from '$lib/state/loaders';
import { browser } from '$app/environment';
import { mergeViews } from '$lib/graph/elements';
import { startLayout } from '$lib/graph/force-job';
import { BIG_GRAPH } from '$lib/graph/layouts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
	const api = createApi(fetch);
	const state = decodeExplorerState(url.searchParams);
	const [overview, detail, ...expansions] = await Promise.all([
		api.overview(state.limit, state.papers),
		state.selected ? loadDetail(api, state.selected) : Promise.resolve(null),
		...state.expanded.map((x) => api.neighbourhood({ ids: [x.id], limit: x.limit }))
	]);
	const steps: (Expansion & { view: GraphView })[] = [];
	expansions.forEach((r, i) => {
		if (r.ok) steps.push({ ...state.expanded[i], view: r.data });
	});
	if (browser && overview.ok && overview.data.nodes.length > BIG_GRAPH) {
		// A big view's layout starts here, in a worker, while the page hydrates; the canvas
		// takes it up when it receives the same graph (the page merges the views the same way).
		startLayout(mergeViews(overview.data, ...steps.map((s) => s.view)));
	}
	return {
		state,
		overview: overview.ok ? overview.data : null,
		problem: failure(overview),
		detail: detail?.ok ? detail.data : null,
		detailProblem: detail && !detail.ok ? failure(detail) : null,
		steps
	};
};
