// Every request passes these handles in order: an id, the access log, security headers, then
// for /api the access token (LINEAGE_API_TOKEN), the per-client rate limit (LINEAGE_RATE_LIMIT)
// and the response cache. Each is one module in $lib/server/handles.
import { type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { closeDriver } from '../graph/driver.js';
import { ConfigError } from '../graph/env.js';
import { serverConfig } from '$lib/server/config';
import { currentSnapshot } from '$lib/server/projection';
import { accessLog } from '$lib/server/handles/access-log';
import { responseCache } from '$lib/server/handles/cache';
import { rateLimit } from '$lib/server/handles/rate-limit';
import { requestId } from '$lib/server/handles/request-id';
import { securityHeaders } from '$lib/server/handles/security-headers';
import { apiToken } from '$lib/server/handles/token';
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

export const handle = sequence(
	requestId,
	accessLog,
	securityHeaders,
	apiToken,
	rateLimit,
	responseCache
);

export const handleError: HandleServerError = ({ error, event }) => {
	console.error(JSON.stringify({ requestId: event.locals.requestId, error: String(error) }));
	return { message: 'Something went wrong on the server.', code: 'internal' };
};
