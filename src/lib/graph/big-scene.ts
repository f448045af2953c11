// What a big explorer view draws, and how, without Cytoscape's renderer: thousands of nodes and
// edges as a few canvas paths (one per colour and shape, one per edge stroke), straight from the
// graph's data. Cytoscape resolves, measures and caches a texture for each element; for the
// 3,000-node view that was most of the second before its first frame, and the first gesture
// waited for its layer caches too. Here a frame is a handful of fills and strokes. This module
// is pure (scene, hit testing, drawing into any 2D context); batched-view.ts puts it on screen.
import type { Position } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../types';
import {
	bigEdgeStroke,
	FADED_OPACITY,
	LABEL,
	nodeDiameter,
	nodeFill,
	nodeLabel,
	nodeRing,
	rings,
	SELECTED_EDGE,
	THEME,
	traceShape,
	type EdgeStroke,
	type NodeFill,
	type Ring,
	type Theme
} from './looks';

export interface EdgeBatch<E> {
	stroke: EdgeStroke;
	edges: E[];
}

/** Groups edges by stroke, in first-seen order; edges whose stroke is null are left out. */
export function batchEdges<E>(edges: Iterable<E>, strokeOf: (e: E) => EdgeStroke | null) {
	const batches = new Map<string, EdgeBatch<E>>();
	for (const e of edges) {
		const stroke = strokeOf(e);
		if (!stroke) continue;
		const key = `${stroke.colour} ${stroke.width} ${stroke.opacity}`;
		const batch = batches.get(key);
		if (batch) batch.edges.push(e);
		else batches.set(key, { stroke, edges: [e] });
	}
	return [...batches.values()];
}

/** An edge the view shows: neither it nor either end is hidden. */
export function edgeShown(e: GraphEdge, hidden: ReadonlySet<string>): boolean {
	return !hidden.has(e.id) && !hidden.has(e.source) && !hidden.has(e.target);
}

/** The selected node's edges: drawn on top, at full strength, and hoverable. */
export function incidentEdges(edges: readonly GraphEdge[], selected: string | null): GraphEdge[] {
	return selected ? edges.filter((e) => e.source === selected || e.target === selected) : [];
}

/** What the page asks of the view, besides the graph itself. */
export interface SceneState {
	hidden: ReadonlySet<string>;
	/** Element ids to emphasise; everything else is faded. Null: nothing faded. */
	highlight: ReadonlySet<string> | null;
	selected: string | null;
	pinned: ReadonlySet<string>;
	roots: ReadonlySet<string>;
}

export interface SceneNode {
	id: string;
	data: GraphNode;
	/** Cytoscape's live position object: layouts and drags move the drawing with it. */
	at: Position;
	size: number;
	shape: NodeFill['shape'];
	label: string;
	faded: boolean;
	/** A ring around the node (selection, highlight, root, pin), if any: colour and width. */
	ring: Ring | null;
}

interface NodeGroup {
	colour: string;
	shape: NodeFill['shape'];
	alpha: number;
	nodes: SceneNode[];
}

type Segment = [Position, Position];

export interface SceneEdge {
	edge: GraphEdge;
	a: Position;
	b: Position;
	stroke: EdgeStroke;
}

export interface Scene {
	/** Shown nodes, bottom to top: hit testing walks it from the end. */
	nodes: SceneNode[];
	groups: NodeGroup[];
	edges: EdgeBatch<Segment>[];
	/** The selected node's edges, drawn over the rest. */
	incident: SceneEdge[];
	/** Every edge shown, in the order drawn (the selection's last): what a click may hit. */
	lines: SceneEdge[];
	/** The selected edge (its evidence in the panel), drawn on top with a halo. */
	chosen: SceneEdge | null;
	/** Edges shown, wherever drawn. */
	edgeCount: number;
}

/** Labels show once they would be at least this many pixels tall (as Cytoscape's min-zoomed-font-size). */
const LABEL_FONT = LABEL.fontSize;
const MIN_LABEL_PX = LABEL.minPx.big;

