// A lineage: the DAG in one direction, and for descendants the flat "builds on" table.
import { createApi } from '$lib/api';
import { orFail } from '$lib/state/loaders';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
	const api = createApi(fetch);
	const direction = url.searchParams.get('direction') === 'ancestors' ? 'ancestors' : 'descendants';
	const [lineage, buildsOn] = await Promise.all([
		api.lineage(params.id, { direction }),
		direction === 'descendants' ? api.buildsOn(params.id) : Promise.resolve(null)
	]);
	return {
		direction,
		lineage: orFail(lineage),
		rows: buildsOn?.ok ? buildsOn.data.rows : null
	} as const;
};
