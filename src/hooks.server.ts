// Every request: an id, a structured log line, security headers; for /api, an optional access
// token (LINEAGE_API_TOKEN) and a per-client rate limit (LINEAGE_RATE_LIMIT requests/minute).
import { randomUUID } from 'node:crypto';
import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { closeDriver } from '../graph/driver.js';
import { ConfigError } from '../graph/env.js';
import { serverConfig } from '$lib/server/config';
import { withResponseCache } from '$lib/server/response-cache';
import { currentSnapshot } from '$lib/server/projection';
// Registers the analytics, computed whenever a new copy of the graph has loaded.
import '$lib/server/analytics';

// Start loading the in-memory copy of the graph now, not at the first question that needs it
// (it loads in the background; the server answers meanwhile).
export const init: ServerInit = () => {
	// A bad variable stops the server at start, in one sentence naming it.
	try {
		serverConfig();
	} catch (err) {
		if (!(err instanceof ConfigError)) throw err;
		console.error(`lineage: ${err.message}`);
		process.exit(1);
	}
	void currentSnapshot();
};

// adapter-node emits this on SIGTERM/SIGINT once the HTTP server has closed: the driver's
// connection pool would otherwise keep the process alive.
process.once('sveltekit:shutdown' as never, () => void closeDriver());

const windows = new Map<string, { start: number; count: number }>();

function rateLimited(client: string, limit: number): boolean {
	const now = Date.now();
	const w = windows.get(client);
	if (!w || now - w.start > 60_000) {
		windows.set(client, { start: now, count: 1 });
		if (windows.size > 10_000) windows.clear(); // bounded memory under many clients
		return false;
	}
	w.count++;
	return w.count > limit;
}

function tokenOk(request: Request, token: string): boolean {
	const header = request.headers.get('authorization') ?? '';
	return header === `Bearer ${token}`;
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const config = serverConfig();
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
	event.locals.requestId = requestId;
	const isApi = event.url.pathname.startsWith('/api/');
	let response: Response;

	if (
		isApi &&
		config.apiToken &&
		event.url.pathname !== '/api/health' &&
		!tokenOk(event.request, config.apiToken)
	) {
		response = json(
			{
				error: 'This API needs an access token: send "Authorization: Bearer <token>".',
				code: 'forbidden'
			},
			{ status: 401 }
		);
	} else if (isApi && config.rateLimit && rateLimited(event.getClientAddress(), config.rateLimit)) {
		response = json(
			{ error: 'Too many requests: slow down and retry in a minute.', code: 'bad_request' },
			{ status: 429, headers: { 'retry-after': '60' } }
		);
	} else {
		response = await withResponseCache(event.request, event.url, () => resolve(event));
	}

	response.headers.set('x-request-id', requestId);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	if (isApi)
		response.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");

	if (config.log) {
		console.log(
			JSON.stringify({
				time: new Date().toISOString(),
				requestId,
				method: event.request.method,
				path: event.url.pathname,
				status: response.status,
				ms: Math.round(performance.now() - started)
			})
		);
	}
	return response;
};

export const handleError: HandleServerError = ({ error, event }) => {
	console.error(JSON.stringify({ requestId: event.locals.requestId, error: String(error) }));
	return { message: 'Something went wrong on the server.', code: 'internal' };
};