/**
 * The scene for a graph: nodes not hidden and placed (`positionOf` knows them), in draw order,
 * grouped by fill; edges between them batched by stroke, less the selected node's, which are
 * kept apart to be drawn on top.
 */
export function buildScene(
	graph: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] },
	positionOf: (id: string) => Position | undefined,
	state: SceneState,
	theme: Theme
): Scene {
	const { hidden, highlight, selected, pinned, roots } = state;
	const placed = new Map<string, SceneNode>();
	for (const data of graph.nodes) {
		if (hidden.has(data.id)) continue;
		const at = positionOf(data.id);
		if (!at) continue;
		const emphasised = highlight?.has(data.id) ?? false;
		placed.set(data.id, {
			id: data.id,
			data,
			at,
			size: nodeDiameter(data, { big: true }),
			shape: nodeFill(data.type).shape,
			label: nodeLabel(data, { big: true }),
			faded: highlight != null && !emphasised,
			ring: nodeRing(theme, {
				selected: data.id === selected,
				emphasised,
				root: roots.has(data.id),
				pinned: pinned.has(data.id)
			})
		});
	}
	// Faded below, then papers (small, many), then entities smallest first: hubs stay on top.
	const order = (n: SceneNode) => (n.faded ? 0 : n.data.type === 'Paper' ? 1 : 2);
	const nodes = [...placed.values()].sort((a, b) => order(a) - order(b) || a.size - b.size);
	const groups: NodeGroup[] = [];
	const groupOf = new Map<string, NodeGroup>();
	for (const n of nodes) {
		const colour = nodeFill(n.data.type).colour;
		const alpha = n.faded ? FADED_OPACITY : 1;
		const key = `${order(n)} ${colour} ${n.shape} ${alpha}`;
		let g = groupOf.get(key);
		if (!g) {
			g = { colour, shape: n.shape, alpha, nodes: [] };
			groupOf.set(key, g);
			groups.push(g);
		}
		g.nodes.push(n);
	}
	const faded = (e: GraphEdge) => highlight != null && !highlight.has(e.id);
	const underneath: SceneEdge[] = [];
	const incident: SceneEdge[] = [];
	let chosen: SceneEdge | null = null;
	for (const e of graph.edges) {
		if (hidden.has(e.id)) continue;
		const a = placed.get(e.source);
		const b = placed.get(e.target);
		if (!a || !b) continue;
		const mine = e.source === selected || e.target === selected;
		const stroke = bigEdgeStroke(theme, e, !mine && faded(e));
		const line = { edge: e, a: a.at, b: b.at, stroke: mine ? { ...stroke, opacity: 1 } : stroke };
		if (e.id === selected) chosen = { ...line, stroke: { ...stroke, opacity: 1 } };
		(mine ? incident : underneath).push(line);
	}
	const edges = batchEdges(underneath, (e) => e.stroke).map(({ stroke, edges }) => ({
		stroke,
		edges: edges.map((e): Segment => [e.a, e.b])
	}));
	return {
		nodes,
		groups,
		edges,
		incident,
		lines: [...underneath, ...incident],
		chosen,
		edgeCount: underneath.length + incident.length
	};
}

/** Model → pixels: pixel = model × zoom + pan. */
export interface Transform {
	zoom: number;
	pan: Position;
}

/**
 * The topmost node under a point (model coordinates), with a few pixels' grace for small ones:
 * in the order drawn (group by group), from the last.
 */
export function nodeAt(scene: Scene, p: Position, zoom: number): SceneNode | null {
	const grace = 3 / zoom;
	for (let g = scene.groups.length - 1; g >= 0; g--) {
		const nodes = scene.groups[g]!.nodes;
		for (let i = nodes.length - 1; i >= 0; i--) {
			const n = nodes[i]!;
			const r = n.size / 2 + grace;
			if (Math.abs(p.x - n.at.x) <= r && Math.abs(p.y - n.at.y) <= r) return n;
		}
	}
	return null;
}

