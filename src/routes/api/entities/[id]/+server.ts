import { answer, parse } from '$lib/server/http';
import { entityParams, fromSearch, idParam } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	answer(() =>
		repository.entity(parse(idParam, params.id), parse(entityParams, fromSearch(url.searchParams)))
	);
