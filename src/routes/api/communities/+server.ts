import { answer, parse } from '$lib/server/http';
import { communitiesParams, fromSearch } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	answer(() => repository.communities(parse(communitiesParams, fromSearch(url.searchParams))));
