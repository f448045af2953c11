// The OpenAPI 3.1 description of /api, built from the same zod schemas that validate requests.
import { z } from 'zod';
import {
	communitiesParams,
	communityParams,
	mapParams,
	cypherBody,
	entityParams,
	entityRelationsParams,
	evidenceParams,
	lineageParams,
	neighbourhoodParams,
	overviewParams,
	pathsParams,
	relatedParams,
	risingParams,
	searchParams,
	timelineParams
} from './params.js';
import { curationBody, curationMetaBody } from './curation-body.js';
import { curationRecord } from '../../../graph/curation.js';

type JsonSchema = { properties?: Record<string, object>; required?: string[] };

function queryParameters(schema: z.ZodType): object[] {
	const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
	return Object.entries(json.properties ?? {}).map(([name, s]) => ({
		name,
		in: 'query',
		required: json.required?.includes(name) ?? false,
		schema: s
	}));
}

const idPath = {
	name: 'id',
	in: 'path',
	required: true,
	schema: { type: 'string' },
	description: 'entity id (`model:sdxl`) or paper id, URL-encoded'
};

const errors = {
	'400': {
		description: 'a parameter is invalid; `param` names it',
		content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
	},
	'401': { description: 'LINEAGE_API_TOKEN is set and the request lacks it; `code: forbidden`' },
	'404': { description: 'unknown id' },
	'429': {
		description:
			'more than LINEAGE_RATE_LIMIT requests this minute from this address; `code: rate_limited`, retry after `retry-after` seconds'
	},
	'503': { description: 'Neo4j is unreachable; the message says how to bring it back' },
	'504': { description: 'the query exceeded the server-side timeout' }
};

const op = (summary: string, parameters: object[], returns: string) => ({
	get: { summary, parameters, responses: { '200': { description: returns }, ...errors } }
});

