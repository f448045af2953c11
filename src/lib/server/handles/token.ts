// With LINEAGE_API_TOKEN set, the API (but /api/health, for monitors) needs the token: as a
// bearer token from programs, or from a browser as the HttpOnly cookie /signin sets (the
// script of the page never sees it). Pages redirect to /signin until then.
import { json, type Cookies, type Handle } from '@sveltejs/kit';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiError } from '../../types.js';
import { serverConfig } from '../config.js';

export const TOKEN_COOKIE = 'lineage_token';

/** The same token, compared in constant time (hashes make the lengths equal). */
export function sameToken(given: string, token: string): boolean {
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(token).digest();
	return timingSafeEqual(a, b);
}

export function authorised(request: Request, cookies: Cookies, token: string): boolean {
	const header = request.headers.get('authorization') ?? '';
	if (header.startsWith('Bearer ') && sameToken(header.slice(7), token)) return true;
	const cookie = cookies.get(TOKEN_COOKIE);
	return cookie !== undefined && sameToken(cookie, token);
}

// The sign-in page, and what the page needs before anyone is signed in.
const OPEN = /^\/(?:signin(?:\/|$)|api\/health$|favicon|robots\.txt$|_app\/)/;

export const apiToken: Handle = async ({ event, resolve }) => {
	const token = serverConfig().apiToken;
	const path = event.url.pathname;
	if (!token || OPEN.test(path) || authorised(event.request, event.cookies, token))
		return resolve(event);
	if (path.startsWith('/api/')) {
		return json(
			{
				error:
					'This API needs an access token: send "Authorization: Bearer <token>", or sign in at /signin.',
				code: 'forbidden'
			} satisfies ApiError,
			{ status: 401 }
		);
	}
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD')
		return new Response('Sign in first: /signin', { status: 401 });
	// a page's data request (…/__data.json) returns to the page itself
	const next = path.replace(/\/__data\.json$/, '') + event.url.search;
	return new Response(null, {
		status: 303,
		headers: { location: `/signin?next=${encodeURIComponent(next || '/')}` }
	});
};