/** Pixels from an edge a pointer may be and still be on it: the selection's, and any other. */
const EDGE_REACH = { incident: 5, any: 4 } as const;

/**
 * The edge under a point (model coordinates), within a few pixels: the selected node's first
 * (drawn on top, and what a reader looks at), else the nearest of all shown.
 */
export function edgeAt(scene: Scene, p: Position, zoom: number): SceneEdge | null {
	return (
		nearestEdge(scene.incident, p, EDGE_REACH.incident / zoom) ??
		nearestEdge(scene.lines, p, EDGE_REACH.any / zoom)
	);
}

function nearestEdge(lines: readonly SceneEdge[], p: Position, reach: number): SceneEdge | null {
	let best: SceneEdge | null = null;
	let bestD = reach;
	for (const e of lines) {
		// Most edges are nowhere near: their box, grown by the reach, rules them out cheaply.
		if (
			p.x < Math.min(e.a.x, e.b.x) - bestD ||
			p.x > Math.max(e.a.x, e.b.x) + bestD ||
			p.y < Math.min(e.a.y, e.b.y) - bestD ||
			p.y > Math.max(e.a.y, e.b.y) + bestD
		)
			continue;
		const d = segmentDistance(p, e.a, e.b);
		if (d <= bestD) {
			best = e;
			bestD = d;
		}
	}
	return best;
}

function segmentDistance(p: Position, a: Position, b: Position): number {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const len = dx * dx + dy * dy;
	const k = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
	return Math.hypot(p.x - (a.x + k * dx), p.y - (a.y + k * dy));
}

/** Adds a node's outline to the current path, centred at (x, y), `s` wide and tall. */
export function shapePath(
	ctx: CanvasRenderingContext2D,
	shape: NodeFill['shape'],
	x: number,
	y: number,
	s: number
) {
	traceShape(ctx, shape, x, y, s);
}

/** The part of the model a canvas of `width` × `height` pixels shows under `t`. */
function visibleBox(t: Transform, width: number, height: number) {
	return {
		x1: -t.pan.x / t.zoom,
		y1: -t.pan.y / t.zoom,
		x2: (width - t.pan.x) / t.zoom,
		y2: (height - t.pan.y) / t.zoom
	};
}

export interface DrawOptions {
	theme: Theme;
	/** The canvas's size in the transform's pixels, to skip what falls outside. */
	width: number;
	height: number;
	/**
	 * One node (by its live position) drawn apart, for dragging it over a still picture of the
	 * rest: `without` leaves it and its edges out, `just` draws only them.
	 */
	without?: Position | null;
	just?: Position | null;
}

/**
 * Device pixels an edge of the underlying mass may be wide. At or under one pixel the canvas
 * draws a hairline, tens of times faster than a wider stroke (in Chromium's software canvas,
 * 9,453 edges took 70 ms as hairlines and 0.6–1.2 s at 1.5–2 px). So edges stay hairlines at
 * any zoom, and an edge several papers state shows darker instead of wider.
 */
const HAIRLINE = 1;

/**
 * Draws the scene: edges, then the selected node's edges, nodes, rings and readable labels.
 * Hovering is drawn over it apart (drawHover), so that moving the pointer redraws little.
 */
