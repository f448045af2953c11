import { answer, parse } from '$lib/server/http';
import { fromSearch, searchParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(async () => {
		const p = parse(searchParams, fromSearch(url.searchParams));
		return { hits: await repository.search(p.q, p.types, p.limit) };
	});
