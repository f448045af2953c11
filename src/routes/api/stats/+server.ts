import { answer } from '$lib/server/http';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => answer(() => repository.stats());
