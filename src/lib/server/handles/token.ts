// With LINEAGE_API_TOKEN set, the API (but /api/health, for monitors) needs the token: as a
// bearer token from programs, or from a browser as the HttpOnly cookie /signin sets (the
// script of the page never sees it). Pages redirect to /signin until then.
import { json, type Cookies, type Handle } from '@sveltejs/kit';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiError } from '../../types.js';
import { serverConfig } from '../config.js';
import { WRITER_COOKIE } from '../../curation.js';

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

/**
 * The readable cookie naming whom corrections are recorded as (set at sign-in) follows the
 * server: gone when it has no token (any more), the token's name when signed in — else a form
 * would say "Recorded as …" of a token this server no longer asks for. Pages only.
 */
function syncWriter(cookies: Cookies, token: string | undefined, url: URL): void {
	const shown = cookies.get(WRITER_COOKIE);
	const name = serverConfig().apiTokenName;
	if (!token && shown !== undefined) cookies.delete(WRITER_COOKIE, { path: '/' });
	else if (token && cookies.get(TOKEN_COOKIE) !== undefined && shown !== name)
		cookies.set(WRITER_COOKIE, name, {
			path: '/',
			sameSite: 'strict',
			httpOnly: false,
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 30
		});
}

export const apiToken: Handle = async ({ event, resolve }) => {
	const token = serverConfig().apiToken;
	const path = event.url.pathname;
	const page = !path.startsWith('/api/') && !path.startsWith('/_app/');
	if (!token || OPEN.test(path) || authorised(event.request, event.cookies, token)) {
		if (page) syncWriter(event.cookies, token, event.url);
		return resolve(event);
	}
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
