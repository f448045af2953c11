import { createApi } from '$lib/api';
import { orFail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
	rising: orFail(await createApi(fetch).rising(50))
});
