// Shared pieces of the page loads: the detail of any node id, and turning API failures into
// SvelteKit errors (404, 400, 503 with the API's own message) for the pages that need the data.
import { error } from '@sveltejs/kit';
import type { Api, ApiResult, NeighbourhoodQuery, Years } from '$lib/api';
import {
	ENTITY_TYPES,
	RELATION_TYPES,
	type EntityDetail,
	type PaperDetail,
	type RelationEvidence,
	type RelationType
} from '$lib/types';
import { kindOfId } from '$lib/graph/vocabulary';
import type { Expansion } from '$lib/graph/url-state';

export { EXPAND_LIMIT, EXPAND_MAX, OVERVIEW_LIMIT } from '$lib/graph/url-state';

export type Detail =
	| { kind: 'Entity'; entity: EntityDetail }
	| { kind: 'Paper'; paper: PaperDetail }
	| { kind: 'Edge'; edge: RelationEvidence };

/** Sentences per page of an edge's evidence. */
export const EVIDENCE_PAGE = 10;

/** An edge's id (`source|TYPE|target`) as its parts, or null for a node's id. */
export function edgeOfId(
	id: string
): { source: string; type: RelationType; target: string } | null {
	const parts = id.split('|');
	if (parts.length !== 3 || !(RELATION_TYPES as readonly string[]).includes(parts[1]!)) return null;
	return { source: parts[0]!, type: parts[1] as RelationType, target: parts[2]! };
}

/** The detail of a node or an edge; with a year range, of the relations of those years. */
export async function loadDetail(
	api: Api,
	id: string,
	years: Years = {}
): Promise<ApiResult<Detail>> {
	const edge = edgeOfId(id);
	if (edge) {
		const r = await api.evidence({ ...edge, ...years, limit: EVIDENCE_PAGE });
		return r.ok ? { ok: true, data: { kind: 'Edge', edge: r.data } } : r;
	}
	if (kindOfId(id) === 'Entity') {
		const r = await api.entity(id, years);
		return r.ok ? { ok: true, data: { kind: 'Entity', entity: r.data } } : r;
	}
	const r = await api.paper(id);
	return r.ok ? { ok: true, data: { kind: 'Paper', paper: r.data } } : r;
}

/** What an expansion asks the API: entities first (papers only when asked), maybe of one type. */
export function expansionQuery(x: Expansion, years: Years = {}): NeighbourhoodQuery {
	return {
		ids: [x.id],
		limit: x.limit,
		types: x.papers ? ['Paper'] : [...ENTITY_TYPES],
		rel: x.rel ? [x.rel] : undefined,
		from: years.from,
		to: years.to
	};
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
