// How nodes and edges look, decided once for every renderer: Cytoscape's stylesheet (style.ts,
// canvas and WebGL) and the batched canvas of big views (big-scene.ts) both read their colours,
// shapes, sizes, rings, fading, labels and strokes from here, so the two cannot drift apart.
// The SVG export (exports.ts) draws from here as well, so a file looks like the screen.
import type { GraphNode } from '../types';
import { displayLabel, edgeWidth, nodeSize } from './elements';
import { EDGE_LOOK, HIGHLIGHT, nodeLook, type EdgeLook, type NodeLook } from './vocabulary';

export type Theme = 'light' | 'dark';

/** Text, halo (the canvas's background), default edge and selection colours per theme. */
export const THEME = {
	light: { text: '#1b1f24', halo: '#ffffff', edge: '#8a8f98', selected: '#000000' },
	dark: { text: '#e6e8eb', halo: '#15181c', edge: '#6b717a', selected: '#ffffff' }
} as const;

/** What is not emphasised while something is (a path, a neighbourhood). */
export const FADED_OPACITY = 0.12;

/** Big views draw papers as small squares of this size, unlabelled. */
export const BIG_PAPER_SIZE = 7;

/** Node labels: below the node, in model units, gone once smaller than `minPx` on screen. */
export const LABEL = {
	fontSize: 12,
	margin: 3,
	family: 'system-ui, sans-serif',
	/** A big view labels only what can be read; a small one keeps labels longer. */
	minPx: { big: 11, small: 6 },
	maxWidth: 160,
	/** Small views outline labels in the halo colour, so that a line under one keeps it readable. */
	outline: 2
} as const;

/** The class of a node whose label would cover a more important one's (surface.ts): unlabelled. */
export const LABEL_HIDDEN = 'label-hidden';

/** Small views: a ring in the halo colour around each node, so touching nodes stay apart. */
export const NODE_BORDER = 1.5;

export interface NodeFill {
	colour: string;
	shape: NodeLook['shape'];
}

/** Colour and shape by type, the same in every view. */
export function nodeFill(type: string): NodeFill {
	const { colour, shape } = nodeLook(type);
	return { colour, shape };
}

/** A node's width and height: by its degree or score, papers small in big views. */
export function nodeDiameter(
	node: Pick<GraphNode, 'type' | 'degree' | 'score'>,
	o: { big: boolean }
): number {
	return o.big && node.type === 'Paper' ? BIG_PAPER_SIZE : nodeSize(node);
}

/** A node's label as drawn (the full text is in the tooltip); none for papers in big views. */
export function nodeLabel(node: Pick<GraphNode, 'type' | 'label'>, o: { big: boolean }): string {
	return o.big && node.type === 'Paper' ? '' : displayLabel(node.label);
}

/** Receives a shape's outline: a 2D canvas context, or exports.ts's SVG path. */
export type ShapeSink = Pick<
	CanvasRenderingContext2D,
	'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'arc' | 'rect' | 'roundRect' | 'closePath'
>;

/** Cytoscape's round-rectangle corner ('auto'): a quarter of the side, 8 at most. */
export const roundCorner = (size: number) => Math.min(size / 4, 8);

/**
 * The outline of a node of `shape` and size `s` centred on (x, y), as drawn on screen: the
 * batched canvas and the SVG export trace it, Cytoscape draws the same shapes.
 */
export function traceShape(
	sink: ShapeSink,
	shape: NodeFill['shape'],
	x: number,
	y: number,
	s: number
): void {
	const r = s / 2;
	switch (shape) {
		case 'ellipse':
			sink.moveTo(x + r, y);
			sink.arc(x, y, r, 0, 2 * Math.PI);
			break;
		case 'rectangle':
			sink.rect(x - r, y - r, s, s);
			break;
		case 'round-rectangle':
			sink.roundRect(x - r, y - r, s, s, roundCorner(s));
			break;
		case 'barrel':
			sink.moveTo(x - r * 0.8, y - r);
			sink.lineTo(x + r * 0.8, y - r);
			sink.quadraticCurveTo(x + r * 1.1, y, x + r * 0.8, y + r);
			sink.lineTo(x - r * 0.8, y + r);
			sink.quadraticCurveTo(x - r * 1.1, y, x - r * 0.8, y - r);
			sink.closePath();
			break;
		case 'diamond':
			sink.moveTo(x, y - r);
			sink.lineTo(x + r, y);
			sink.lineTo(x, y + r);
			sink.lineTo(x - r, y);
			sink.closePath();
			break;
		case 'hexagon':
			sink.moveTo(x - r, y);
			sink.lineTo(x - r / 2, y - r);
			sink.lineTo(x + r / 2, y - r);
			sink.lineTo(x + r, y);
			sink.lineTo(x + r / 2, y + r);
			sink.lineTo(x - r / 2, y + r);
			sink.closePath();
			break;
	}
}

