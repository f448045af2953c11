import { answer, parse } from '$lib/server/http';
import { fromSearch, risingParams } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(() => repository.rising(parse(risingParams, fromSearch(url.searchParams))));
