// With LINEAGE_RATE_LIMIT set, each client address may make that many /api requests a minute;
// past it, 429 `rate_limited` with `retry-after`. A fixed window per client: simple, and
// enough to keep one runaway script from starving the others.
import { json, type Handle } from '@sveltejs/kit';
import type { ApiError } from '../../types.js';
import { serverConfig } from '../config.js';

const WINDOW_MS = 60_000;
const MAX_CLIENTS = 10_000;

export class RateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(
		private readonly limit: number,
		private readonly now: () => number = Date.now
	) {}

	/** Counts a request; true when the client is over its limit for this window. */
	hit(client: string): boolean {
		const now = this.now();
		const w = this.windows.get(client);
		if (!w || now - w.start > WINDOW_MS) {
			this.windows.set(client, { start: now, count: 1 });
			if (this.windows.size > MAX_CLIENTS) this.windows.clear(); // bounded memory
			return false;
		}
		w.count++;
		return w.count > this.limit;
	}
}

let limiter: RateLimiter | undefined;

export const rateLimit: Handle = async ({ event, resolve }) => {
	const limit = serverConfig().rateLimit;
	if (limit && event.url.pathname.startsWith('/api/')) {
		limiter ??= new RateLimiter(limit);
		if (limiter.hit(event.getClientAddress())) {
			return json(
				{
					error: 'Too many requests: slow down and retry in a minute.',
					code: 'rate_limited'
				} satisfies ApiError,
				{ status: 429, headers: { 'retry-after': String(WINDOW_MS / 1000) } }
			);
		}
	}
	return resolve(event);
};
