import { json } from '@sveltejs/kit';
import { databaseHealth } from '$lib/server/db';
import { snapshotState } from '$lib/server/projection';
import { analyticsState } from '$lib/server/analytics';
import { responseCache } from '$lib/server/response-cache';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const database = await databaseHealth();
	const c = responseCache();
	const cache = { ...c.size, hits: c.hits, misses: c.misses };
	return json(
		{
			app: 'ok',
			database,
			cache,
			projection: await snapshotState(),
			analytics: await analyticsState()
		},
		{ status: database.ok ? 200 : 503 }
	);
};
