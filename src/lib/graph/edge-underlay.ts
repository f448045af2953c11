// Big views on the 2D canvas draw their edges here: on a plain canvas beneath Cytoscape's, as one
// path per stroke (colour, width, opacity), straight from the graph's data. Cytoscape resolves,
// measures and paints each element separately, and an edge element also makes every style
// change of its two nodes walk their edges: with ~9,000 edges that was most of a 3,000-node
// view's first frame. So big views keep their edges out of Cytoscape altogether, except the
// selected node's, which it draws on top (hoverable); filters, exports and layout read the data.
import type { Core, Position } from 'cytoscape';
import type { GraphEdge } from '../types';
import { bigEdgeStroke, type EdgeStroke, type Theme } from './style';

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

/** An edge the view shows (wherever it is drawn): neither it nor either end is hidden. */
export function edgeShown(e: GraphEdge, hidden: ReadonlySet<string>): boolean {
	return !hidden.has(e.id) && !hidden.has(e.source) && !hidden.has(e.target);
}

/** An edge for the underlay: ends by node id, what its stroke depends on. */
export interface UnderlayEdge {
	source: string;
	target: string;
	type: string;
	support: number;
	faded: boolean;
}

/**
 * The edges the underlay draws: those shown, less the selected node's (Cytoscape draws them);
 * faded when something is highlighted and they are not.
 */
export function underlayEdges(
	edges: readonly GraphEdge[],
	view: {
		hidden: ReadonlySet<string>;
		highlight: ReadonlySet<string> | null;
		selected: string | null;
	}
): UnderlayEdge[] {
	const { hidden, highlight, selected } = view;
	const out: UnderlayEdge[] = [];
	for (const e of edges) {
		if (!edgeShown(e, hidden) || e.source === selected || e.target === selected) continue;
		const { source, target, type, support } = e;
		out.push({ source, target, type, support, faded: highlight != null && !highlight.has(e.id) });
	}
	return out;
}

/** The selected node's edges: the only ones a big view gives Cytoscape to draw. */
export function incidentEdges(edges: readonly GraphEdge[], selected: string | null): GraphEdge[] {
	return selected ? edges.filter((e) => e.source === selected || e.target === selected) : [];
}

/** Model → pixels: pixel = model × zoom + pan. */
export interface Transform {
	zoom: number;
	pan: Position;
}

type Segment = [Position, Position];

/** Strokes the batches; positions are Cytoscape's live objects, so drags need no rebuild. */
function drawBatches(ctx: CanvasRenderingContext2D, batches: EdgeBatch<Segment>[], t: Transform) {
	ctx.save();
	ctx.setTransform(t.zoom, 0, 0, t.zoom, t.pan.x, t.pan.y);
	ctx.lineCap = 'butt';
	for (const { stroke, edges } of batches) {
		ctx.strokeStyle = stroke.colour;
		ctx.globalAlpha = stroke.opacity;
		ctx.lineWidth = stroke.width;
		ctx.beginPath();
		for (const [a, b] of edges) {
			ctx.moveTo(a.x, a.y);
			ctx.lineTo(b.x, b.y);
		}
		ctx.stroke();
	}
	ctx.restore();
}

export interface EdgeUnderlay {
	/** The edges to draw from now on, after any change of the nodes too (re-batched lazily). */
	setEdges(edges: readonly UnderlayEdge[]): void;
	/** Restyle (after a theme change) and redraw. */
	refresh(): void;
	/** Draws the edges into another context (the PNG export) with the given transform. */
	drawInto(ctx: CanvasRenderingContext2D, t: Transform): void;
	destroy(): void;
}

/**
 * Puts a canvas under Cytoscape's layers in its container and keeps it in step: the edges are
 * re-batched when given anew (the canvas does so after every change of its nodes: a node added
 * again has a new position object) and redrawn, once per frame at most, after that and after
 * viewport, position and size changes.
 */
export function edgeUnderlay(cy: Core, theme: () => Theme): EdgeUnderlay {
	const container = cy.container()!;
	const canvas = document.createElement('canvas');
	canvas.setAttribute('aria-hidden', 'true');
	Object.assign(canvas.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
	container.prepend(canvas);
	const ctx = canvas.getContext('2d')!;

	let edges: readonly UnderlayEdge[] = [];
	let batches: EdgeBatch<Segment>[] | null = null;
	let frame = 0;

	function build(): EdgeBatch<Segment>[] {
		const t = theme();
		// Positions are the nodes' live objects: a drag or a layout moves the edges with them.
		const at = new Map<string, Position>();
		cy.nodes().forEach((n) => {
			at.set(n.id(), n.position());
		});
		const placed: [UnderlayEdge, Segment][] = [];
		for (const e of edges) {
			const a = at.get(e.source);
			const b = at.get(e.target);
			if (a && b) placed.push([e, [a, b]]);
		}
		return batchEdges(placed, ([e]) => bigEdgeStroke(t, e, e.faded)).map(({ stroke, edges }) => ({
			stroke,
			edges: edges.map(([, s]) => s)
		}));
	}

	function draw() {
		frame = 0;
		const width = container.clientWidth;
		const height = container.clientHeight;
		// Pixel ratio 1, as Cytoscape's own canvases in big views.
		if (canvas.width !== width || canvas.height !== height) {
			canvas.width = width;
			canvas.height = height;
		} else ctx.clearRect(0, 0, width, height);
		batches ??= build();
		drawBatches(ctx, batches, { zoom: cy.zoom(), pan: cy.pan() });
	}

	const redraw = () => {
		if (!frame) frame = requestAnimationFrame(draw);
	};
	const rebatch = () => {
		batches = null;
		redraw();
	};
	// Drawn with Cytoscape's own frame when it draws one, so the two never show out of step.
	const withFrame = () => {
		if (frame) {
			cancelAnimationFrame(frame);
			draw();
		}
	};
	cy.on('viewport position resize', redraw);
	cy.on('render', withFrame);
	const resized = new ResizeObserver(redraw);
	resized.observe(container);

	return {
		setEdges(next) {
			edges = next;
			rebatch();
		},
		refresh: rebatch,
		drawInto(target, t) {
			batches ??= build();
			drawBatches(target, batches, t);
		},
		destroy() {
			cancelAnimationFrame(frame);
			resized.disconnect();
			cy.off('viewport position resize', redraw);
			cy.off('render', withFrame);
			canvas.remove();
		}
	};
}
