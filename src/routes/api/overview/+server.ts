import { answer, parse } from '$lib/server/http';
import { fromSearch, overviewParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(() => {
		const { limit, papers } = parse(overviewParams, fromSearch(url.searchParams));
		return repository.overview(limit, papers);
	});
