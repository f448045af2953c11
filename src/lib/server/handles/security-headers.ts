// Headers every answer carries; the page's own Content-Security-Policy comes from
// svelte.config.js (kit.csp), the API's is "nothing may load".
import type { Handle } from '@sveltejs/kit';

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	if (event.url.pathname.startsWith('/api/'))
		response.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	return response;
};
