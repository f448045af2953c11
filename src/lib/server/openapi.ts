// The OpenAPI 3.1 description of /api, built from the same zod schemas that validate requests.
import { z } from 'zod';
import {
	cypherBody,
	entityRelationsParams,
	lineageParams,
	neighbourhoodParams,
	overviewParams,
	pathsParams,
	searchParams,
	timelineParams
} from './params.js';

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
	'404': { description: 'unknown id' },
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
				'Read access to the Lineage knowledge graph of machine-learning research. Every query has a server-side timeout and a result cap.'
		},
		paths: {
			'/api/search': op(
				'Full-text search over entity names, aliases and paper titles (prefix and typo tolerant, exact names first)',
				queryParameters(searchParams),
				'{ hits: SearchHit[] }'
			),
			'/api/entities/{id}': op(
				'An entity with its strongest relations grouped by type (at most 20 per type and direction, each with support and its 2 best evidence sentences), how many each group has in all (`relationCounts`), and `truncated` when a group shows fewer than it has',
				[idPath],
				'EntityDetail'
			),
			'/api/entities/{id}/relations': op(
				'One page of an entity’s relations of one type (`rel`) and direction (`dir`: `out` from the entity, `in` to it), in the order of /api/entities/{id}: `offset=20` continues where it stopped',
				[idPath, ...queryParameters(entityRelationsParams)],
				'{ type, direction, total, offset, relations: RelationView[] }'
			),
			'/api/papers/{id}': op(
				'A paper with its abstract, mentions (offsets into the abstract) and extracted relations',
				[idPath],
				'PaperDetail'
			),
			'/api/neighbourhood': op(
				'The subgraph around nodes, strongest relations first; `truncated` when capped',
				queryParameters(neighbourhoodParams),
				'GraphView'
			),
			'/api/paths': op(
				'Up to k shortest distinct paths between two nodes, each hop with its best evidence',
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
				'App and database state (503 when the database is unreachable), and the answer cache',
				[],
				'{ app, database, cache: { entries, bytes, hits, misses } }'
			),
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
