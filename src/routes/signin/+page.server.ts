// Sign in with the access token (LINEAGE_API_TOKEN): kept in an HttpOnly, same-site cookie so
// the explorer's requests carry it and its scripts never read it. Without a token set there is
// nothing to sign in to.
import { fail, redirect } from '@sveltejs/kit';
import { serverConfig } from '$lib/server/config';
import { authorised, sameToken, TOKEN_COOKIE } from '$lib/server/handles/token';
import { WRITER_COOKIE } from '$lib/curation';
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
		recordedAs: serverConfig().apiTokenName,
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
		const options = {
			path: '/',
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 30
		} as const;
		cookies.set(TOKEN_COOKIE, given, { ...options, httpOnly: true });
		// Not the token: the name corrections are recorded under, for the forms to say so (the
		// server records the token's name whatever a form's "by" says).
		cookies.set(WRITER_COOKIE, serverConfig().apiTokenName, { ...options, httpOnly: false });
		redirect(303, next);
	},
	signout: async ({ cookies }) => {
		cookies.delete(TOKEN_COOKIE, { path: '/' });
		cookies.delete(WRITER_COOKIE, { path: '/' });
		redirect(303, '/signin');
	}
};
