// The shapes the read queries return and the HTTP API serves (src/lib/types.ts re-exports them
// for the browser). Plain data only: what crosses from server to browser.
import type { CurationRecord } from './curation.js';
import type { EntityAnalytics } from './analytics/view.js';
import type { EntityType, RelationType } from './model.js';

/** A node of the explorer's graph: an entity or a paper. */
export interface GraphNode {
	id: string; // entity id (`model:sdxl`) or paper id
	kind: 'Entity' | 'Paper';
	type: EntityType | 'Paper';
	label: string; // entity name or paper title
	year: number | null; // entity: first year seen; paper: its year
	paperCount: number; // entity: papers mentioning it; paper: 1
	degree: number; // relations to and from it (MENTIONS excluded)
	score?: number; // overview: centrality score in [0, 1]
}

/** A relation between two nodes, aggregated over papers. */
export interface GraphEdge {
	id: string; // `${source}|${type}|${target}`
	source: string;
	target: string;
	type: RelationType;
	support: number; // number of papers stating it (and one for a person who added it)
	/** a person confirmed it, or added it (graph/curation.ts); absent otherwise */
	curated?: Curated;
}

/** The mark of an edge a person checked: confirmed as extracted, or added by hand. */
export type Curated = 'confirmed' | 'added';

export interface GraphView {
	nodes: GraphNode[];
	edges: GraphEdge[];
	truncated: boolean; // a cap cut the result
	total?: number; // how many nodes there would have been without the cap, when known
	edgeTotal?: number; // how many edges there were before the edge cap cut them
}

/** One sentence supporting an edge, with where the two ends sit in it. */
export interface EvidenceView {
	paperId: string;
	paperTitle: string;
	paperYear: number | null;
	paperUrl: string | null;
	sentence: string;
	headSpan: [number, number] | null; // offsets in `sentence`
	tailSpan: [number, number] | null;
	/**
	 * Where the sentence is in the paper's abstract as the paper page shows it (negative: in
	 * the title); the paper page marks it when linked with `?s=start-end`.
	 */
	at?: [number, number] | null;
	rule: string;
	confidence: number;
}

export interface RelationView {
	type: RelationType;
	direction: 'out' | 'in';
	other: {
		id: string;
		kind: 'Entity' | 'Paper';
		type: EntityType | 'Paper';
		label: string;
		year: number | null;
	};
	support: number;
	/** a person confirmed or added it (graph/curation.ts); absent otherwise */
	curated?: Curated;
	evidence: EvidenceView[]; // best first, capped
}

export interface EntityDetail {
	id: string;
	name: string;
	type: EntityType;
	aliases: string[];
	firstYear: number | null;
	paperCount: number;
	degree: number;
	/** The strongest relations of each (type, direction) group, at most a cap of each. */
	relations: Partial<Record<RelationType, RelationView[]>>;
	/** How many relations each group has in all: more than `relations` shows when capped. */
	relationCounts: Partial<Record<RelationType, { out: number; in: number }>>;
	truncated: boolean; // some group has more relations than `relations` shows
	papers: { id: string; title: string; year: number | null }[]; // papers mentioning it, newest first, capped
	/**
	 * The corrections in force that made it what it is (graph/curation.ts): entities merged into
	 * it, renames, retypes, alias edits; oldest first, the last 20. Absent when there are none.
	 */
	curations?: CurationRecord[];
	/** importance and community (graph/analytics), null until they are computed */
	analytics?: EntityAnalytics | null;
}

/** One page of an entity's relations of one type and direction (GET /api/entities/{id}/relations). */
export interface RelationPage {
	type: RelationType;
	direction: 'out' | 'in';
	total: number; // relations in the group
	offset: number;
	relations: RelationView[]; // in the entity detail's order: strongest first
}

/** Every sentence behind one relation, a page at a time (GET /api/evidence). */
export interface RelationEvidence {
	source: GraphNode;
	target: GraphNode;
	type: RelationType;
	support: number; // papers stating it (of the year range, when one was given)
	offset: number;
	evidence: EvidenceView[]; // one per paper, best first: this page of them
	/** a person confirmed or added it (graph/curation.ts); absent otherwise */
	curated?: Curated;
}

