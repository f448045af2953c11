// The app's read repository: the graph queries with the server's timeouts and caps applied.
// Routes call these; only plain data (src/lib/types.ts shapes) leaves this module. An entity id
// that a correction merged into another stands for that other one (resolveId).
import { appDb } from './db.js';
import { serverConfig } from './config.js';
import { runConsole } from '../../../graph/queries/console.js';
import { entityDetail, entityRelations } from '../../../graph/queries/entity.js';
import { relationEvidence } from '../../../graph/queries/evidence.js';
import { buildsOn, lineage } from '../../../graph/queries/lineage.js';
import { neighbourhood, nodesById } from '../../../graph/queries/neighbourhood.js';
import { timeline } from '../../../graph/queries/overview.js';
import { paperDetail } from '../../../graph/queries/paper.js';
import { paths } from '../../../graph/queries/paths.js';
import { search, searchPlan } from '../../../graph/queries/search.js';
import { snapshotSearch } from '../../../graph/projection/search.js';
import { graphStats } from '../../../graph/queries/stats.js';
import { NotFoundError } from '../../../graph/queries/errors.js';
import {
	snapshotEntityDetail,
	snapshotEntityRelations,
	StaleSnapshotError
} from '../../../graph/projection/entity.js';
import { snapshotFoldedLineage } from '../../../graph/projection/lineage.js';
import { snapshotNeighbourhood } from '../../../graph/projection/neighbourhood.js';
import { snapshotPathsResult } from '../../../graph/projection/paths.js';
import type { GraphSnapshot } from '../../../graph/projection/snapshot.js';
import { currentSnapshot, whileNoSnapshot } from './projection';
import { overviewAnswer, type OverviewAnswer } from './overview';
import { currentAnalytics, latestAnalytics } from './analytics';
import {
	AnalyticsNotReadyError,
	entityYears,
	relatedEntities
} from '../../../graph/analytics/view.js';
import { entityYearsFromDb } from '../../../graph/queries/analytics.js';
import { fieldMap } from '../../../graph/analytics/map.js';
import { curationsOf, resolveId, resolveIds } from './curation';
import type {
	BuildsOnRow,
	EntityDetail,
	EntityType,
	RelationEvidence,
	RelationPage,
	GraphNode,
	GraphView,
	LineageResult,
	PaperDetail,
	PathsResult,
	RelationType,
	SearchHit,
	StatsView,
	TimelineRow
} from '../types.js';

/**
 * Questions that read thousands of relationships (a neighbourhood, an entity's strongest
 * relations) are answered from the in-memory copy of the graph when it is current, else by Neo4j.
 */
async function fromSnapshot<T>(
	fromMemory: (snapshot: GraphSnapshot) => Promise<T>,
	fromNeo4j: () => Promise<T>
): Promise<T> {
	const snapshot = await currentSnapshot();
	if (!snapshot) return whileNoSnapshot(fromNeo4j);
	try {
		return await fromMemory(snapshot);
	} catch (err) {
		if (err instanceof StaleSnapshotError) return fromNeo4j();
		throw err;
	}
}

const timeoutMs = () => serverConfig().queryTimeoutMs;
const t = () => ({ timeoutMs: timeoutMs() });

