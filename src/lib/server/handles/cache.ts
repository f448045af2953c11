// Cacheable GET answers come from the response cache (see ../response-cache.ts).
import type { Handle } from '@sveltejs/kit';
import { withResponseCache } from '../response-cache.js';

export const responseCache: Handle = ({ event, resolve }) =>
	withResponseCache(event.request, event.url, () => resolve(event));
