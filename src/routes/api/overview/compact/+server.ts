import { answer, parse } from '$lib/server/http';
import { fromSearch, overviewParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import { overviewLayout } from '$lib/server/overview-layout';
import { encodeCompact } from '$lib/graph/compact';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(async () => {
		const { limit, papers } = parse(overviewParams, fromSearch(url.searchParams));
		const view = await repository.overview(limit, papers);
		return encodeCompact(view, await overviewLayout(view));
	});
