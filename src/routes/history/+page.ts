// Every correction people made, for the history page (newest first there).
import { createApi } from '$lib/api';
import { failure } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
	depends('lineage:curations');
	const r = await createApi(fetch).curations();
	return {
		curations: r.ok ? [...r.data.curations].reverse() : [],
		names: r.ok ? r.data.names : {},
		problem: failure(r)
	};
};
