import { answer, parse } from '$lib/server/http';
import { fromSearch, searchParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import { MAX_QUERY_CHARS } from '../../../../graph/queries/search.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(async () => {
		const p = parse(searchParams, fromSearch(url.searchParams));
		const hits = await repository.search(p.q, p.types, p.limit);
		return p.q.length > MAX_QUERY_CHARS
			? { hits, note: `The query was cut to its first ${MAX_QUERY_CHARS} characters.` }
			: { hits };
	});
