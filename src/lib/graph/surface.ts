// One drawing surface, two renderers (after Cytoscape's own renderer registry): what the graph
// component asks of whatever draws the view — Cytoscape's canvas or WebGL renderer, or the
// batched canvas of big views (batched-view.ts) — so that GraphCanvas.svelte chooses a surface
// once and delegates, instead of branching on the renderer for each operation.
import type { Core, Position } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../types';
import type { BatchedView } from './batched-view';
import { edgeShown, type SceneState } from './big-scene';
import type { ExportGraph } from './exports';
import { LABEL_HIDDEN } from './looks';

/** What the pointer is over, in rendered pixels of the canvas: the one hover type. */
export interface Hover {
	x: number;
	y: number;
	title: string;
	detail: string;
}

export interface Viewport {
	zoom: number;
	pan: Position;
}

export interface SurfaceGraph {
	nodes: readonly GraphNode[];
	edges: readonly GraphEdge[];
}

export interface GraphSurface {
	readonly kind: 'canvas' | 'webgl' | 'batched';
	/** Fits the shown nodes into the canvas. */
	fit(padding?: number): void;
	centreOn(id: string): void;
	panBy(d: Position): void;
	/** Zooms to `level` keeping the rendered point `at` still. */
	zoomAbout(level: number, at: Position): void;
	viewport(): Viewport;
	/** Where a node is now, in model coordinates. */
	positionOf(id: string): Position | undefined;
	/** The model-space box the canvas shows. */
	extent(): { x1: number; y1: number; x2: number; y2: number };
	/** The whole shown graph on a background, `scale` pixels per unit. */
	png(scale: number, background: string): Promise<Blob>;
	/** The shown subgraph with positions, edges in stored direction (for the exports). */
	visible(graph: SurfaceGraph, hidden: ReadonlySet<string>): ExportGraph;
	/** The page's state: filtered, emphasised, selected, pinned and root nodes. */
	setState(graph: SurfaceGraph, state: SceneState): void;
	/** Runs once, after the next frame with the current state is drawn. */
	whenDrawn(callback: () => void): void;
	destroy(): void;
}

