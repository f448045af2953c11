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

/** Nodes without a known year stay visible: hiding them would hide most of a young graph. */
export function nodePasses(node: GraphNode, f: GraphFilters): boolean {
	if (!f.types.includes(node.type)) return false;
	if (node.year != null) {
		if (f.yearFrom != null && node.year < f.yearFrom) return false;
		if (f.yearTo != null && node.year > f.yearTo) return false;
	}
	return true;
}

export function edgePasses(edge: GraphEdge, f: GraphFilters): boolean {
	return f.rels.includes(edge.type) && edge.support >= f.minSupport;
}

/** The ids to hide: nodes failing the filters or hidden by hand, and edges touching them. */
export function hiddenIds(
	graph: { nodes: GraphNode[]; edges: GraphEdge[] },
	filters: GraphFilters,
	hidden: ReadonlySet<string> = new Set()
): Set<string> {
	const out = new Set<string>();
	for (const n of graph.nodes) if (hidden.has(n.id) || !nodePasses(n, filters)) out.add(n.id);
	for (const e of graph.edges) {
		if (out.has(e.source) || out.has(e.target) || !edgePasses(e, filters)) out.add(e.id);
	}
	return out;
}

/** The year span of a graph, for the range inputs' bounds. */
export function yearSpan(nodes: GraphNode[]): [number, number] | null {
	const years = nodes.map((n) => n.year).filter((y): y is number => y != null);
	if (!years.length) return null;
	return [Math.min(...years), Math.max(...years)];
}
