// Query-parameter schemas of the HTTP API (zod): parsing, defaults, caps. A failure names the
// parameter. The same schemas feed the OpenAPI document.
import { z } from 'zod';
import { NODE_TYPES, RELATION_TYPES } from '../../../graph/model.js';

const split = (s: string) =>
	s
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const year = int(1900, 2100);
const id = z.string().min(1).max(300);

/** "a,b,c" → one of the allowed values each. */
const csv = <const V extends readonly [string, ...string[]]>(values: V) =>
	z
		.string()
		.max(2000)
		.transform(split)
		.pipe(z.array(z.enum(values)).max(50));
const idList = z.string().max(10_000).transform(split).pipe(z.array(id).max(50));

export const searchParams = z.object({
	// a longer query is cut to graph/queries/search.ts MAX_QUERY_CHARS with a note, not refused
	q: z.string().trim().min(1, 'q must not be empty').max(10_000),
	types: csv(NODE_TYPES).optional(),
	limit: int(1, 50).default(20)
});

/** A year range: the relations stated, and papers written, in those years (either end open). */
const yearRange = {
	from: year.optional(),
	to: year.optional()
};
const ordered = (p: { from?: number; to?: number }) =>
	p.from == null || p.to == null || p.from <= p.to;
const orderedIssue = { message: 'from must not be after to', path: ['from'] };

export const neighbourhoodParams = z
	.object({
		ids: idList.refine((a) => a.length > 0, 'ids must name at least one node'),
		depth: int(1, 2).default(1),
		rel: csv(RELATION_TYPES).optional(),
		types: csv(NODE_TYPES).optional(),
		...yearRange,
		minSupport: int(1, 1_000_000).default(1),
		limit: int(1, 500).default(100),
		// default: 5 per neighbour (graph/queries/neighbourhood.ts EDGES_PER_NODE)
		edgeLimit: int(1, 20_000).optional()
	})
	.refine(ordered, orderedIssue);

export const pathsParams = z.object({
	from: id,
	to: id,
	k: int(1, 10).default(3),
	maxLength: int(1, 6).default(4),
	rel: csv(RELATION_TYPES).optional(),
	directed: z
		.enum(['true', 'false'])
		.default('false')
		.transform((v) => v === 'true'),
	avoidHubs: z
		.enum(['true', 'false'])
		.default('true')
		.transform((v) => v === 'true'),
	entityOnly: z
		.enum(['true', 'false'])
		.default('false')
		.transform((v) => v === 'true')
});

export const lineageParams = z.object({
	direction: z.enum(['descendants', 'ancestors']).default('descendants'),
	depth: int(1, 6).default(3),
	rel: csv(RELATION_TYPES).optional()
});

// Big views (thousands of nodes) are what the explorer's WebGL path and bench:ui are for.
export const overviewParams = z.object({
	limit: int(1, 2000).default(60),
	papers: int(0, 10_000).default(0)
});
// One page of an entity's relations of one type and direction, after the strongest few that
// GET /api/entities/{id} shows.
export const entityRelationsParams = z
	.object({
		rel: z.enum(RELATION_TYPES),
		dir: z.enum(['out', 'in']),
		offset: int(0, 1_000_000).default(0),
		limit: int(1, 100).default(50),
		...yearRange
	})
	.refine(ordered, orderedIssue);

/** An entity's detail, optionally of the relations and papers of a year range. */
export const entityParams = z.object(yearRange).refine(ordered, orderedIssue);

/** Every sentence behind one relation, a page at a time (GET /api/evidence). */
export const evidenceParams = z
	.object({
		source: id,
		type: z.enum(RELATION_TYPES),
		target: id,
		offset: int(0, 1_000_000).default(0),
		limit: int(1, 50).default(10),
		...yearRange
	})
	.refine(ordered, orderedIssue);

export const timelineParams = z.object({ id: id.optional() });

/** The communities of the entity graph, most important first (GET /api/communities). */
export const communitiesParams = z.object({
	minSize: int(1, 1_000_000).default(3),
	limit: int(1, 500).default(50)
});

/** One community's members, most important first, a page at a time. */
export const communityParams = z.object({
	offset: int(0, 1_000_000).default(0),
	limit: int(1, 500).default(100)
});

/** Entities sharing most neighbours with one (GET /api/entities/{id}/related). */
export const relatedParams = z.object({ limit: int(1, 50).default(10) });

/** The map of the field: the most important communities, laid out (GET /api/map). */
export const mapParams = z
	.object({ limit: int(1, 200).default(30), ...yearRange })
	.refine(ordered, orderedIssue);

/** Entities whose share of the papers grew most in the recent years (GET /api/rising). */
export const risingParams = z.object({ limit: int(1, 100).default(20) });
export const idParam = id;

/** How deeply lists and maps nest inside a value (a scalar is 0). */
function depth(value: unknown, limit: number): number {
	if (limit < 0 || value === null || typeof value !== 'object') return 0;
	let deepest = 0;
	for (const v of Object.values(value)) deepest = Math.max(deepest, depth(v, limit - 1));
	return deepest + 1;
}

export const MAX_PARAM_DEPTH = 32;

export const cypherBody = z.object({
	query: z.string().trim().min(1).max(10_000),
	// Neo4j drops the connection on very deep values, which would read as "database down".
	params: z
		.record(z.string(), z.unknown())
		.refine((p) => depth(p, MAX_PARAM_DEPTH + 1) <= MAX_PARAM_DEPTH + 1, {
			message: `params must not nest deeper than ${MAX_PARAM_DEPTH} levels`
		})
		.default({})
});

/** URLSearchParams → object of the keys the schema knows (repeated keys: last wins). */
export function fromSearch(search: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of search) out[k] = v;
	return out;
}
