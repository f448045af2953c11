import { answer, parse } from '$lib/server/http';
import { entityRelationsParams, fromSearch, idParam } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	answer(() =>
		repository.entityRelations(
			parse(idParam, params.id),
			parse(entityRelationsParams, fromSearch(url.searchParams))
		)
	);
