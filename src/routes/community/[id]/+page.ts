import { createApi } from '$lib/api';
import { orFail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
	community: orFail(await createApi(fetch).community(params.id, { limit: 200 }))
});
