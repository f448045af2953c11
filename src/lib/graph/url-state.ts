// Every view is a URL: the explorer's overview size, selection, expansions (with their "show
// more" limits), hidden and pinned nodes, filters and renderer, and the path query, to and from
// search params. Defaults are left out so shared links stay short.
// Example: `/?sel=model%3Asdxl&x=model%3Asdxl&x200=technique%3Akoala&pin=model%3Asdxl&types=Model`.
import type { EntityType, RelationType } from '../types';
import { RELATION_TYPES } from '../types';
import { defaultFilters, type GraphFilters } from './filters';
import { parseRendererChoice, type RendererChoice } from './renderer';
import { NODE_TYPES, type NodeType } from './vocabulary';

/** Neighbours fetched per expansion; a capped one offers more, up to EXPAND_MAX. */
export const EXPAND_LIMIT = 40;
/** The API's cap on one neighbourhood request. */
export const EXPAND_MAX = 500;
/** Entities in the explorer's first view, and the API's caps on a view's entities and papers. */
export const OVERVIEW_LIMIT = 60;
export const OVERVIEW_MAX = 2000;
export const OVERVIEW_PAPERS_MAX = 10_000;

export interface Expansion {
	id: string;
	limit: number;
	/** Only neighbours joined by this relation type (none: any). */
	rel?: RelationType;
	/** The node's papers rather than its entities (an expansion adds entities first). */
	papers?: boolean;
}

export interface ExplorerState {
	/** Entities in the overview, and papers beside them (0: none). */
	limit: number;
	papers: number;
	selected: string | null;
	expanded: Expansion[]; // in expansion order, so undo removes the last one
	hidden: string[];
	pinned: string[];
	filters: GraphFilters;
	renderer: RendererChoice;
	/** The first screen is the map of the field; a graph to explore once anything is asked of it. */
	view: 'map' | 'graph';
	/** The community opened on the map (`c`). */
	community: string | null;
}

export interface PathQuery {
	from: string;
	to: string;
	k: number;
	maxLength: number;
	rels: RelationType[]; // empty = any relation
	directed: boolean;
	avoidHubs: boolean; // leave out generic hubs (on by default)
	entityOnly: boolean; // entities only between the ends
}

export const PATH_DEFAULTS = {
	k: 3,
	maxLength: 4,
	directed: false,
	avoidHubs: true,
	entityOnly: false
} as const;

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] | null {
	if (value == null) return null;
	const wanted = value.split(',').filter((v) => (allowed as readonly string[]).includes(v));
	return wanted as T[];
}

