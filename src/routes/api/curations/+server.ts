// GET: every correction, oldest first, with the names of the ids they speak of. POST: make one (a write: see $lib/server/curation.ts).
import { appDb } from '$lib/server/db';
import { BadRequestError, errorResponse, parse } from '$lib/server/http';
import { answer } from '$lib/server/http';
import { writer, written } from '$lib/server/curation';
import { curationBody, curationMetaBody } from '$lib/server/curation-body';
import { json } from '@sveltejs/kit';
import { idsOf } from '../../../../graph/curation.js';
import { listCurations, namesOf } from '../../../../graph/queries/curation.js';
import { curate } from '../../../../ingest/curation.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	answer(
		async () => {
			const curations = await listCurations(appDb(), { timeoutMs: 10_000 });
			// The names of the ids they speak of, for people (the history page reads names).
			const ids = [...new Set(curations.flatMap((c) => idsOf(c.args)))];
			return { curations, names: await namesOf(appDb(), ids, { timeoutMs: 10_000 }) };
		},
		{ 'cache-control': 'no-store' }
	);

export const POST: RequestHandler = async (event) => {
	try {
		if (!(event.request.headers.get('content-type') ?? '').startsWith('application/json'))
			throw new BadRequestError('Send the correction as JSON (content-type: application/json).');
		let body: unknown;
		try {
			body = await event.request.json();
		} catch {
			throw new BadRequestError(
				'The body must be JSON: {"kind": "merge", "keep": "…", "other": "…", "why": "…"}'
			);
		}
		const meta = parse(curationMetaBody, body);
		const by = writer(event, meta.by);
		const request = parse(curationBody, body);
		const record = await curate(appDb(), request, { by, why: meta.why });
		written();
		return json(record, { status: 201, headers: { 'cache-control': 'no-store' } });
	} catch (err) {
		return errorResponse(err);
	}
};
