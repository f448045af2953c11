// Sync a Cytoscape instance with a wanted graph by id: remove what went, add what came, update
// data that changed. Positions of kept nodes are untouched, which is what makes incremental
// layout possible.
import type { Core } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../types';
import { toEdgeDefinition, toNodeDefinition } from './elements';

export interface ElementDiff {
	addNodes: GraphNode[];
	addEdges: GraphEdge[];
	removeIds: string[];
	updateNodes: GraphNode[];
	updateEdges: GraphEdge[];
}

type Current = Map<string, Record<string, unknown>>;

function changed(before: Record<string, unknown> | undefined, after: object): boolean {
	if (!before) return true;
	for (const [k, v] of Object.entries(after)) if (before[k] !== v) return true;
	return false;
}

/** Pure: what must change to go from `current` (id → data) to the wanted nodes and edges. */
export function diffElements(
	current: Current,
	wanted: { nodes: GraphNode[]; edges: GraphEdge[] }
): ElementDiff {
	const diff: ElementDiff = {
		addNodes: [],
		addEdges: [],
		removeIds: [],
		updateNodes: [],
		updateEdges: []
	};
	const nodeIds = new Set(wanted.nodes.map((n) => n.id));
	const keep = new Set<string>();
	for (const n of wanted.nodes) {
		keep.add(n.id);
		const before = current.get(n.id);
		if (!before) diff.addNodes.push(n);
		else if (changed(before, n)) diff.updateNodes.push(n);
	}
	for (const e of wanted.edges) {
		if (!nodeIds.has(e.source) || !nodeIds.has(e.target)) continue;
		keep.add(e.id);
		const before = current.get(e.id);
		if (!before) diff.addEdges.push(e);
		else if (changed(before, e)) diff.updateEdges.push(e);
	}
	for (const id of current.keys()) if (!keep.has(id)) diff.removeIds.push(id);
	return diff;
}

export function currentElements(cy: Core): Current {
	const map: Current = new Map();
	// Decorations the canvas adds itself (a lineage's time axis) are not the graph's.
	cy.elements(':not(.axis)').forEach((el) => {
		map.set(el.id(), el.data());
	});
	return map;
}

/** Apply the diff in one batch (one redraw). Returns the ids of the nodes that were added. */
export function syncElements(
	cy: Core,
	wanted: { nodes: GraphNode[]; edges: GraphEdge[] }
): string[] {
	const diff = diffElements(currentElements(cy), wanted);
	cy.batch(() => {
		if (diff.removeIds.length) {
			const gone = new Set(diff.removeIds);
			cy.elements()
				.filter((el) => gone.has(el.id()))
				.remove();
		}
		for (const n of diff.updateNodes) cy.getElementById(n.id).data(toNodeDefinition(n).data);
		for (const e of diff.updateEdges) cy.getElementById(e.id).data(toEdgeDefinition(e).data);
		if (diff.addNodes.length || diff.addEdges.length) {
			cy.add([...diff.addNodes.map(toNodeDefinition), ...diff.addEdges.map(toEdgeDefinition)]);
		}
	});
	return diff.addNodes.map((n) => n.id);
}
