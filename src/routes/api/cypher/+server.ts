import { answer, BadRequestError, parse } from '$lib/server/http';
import { cypherBody } from '$lib/server/params';
import { repository } from '$lib/server/repository';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
	answer(async () => {
		let body: unknown;
		try {
			body = await request.json();
		} catch {
			throw new BadRequestError('The body must be JSON: {"query": "...", "params": {}}');
		}
		const { query, params } = parse(cypherBody, body);
		return repository.cypher(query, params);
	});
