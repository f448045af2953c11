// A big explorer view on the wire: nodes and edges as arrays instead of objects (about a third
// of GraphView's JSON for the 3,000-node view), with the server's layout positions, so that the
// page fetches it once hydrated instead of carrying megabytes of data in its HTML.
import {
	NODE_TYPES,
	RELATION_TYPES,
	type GraphEdge,
	type GraphNode,
	type GraphView
} from '../types';

/** [id, type (index in NODE_TYPES), label, year, paperCount, degree, score] */
export type CompactNode = [string, number, string, number | null, number, number, number | null];
/** [source, target (node indexes), type (index in RELATION_TYPES), support, id if not the usual] */
export type CompactEdge =
	[number, number, number, number] | [number, number, number, number, string];

export interface CompactView {
	/** The format's version: a reader that does not know it treats the answer as a failure. */
	format: 1;
	truncated: boolean;
	total: number | null;
	nodes: CompactNode[];
	edges: CompactEdge[];
	/** Layout positions by node index, rounded to 0.1. */
	x: number[];
	y: number[];
	/** How long the layout took when the server computed it (it is cached afterwards). */
	layoutMs: number;
}

/** The laid-out view and the positions, in the order of view.nodes. */
export interface PlacedView {
	view: GraphView;
	positions: { x: Float64Array; y: Float64Array; ms: number };
}

const edgeId = (source: string, type: string, target: string) => `${source}|${type}|${target}`;
const round = (v: number) => Math.round(v * 10) / 10;

/** Edges whose ends are not among the nodes are left out, as the canvas would drop them. */
export function encodeCompact(
	view: GraphView,
	at: { x: ArrayLike<number>; y: ArrayLike<number>; ms: number }
): CompactView {
	const index = new Map(view.nodes.map((n, i) => [n.id, i]));
	const edges: CompactEdge[] = [];
	for (const e of view.edges) {
		const s = index.get(e.source);
		const t = index.get(e.target);
		if (s === undefined || t === undefined) continue;
		const type = RELATION_TYPES.indexOf(e.type);
		edges.push(
			e.id === edgeId(e.source, e.type, e.target)
				? [s, t, type, e.support]
				: [s, t, type, e.support, e.id]
		);
	}
	return {
		format: 1,
		truncated: view.truncated,
		total: view.total ?? null,
		nodes: view.nodes.map((n) => [
			n.id,
			NODE_TYPES.indexOf(n.type),
			n.label,
			n.year,
			n.paperCount,
			n.degree,
			n.score ?? null
		]),
		edges,
		x: Array.from(view.nodes, (_, i) => round(at.x[i] ?? 0)),
		y: Array.from(view.nodes, (_, i) => round(at.y[i] ?? 0)),
		layoutMs: Math.round(at.ms)
	};
}

/** Null when the answer is not a view this reader understands. */
export function decodeCompact(value: unknown): PlacedView | null {
	try {
		return decode(value);
	} catch {
		// Rows of the wrong shape (not arrays): as unreadable as a wrong version.
		return null;
	}
}

function decode(value: unknown): PlacedView | null {
	const c = value as CompactView | null;
	if (
		c == null ||
		c.format !== 1 ||
		!Array.isArray(c.nodes) ||
		!Array.isArray(c.edges) ||
		!Array.isArray(c.x) ||
		!Array.isArray(c.y) ||
		c.x.length !== c.nodes.length ||
		c.y.length !== c.nodes.length
	)
		return null;
	const nodes: GraphNode[] = new Array(c.nodes.length);
	for (let i = 0; i < c.nodes.length; i++) {
		const [id, t, label, year, paperCount, degree, score] = c.nodes[i]!;
		const type = NODE_TYPES[t];
		if (type === undefined) return null;
		const node: GraphNode = {
			id,
			kind: type === 'Paper' ? 'Paper' : 'Entity',
			type,
			label,
			year,
			paperCount,
			degree
		};
		if (score != null) node.score = score;
		nodes[i] = node;
	}
	const edges: GraphEdge[] = new Array(c.edges.length);
	for (let k = 0; k < c.edges.length; k++) {
		const [s, t, r, support, id] = c.edges[k]!;
		const source = nodes[s]?.id;
		const target = nodes[t]?.id;
		const type = RELATION_TYPES[r];
		if (source === undefined || target === undefined || type === undefined) return null;
		edges[k] = { id: id ?? edgeId(source, type, target), source, target, type, support };
	}
	const view: GraphView = { nodes, edges, truncated: c.truncated };
	if (c.total != null) view.total = c.total;
	return {
		view,
		positions: { x: Float64Array.from(c.x), y: Float64Array.from(c.y), ms: c.layoutMs }
	};
}
