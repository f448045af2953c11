// Big views on the 2D canvas draw their edges here: on a plain canvas beneath Cytoscape's, as one
// path per stroke (colour, width, opacity). Cytoscape resolves, measures and paints each of its
// ~9,000 haystack edges separately, which was most of a 3,000-node view's first frame; here they
// cost a few strokes. The edge elements stay in the graph (data, filters, exports, neighbours)
// with `display: none` (style.ts); the selected node's edges are drawn by Cytoscape on top.
import type { Core, EdgeSingular, NodeSingular, Position } from 'cytoscape';
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

const hiddenByClass = (el: EdgeSingular | NodeSingular) =>
	el.hasClass('filtered') || el.hasClass('hidden');

/** An edge the view shows (wherever it is drawn): not filtered out, both ends visible. */
export function edgeShown(e: EdgeSingular): boolean {
	return !hiddenByClass(e) && !hiddenByClass(e.source()) && !hiddenByClass(e.target());
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
	/** Restyle (after a theme change) and redraw. */
	refresh(): void;
	/** Draws the shown edges into another context (the PNG export) with the given transform. */
	drawInto(ctx: CanvasRenderingContext2D, t: Transform): void;
	destroy(): void;
}

/**
 * Puts a canvas under Cytoscape's layers in its container and keeps it in step: the edge set is
 * re-batched when elements, classes or the selection change, and redrawn (once per frame at
 * most) after those and after viewport, position and size changes.
 */
export function edgeUnderlay(cy: Core, theme: () => Theme): EdgeUnderlay {
	const container = cy.container()!;
	const canvas = document.createElement('canvas');
	canvas.setAttribute('aria-hidden', 'true');
	Object.assign(canvas.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
	container.prepend(canvas);
	const ctx = canvas.getContext('2d')!;

	let batches: EdgeBatch<Segment>[] | null = null;
	let frame = 0;

	function build(): EdgeBatch<Segment>[] {
		const t = theme();
		// Cytoscape draws the selected node's edges (class `incident`); faded stays faded.
		const shown: [EdgeSingular, Segment][] = [];
		cy.edges().forEach((e) => {
			if (edgeShown(e) && !e.hasClass('incident'))
				shown.push([e, [e.source().position(), e.target().position()]]);
		});
		return batchEdges(shown, ([e]) => bigEdgeStroke(t, e.data(), e.hasClass('faded'))).map(
			({ stroke, edges }) => ({ stroke, edges: edges.map(([, s]) => s) })
		);
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
	cy.on('add remove data class select unselect', rebatch);
	cy.on('viewport position resize', redraw);
	cy.on('render', withFrame);
	const resized = new ResizeObserver(redraw);
	resized.observe(container);
	rebatch();

	return {
		refresh: rebatch,
		drawInto(target, t) {
			batches ??= build();
			drawBatches(target, batches, t);
		},
		destroy() {
			cancelAnimationFrame(frame);
			resized.disconnect();
			cy.off('add remove data class select unselect', rebatch);
			cy.off('viewport position resize', redraw);
			cy.off('render', withFrame);
			canvas.remove();
		}
	};
}
