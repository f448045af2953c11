// A big explorer view on screen: one canvas drawing the scene (big-scene.ts) and answering the
// pointer, over a headless Cytoscape that keeps the model: nodes, their positions, the viewport,
// locks and layouts. Nothing here waits for styles or textures, so the view is drawn and answers
// a gesture as soon as its positions are known: even before Cytoscape is in, from the positions
// the view came with (detached), until the canvas attaches Cytoscape when the user pauses. Once
// attached, every viewport change goes through Cytoscape (`cy.zoom`, `cy.panBy`, `cy.viewport`).
import type { Core, NodeSingular, Position } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../types';
import {
	buildScene,
	drawHover,
	drawScene,
	edgeAt,
	nodeAt,
	sceneBounds,
	type Scene,
	type SceneEdge,
	type SceneNode,
	type SceneState,
	type Transform
} from './big-scene';
import type { Theme } from './looks';
import { edgeTooltip, nodeTooltip } from './tooltips';

export type { Hover as ViewHover } from './surface';
import type { Hover as ViewHover, Viewport } from './surface';

export interface BatchedViewOptions {
	theme: () => Theme;
	minZoom: number;
	maxZoom: number;
	onselect?: (id: string | null) => void;
	/** A click on (near) an edge: its id (`source|TYPE|target`). */
	onselectedge?: (id: string) => void;
	onexpand?: (id: string) => void;
	onhover: (info: ViewHover | null) => void;
}

export type { Viewport };

/** Before Cytoscape is in: the view's own positions (mutable, for drags) and viewport. */
export interface Detached {
	positions: Map<string, Position>;
	viewport: Viewport;
	/** Nodes dragged meanwhile, whose positions attach() gives Cytoscape. */
	moved?: Set<string>;
}

export interface BatchedView {
	/** Cytoscape, with the nodes in: from now on it keeps positions and viewport. */
	attach(cy: Core): void;
	readonly attached: boolean;
	/** Resolves once the user has paused (no press, drag, wheel or key for a moment) and the page idles. */
	whenQuiet(): Promise<void>;
	/** Where a node is now (detached: where it was drawn or dragged to). */
	positionOf(id: string): Position | undefined;
	viewport(): Viewport;
	panBy(d: Position): void;
	/** Zooms to `level` (clamped) keeping the rendered point `at` still. */
	zoomAbout(level: number, at: Position): void;
	/** The graph (all its edges) and the page's state: rebuilt now, drawn with the next frame. */
	setScene(
		graph: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] },
		state: SceneState
	): void;
	/** Redraw in the current theme. */
	refresh(): void;
	/** Runs once, after the next frame is drawn. */
	whenDrawn(callback: () => void): void;
	/** Fits the shown nodes into the canvas. */
	fit(padding?: number): void;
	centreOn(id: string): void;
	/** The model-space box the canvas shows. */
	extent(): { x1: number; y1: number; x2: number; y2: number };
	/** The shown nodes and edges on a background, all of them, at `scale` pixels per unit. */
	png(scale: number, background: string): Promise<Blob>;
	destroy(): void;
}

/** Pixels a press may move and still count as a click. */
const CLICK_SLOP = 4;
/** Zoom per pixel of wheel travel, as a power of ten; one notch (~100 px) is ×1.4. */
const WHEEL_RATE = 1 / 650;
const MAX_EXPORT_PX = 8000;
/** Quiet time after a pan or zoom before the picture is drawn afresh at the new scale. */
const SETTLE_MS = 150;
/**
 * Quiet time, after the first frame and after the last gesture, before a detached view takes
 * Cytoscape in: a reader usually reaches for the graph as soon as it shows, and taking Cytoscape
 * in is some 200 ms of work on the page's one thread (in tasks of up to ~70 ms), best done
 * when the reader is not mid-gesture.
 */
const QUIET_MS = 500;

const NO_STATE: SceneState = {
	hidden: new Set(),
	highlight: null,
	selected: null,
	pinned: new Set(),
	roots: new Set()
};

const sameSet = (a: ReadonlySet<string> | null, b: ReadonlySet<string> | null) =>
	a === b || (a != null && b != null && a.size === b.size && [...a].every((x) => b.has(x)));

function sameState(a: SceneState, b: SceneState): boolean {
	return (
		a.selected === b.selected &&
		sameSet(a.hidden, b.hidden) &&
		sameSet(a.highlight, b.highlight) &&
		sameSet(a.pinned, b.pinned) &&
		sameSet(a.roots, b.roots)
	);
}

