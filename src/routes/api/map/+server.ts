import { answer, parse } from '$lib/server/http';
import { fromSearch, mapParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	let current = true;
	const response = await answer(async () => {
		const r = await repository.fieldMap(parse(mapParams, fromSearch(url.searchParams)));
		current = r.current;
		return r.map;
	});
	// The previous graph version's map until the new one is analysed: not cached against this one.
	if (!current) response.headers.set('cache-control', 'no-store');
	return response;
};
