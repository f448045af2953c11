// Paths between two nodes, from the URL; plus the endpoints' neighbourhood, drawn faded, so
// the highlighted paths sit in context.
import { createApi } from '$lib/api';
import { decodePathQuery } from '$lib/graph/url-state';
import { failure, loadDetail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
	const api = createApi(fetch);
	const query = decodePathQuery(url.searchParams);
	const labelOf = async (id: string) => {
		if (!id) return '';
		const r = await loadDetail(api, id);
		if (!r.ok) return id;
		return r.data.kind === 'Entity'
			? r.data.entity.name
			: r.data.kind === 'Paper'
				? r.data.paper.title
				: id;
	};
	if (!query.from || !query.to) {
		const [fromLabel, toLabel] = await Promise.all([labelOf(query.from), labelOf(query.to)]);
		return { query, fromLabel, toLabel, result: null, context: null, problem: null };
	}
	const [result, context] = await Promise.all([
		api.paths({
			from: query.from,
			to: query.to,
			k: query.k,
			maxLength: query.maxLength,
			rel: query.rels,
			directed: query.directed,
			avoidHubs: query.avoidHubs,
			entityOnly: query.entityOnly
		}),
		api.neighbourhood({ ids: [query.from, query.to], limit: 60 })
	]);
	return {
		query,
		fromLabel: result.ok ? result.data.from.label : query.from,
		toLabel: result.ok ? result.data.to.label : query.to,
		result: result.ok ? result.data : null,
		context: context.ok ? context.data : null,
		problem: failure(result)
	};
};
