import { answer, parse } from '$lib/server/http';
import { entityParams, fromSearch, idParam } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const response = await answer(() =>
		repository.entity(parse(idParam, params.id), parse(entityParams, fromSearch(url.searchParams)))
	);
	// Its importance and community may be of the previous graph version until they are computed.
	if (!(await repository.analyticsCurrent())) response.headers.set('cache-control', 'no-store');
	return response;
};