export function batchedView(
	container: HTMLElement,
	o: BatchedViewOptions,
	source: Core | Detached
): BatchedView {
	let cy: Core | null = 'positions' in source ? null : source;
	let own: Detached | null = 'positions' in source ? source : null;
	/** The last gesture, or the first frame: whenQuiet counts from the later. */
	let lastInput = 0;
	let firstDrawn = false;
	let destroyed = false;
	let pendingExpand: string | null = null;

	const canvas = document.createElement('canvas');
	canvas.setAttribute('aria-hidden', 'true');
	// Sized by CSS: unsized, a canvas would take its pixel buffer (× device pixel ratio) as its size.
	Object.assign(canvas.style, {
		position: 'absolute',
		inset: '0',
		width: '100%',
		height: '100%',
		touchAction: 'none'
	});
	container.append(canvas);
	const ctx = canvas.getContext('2d')!;
	// The still picture: the scene as last drawn in full, and the viewport it was drawn at. A pan
	// or zoom shows it moved and scaled (one image copy a frame), and the scene is drawn afresh
	// once the gesture settles; a dragged node is drawn over a still picture without it.
	const still = document.createElement('canvas');
	const stillCtx = still.getContext('2d')!;
	let stillAt: { zoom: number; pan: Position; dpr: number } | null = null;
	let stale = true;
	let settle: ReturnType<typeof setTimeout> | undefined;

	let graph: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] } = {
		nodes: [],
		edges: []
	};
	let state: SceneState | null = null;
	let scene: Scene | null = null;
	let frame = 0;
	let drawnCallbacks: (() => void)[] = [];
	let hovered: SceneNode | null = null;
	let hoveredEdge: SceneEdge | null = null;
	/** The node being dragged: left out of the still picture, drawn over it each frame. */
	let dragged: Position | null = null;

	// ---- the model: Cytoscape's once attached, the view's own before.
	const zoomNow = () => (cy ? cy.zoom() : own!.viewport.zoom);
	const panNow = () => (cy ? cy.pan() : own!.viewport.pan);
	function setViewport(v: Viewport) {
		if (cy) cy.viewport(v);
		else {
			own!.viewport = { zoom: v.zoom, pan: { ...v.pan } };
			onviewport();
		}
	}
	const clampZoom = (z: number) => Math.min(o.maxZoom, Math.max(o.minZoom, z));
	function zoomAbout(level: number, at: Position) {
		const z = clampZoom(level);
		if (cy) return void cy.zoom({ level: z, renderedPosition: at });
		const { zoom, pan } = own!.viewport;
		setViewport({
			zoom: z,
			pan: { x: at.x - ((at.x - pan.x) * z) / zoom, y: at.y - ((at.y - pan.y) * z) / zoom }
		});
	}
	function panBy(d: Position) {
		if (cy) return void cy.panBy(d);
		const { zoom, pan } = own!.viewport;
		setViewport({ zoom, pan: { x: pan.x + d.x, y: pan.y + d.y } });
	}
	const positionOf = (id: string): Position | undefined => {
		if (!cy) return own!.positions.get(id);
		const n = cy.getElementById(id);
		// The live object: a layout or a drag moves what is drawn without a rebuild.
		return n.nonempty() ? (n as NodeSingular).position() : undefined;
	};
	const lockedNode = (id: string) =>
		cy ? cy.getElementById(id).locked() : (state?.pinned.has(id) ?? false);
	function moveNode(id: string, p: Position) {
		if (cy) return void cy.getElementById(id).position(p);
		const at = own!.positions.get(id);
		if (!at) return;
		at.x = p.x;
		at.y = p.y;
		(own!.moved ??= new Set()).add(id);
		onposition();
	}
	const modelNodes = () => (cy ? cy.nodes().map((n) => n.data() as GraphNode) : graph.nodes);
	const currentScene = () =>
		(scene ??= state ? buildScene(graph, positionOf, state, o.theme()) : null);
	const transform = (dpr: number): Transform => {
		const zoom = zoomNow();
		const pan = panNow();
		return { zoom: zoom * dpr, pan: { x: pan.x * dpr, y: pan.y * dpr } };
	};
	/** The hovered node, by id, until the next frame finds it in the rebuilt scene. */
	let carriedHover: string | null = null;
	/** The scene is rebuilt with the next frame (never here: the model may be mid-change). */
	function rescene() {
		scene = null;
		carriedHover = hovered?.id ?? carriedHover;
		hovered = null;
		hoveredEdge = null;
		redrawAll();
	}

	function draw() {
		frame = 0;
		const dpr = Math.min(2, window.devicePixelRatio || 1);
		const w = Math.round(container.clientWidth * dpr);
		const h = Math.round(container.clientHeight * dpr);
		// Not laid out (hidden, or collapsed to nothing): nothing to draw, and an empty canvas
		// cannot be copied.
		if (w === 0 || h === 0) return;
		if (canvas.width !== w || canvas.height !== h) {
			canvas.width = still.width = w;
			canvas.height = still.height = h;
			stale = true;
		}
		const s = currentScene();
		if (carriedHover && s) {
			hovered = s.nodes.find((n) => n.id === carriedHover) ?? null;
			if (!hovered) o.onhover(null);
			carriedHover = null;
		}
		const t = transform(dpr);
		const theme = o.theme();
		if (stale || !stillAt || stillAt.dpr !== dpr) {
			stillCtx.clearRect(0, 0, w, h);
			if (s) drawScene(stillCtx, s, t, { theme, width: w, height: h, without: dragged });
			stillAt = { zoom: zoomNow(), pan: { ...panNow() }, dpr };
			stale = false;
		}
		// The still picture, moved and scaled from its viewport to the current one.
		const k = zoomNow() / stillAt.zoom;
		const pan = panNow();
		ctx.setTransform(1, 0, 0, 1, 0, 0);
		ctx.clearRect(0, 0, w, h);
		ctx.setTransform(
			k,
			0,
			0,
			k,
			dpr * (pan.x - k * stillAt.pan.x),
			dpr * (pan.y - k * stillAt.pan.y)
		);
		ctx.drawImage(still, 0, 0);
		ctx.setTransform(1, 0, 0, 1, 0, 0);
		if (s && dragged) drawScene(ctx, s, t, { theme, width: w, height: h, just: dragged });
		drawHover(ctx, t, theme, { node: hovered, edge: hoveredEdge });
		if (s) {
			if (!firstDrawn) {
				firstDrawn = true;
				lastInput = Math.max(lastInput, performance.now());
			}
			const callbacks = drawnCallbacks;
			drawnCallbacks = [];
			for (const c of callbacks) c();
		}
	}
	const redraw = () => {
		if (!frame) frame = requestAnimationFrame(draw);
	};
	/** The scene or its positions changed: draw it afresh with the next frame. */
	const redrawAll = () => {
		stale = true;
		redraw();
	};

	// ---- input: the canvas answers the pointer itself; Cytoscape has no renderer to.
	const local = (e: MouseEvent) => {
		const box = canvas.getBoundingClientRect();
		return { x: e.clientX - box.left, y: e.clientY - box.top };
	};
	const toModel = (p: Position): Position => {
		const zoom = zoomNow();
		const pan = panNow();
		return { x: (p.x - pan.x) / zoom, y: (p.y - pan.y) / zoom };
	};
	const hit = (p: Position) => {
		const s = currentScene();
		return s ? nodeAt(s, toModel(p), zoomNow()) : null;
	};

	let press: {
		pointer: number;
		start: Position;
		last: Position;
		/** The node to drag (none if locked) and where it was, as a live position. */
		node: { id: string; at: Position } | null;
		/** The node's position minus the pointer's, in model units, for dragging. */
		offset: Position;
		moved: boolean;
	} | null = null;

	function setHover(p: Position | null) {
		let next: SceneNode | null = null;
		let nextEdge: SceneEdge | null = null;
		let info: ViewHover | null = null;
		const s = currentScene();
		if (p && s) {
			const m = toModel(p);
			const n = nodeAt(s, m, zoomNow());
			if (n) {
				next = n;
				info = { ...p, ...nodeTooltip(n.data) };
			} else {
				nextEdge = edgeAt(s, m, zoomNow());
				if (nextEdge) {
					const e = nextEdge.edge;
					const label = (id: string) => graph.nodes.find((x) => x.id === id)?.label ?? id;
					info = {
						...p,
						...edgeTooltip(label(e.source), e.type, label(e.target), e.support, e.curated)
					};
				}
			}
		}
		canvas.style.cursor = next || (nextEdge && o.onselectedge) ? 'pointer' : '';
		if (next !== hovered || nextEdge !== hoveredEdge) {
			hovered = next;
			hoveredEdge = nextEdge;
			redraw();
		}
		o.onhover(info);
	}

	function onpointerdown(e: PointerEvent) {
		if (e.button !== 0 || press) return;
		lastInput = performance.now();
		const p = local(e);
		const n = hit(p);
		const at = n ? positionOf(n.id) : undefined;
		const m = toModel(p);
		press = {
			pointer: e.pointerId,
			start: p,
			last: p,
			node: n && at && !lockedNode(n.id) ? { id: n.id, at } : null,
			offset: at ? { x: at.x - m.x, y: at.y - m.y } : { x: 0, y: 0 },
			moved: false
		};
		canvas.setPointerCapture(e.pointerId);
	}

	function onpointermove(e: PointerEvent) {
		const p = local(e);
		if (!press || press.pointer !== e.pointerId) {
			setHover(p);
			return;
		}
		lastInput = performance.now();
		if (!press.moved && Math.hypot(p.x - press.start.x, p.y - press.start.y) < CLICK_SLOP) return;
		if (!press.moved) {
			press.moved = true;
			setHover(null);
			canvas.style.cursor = 'grabbing';
			if (press.node) {
				dragged = press.node.at;
				redrawAll();
			}
		}
		if (press.node) {
			const m = toModel(p);
			moveNode(press.node.id, { x: m.x + press.offset.x, y: m.y + press.offset.y });
		} else panBy({ x: p.x - press.last.x, y: p.y - press.last.y });
		press.last = p;
	}

	function onpointerup(e: PointerEvent) {
		if (!press || press.pointer !== e.pointerId) return;
		const { moved, start } = press;
		press = null;
		canvas.style.cursor = '';
		if (dragged) {
			dragged = null;
			redrawAll();
		}
		// A cancelled press (the browser took the pointer) selects nothing.
		if (e.type !== 'pointerup') return;
		if (moved) return void setHover(local(e));
		// A node, else an edge near the pointer (as in Cytoscape's views), else nothing.
		const node = hit(start);
		const s = currentScene();
		const line = node || !s || !o.onselectedge ? null : edgeAt(s, toModel(start), zoomNow());
		if (line) o.onselectedge!(line.edge.id);
		else o.onselect?.(node?.id ?? null);
	}

	function ondblclick(e: MouseEvent) {
		lastInput = performance.now();
		const n = hit(local(e));
		if (!n) return;
		// Expanding lays out with Cytoscape: detached, the expansion waits for it.
		if (cy) o.onexpand?.(n.id);
		else pendingExpand = n.id;
	}

	function onwheel(e: WheelEvent) {
		e.preventDefault();
		lastInput = performance.now();
		const lines = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1;
		zoomAbout(zoomNow() * Math.pow(10, -e.deltaY * lines * WHEEL_RATE), local(e));
	}

	const onleave = () => {
		if (!press) setHover(null);
	};
	canvas.addEventListener('pointerdown', onpointerdown);
	canvas.addEventListener('pointermove', onpointermove);
	canvas.addEventListener('pointerup', onpointerup);
	canvas.addEventListener('pointercancel', onpointerup);
	canvas.addEventListener('lostpointercapture', onpointerup);
	canvas.addEventListener('pointerleave', onleave);
	canvas.addEventListener('dblclick', ondblclick);
	canvas.addEventListener('wheel', onwheel, { passive: false });

	const onviewport = () => {
		if (hovered || hoveredEdge) {
			hovered = null;
			hoveredEdge = null;
			o.onhover(null);
		}
		redraw();
		clearTimeout(settle);
		settle = setTimeout(redrawAll, SETTLE_MS);
	};
	// A dragged node moves over the still picture; anything else moving (a layout) redraws it.
	const onposition = () => (dragged ? redraw() : redrawAll());
	cy?.on('viewport', onviewport);
	cy?.on('position', onposition);
	const resized = new ResizeObserver(redrawAll);
	resized.observe(container);

	const size = () => ({ width: container.clientWidth, height: container.clientHeight });

	return {
		attach(c) {
			if (cy) return;
			const { viewport: v, positions, moved } = own!;
			cy = c;
			own = null;
			// Before listening: the picture on screen already shows this viewport and these positions.
			c.viewport(v);
			for (const id of moved ?? []) c.getElementById(id).position({ ...positions.get(id)! });
			c.on('viewport', onviewport);
			c.on('position', onposition);
			// A drag under way carries on with Cytoscape's position object.
			if (press?.node) {
				const live = positionOf(press.node.id)!;
				if (dragged === press.node.at) dragged = live;
				press.node.at = live;
			}
			// Nodes coming or going (an expansion) change the scene, whatever the page says.
			c.on('add remove', 'node', rescene);
			// Positions are Cytoscape's live objects from now on: the scene is rebuilt with the next
			// frame, and the still picture kept (it shows the same).
			scene = null;
			carriedHover = hovered?.id ?? null;
			hovered = null;
			if (carriedHover) redraw();
			if (pendingExpand) {
				const id = pendingExpand;
				pendingExpand = null;
				o.onexpand?.(id);
			}
		},
		get attached() {
			return cy != null;
		},
		whenQuiet() {
			return new Promise<void>((resolve) => {
				const check = () => {
					if (destroyed) return resolve();
					const wait = lastInput + QUIET_MS - performance.now();
					if (press || !firstDrawn || wait > 0) setTimeout(check, Math.max(wait, 50));
					else if (typeof requestIdleCallback === 'function')
						requestIdleCallback(() => resolve(), { timeout: 500 });
					else resolve();
				};
				check();
			});
		},
		positionOf,
		viewport: () => ({ zoom: zoomNow(), pan: { ...panNow() } }),
		panBy(d) {
			lastInput = performance.now();
			panBy(d);
		},
		zoomAbout(level, at) {
			lastInput = performance.now();
			zoomAbout(level, at);
		},
		setScene(next, nextState) {
			// Effects re-run for reasons of their own (Cytoscape coming in): the same scene is
			// not drawn again, which for thousands of edges is a frame's work.
			if (next === graph && state && sameState(state, nextState)) return;
			graph = next;
			state = nextState;
			// The hovered node, as the new scene has it (gone or hidden: no longer hovered).
			rescene();
		},
		refresh() {
			scene = null;
			redrawAll();
		},
		whenDrawn(callback) {
			drawnCallbacks.push(callback);
			redraw();
		},
		fit(padding = 30) {
			// Before the page has given its state, every node Cytoscape holds counts.
			const s =
				currentScene() ??
				buildScene(
					{ nodes: graph.nodes.length ? graph.nodes : modelNodes(), edges: [] },
					positionOf,
					NO_STATE,
					o.theme()
				);
			const b = sceneBounds(s);
			if (!b) return;
			const { width, height } = size();
			const zoom = clampZoom(Math.min((width - 2 * padding) / b.w, (height - 2 * padding) / b.h));
			setViewport({
				zoom,
				pan: {
					x: width / 2 - ((b.x1 + b.x2) / 2) * zoom,
					y: height / 2 - ((b.y1 + b.y2) / 2) * zoom
				}
			});
		},
		centreOn(id) {
			const at = positionOf(id);
			if (!at) return;
			const { width, height } = size();
			const zoom = zoomNow();
			setViewport({ zoom, pan: { x: width / 2 - at.x * zoom, y: height / 2 - at.y * zoom } });
		},
		extent() {
			const { width, height } = size();
			const a = toModel({ x: 0, y: 0 });
			const b = toModel({ x: width, y: height });
			return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
		},
		png(scale, background) {
			const s = currentScene();
			const b = (s && sceneBounds(s)) ?? { x1: 0, y1: 0, w: 1, h: 1 };
			const pad = 20;
			const k = Math.min(scale, MAX_EXPORT_PX / (b.w + 2 * pad), MAX_EXPORT_PX / (b.h + 2 * pad));
			const out = document.createElement('canvas');
			out.width = Math.max(1, Math.ceil((b.w + 2 * pad) * k));
			out.height = Math.max(1, Math.ceil((b.h + 2 * pad) * k));
			const c = out.getContext('2d')!;
			c.fillStyle = background;
			c.fillRect(0, 0, out.width, out.height);
			if (s)
				drawScene(
					c,
					s,
					{ zoom: k, pan: { x: (pad - b.x1) * k, y: (pad - b.y1) * k } },
					{ theme: o.theme(), width: out.width, height: out.height }
				);
			return new Promise<Blob>((resolve, reject) =>
				out.toBlob(
					(blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))),
					'image/png'
				)
			);
		},
		destroy() {
			destroyed = true;
			cy?.off('add remove', 'node', rescene);
			cancelAnimationFrame(frame);
			clearTimeout(settle);
			resized.disconnect();
			cy?.off('viewport', onviewport);
			cy?.off('position', onposition);
			canvas.remove();
		}
	};
}
