// Filters applied to the graph already on screen: they decide which element ids are shown,
// never what is fetched, so toggling one needs no request.
import type { GraphEdge, GraphNode, RelationType } from '../types';
import { RELATION_TYPES } from '../types';
import { NODE_TYPES, type NodeType } from './vocabulary';

export interface GraphFilters {
	types: NodeType[]; // shown node types
	rels: RelationType[]; // shown relation types
	yearFrom: number | null;
	yearTo: number | null;
	minSupport: number;
}

export function defaultFilters(): GraphFilters {
	return {
		types: [...NODE_TYPES],
		rels: [...RELATION_TYPES],
		yearFrom: null,
		yearTo: null,
		minSupport: 1
	};
}

export function isDefaultFilters(f: GraphFilters): boolean {
	return (
		f.types.length === NODE_TYPES.length &&
		f.rels.length === RELATION_TYPES.length &&
		f.yearFrom == null &&
		f.yearTo == null &&
		f.minSupport <= 1
	);
}

export function hasYears(f: GraphFilters): boolean {
	return f.yearFrom != null || f.yearTo != null;
}

/** "2023", "2023–2024", "2023–…" */
export function yearRangeLabel(f: Pick<GraphFilters, 'yearFrom' | 'yearTo'>): string {
	return f.yearFrom === f.yearTo ? String(f.yearFrom) : `${f.yearFrom ?? '…'}–${f.yearTo ?? '…'}`;
}

/**
 * What a year range keeps, as the API answered it for the nodes in focus (the selected one and
 * those expanded): the relations stated by papers of those years (their `support` counts those
 * papers only) and the nodes they join. The nodes in focus are always kept.
 */
export interface InYears {
	edges: ReadonlySet<string>;
	nodes: ReadonlySet<string>;
}

/**
 * A year range filters relations, not entities: an entity is never hidden for its own year (the
 * one in focus would disappear); a paper is, when written outside the range.
 */
export function nodePasses(node: GraphNode, f: GraphFilters): boolean {
	if (!f.types.includes(node.type)) return false;
	if (node.kind === 'Paper' && hasYears(f)) {
		if (node.year == null) return false;
		if (f.yearFrom != null && node.year < f.yearFrom) return false;
		if (f.yearTo != null && node.year > f.yearTo) return false;
	}
	return true;
}

export function edgePasses(edge: GraphEdge, f: GraphFilters): boolean {
	return f.rels.includes(edge.type) && edge.support >= f.minSupport;
}

/**
 * The ids to hide: nodes failing the filters or hidden by hand, and edges touching them. With a
 * year range, also the relations not stated in those years (`inYears`; none known: all of
 * them) and the nodes they alone joined, but never a node in focus (`focus`).
 */
export function hiddenIds(
	graph: { nodes: GraphNode[]; edges: GraphEdge[] },
	filters: GraphFilters,
	hidden: ReadonlySet<string> = new Set(),
	inYears: InYears | null = null,
	focus: ReadonlySet<string> = new Set()
): Set<string> {
	const out = new Set<string>();
	const ranged = hasYears(filters);
	for (const n of graph.nodes) {
		if (hidden.has(n.id)) out.add(n.id);
		else if (focus.has(n.id) && n.kind === 'Entity') continue;
		else if (!nodePasses(n, filters)) out.add(n.id);
		else if (ranged && !focus.has(n.id) && !inYears?.nodes.has(n.id)) out.add(n.id);
	}
	for (const e of graph.edges) {
		if (out.has(e.source) || out.has(e.target) || !edgePasses(e, filters)) out.add(e.id);
		else if (ranged && !inYears?.edges.has(e.id)) out.add(e.id);
	}
	return out;
}

/** The year span of a graph, for the range inputs' bounds. */
export function yearSpan(nodes: GraphNode[]): [number, number] | null {
	const years = nodes.map((n) => n.year).filter((y): y is number => y != null);
	if (!years.length) return null;
	return [Math.min(...years), Math.max(...years)];
}
