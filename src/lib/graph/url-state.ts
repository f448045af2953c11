// Every view is a URL: the explorer's selection, expansions, hidden nodes and filters, and the
// path query, to and from search params. Defaults are left out so shared links stay short.
// Example: `/?sel=model%3Asdxl&x=model%3Asdxl&types=Model,Task&minSupport=2`.
import type { EntityType, RelationType } from '../types';
import { RELATION_TYPES } from '../types';
import { defaultFilters, type GraphFilters } from './filters';
import { NODE_TYPES, type NodeType } from './vocabulary';

export interface ExplorerState {
	selected: string | null;
	expanded: string[]; // in expansion order, so undo removes the last one
	hidden: string[];
	filters: GraphFilters;
}

export interface PathQuery {
	from: string;
	to: string;
	k: number;
	maxLength: number;
	rels: RelationType[]; // empty = any relation
	directed: boolean;
}

export const PATH_DEFAULTS = { k: 3, maxLength: 4, directed: false } as const;

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
	return { selected: null, expanded: [], hidden: [], filters: defaultFilters() };
}

export function encodeExplorerState(state: ExplorerState): URLSearchParams {
	const p = new URLSearchParams();
	const f = state.filters;
	if (state.selected) p.set('sel', state.selected);
	for (const id of state.expanded) p.append('x', id);
	for (const id of state.hidden) p.append('hide', id);
	if (f.types.length !== NODE_TYPES.length) p.set('types', f.types.join(','));
	if (f.rels.length !== RELATION_TYPES.length) p.set('rels', f.rels.join(','));
	if (f.yearFrom != null) p.set('from', String(f.yearFrom));
	if (f.yearTo != null) p.set('to', String(f.yearTo));
	if (f.minSupport > 1) p.set('minSupport', String(f.minSupport));
	return p;
}

/** Unknown or malformed values fall back to defaults rather than failing the page. */
export function decodeExplorerState(p: URLSearchParams): ExplorerState {
	const d = defaultFilters();
	return {
		selected: p.get('sel') || null,
		expanded: unique(p.getAll('x')),
		hidden: unique(p.getAll('hide')),
		filters: {
			types: list<NodeType>(p.get('types'), NODE_TYPES) ?? d.types,
			rels: list<RelationType>(p.get('rels'), RELATION_TYPES) ?? d.rels,
			yearFrom: int(p.get('from'), 1900, 2200),
			yearTo: int(p.get('to'), 1900, 2200),
			minSupport: int(p.get('minSupport'), 1, 1000) ?? 1
		}
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
	return p;
}

export function decodePathQuery(p: URLSearchParams): PathQuery {
	return {
		from: p.get('from') ?? '',
		to: p.get('to') ?? '',
		k: int(p.get('k'), 1, 10) ?? PATH_DEFAULTS.k,
		maxLength: int(p.get('maxLength'), 1, 6) ?? PATH_DEFAULTS.maxLength,
		rels: list<RelationType>(p.get('rel'), RELATION_TYPES) ?? [],
		directed: p.get('directed') === 'true'
	};
}

/** `?a=1` or '' — for building hrefs. */
export function queryString(p: URLSearchParams): string {
	const s = p.toString();
	return s ? `?${s}` : '';
}

export type { EntityType };
