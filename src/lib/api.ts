// The typed client for /api/*. Pages and loaders call it (components never fetch); it takes
// the `fetch` to use so SvelteKit's load `fetch` works during SSR. Failures come back as
// values with a message a person can read, never as thrown stack traces.
import type {
	ApiError,
	BuildsOnRow,
	CurationRecord,
	CurationRequest,
	CommunityDetail,
	CommunitySummary,
	FieldMap,
	EntityDetail,
	EntityType,
	GraphNode,
	GraphView,
	LineageResult,
	PaperDetail,
	PathsResult,
	RelationEvidence,
	RelationPage,
	RelationType,
	RelatedEntity,
	RisingList,
	SearchHit,
	StatsView,
	YearsView
} from './types';
import { decodeCompact, type PlacedView } from './graph/compact';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

type Fetch = typeof fetch;
type Params = Record<string, string | number | boolean | string[] | null | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) {
		if (v == null || v === '') continue;
		if (Array.isArray(v)) {
			if (v.length) q.set(k, v.join(','));
		} else q.set(k, String(v));
	}
	const s = q.toString();
	return `/api/${path}${s ? `?${s}` : ''}`;
}

function isApiError(body: unknown): body is ApiError {
	return typeof body === 'object' && body !== null && typeof (body as ApiError).error === 'string';
}

async function get<T>(fetcher: Fetch, url: string): Promise<ApiResult<T>> {
	return call<T>(fetcher, url, { headers: { accept: 'application/json' } });
}

