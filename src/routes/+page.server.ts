import { databaseHealth } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ health: await databaseHealth() });
