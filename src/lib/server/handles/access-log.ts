// One JSON line per request (LINEAGE_LOG=off silences it).
import type { Handle } from '@sveltejs/kit';
import { serverConfig } from '../config.js';

export const accessLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	if (serverConfig().log) {
		console.log(
			JSON.stringify({
				time: new Date().toISOString(),
				requestId: event.locals.requestId,
				method: event.request.method,
				path: event.url.pathname,
				status: response.status,
				ms: Math.round(performance.now() - started)
			})
		);
	}
	return response;
};
