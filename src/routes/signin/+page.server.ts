// Sign in with the access token (LINEAGE_API_TOKEN): kept in an HttpOnly, same-site cookie so
// the explorer's requests carry it and its scripts never read it. Without a token set there is
// nothing to sign in to.
import { fail, redirect } from '@sveltejs/kit';
import { serverConfig } from '$lib/server/config';
import { authorised, sameToken, TOKEN_COOKIE } from '$lib/server/handles/token';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after signing in: a path on this site, never another site ("//evil"). */
function safeNext(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
		? value
		: '/';
}

export const load: PageServerLoad = ({ request, cookies, url }) => {
	const token = serverConfig().apiToken;
	return {
		required: token !== undefined,
		signedIn: token !== undefined && authorised(request, cookies, token),
		next: safeNext(url.searchParams.get('next'))
	};
};

export const actions: Actions = {
	signin: async ({ request, cookies, url }) => {
		const token = serverConfig().apiToken;
		if (!token) redirect(303, '/');
		const form = await request.formData();
		const given = String(form.get('token') ?? '');
		const next = safeNext(String(form.get('next') ?? '/'));
		if (!given || !sameToken(given, token))
			return fail(401, { error: 'That is not the access token of this Lineage.', next });
		cookies.set(TOKEN_COOKIE, given, {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 30
		});
		redirect(303, next);
	},
	signout: async ({ cookies }) => {
		cookies.delete(TOKEN_COOKIE, { path: '/' });
		redirect(303, '/signin');
	}
};
