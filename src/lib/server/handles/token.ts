// With LINEAGE_API_TOKEN set, /api/* (but /api/health, for monitors) needs it as a bearer token.
import { json, type Handle } from '@sveltejs/kit';
import type { ApiError } from '../../types.js';
import { serverConfig } from '../config.js';

function tokenOk(request: Request, token: string): boolean {
	return (request.headers.get('authorization') ?? '') === `Bearer ${token}`;
}

export const apiToken: Handle = async ({ event, resolve }) => {
	const token = serverConfig().apiToken;
	const path = event.url.pathname;
	if (
		token &&
		path.startsWith('/api/') &&
		path !== '/api/health' &&
		!tokenOk(event.request, token)
	) {
		return json(
			{
				error: 'This API needs an access token: send "Authorization: Bearer <token>".',
				code: 'forbidden'
			} satisfies ApiError,
			{ status: 401 }
		);
	}
	return resolve(event);
};
