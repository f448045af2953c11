import { json } from '@sveltejs/kit';
import { databaseHealth } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const database = await databaseHealth();
	return json({ app: 'ok', database }, { status: database.ok ? 200 : 503 });
};
