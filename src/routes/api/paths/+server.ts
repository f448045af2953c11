import { answer, parse } from '$lib/server/http';
import { fromSearch, pathsParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(() => {
		const p = parse(pathsParams, fromSearch(url.searchParams));
		return repository.paths(p.from, p.to, p);
	});
