import { answer, parse } from '$lib/server/http';
import { fromSearch, timelineParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(async () => ({
		rows: await repository.timeline(parse(timelineParams, fromSearch(url.searchParams)).id)
	}));
