import { createApi } from '$lib/api';
import { orFail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
	paper: orFail(await createApi(fetch).paper(params.id))
});