export const repository = {
	/** Names and titles from the copy when it is current (Lucene's typo terms cost Neo4j most). */
	search: (
		q: string,
		types: (EntityType | 'Paper')[] | undefined,
		limit: number
	): Promise<SearchHit[]> =>
		fromSnapshot(
			async (snapshot) => snapshotSearch(snapshot, searchPlan(q, { types, limit })),
			() => search(appDb(), q, { types, limit, ...t() })
		),

	/** With a year range: the relations stated, and the papers written, in those years. */
	async entity(asked: string, years: { from?: number; to?: number } = {}): Promise<EntityDetail> {
		const id = await resolveId(asked);
		const o = { fromYear: years.from, toYear: years.to, ...t() };
		const [detail, curations, analytics] = await Promise.all([
			fromSnapshot(
				(snapshot) => snapshotEntityDetail(appDb(), snapshot, id, o),
				() => entityDetail(appDb(), id, o)
			),
			curationsOf(id),
			latestAnalytics()
		]);
		const withAnalytics = { ...detail, analytics: analytics?.index.entity(detail.id) ?? null };
		return curations.length ? { ...withAnalytics, curations } : withAnalytics;
	},

	/** Whether the analytics answer the current graph version (else: not to be cached). */
	analyticsCurrent: async (): Promise<boolean> => (await latestAnalytics())?.current ?? false,

	async communities(o: { minSize: number; limit: number }) {
		const { index } = await currentAnalytics();
		return { version: index.version, ...index.list(o.minSize, o.limit) };
	},

	async community(id: string, o: { offset: number; limit: number }) {
		const { index } = await currentAnalytics();
		return { version: index.version, ...index.community(id, o.limit, o.offset) };
	},

	async related(asked: string, o: { limit: number }) {
		const id = await resolveId(asked);
		const snapshot = await currentSnapshot();
		if (!snapshot)
			throw new AnalyticsNotReadyError(
				'Related entities are read from the in-memory copy of the graph, which is loading; try again in a few seconds.'
			);
		return { id, related: relatedEntities(snapshot, id, o.limit) };
	},

	async years(asked: string) {
		const id = await resolveId(asked);
		const snapshot = await currentSnapshot();
		return snapshot ? entityYears(snapshot, id) : entityYearsFromDb(appDb(), id, t());
	},

	/** The map of the field; `current` false while it is the previous graph version's. */
	async fieldMap(o: { limit: number; from?: number; to?: number }) {
		const { index, current } = await currentAnalytics();
		const snapshot = await currentSnapshot();
		if (!snapshot)
			throw new AnalyticsNotReadyError(
				'The map is drawn from the in-memory copy of the graph, which is loading; try again in a few seconds.'
			);
		return { map: fieldMap(index, o), current };
	},

	async rising(o: { limit: number }) {
		const { index } = await currentAnalytics();
		return { ...index.rising, entities: index.rising.entities.slice(0, o.limit) };
	},

	async entityRelations(
		asked: string,
		o: {
			rel: RelationType;
			dir: 'out' | 'in';
			offset: number;
			limit: number;
			from?: number;
			to?: number;
		}
	): Promise<RelationPage> {
		const id = await resolveId(asked);
		const page = { offset: o.offset, limit: o.limit };
		const options = { fromYear: o.from, toYear: o.to, ...t() };
		return fromSnapshot(
			(snapshot) => snapshotEntityRelations(appDb(), snapshot, id, o.rel, o.dir, page, options),
			() => entityRelations(appDb(), id, o.rel, o.dir, page, options)
		);
	},

	/** Every sentence behind one relation (only Neo4j holds them), a page at a time. */
	evidence: async (o: {
		source: string;
		type: RelationType;
		target: string;
		offset: number;
		limit: number;
		from?: number;
		to?: number;
	}): Promise<RelationEvidence> =>
		relationEvidence(appDb(), await resolveId(o.source), o.type, await resolveId(o.target), {
			offset: o.offset,
			limit: o.limit,
			fromYear: o.from,
			toYear: o.to,
			...t()
		}),

	paper: (id: string): Promise<PaperDetail> => paperDetail(appDb(), id, t()),

	async neighbourhood(
		asked: string[],
		o: {
			depth: 1 | 2;
			rel?: RelationType[];
			types?: (EntityType | 'Paper')[];
			from?: number;
			to?: number;
			minSupport: number;
			limit: number;
			edgeLimit?: number;
		}
	): Promise<GraphView> {
		const ids = await resolveIds(asked);
		const options = {
			depth: o.depth,
			relations: o.rel,
			types: o.types,
			fromYear: o.from,
			toYear: o.to,
			minSupport: o.minSupport,
			limit: o.limit,
			edgeLimit: o.edgeLimit
		};
		const view = await fromSnapshot(
			async (snapshot) => snapshotNeighbourhood(snapshot, ids, options),
			() => neighbourhood(appDb(), ids, { ...options, ...t() })
		);
		if (view.nodes.length === 0) throw new NotFoundError('node', ids.join(','));
		return view;
	},

	/**
	 * From the copy when it is current (a search of at most LINEAGE_PATHS_BUDGET_MS, default
	 * 1,500 ms, and never more than 80 % of the query timeout), else from Neo4j.
	 */
	async paths(
		from: string,
		to: string,
		o: {
			k: number;
			maxLength: number;
			rel?: RelationType[];
			directed: boolean;
			avoidHubs: boolean;
			entityOnly: boolean;
		}
	): Promise<PathsResult> {
		const [a, b] = [await resolveId(from), await resolveId(to)];
		const options = {
			k: o.k,
			maxLength: o.maxLength,
			relations: o.rel,
			directed: o.directed,
			avoidHubs: o.avoidHubs,
			entityOnly: o.entityOnly,
			...t()
		};
		const budgetMs = serverConfig().pathsBudgetMs;
		return fromSnapshot(
			(snapshot) => snapshotPathsResult(appDb(), snapshot, a, b, { ...options, budgetMs }),
			() => paths(appDb(), a, b, options)
		);
	},

	/** From the copy when it is current (a hub's lineage reads thousands of relationships). */
	async lineage(
		asked: string,
		o: { direction: 'ancestors' | 'descendants'; depth: number; rel?: RelationType[] }
	): Promise<LineageResult> {
		const id = await resolveId(asked);
		const options = { direction: o.direction, depth: o.depth, relations: o.rel };
		// the copy walks the levels and folds a paper proposing a method into it
		return fromSnapshot(
			async (snapshot) => snapshotFoldedLineage(snapshot, id, options),
			() => lineage(appDb(), id, { ...options, ...t() })
		);
	},

	buildsOn: async (id: string): Promise<{ root: GraphNode; rows: BuildsOnRow[] }> =>
		buildsOn(appDb(), await resolveId(id), t()),

	/** Once per graph version from the copy; the previous version's meanwhile (`current` false). */
	overview: (limit: number, papers = 0): Promise<OverviewAnswer> =>
		overviewAnswer(limit, papers, timeoutMs()),

	async stats(): Promise<StatsView> {
		const s = await graphStats(appDb());
		return {
			papers: s.papers,
			entities: s.entities,
			entitiesByType: s.entitiesByType,
			relations: s.relations,
			relationsByType: s.relationsByType
		};
	},

	async timeline(asked?: string): Promise<TimelineRow[]> {
		const id = asked === undefined ? undefined : await resolveId(asked);
		if (id && (await nodesById(appDb(), [id], t())).length === 0)
			throw new NotFoundError('entity', id);
		return timeline(appDb(), id, t());
	},

	cypher: (query: string, params: Record<string, unknown>) =>
		runConsole(appDb(), query, params, {
			timeoutMs: Math.min(timeoutMs(), 5000),
			rowCap: serverConfig().consoleRowCap
		})
};
