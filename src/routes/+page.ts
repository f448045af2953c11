// The explorer's data: the overview, every expansion named in the URL (at its own limit), and
// the selected node's detail, so that reloading or sharing the URL restores the same view.
import { createApi, type Api, type ApiResult } from '$lib/api';
import type { GraphView } from '$lib/types';
import { decodeExplorerState, type ExplorerState, type Expansion } from '$lib/graph/url-state';
import { expansionQuery, failure, loadDetail } from '$lib/state/loaders';
import { browser } from '$app/environment';
import { mergeViews } from '$lib/graph/elements';
import { provideLayout, startLayout } from '$lib/graph/force-job';
import { BIG_GRAPH } from '$lib/graph/layouts';
import { loadCytoscape } from '$lib/graph/load-cytoscape';
import type { PlacedView } from '$lib/graph/compact';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
	const api = createApi(fetch);
	const state = decodeExplorerState(url.searchParams);
	if (state.view === 'map') return loadMap(api, state);
	// A view that may be big (thousands of nodes) is not put in the HTML: megabytes of data would
	// hold back the first paint and hydration. The browser fetches it compactly, with the
	// server's layout, while the page hydrates and Cytoscape loads.
	const deferred = state.limit + state.papers > BIG_GRAPH;
	const [overview, detail, ...expansions] = await Promise.all([
		deferred ? null : api.overview(state.limit, state.papers),
		state.selected
			? loadDetail(api, state.selected, { from: state.filters.yearFrom, to: state.filters.yearTo })
			: Promise.resolve(null),
		...state.expanded.map((x) => api.neighbourhood(expansionQuery(x)))
	]);
	const steps: (Expansion & { view: GraphView })[] = [];
	expansions.forEach((r, i) => {
		if (r.ok) steps.push({ ...state.expanded[i]!, view: r.data });
	});
	let placed: Promise<ApiResult<PlacedView>> | null = null;
	if (deferred && browser) {
		void loadCytoscape('fcose');
		placed = api.overviewPlaced(state.limit, state.papers).then((r) => {
			if (r.ok) prepareLayout(r.data, steps, state.renderer === 'batched');
			return r;
		});
	}
	if (browser && overview?.ok && overview.data.nodes.length > BIG_GRAPH) {
		startLayout(mergeViews(overview.data, ...steps.map((s) => s.view)));
	}
	return {
		state,
		map: null,
		mapProblem: null,
		community: null,
		overview: overview?.ok ? overview.data : null,
		/** Deferred views: the overview on its way (null while server-rendering). */
		placed,
		deferred,
		problem: overview ? failure(overview) : null,
		detail: detail?.ok ? detail.data : null,
		detailProblem: detail && !detail.ok ? failure(detail) : null,
		steps
	};
};

/**
 * The canvas takes a big view's positions from here. The server laid out the overview alone;
 * with expansions in view the whole graph is laid out in a worker instead, begun now (the page
 * merges the views the same way). Small views are laid out by fCoSE, unless the batched canvas
 * was asked for: it draws any deferred view as it draws big ones.
 */
function prepareLayout(placed: PlacedView, steps: { view: GraphView }[], batched: boolean) {
	const graph = mergeViews(placed.view, ...steps.map((s) => s.view));
	if (graph.nodes.length <= BIG_GRAPH && !batched) return;
	if (
		graph.nodes.length === placed.view.nodes.length &&
		graph.edges.length === placed.view.edges.length
	)
		provideLayout(graph, placed.positions);
	else startLayout(graph);
}

/** Regions on the first screen: the most important communities. */
const MAP_REGIONS = 30;

/** The first screen: the map of the field, of a year range when one is set. */
async function loadMap(api: Api, state: ExplorerState) {
	const [map, community] = await Promise.all([
		api.map({ limit: MAP_REGIONS, from: state.filters.yearFrom, to: state.filters.yearTo }),
		state.community ? api.community(state.community, { limit: 40 }) : null
	]);
	let mapProblem = map.ok ? null : { ...failure(map)!, code: map.error.code ?? null };
	// Not ready because the graph cannot even be read: say that, not "computing".
	if (mapProblem?.code === 'not_ready') {
		const health = await api.health();
		if (!health.ok)
			mapProblem = {
				status: 503,
				message:
					'The graph database is not reachable, so the map cannot be drawn. Start it (npx lineage db start) or check NEO4J_URI; the app recovers by itself once it answers.',
				code: 'unavailable'
			};
	}
	return {
		state,
		map: map.ok ? map.data : null,
		/** The analytics not computed yet (`not_ready`) or the database away: said, never blank. */
		mapProblem,
		community: community?.ok ? community.data : null,
		overview: null,
		placed: null,
		deferred: false,
		problem: null,
		detail: null,
		detailProblem: null,
		steps: [] as (Expansion & { view: GraphView })[]
	};
}
