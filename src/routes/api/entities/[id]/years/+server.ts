import { answer, parse } from '$lib/server/http';
import { idParam } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) =>
	answer(() => repository.years(parse(idParam, params.id)));
