// GraphView → Cytoscape element definitions. Size, width and label are computed here, once,
// so the stylesheet maps plain numbers and the canvas never recomputes them per frame.
import type { EdgeDefinition, NodeDefinition } from 'cytoscape';
import type { GraphEdge, GraphNode, GraphView } from '../types';

export interface NodeData extends GraphNode {
	size: number;
	display: string;
	[key: string]: unknown;
}

export interface EdgeData extends GraphEdge {
	width: number;
	[key: string]: unknown;
}

const MAX_LABEL = 28;

/** Paper titles are long; the full text lives in the tooltip and the panel. */
export function displayLabel(label: string, max = MAX_LABEL): string {
	const clean = label.replace(/\s+/g, ' ').trim();
	return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Degree grows the node with its square root so hubs stand out without swallowing the view. */
export function nodeSize(node: Pick<GraphNode, 'degree' | 'score'>): number {
	const byDegree = 18 + 6 * Math.sqrt(Math.max(0, node.degree));
	const byScore = node.score != null ? 18 + 40 * node.score : 0;
	return Math.round(Math.min(72, Math.max(byDegree, byScore)));
}

export function edgeWidth(support: number): number {
	return Math.round(Math.min(10, 1 + 1.5 * Math.log2(1 + Math.max(0, support))) * 10) / 10;
}

export function toNodeDefinition(node: GraphNode): NodeDefinition {
	const data: NodeData = { ...node, size: nodeSize(node), display: displayLabel(node.label) };
	return { group: 'nodes', data };
}

export function toEdgeDefinition(edge: GraphEdge): EdgeDefinition {
	const data: EdgeData = { ...edge, width: edgeWidth(edge.support) };
	return { group: 'edges', data };
}

/** Edges whose ends are missing are dropped: Cytoscape refuses them. */
export function toElements(view: Pick<GraphView, 'nodes' | 'edges'>) {
	const ids = new Set(view.nodes.map((n) => n.id));
	return {
		nodes: view.nodes.map(toNodeDefinition),
		edges: view.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(toEdgeDefinition)
	};
}

/** Union of views by id; later views win for changed data (support grows as papers load). */
export function mergeViews(...views: Pick<GraphView, 'nodes' | 'edges'>[]): {
	nodes: GraphNode[];
	edges: GraphEdge[];
} {
	const nodes = new Map<string, GraphNode>();
	const edges = new Map<string, GraphEdge>();
	for (const view of views) {
		for (const n of view.nodes) {
			// A node seen once is kept as it is: copying thousands of them held up big views.
			const known = nodes.get(n.id);
			nodes.set(n.id, known ? { ...known, ...n } : n);
		}
		for (const e of view.edges) edges.set(e.id, e);
	}
	return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
