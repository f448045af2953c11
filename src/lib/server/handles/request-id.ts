// Every request gets an id (the caller's `x-request-id`, else a new one): in the log line, the
// error log and the answer's header, so a person can tie a failure to its log.
import { randomUUID } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';

export const requestId: Handle = async ({ event, resolve }) => {
	const id = event.request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
	event.locals.requestId = id;
	const response = await resolve(event);
	response.headers.set('x-request-id', id);
	return response;
};
