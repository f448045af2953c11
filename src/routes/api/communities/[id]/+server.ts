import { answer, parse } from '$lib/server/http';
import { communityParams, fromSearch, idParam } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	answer(() =>
		repository.community(
			parse(idParam, params.id),
			parse(communityParams, fromSearch(url.searchParams))
		)
	);
