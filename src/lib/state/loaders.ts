// Shared pieces of the page loads: the detail of any node id, and turning API failures into
// SvelteKit errors (404, 400, 503 with the API's own message) for the pages that need the data.
import { error } from '@sveltejs/kit';
import type { Api, ApiResult } from '$lib/api';
import type { EntityDetail, PaperDetail } from '$lib/types';
import { kindOfId } from '$lib/graph/vocabulary';

export { EXPAND_LIMIT, EXPAND_MAX, OVERVIEW_LIMIT } from '$lib/graph/url-state';

export type Detail =
	{ kind: 'Entity'; entity: EntityDetail } | { kind: 'Paper'; paper: PaperDetail };

export async function loadDetail(api: Api, id: string): Promise<ApiResult<Detail>> {
	if (kindOfId(id) === 'Entity') {
		const r = await api.entity(id);
		return r.ok ? { ok: true, data: { kind: 'Entity', entity: r.data } } : r;
	}
	const r = await api.paper(id);
	return r.ok ? { ok: true, data: { kind: 'Paper', paper: r.data } } : r;
}

/** The data, or a thrown SvelteKit error carrying the API's status and message. */
export function orFail<T>(result: ApiResult<T>): T {
	if (result.ok) return result.data;
	const status = result.status >= 400 && result.status < 600 ? result.status : 503;
	error(status, { message: result.error.error, code: result.error.code });
}

/** Failures as plain data for pages that stay up and show a banner instead. */
export function failure(result: ApiResult<unknown>): { status: number; message: string } | null {
	return result.ok ? null : { status: result.status, message: result.error.error };
}
