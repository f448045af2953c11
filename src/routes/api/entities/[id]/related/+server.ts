import { answer, parse } from '$lib/server/http';
import { fromSearch, idParam, relatedParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	answer(() =>
		repository.related(
			parse(idParam, params.id),
			parse(relatedParams, fromSearch(url.searchParams))
		)
	);