/** A write (POST with a JSON body, DELETE): the same answers as a read, refusals included. */
function send<T>(
	fetcher: Fetch,
	method: 'POST' | 'DELETE',
	url: string,
	body?: unknown
): Promise<ApiResult<T>> {
	return call<T>(fetcher, url, {
		method,
		headers: {
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

async function call<T>(fetcher: Fetch, url: string, init: RequestInit): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetcher(url, init);
	} catch {
		return {
			ok: false,
			status: 0,
			error: { error: 'The Lineage server could not be reached.', code: 'unavailable' }
		};
	}
	let body: unknown = null;
	try {
		body = await res.json();
	} catch {
		// A proxy error page or an empty body: fall through to the status-based message.
	}
	if (res.ok) return { ok: true, data: body as T };
	if (isApiError(body)) return { ok: false, status: res.status, error: body };
	const code: ApiError['code'] =
		res.status === 404
			? 'not_found'
			: res.status === 503
				? 'unavailable'
				: res.status === 400
					? 'bad_request'
					: res.status === 401 || res.status === 403
						? 'forbidden'
						: res.status === 429
							? 'rate_limited'
							: 'internal';
	return {
		ok: false,
		status: res.status,
		error: { error: `The server answered ${res.status} ${res.statusText}`.trim(), code }
	};
}

const enc = encodeURIComponent;

/** Where the compact overview is: the page also preloads it from its HTML, by the same URL. */
export function overviewPlacedUrl(limit?: number, papers?: number): string {
	return apiUrl('overview/compact', { limit, papers: papers || undefined });
}

export interface NeighbourhoodQuery {
	ids: string[];
	depth?: 1 | 2;
	rel?: RelationType[];
	types?: (EntityType | 'Paper')[];
	from?: number | null;
	to?: number | null;
	minSupport?: number;
	limit?: number;
}

/** A year range (either end open): the relations stated, and the papers written, in those years. */
export interface Years {
	from?: number | null;
	to?: number | null;
}

/** Why a correction is made, and by whom (optional: the server says "local" without a name). */
export interface CurationMeta {
	why: string;
	by?: string;
}

export interface PathsQueryParams {
	from: string;
	to: string;
	k?: number;
	maxLength?: number;
	rel?: RelationType[];
	directed?: boolean;
	avoidHubs?: boolean;
	entityOnly?: boolean;
}

export function createApi(fetcher: Fetch = fetch) {
	return {
		search: (q: string, options: { types?: string[]; limit?: number } = {}) =>
			get<{ hits: SearchHit[] }>(
				fetcher,
				apiUrl('search', { q, types: options.types, limit: options.limit })
			),
		entity: (id: string, years: Years = {}) =>
			get<EntityDetail>(fetcher, apiUrl(`entities/${enc(id)}`, { from: years.from, to: years.to })),
		/** The relations of one type and direction after the first `offset`, in the detail's order. */
		entityRelations: (
			id: string,
			q: { rel: RelationType; dir: 'out' | 'in'; offset: number; limit?: number } & Years
		) =>
			get<RelationPage>(
				fetcher,
				apiUrl(`entities/${enc(id)}/relations`, {
					rel: q.rel,
					dir: q.dir,
					offset: q.offset,
					limit: q.limit,
					from: q.from,
					to: q.to
				})
			),
		/** Every sentence behind one relation, a page at a time. */
		evidence: (
			q: {
				source: string;
				type: RelationType;
				target: string;
				offset?: number;
				limit?: number;
			} & Years
		) =>
			get<RelationEvidence>(
				fetcher,
				apiUrl('evidence', {
					source: q.source,
					type: q.type,
					target: q.target,
					offset: q.offset,
					limit: q.limit,
					from: q.from,
					to: q.to
				})
			),
		paper: (id: string) => get<PaperDetail>(fetcher, `/api/papers/${enc(id)}`),
		neighbourhood: (q: NeighbourhoodQuery) =>
			get<GraphView>(
				fetcher,
				apiUrl('neighbourhood', {
					ids: q.ids,
					depth: q.depth,
					rel: q.rel,
					types: q.types,
					from: q.from,
					to: q.to,
					minSupport: q.minSupport,
					limit: q.limit
				})
			),
		paths: (q: PathsQueryParams) =>
			get<PathsResult>(
				fetcher,
				apiUrl('paths', {
					from: q.from,
					to: q.to,
					k: q.k,
					maxLength: q.maxLength,
					rel: q.rel,
					directed: q.directed,
					avoidHubs: q.avoidHubs,
					entityOnly: q.entityOnly
				})
			),
		lineage: (
			id: string,
			q: { direction?: 'ancestors' | 'descendants'; depth?: number; rel?: RelationType[] } = {}
		) =>
			get<LineageResult>(
				fetcher,
				apiUrl(`lineage/${enc(id)}`, { direction: q.direction, depth: q.depth, rel: q.rel })
			),
		buildsOn: (id: string) =>
			get<{ root: GraphNode; rows: BuildsOnRow[] }>(fetcher, `/api/builds-on/${enc(id)}`),
		overview: (limit?: number, papers?: number) =>
			get<GraphView>(fetcher, apiUrl('overview', { limit, papers: papers || undefined })),
		/** The overview with layout positions, compactly: the explorer's form for big views. */
		overviewPlaced: async (limit?: number, papers?: number): Promise<ApiResult<PlacedView>> => {
			const r = await get<unknown>(fetcher, overviewPlacedUrl(limit, papers));
			if (!r.ok) return r;
			const placed = decodeCompact(r.data);
			return placed
				? { ok: true, data: placed }
				: {
						ok: false,
						status: 200,
						error: { error: 'The server sent a view this page cannot read.', code: 'internal' }
					};
		},
		stats: () => get<StatsView>(fetcher, '/api/stats'),
		/** Every correction, oldest first, undone ones marked. */
		curations: () =>
			get<{ curations: CurationRecord[]; names: Record<string, string> }>(
				fetcher,
				'/api/curations'
			),
		/** Make a correction; `by` is who (the server uses the token's name when it has one). */
		curate: (request: CurationRequest, meta: CurationMeta) =>
			send<CurationRecord>(fetcher, 'POST', '/api/curations', {
				...request,
				why: meta.why,
				...(meta.by ? { by: meta.by } : {})
			}),
		/** Undo a correction: the record stays, marked undone. */
		undoCuration: (id: string, by?: string) =>
			send<CurationRecord>(fetcher, 'DELETE', apiUrl(`curations/${enc(id)}`, { by })),
		/** The entity's papers per year as a share of the corpus's papers that year. */
		entityYears: (id: string) => get<YearsView>(fetcher, `/api/entities/${enc(id)}/years`),
		/** The entities sharing most neighbours with it, with the shared ones. */
		related: (id: string, limit?: number) =>
			get<{ id: string; related: RelatedEntity[] }>(
				fetcher,
				apiUrl(`entities/${enc(id)}/related`, { limit })
			),
		communities: (q: { minSize?: number; limit?: number } = {}) =>
			get<{ version: string; communities: CommunitySummary[]; total: number }>(
				fetcher,
				apiUrl('communities', { minSize: q.minSize, limit: q.limit })
			),
		community: (id: string, q: { offset?: number; limit?: number } = {}) =>
			get<CommunityDetail & { version: string }>(
				fetcher,
				apiUrl(`communities/${enc(id)}`, { offset: q.offset, limit: q.limit })
			),
		/** The map of the field: communities as regions, laid out, counted over a year range. */
		map: (q: { limit?: number; from?: number | null; to?: number | null } = {}) =>
			get<FieldMap>(
				fetcher,
				apiUrl('map', { limit: q.limit, from: q.from ?? undefined, to: q.to ?? undefined })
			),
		rising: (limit?: number) => get<RisingList>(fetcher, apiUrl('rising', { limit })),
		health: () =>
			get<{
				app: 'ok';
				database: { ok: boolean; uri: string; error?: string };
				analytics?: {
					state: string;
					computing?: { stage: string; progress: number };
				};
			}>(fetcher, '/api/health')
	};
}

export type Api = ReturnType<typeof createApi>;

/** The message to show for a failed call; 503s say what to do about the database. */
export function failureMessage(result: { ok: false; status: number; error: ApiError }): string {
	return result.error.error || `Request failed (${result.status}).`;
}