function int(value: string | null, min: number, max: number): number | null {
	if (value == null || value.trim() === '') return null;
	const n = Number(value);
	return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

const unique = (ids: string[]) => [...new Set(ids.filter(Boolean))];

export function emptyExplorerState(): ExplorerState {
	return {
		limit: OVERVIEW_LIMIT,
		papers: 0,
		selected: null,
		expanded: [],
		hidden: [],
		pinned: [],
		filters: defaultFilters(),
		renderer: 'auto',
		view: 'map',
		community: null
	};
}

/** Parameters that only the graph view reads: a URL with any of them opens the graph. */
const GRAPH_ONLY = [
	'limit',
	'papers',
	'sel',
	'hide',
	'pin',
	'types',
	'rels',
	'minSupport',
	'renderer'
];
const graphAsked = (p: URLSearchParams) =>
	[...p.keys()].some((k) => GRAPH_ONLY.includes(k) || EXPANSION_KEY.test(k));

/**
 * An expansion is `x=<id>` at the default limit and `x<limit>=<id>` after "show more", then
 * `.<relation>` when it followed one relation type and `.papers` when it added the node's papers
 * (`x39.builds_on.papers=<id>`): the options ride in the key because ids may contain any
 * character.
 */
const EXPANSION_KEY = /^x(\d+)?((?:\.[a-z_]+){0,2})$/;

export function expansionKey(x: Expansion): string {
	return `x${x.limit === EXPAND_LIMIT ? '' : x.limit}${x.rel ? `.${x.rel.toLowerCase()}` : ''}${x.papers ? '.papers' : ''}`;
}

export function encodeExplorerState(state: ExplorerState): URLSearchParams {
	const p = new URLSearchParams();
	const f = state.filters;
	if (state.limit !== OVERVIEW_LIMIT) p.set('limit', String(state.limit));
	if (state.papers > 0) p.set('papers', String(state.papers));
	if (state.selected) p.set('sel', state.selected);
	for (const x of state.expanded) p.append(expansionKey(x), x.id);
	for (const id of state.hidden) p.append('hide', id);
	for (const id of state.pinned) p.append('pin', id);
	if (f.types.length !== NODE_TYPES.length) p.set('types', f.types.join(','));
	if (f.rels.length !== RELATION_TYPES.length) p.set('rels', f.rels.join(','));
	if (f.yearFrom != null) p.set('from', String(f.yearFrom));
	if (f.yearTo != null) p.set('to', String(f.yearTo));
	if (f.minSupport > 1) p.set('minSupport', String(f.minSupport));
	if (state.renderer !== 'auto') p.set('renderer', state.renderer);
	// The view is said only where the other parameters would not say it.
	const graph = graphAsked(p);
	if (state.view === 'graph' && !graph) p.set('view', 'graph');
	if (state.view === 'map' && graph) p.set('view', 'map');
	if (state.view === 'map' && state.community) p.set('c', state.community);
	return p;
}

function expansions(p: URLSearchParams): Expansion[] {
	const out: Expansion[] = [];
	const seen = new Set<string>();
	for (const [key, id] of p) {
		const m = EXPANSION_KEY.exec(key);
		if (!m || !id) continue;
		const limit = m[1] == null ? EXPAND_LIMIT : int(m[1], 1, EXPAND_MAX);
		const parts = m[2]!.split('.').filter(Boolean);
		const papers = parts.at(-1) === 'papers';
		if (papers) parts.pop();
		const rel = parts[0]?.toUpperCase() as RelationType | undefined;
		if (limit == null || parts.length > 1 || (rel && !RELATION_TYPES.includes(rel))) continue;
		const x: Expansion = { id, limit, ...(rel ? { rel } : {}), ...(papers ? { papers } : {}) };
		const k = `${expansionKey(x)}|${id}`;
		if (seen.has(k)) continue;
		seen.add(k);
		out.push(x);
	}
	return out;
}

/** Unknown or malformed values fall back to defaults rather than failing the page. */
export function decodeExplorerState(p: URLSearchParams): ExplorerState {
	const d = defaultFilters();
	return {
		limit: int(p.get('limit'), 1, OVERVIEW_MAX) ?? OVERVIEW_LIMIT,
		papers: int(p.get('papers'), 0, OVERVIEW_PAPERS_MAX) ?? 0,
		selected: p.get('sel') || null,
		expanded: expansions(p),
		hidden: unique(p.getAll('hide')),
		pinned: unique(p.getAll('pin')),
		filters: {
			types: list<NodeType>(p.get('types'), NODE_TYPES) ?? d.types,
			rels: list<RelationType>(p.get('rels'), RELATION_TYPES) ?? d.rels,
			yearFrom: int(p.get('from'), 1900, 2200),
			yearTo: int(p.get('to'), 1900, 2200),
			minSupport: int(p.get('minSupport'), 1, 1000) ?? 1
		},
		renderer: parseRendererChoice(p.get('renderer')),
		view: p.get('view') === 'graph' || (p.get('view') !== 'map' && graphAsked(p)) ? 'graph' : 'map',
		community: p.get('c') || null
	};
}

export function encodePathQuery(q: PathQuery): URLSearchParams {
	const p = new URLSearchParams();
	if (q.from) p.set('from', q.from);
	if (q.to) p.set('to', q.to);
	if (q.k !== PATH_DEFAULTS.k) p.set('k', String(q.k));
	if (q.maxLength !== PATH_DEFAULTS.maxLength) p.set('maxLength', String(q.maxLength));
	if (q.rels.length) p.set('rel', q.rels.join(','));
	if (q.directed !== PATH_DEFAULTS.directed) p.set('directed', String(q.directed));
	if (q.avoidHubs !== PATH_DEFAULTS.avoidHubs) p.set('avoidHubs', String(q.avoidHubs));
	if (q.entityOnly !== PATH_DEFAULTS.entityOnly) p.set('entityOnly', String(q.entityOnly));
	return p;
}

export function decodePathQuery(p: URLSearchParams): PathQuery {
	return {
		from: p.get('from') ?? '',
		to: p.get('to') ?? '',
		k: int(p.get('k'), 1, 10) ?? PATH_DEFAULTS.k,
		maxLength: int(p.get('maxLength'), 1, 6) ?? PATH_DEFAULTS.maxLength,
		rels: list<RelationType>(p.get('rel'), RELATION_TYPES) ?? [],
		directed: p.get('directed') === 'true',
		avoidHubs: p.get('avoidHubs') !== 'false',
		entityOnly: p.get('entityOnly') === 'true'
	};
}

/** `?a=1` or '' — for building hrefs. */
export function queryString(p: URLSearchParams): string {
	const s = p.toString();
	return s ? `?${s}` : '';
}

export type { EntityType };