export function drawScene(
	ctx: CanvasRenderingContext2D,
	scene: Scene,
	t: Transform,
	o: DrawOptions
) {
	const box = visibleBox(t, o.width, o.height);
	// Slack for node size and label width, in model units.
	const m = 80 / Math.min(1, t.zoom);
	const { without = null, just = null } = o;
	const inView = (p: Position) =>
		p.x >= box.x1 - m && p.x <= box.x2 + m && p.y >= box.y1 - m && p.y <= box.y2 + m;
	const wanted = (p: Position) => (just ? p === just : p !== without);
	const crosses = (a: Position, b: Position) =>
		!(
			(a.x < box.x1 && b.x < box.x1) ||
			(a.x > box.x2 && b.x > box.x2) ||
			(a.y < box.y1 && b.y < box.y1) ||
			(a.y > box.y2 && b.y > box.y2)
		);
	const segmentWanted = just
		? (a: Position, b: Position) => a === just || b === just
		: without
			? (a: Position, b: Position) => a !== without && b !== without
			: () => true;
	ctx.save();
	ctx.setTransform(t.zoom, 0, 0, t.zoom, t.pan.x, t.pan.y);
	ctx.lineCap = 'butt';
	for (const { stroke, edges } of scene.edges) {
		ctx.strokeStyle = stroke.colour;
		const device = stroke.width * t.zoom;
		ctx.globalAlpha = Math.min(1, stroke.opacity * Math.max(1, device / HAIRLINE));
		ctx.lineWidth = Math.min(device, HAIRLINE) / t.zoom;
		ctx.beginPath();
		for (const [a, b] of edges) {
			if (!segmentWanted(a, b) || !crosses(a, b)) continue;
			ctx.moveTo(a.x, a.y);
			ctx.lineTo(b.x, b.y);
		}
		ctx.stroke();
	}
	// The selection's few edges on top, at full strength and width.
	for (const e of scene.incident) {
		if (!segmentWanted(e.a, e.b)) continue;
		ctx.strokeStyle = e.stroke.colour;
		ctx.globalAlpha = 1;
		ctx.lineWidth = e.stroke.width * 1.5;
		ctx.beginPath();
		ctx.moveTo(e.a.x, e.a.y);
		ctx.lineTo(e.b.x, e.b.y);
		ctx.stroke();
	}
	// The clicked edge: a halo in the selection colour, as Cytoscape's views draw it.
	const chosen = scene.chosen;
	if (chosen && segmentWanted(chosen.a, chosen.b)) {
		for (const [colour, alpha, width] of [
			[
				THEME[o.theme].selected,
				SELECTED_EDGE.haloOpacity,
				// Model units as in Cytoscape, yet never thinner than a few pixels zoomed out.
				Math.max(chosen.stroke.width + 2 * SELECTED_EDGE.padding, SELECTED_EDGE.minPx / t.zoom)
			],
			[chosen.stroke.colour, 1, chosen.stroke.width * 1.5]
		] as const) {
			ctx.strokeStyle = colour;
			ctx.globalAlpha = alpha;
			ctx.lineWidth = width;
			ctx.beginPath();
			ctx.moveTo(chosen.a.x, chosen.a.y);
			ctx.lineTo(chosen.b.x, chosen.b.y);
			ctx.stroke();
		}
	}

	for (const g of scene.groups) {
		ctx.globalAlpha = g.alpha;
		ctx.fillStyle = g.colour;
		ctx.beginPath();
		for (const n of g.nodes)
			if (wanted(n.at) && inView(n.at)) shapePath(ctx, n.shape, n.at.x, n.at.y, n.size);
		ctx.fill();
	}
	ctx.globalAlpha = 1;
	for (const n of scene.nodes) if (n.ring && wanted(n.at)) drawRing(ctx, n, n.ring, o.theme);

	// Labels below their node once readable (those of ringed nodes always), and none over
	// another: ringed nodes' first, then the biggest nodes', so hubs keep theirs in a crowd.
	const readable = LABEL_FONT * t.zoom >= MIN_LABEL_PX;
	const candidates = scene.nodes.filter(
		(n) => n.label && !n.faded && wanted(n.at) && inView(n.at) && (readable || n.ring)
	);
	candidates.sort((a, b) => Number(b.ring != null) - Number(a.ring != null) || b.size - a.size);
	const taken: Box[] = [];
	for (const n of candidates) {
		const box = labelBox(ctx, n, t.zoom, n.ring != null);
		if (taken.some((b) => overlaps(b, box))) continue;
		taken.push(box);
		drawLabel(ctx, n, t.zoom, o.theme, n.ring != null);
	}
	ctx.restore();
}