interface LabelBox {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

/**
 * Which labels to leave out so that none is drawn over another (the batched canvas of big views
 * does the same per frame): a lineage's column headings first, then the selected, emphasised,
 * root and pinned nodes', then bigger nodes' before smaller ones, then by id. `boxes` are the
 * drawn labels' boxes in model units.
 */
export function labelsToHide(
	labels: {
		id: string;
		box: LabelBox;
		heading?: boolean;
		emphasis: number;
		size: number;
	}[]
): Set<string> {
	const order = [...labels].sort(
		(a, b) =>
			Number(b.heading ?? false) - Number(a.heading ?? false) ||
			b.emphasis - a.emphasis ||
			b.size - a.size ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	const kept: LabelBox[] = [];
	const hidden = new Set<string>();
	for (const l of order) {
		const b = l.box;
		if (kept.some((k) => k.x1 < b.x2 && b.x1 < k.x2 && k.y1 < b.y2 && b.y1 < k.y2))
			hidden.add(l.id);
		else kept.push(b);
	}
	return hidden;
}

/**
 * Marks the labels to leave out (LABEL_HIDDEN; the stylesheet draws them transparent, so they
 * keep their size and show again on hover). Labels are in model units: whether two overlap
 * does not change with the zoom, only when nodes move, come and go or change state.
 */
function declutter(cy: Core) {
	const labels: Parameters<typeof labelsToHide>[0] = [];
	cy.nodes(':visible').forEach((n) => {
		if (n.hasClass('band') || n.hasClass('faded') || !n.style('label')) return;
		const box = n.boundingBox({
			includeNodes: false,
			includeEdges: false,
			includeLabels: true,
			includeOverlays: false,
			includeUnderlays: false
		} as Parameters<typeof n.boundingBox>[0]);
		if (!(box.w > 0 && box.h > 0 && Number.isFinite(box.x1))) return;
		const emphasis = n.selected()
			? 4
			: n.hasClass('highlighted')
				? 3
				: n.hasClass('root')
					? 2
					: n.hasClass('pinned')
						? 1
						: 0;
		labels.push({
			id: n.id(),
			box,
			heading: n.hasClass('axis'),
			emphasis,
			size: Number(n.data('size') ?? 0)
		});
	});
	const hide = labelsToHide(labels);
	cy.batch(() =>
		cy.nodes().forEach((n) => {
			const on = hide.has(n.id());
			if (n.hasClass(LABEL_HIDDEN) !== on) n.toggleClass(LABEL_HIDDEN, on);
		})
	);
}

/**
 * Cytoscape draws (canvas or WebGL): state as classes, the view as Cytoscape's viewport.
 * `declutter`: leave out labels that would cover another (small views; a big one labels only
 * what is zoomed in on).
 */
export function cytoscapeSurface(
	cy: Core,
	kind: 'canvas' | 'webgl',
	options: { declutter?: boolean } = {}
): GraphSurface {
	let queued = 0;
	const tidy = () => {
		if (!options.declutter || queued) return;
		queued = requestAnimationFrame(() => {
			queued = 0;
			if (!cy.destroyed()) declutter(cy);
		});
	};
	// After a layout, a drag, or nodes added or removed; the state below asks too.
	if (options.declutter) cy.on('layoutstop dragfree add remove', tidy);
	return {
		kind,
		fit: (padding = 30) => cy.fit(cy.elements(':visible'), padding),
		centreOn(id) {
			const n = cy.getElementById(id);
			if (n.nonempty()) cy.animate({ center: { eles: n }, duration: 300 });
		},
		panBy: (d) => cy.panBy(d),
		zoomAbout: (level, at) => cy.zoom({ level, renderedPosition: at }),
		viewport: () => ({ zoom: cy.zoom(), pan: cy.pan() }),
		positionOf(id) {
			const n = cy.getElementById(id);
			return n.nonempty() ? n.position() : undefined;
		},
		extent: () => cy.extent(),
		png: (scale, bg) =>
			cy.png({
				output: 'blob-promise',
				bg,
				full: true,
				scale,
				maxWidth: 8000,
				maxHeight: 8000
			}),
		visible() {
			const nodes = cy.nodes(':visible').map((n) => {
				const { size: _s, display: _d, ...data } = n.data();
				return { ...(data as GraphNode), position: { ...n.position() } };
			});
			const edges = cy.edges(':visible').map((e) => {
				const d = e.data();
				const [source, target] = d.reversed ? [d.target, d.source] : [d.source, d.target];
				return { id: d.id, type: d.type, support: d.support, source, target } as GraphEdge;
			});
			return { nodes, edges };
		},
		setState(_graph, s) {
			// Only elements whose state changes are touched: a class change restyles the element,
			// which with tens of thousands of elements is what a view's first frame waits on.
			const set = (
				el: { hasClass: (c: string) => boolean; toggleClass: (c: string, on: boolean) => unknown },
				cls: string,
				on: boolean
			) => {
				if (el.hasClass(cls) !== on) el.toggleClass(cls, on);
			};
			cy.batch(() => {
				cy.elements().forEach((el) => {
					const id = el.id();
					set(el, 'filtered', s.hidden.has(id));
					set(el, 'faded', s.highlight != null && !s.highlight.has(id));
					set(el, 'highlighted', s.highlight != null && s.highlight.has(id));
				});
				cy.nodes().forEach((n) => {
					const pin = s.pinned.has(n.id());
					if (n.hasClass('pinned') !== pin) {
						n.toggleClass('pinned', pin);
						if (pin) n.lock();
						else n.unlock();
					}
					set(n, 'root', s.roots.has(n.id()));
				});
				cy.$(':selected').unselect();
				if (s.selected) cy.getElementById(s.selected).select();
			});
			// What is shown, selected or emphasised decides which labels win.
			tidy();
		},
		whenDrawn: (callback) => void cy.one('render', callback),
		destroy() {
			cancelAnimationFrame(queued);
			cy.removeAllListeners();
			cy.destroy();
		}
	};
}

/**
 * The batched canvas draws: the scene from the data (edges are not Cytoscape elements), over a
 * headless Cytoscape once attached, which keeps positions, viewport and locks.
 */
export function batchedSurface(view: BatchedView, model: () => Core | null): GraphSurface {
	return {
		kind: 'batched',
		fit: (padding) => view.fit(padding),
		centreOn: (id) => view.centreOn(id),
		panBy: (d) => view.panBy(d),
		zoomAbout: (level, at) => view.zoomAbout(level, at),
		viewport: () => view.viewport(),
		positionOf: (id) => view.positionOf(id),
		extent: () => view.extent(),
		png: (scale, bg) => view.png(scale, bg),
		visible(graph, hidden) {
			// Headless Cytoscape holds no edges and counts every node visible: the data decides.
			const nodes = graph.nodes.flatMap((n) => {
				const at = hidden.has(n.id) ? undefined : view.positionOf(n.id);
				return at ? [{ ...n, position: { ...at } }] : [];
			});
			const shown = new Set(nodes.map((n) => n.id));
			const edges = graph.edges
				.filter((e) => edgeShown(e, hidden) && shown.has(e.source) && shown.has(e.target))
				.map(({ id, type, support, source, target }) => ({ id, type, support, source, target }));
			return { nodes, edges };
		},
		setState(graph, s) {
			view.setScene(graph, s);
			// Headless: classes style nothing (the scene reads the state); locks still hold.
			model()
				?.nodes()
				.forEach((n) => {
					const pin = s.pinned.has(n.id());
					if (n.locked() !== pin) {
						if (pin) n.lock();
						else n.unlock();
					}
				});
		},
		whenDrawn: (callback) => view.whenDrawn(callback),
		destroy() {
			view.destroy();
			const cy = model();
			cy?.removeAllListeners();
			cy?.destroy();
		}
	};
}
