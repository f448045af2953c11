// DELETE: undo a correction (a write: see $lib/server/curation.ts). The record stays, marked undone.
import { appDb } from '$lib/server/db';
import { json } from '@sveltejs/kit';
import { errorResponse, parse } from '$lib/server/http';
import { writer, written } from '$lib/server/curation';
import { idParam } from '$lib/server/params';
import { undoCuration } from '../../../../../ingest/curation.js';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async (event) => {
	try {
		const by = writer(event, event.url.searchParams.get('by') ?? undefined);
		const record = await undoCuration(appDb(), parse(idParam, event.params.id), by.slice(0, 100));
		written();
		return json(record, { headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return errorResponse(err);
	}
};