interface Box {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** The font a label is drawn in: model units, readable even when zoomed out if emphasised. */
function labelFont(zoom: number, emphasised: boolean) {
	const px = LABEL_FONT * zoom >= MIN_LABEL_PX ? LABEL_FONT : MIN_LABEL_PX / zoom;
	return { px, font: `${emphasised ? 'bold ' : ''}${px}px ${LABEL.family}` };
}

/** Where a node's label goes, in model units. */
function labelBox(ctx: CanvasRenderingContext2D, n: SceneNode, zoom: number, emphasised: boolean) {
	const { px, font } = labelFont(zoom, emphasised);
	ctx.font = font;
	const half = ctx.measureText(n.label).width / 2;
	const top = n.at.y + n.size / 2 + LABEL.margin;
	return { x1: n.at.x - half, y1: top, x2: n.at.x + half, y2: top + px };
}

function drawRing(
	ctx: CanvasRenderingContext2D,
	n: SceneNode,
	ring: NonNullable<SceneNode['ring']>,
	theme: Theme
) {
	ctx.globalAlpha = 1;
	ctx.strokeStyle = ring.colour;
	ctx.lineWidth = ring.width;
	ctx.beginPath();
	shapePath(ctx, n.shape, n.at.x, n.at.y, n.size);
	ctx.stroke();
	if (ring.double) {
		ctx.strokeStyle = THEME[theme].selected;
		ctx.lineWidth = 1;
		ctx.beginPath();
		shapePath(ctx, n.shape, n.at.x, n.at.y, n.size + ring.width);
		ctx.stroke();
	}
}

/** A label below its node; emphasised ones bold, and readable even when zoomed out. */
function drawLabel(
	ctx: CanvasRenderingContext2D,
	n: SceneNode,
	zoom: number,
	theme: Theme,
	emphasised: boolean
) {
	ctx.globalAlpha = 1;
	ctx.fillStyle = THEME[theme].text;
	ctx.textAlign = 'center';
	ctx.textBaseline = 'top';
	ctx.font = labelFont(zoom, emphasised).font;
	ctx.fillText(n.label, n.at.x, n.at.y + n.size / 2 + LABEL.margin);
}

/** The hovered node (ring and label) or edge of the selection (wider), over a drawn scene. */
export function drawHover(
	ctx: CanvasRenderingContext2D,
	t: Transform,
	theme: Theme,
	hovered: { node?: SceneNode | null; edge?: SceneEdge | null }
) {
	const { node, edge } = hovered;
	if (!node && !edge) return;
	ctx.save();
	ctx.setTransform(t.zoom, 0, 0, t.zoom, t.pan.x, t.pan.y);
	if (edge) {
		ctx.globalAlpha = 1;
		ctx.strokeStyle = edge.stroke.colour;
		ctx.lineWidth = edge.stroke.width * 2.5;
		ctx.beginPath();
		ctx.moveTo(edge.a.x, edge.a.y);
		ctx.lineTo(edge.b.x, edge.b.y);
		ctx.stroke();
	}
	if (node) {
		drawRing(ctx, node, node.ring ?? rings(theme).hover, theme);
		if (node.label) drawLabel(ctx, node, t.zoom, theme, true);
	}
	ctx.restore();
}

/** The model-space box around the scene's nodes, labels allowed for, or null when empty. */
export function sceneBounds(scene: Scene) {
	if (!scene.nodes.length) return null;
	let x1 = Infinity;
	let y1 = Infinity;
	let x2 = -Infinity;
	let y2 = -Infinity;
	for (const n of scene.nodes) {
		const r = n.size / 2;
		x1 = Math.min(x1, n.at.x - r);
		x2 = Math.max(x2, n.at.x + r);
		y1 = Math.min(y1, n.at.y - r);
		y2 = Math.max(y2, n.at.y + r + (n.label ? LABEL_FONT + LABEL.margin : 0));
	}
	return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 };
}
