import { answer, parse } from '$lib/server/http';
import { fromSearch, neighbourhoodParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(() => {
		const p = parse(neighbourhoodParams, fromSearch(url.searchParams));
		return repository.neighbourhood(p.ids, { ...p, depth: p.depth as 1 | 2 });
	});
