import { answer, parse } from '$lib/server/http';
import { fromSearch, idParam, lineageParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	answer(() => {
		const p = parse(lineageParams, fromSearch(url.searchParams));
		return repository.lineage(parse(idParam, params.id), p);
	});