export function openApiDocument(): object {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Lineage API',
			version: '0.1.0',
			description:
				'Read access to the Lineage knowledge graph of machine-learning research, and the corrections people make to it (/api/curations). Every query has a server-side timeout and a result cap. An entity id merged into another by a correction answers for that other entity.'
		},
		paths: {
			'/api/search': op(
				'Full-text search over entity names, aliases and paper titles: exact name, exact alias, prefix, then typo-tolerant matches, across spaces, hyphens, case and possessives; among equals the entity more papers mention; papers after entities unless the query reads as a title. A query over 200 characters is cut, with a `note`',
				queryParameters(searchParams),
				'{ hits: SearchHit[], note?: string }'
			),
			'/api/entities/{id}': op(
				'An entity (with `analytics`: its importance, rank and community, null until computed) with its strongest relations grouped by type (at most 20 per type and direction, each with support and its 2 best evidence sentences), how many each group has in all (`relationCounts`), and `truncated` when a group shows fewer than it has. With `from`/`to` (years): only the relations stated by papers of those years, each with the number of those papers as support and their sentences; `relationCounts`, `degree`, `paperCount` and `papers` count those years only. `curations`: the corrections in force that made it what it is (entities merged into it, renames, retypes, alias edits), when there are any; each relation a person confirmed or added has `curated`',
				[idPath, ...queryParameters(entityParams)],
				'EntityDetail'
			),
			'/api/entities/{id}/relations': op(
				'One page of an entity’s relations of one type (`rel`) and direction (`dir`: `out` from the entity, `in` to it), in the order of /api/entities/{id}: `offset=20` continues where it stopped; `from`/`to` as for /api/entities/{id}',
				[idPath, ...queryParameters(entityRelationsParams)],
				'{ type, direction, total, offset, relations: RelationView[] }'
			),
			'/api/entities/{id}/related': op(
				'The entities sharing most neighbours with this one (Adamic–Adar over the entities each is related to: a shared neighbour weighs 1 / ln(1 + its own neighbours), so a generic hub counts little), methods (models, techniques) with methods and other kinds with their own; each with `shared`, the shared neighbours that weigh most (the why), `sharedCount`, and `linked` when a relation links the two. Read from the in-memory copy of the graph: 503 `not_ready` while it loads',
				[idPath, ...queryParameters(relatedParams)],
				'{ id, related: RelatedEntity[] }'
			),
			'/api/entities/{id}/years': op(
				'The papers mentioning the entity per year as a share of the corpus’s papers that year (corpora are uneven), for every year the corpus has papers of; `papersWithoutYear` counts those whose year is unknown',
				[idPath],
				'{ id, name, years: { year, papers, total, share }[], papers, papersWithoutYear }'
			),
			'/api/communities': op(
				'Communities of the entity graph (Louvain over the relations papers state between entities and their co-mentions, generic entities’ links down-weighted), most important first, each named by three of its six most important members, methods (models, techniques) first, with its size and top members. Computed in the background once per graph version; meanwhile the previous version’s (`version` says which), and 503 `not_ready` before the first',
				queryParameters(communitiesParams),
				'{ version, communities: CommunitySummary[], total }'
			),
			'/api/communities/{id}': op(
				'One community (its id is that of the first member its name gives) with its members, most important first, a page at a time; each member’s `importance` (PageRank that discounts generic entities, 1 = the graph’s most important) and `rank`',
				[
					{ ...idPath, description: 'community id (that of its leading entity), URL-encoded' },
					...queryParameters(communityParams)
				],
				'CommunityDetail'
			),
			'/api/map': op(
				'The map of the field: the `limit` most important communities (of at least 3 members) as regions with model coordinates `x`, `y` and radius `r` (area ∝ importance), laid out so that communities joined by more relations and co-mentions sit nearer and no two overlap; `links` their weights (the strongest 1); `papers` each region’s distinct papers, of the year range `from`/`to` when given (`papersAll`: of all years); `years` the corpus’s first and last year. Positions do not change with the year range. While a new graph version is analysed, the previous version’s map (`version`); 503 `not_ready` before the first',
				queryParameters(mapParams),
				'{ version, regions: { id, name, size, importance, top, papers, papersAll, x, y, r }[], links: { source, target, weight }[], total, years: { first, last } | null, range }'
			),
			'/api/rising': op(
				'Entities whose share of the papers grew most in the corpus’s latest year against the years before (`growth` = log2 of recent share over past share, the past smoothed by one paper; at least 3 recent papers). `note` says why the list is empty when the corpus has no past to compare with',
				queryParameters(risingParams),
				'{ recent: { from, to } | null, note?, version, entities: RisingEntity[] }'
			),
			'/api/papers/{id}': op(
				'A paper with its abstract, mentions (offsets into the abstract) and extracted relations',
				[idPath],
				'PaperDetail'
			),
			'/api/neighbourhood': op(
				'The subgraph around nodes, strongest relations first; `truncated` when capped. `from`/`to` (years) keep the relations stated by papers of those years, `support` then counting those papers only (papers of other years drop out); the nodes asked for are always in the answer',
				queryParameters(neighbourhoodParams),
				'GraphView'
			),
			'/api/evidence': op(
				'Every sentence behind one relation (`source`, `type`, `target`), one per paper stating it, best first, a page at a time (`offset`, `limit` ≤ 50); `support` is how many papers state it. `from`/`to` (years): the papers of those years only; `curated` when a person confirmed or added it',
				queryParameters(evidenceParams),
				'{ source, target, type, support, offset, evidence: EvidenceView[], curated? }'
			),
			'/api/paths': op(
				'Up to k distinct paths (at most `maxLength` hops) between two nodes, cheapest first, each hop with its best evidence. A path costs one per hop, half a hop more per paper it passes through, and more per generic entity it passes through (log2 of the share of papers mentioning it over 0.2 %); equal costs: fewer comparisons, then the stronger weakest hop, then more support. `avoidHubs` (default true) leaves out generic hubs (entities at least 1 % and 20 of the papers mention) and names in `avoided` those that would have connected the two as briefly; `entityOnly` passes through entities only (papers are the evidence of hops). A question that runs out of time answers the best paths found with `partial: true`, or 504 naming what to narrow when it found none',
				queryParameters(pathsParams),
				'PathsResult'
			),
			'/api/lineage/{id}': op(
				'What builds on a node (descendants) or what it builds on (ancestors), through BUILDS_ON and VARIANT_OF by default',
				[idPath, ...queryParameters(lineageParams)],
				'LineageResult'
			),
			'/api/builds-on/{id}': op(
				'Flat table of what builds on an entity or any of its variants',
				[idPath],
				'{ root, rows: BuildsOnRow[] }'
			),
			'/api/overview': op(
				'The most connected entities and the edges among them',
				queryParameters(overviewParams),
				'GraphView'
			),
			'/api/overview/compact': op(
				'The overview as the explorer loads big views: nodes and edges as arrays, with layout positions',
				queryParameters(overviewParams),
				'CompactView (src/lib/graph/compact.ts)'
			),
			'/api/stats': op('Counts per label and relation type', [], 'StatsView'),
			'/api/timeline': op(
				'Papers and new entities per year, for the whole graph or one entity',
				queryParameters(timelineParams),
				'{ rows: TimelineRow[] }'
			),
			'/api/health': op(
				'App and database state (503 when the database is unreachable), the answer cache, the in-memory copy of the graph, and the analytics: `state` (waiting, computing, ready, stale, failed, off), what is `computing` (version, stage, progress 0–1), which version is `answering`, and the `lastRun` (its duration in ms)',
				[],
				'{ app, database, cache: { entries, bytes, hits, misses }, projection, analytics }'
			),
			'/api/curations': {
				get: {
					summary: 'Every correction people made, oldest first, undone ones marked',
					responses: {
						'200': {
							description:
								'{ curations: Curation[], names }: `names` gives the entity name or paper title of each id the corrections speak of that the graph still holds',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										properties: {
											curations: {
												type: 'array',
												items: { $ref: '#/components/schemas/Curation' }
											},
											names: { type: 'object', additionalProperties: { type: 'string' } }
										}
									}
								}
							}
						},
						...errors
					}
				},
				post: {
					summary:
						'Make a correction: merge (keep, other), rename (id, name), retype (id, type), alias (id, op add|remove, alias), reject / confirm / add (head, type, tail; add takes paper and sentence as evidence and needs why). It is in force at once and after every re-ingest. Needs the access token when LINEAGE_API_TOKEN is set (who = the token’s name), else is refused from other machines',
					requestBody: {
						required: true,
						content: {
							'application/json': {
								schema: {
									allOf: [
										z.toJSONSchema(curationBody, { io: 'input' }),
										z.toJSONSchema(curationMetaBody, { io: 'input' })
									]
								}
							}
						}
					},
					responses: {
						'201': {
							description: 'the stored correction',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Curation' } } }
						},
						'403': { description: 'no token is set and the request came from another machine' },
						...errors,
						'404': { description: 'an id the correction names is unknown; `param` names it' }
					}
				}
			},
			'/api/curations/{id}': {
				delete: {
					summary:
						'Undo a correction: the graph as if it had never been made; the record stays, marked undone. A write, as POST /api/curations',
					parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
					responses: {
						'200': {
							description: 'the correction, undone',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Curation' } } }
						},
						'403': { description: 'no token is set and the request came from another machine' },
						...errors,
						'404': { description: 'no correction has this id' }
					}
				}
			},
			'/api/cypher': {
				post: {
					summary:
						'Read-only Cypher console: READ transaction, timeout, row cap; writes, LOAD CSV and non-read procedures are refused with 403',
					requestBody: {
						required: true,
						content: { 'application/json': { schema: z.toJSONSchema(cypherBody, { io: 'input' }) } }
					},
					responses: {
						'200': { description: '{ columns, rows, truncated, nodes, edges }' },
						'403': { description: 'the statement could write; the reason is given' },
						...errors
					}
				}
			}
		},
		components: {
			schemas: {
				Curation: z.toJSONSchema(curationRecord, { io: 'output' }),
				Error: {
					type: 'object',
					required: ['error', 'code'],
					properties: {
						error: { type: 'string' },
						code: { type: 'string' },
						param: { type: 'string' }
					}
				}
			}
		}
	};
}