/** Ring widths around a node for the page's state, and the hover's. */
export const RING = {
	selected: 4,
	highlighted: 4,
	root: 4,
	pinned: 5,
	hover: 3
} as const;

export interface Ring {
	colour: string;
	width: number;
	/** Pinned: a double line. */
	double?: boolean;
}

function ringsOf(theme: Theme): Record<keyof typeof RING, Ring> {
	const t = THEME[theme];
	return {
		selected: { colour: t.selected, width: RING.selected },
		highlighted: { colour: HIGHLIGHT, width: RING.highlighted },
		root: { colour: HIGHLIGHT, width: RING.root },
		pinned: { colour: t.halo, width: RING.pinned, double: true },
		hover: { colour: HIGHLIGHT, width: RING.hover }
	};
}

const RINGS = { light: ringsOf('light'), dark: ringsOf('dark') };

/** Each ring's colour and width in a theme. */
export const rings = (theme: Theme) => RINGS[theme];

/** The ring a node's state gives it, if any: selected, emphasised, a lineage's root, pinned. */
export function nodeRing(
	theme: Theme,
	s: { selected: boolean; emphasised: boolean; root: boolean; pinned: boolean }
): Ring | null {
	const r = rings(theme);
	if (s.selected) return r.selected;
	if (s.emphasised) return r.highlighted;
	if (s.root) return r.root;
	if (s.pinned) return r.pinned;
	return null;
}

/** A clicked edge: a halo in the selection colour around it. */
export const SELECTED_EDGE = { padding: 4, haloOpacity: 0.3, minPx: 7 } as const;

/** Small views: edges' opacity, and their arrowheads' scale (Cytoscape's `arrow-scale`). */
export const EDGE_OPACITY = 0.75;
export const ARROW_SCALE = 0.8;

/** Line dashes in model units, as Cytoscape draws them (its `line-dash-pattern`, and dots). */
export const DASH: Record<EdgeLook['line'], number[]> = {
	solid: [],
	dashed: [6, 3],
	dotted: [1, 1]
};

/** How a small view draws one edge: colour by relation, width by support. */
export function edgeStroke(
	theme: Theme,
	edge: { type: string; support: number }
): EdgeStroke & { dash: number[]; arrow: boolean } {
	const look = EDGE_LOOK[edge.type as keyof typeof EDGE_LOOK];
	return {
		colour: look?.colour ?? THEME[theme].edge,
		width: edgeWidth(edge.support),
		opacity: EDGE_OPACITY,
		dash: DASH[look?.line ?? 'solid'],
		arrow: look?.arrow ?? true
	};
}

/**
 * The length (and width) of the triangle Cytoscape draws at the end of an edge this wide: its
 * triangle spans 0.3 of the renderer's arrow size, max((13.37 w)^0.9, 29) × arrow-scale.
 */
export function arrowLength(width: number): number {
	return 0.3 * Math.max(Math.pow(width * 13.37, 0.9), 29) * ARROW_SCALE;
}

/** Big views: edges stated by at least this many papers are drawn 2 px wide, the rest 1 px. */
export const STRONG_SUPPORT = 3;
const BIG_EDGE_OPACITY = 0.45;

export interface EdgeStroke {
	colour: string;
	width: number;
	opacity: number;
}

/** How a big view draws one edge: colour by relation, width by support, faded or not. */
export function bigEdgeStroke(
	theme: Theme,
	edge: { type: string; support: number },
	faded = false
): EdgeStroke {
	return {
		colour: EDGE_LOOK[edge.type as keyof typeof EDGE_LOOK]?.colour ?? THEME[theme].edge,
		width: edge.support >= STRONG_SUPPORT ? 2 : 1,
		opacity: faded ? FADED_OPACITY : BIG_EDGE_OPACITY
	};
}
