import { answer, parse } from '$lib/server/http';
import { fromSearch, overviewParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import { overviewLayout } from '$lib/server/overview-layout';
import { encodeCompact } from '$lib/graph/compact';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	let current = true;
	const response = await answer(async () => {
		const { limit, papers } = parse(overviewParams, fromSearch(url.searchParams));
		const found = await repository.overview(limit, papers);
		current = found.current;
		return encodeCompact(found.view, await overviewLayout(found.view));
	});
	// The previous graph version's overview while the new one is computed: not to be cached.
	if (!current) response.headers.set('cache-control', 'no-store');
	return response;
};
