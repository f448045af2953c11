import { createApi } from '$lib/api';
import { orFail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
	const api = createApi(fetch);
	// Its years and related entities are asked at once; their failures show in their sections.
	const [entity, years, related] = await Promise.all([
		api.entity(params.id),
		api.entityYears(params.id),
		api.related(params.id, 8)
	]);
	return { entity: orFail(entity), years, related };
};