export interface MentionView {
	entityId: string;
	name: string;
	type: EntityType;
	start: number; // offsets into `abstract`
	end: number;
}

export interface PaperDetail {
	id: string;
	title: string;
	abstract: string;
	year: number | null;
	url: string | null;
	/** as stored: any arXiv spelling, a DOI with or without resolver (the links are made in the app) */
	arxivId: string | null;
	doi: string | null;
	authors: string[];
	mentions: MentionView[];
	relations: {
		head: { id: string; label: string; kind: 'Entity' | 'Paper' };
		type: RelationType;
		tail: { id: string; label: string; type: EntityType };
		sentence: string;
		rule: string;
		confidence: number;
	}[];
}

export interface SearchHit {
	id: string;
	kind: 'Entity' | 'Paper';
	type: EntityType | 'Paper';
	label: string;
	matched: string; // the name or alias that matched
	year: number | null;
	paperCount: number;
	score: number;
}

export interface PathHop {
	from: string;
	to: string;
	type: RelationType;
	forward: boolean; // false when traversed against the edge direction
	support: number;
	evidence: EvidenceView | null;
}

export interface PathView {
	nodes: GraphNode[]; // in path order
	hops: PathHop[];
	/** hops plus what passing through generic nodes costs (graph/queries/path-rank.ts) */
	cost: number;
}

/** A generic hub a path question left out. */
export interface AvoidedNode {
	id: string;
	label: string;
	type: GraphNode['type'];
	paperCount: number;
	/** the share of the graph's papers that mention it */
	share: number;
}

export interface PathsResult {
	from: GraphNode;
	to: GraphNode;
	paths: PathView[];
	/** the generic hubs left out ("avoid generic hubs") that would have connected the two */
	avoided: AvoidedNode[];
	/** the time ran out: these are the best paths found, not necessarily the best there are */
	partial?: boolean;
}

export interface LineageNode extends GraphNode {
	depth: number; // hops from the root
	/** a method's proposing paper, folded into it: the lineage shows the method, not both */
	proposedIn?: { id: string; title: string; year: number | null };
}

export interface LineageResult {
	root: GraphNode;
	direction: 'ancestors' | 'descendants';
	nodes: LineageNode[];
	edges: GraphEdge[];
	truncated: boolean;
}

export interface BuildsOnRow {
	id: string;
	label: string;
	kind: 'Entity' | 'Paper';
	type: EntityType | 'Paper';
	year: number | null;
	support: number;
	via: { id: string; label: string } | null; // the variant it builds on, when not the root itself
	/** every variant of the root it builds on (Llama 2, Llama 3 for LLaMA) */
	variants?: { id: string; label: string }[];
	evidenceCount: number;
	/** the paper that proposes the method (one stating the edge first, else the earliest) */
	paper?: { id: string; title: string; year: number | null } | null;
	/** a paper that states the edge: the row's evidence; `at` where its sentence sits in the abstract */
	statedBy?: { id: string; title: string; year: number | null; at?: [number, number] } | null;
}

export interface StatsView {
	papers: number;
	entities: number;
	entitiesByType: Record<string, number>;
	relations: number;
	relationsByType: Record<string, number>;
}

export interface TimelineRow {
	year: number;
	papers: number;
	newEntities: number;
}

/** Every API error body. */
export interface ApiError {
	error: string;
	code:
		| 'bad_request'
		| 'not_found'
		| 'unavailable'
		| 'not_ready'
		| 'forbidden'
		| 'rate_limited'
		| 'timeout'
		| 'internal';
	param?: string;
}

export type {
	CommunityDetail,
	CommunitySummary,
	EntityAnalytics,
	EntityRef,
	RankedEntity,
	RelatedEntity,
	RisingEntity,
	RisingList,
	YearsView
} from './analytics/view.js';
export type { FieldMap, MapLink, MapRegion } from './analytics/map.js';
