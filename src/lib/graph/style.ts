// The Cytoscape stylesheet, as data. Selection, fading, highlighting, filtering and pinning are
// classes toggled by the canvas, so this module is the single place that decides how they look.
import type { StylesheetJson } from 'cytoscape';
import { RELATION_TYPES } from '../types';
import { CURATED_LOOK, EDGE_LOOK, HIGHLIGHT, NODE_LOOK, NODE_TYPES } from './vocabulary';

export type Theme = 'light' | 'dark';

/** Text, halo, default edge and selection colours per theme (big-scene.ts draws with them too). */
export const THEME = {
	light: { text: '#1b1f24', halo: '#ffffff', edge: '#8a8f98', selected: '#000000' },
	dark: { text: '#e6e8eb', halo: '#15181c', edge: '#6b717a', selected: '#ffffff' }
} as const;

type Block = { selector: string; style: Record<string, string | number> };

/** Big views: edges stated by at least this many papers are drawn 2 px wide, the rest 1 px. */
export const STRONG_SUPPORT = 3;
const BIG_EDGE_OPACITY = 0.45;
/** Big views draw papers as small squares of this size. */
export const BIG_PAPER_SIZE = 7;
export const FADED_OPACITY = 0.12;

/**
 * A node's ring for the page's state — selected, emphasised or a lineage's root, pinned — as
 * both renderers draw it: the stylesheet's blocks below and the batched canvas (big-scene.ts).
 */
export const RING = {
	selected: 4,
	highlighted: 4,
	root: 4,
	pinned: 5,
	hover: 3
} as const;

export function nodeRing(
	t: (typeof THEME)[Theme],
	s: { selected: boolean; emphasised: boolean; root: boolean; pinned: boolean }
): { colour: string; width: number; double?: boolean } | null {
	if (s.selected) return { colour: t.selected, width: RING.selected };
	if (s.emphasised) return { colour: HIGHLIGHT, width: RING.highlighted };
	if (s.root) return { colour: HIGHLIGHT, width: RING.root };
	if (s.pinned) return { colour: t.halo, width: RING.pinned, double: true };
	return null;
}

/** A clicked edge: a halo in the selection colour around it (both renderers). */
export const SELECTED_EDGE = { padding: 4, haloOpacity: 0.3, minPx: 7 } as const;

export interface EdgeStroke {
	colour: string;
	width: number;
	opacity: number;
}

/**
 * How a big view draws one edge: the blocks below (WebGL) and the batched canvas
 * (big-scene.ts) both take it from here, so the two cannot drift apart.
 */
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

/**
 * Node labels, below the node. They vanish when they would render smaller than
 * `minZoomedFontSize` pixels (zoomed out).
 */
function labelStyle(t: (typeof THEME)[Theme], minZoomedFontSize: number): Block['style'] {
	return {
		label: 'data(display)',
		color: t.text,
		'font-size': 12,
		'font-family': 'system-ui, sans-serif',
		'text-valign': 'bottom',
		'text-margin-y': 3,
		'min-zoomed-font-size': minZoomedFontSize,
		'text-max-width': '160px',
		'text-wrap': 'ellipsis'
	};
}

/** Colour and shape by node type, the same in every view. */
function typeBlocks(): Block[] {
	return NODE_TYPES.map((type) => ({
		selector: `node[type = "${type}"]`,
		style: { 'background-color': NODE_LOOK[type].colour, shape: NODE_LOOK[type].shape }
	}));
}

/** Cytoscape's own defaults for the node properties big views would otherwise set. */
const NODE_DEFAULTS: Record<string, string | number> = {
	'background-color': '#999999',
	shape: 'ellipse',
	'border-width': 0
};

/** A style without the properties that would only restate Cytoscape's defaults. */
function beyondDefaults(style: Block['style']): Block['style'] {
	return Object.fromEntries(Object.entries(style).filter(([k, v]) => NODE_DEFAULTS[k] !== v));
}

/**
 * Big views (thousands of nodes) draw cheaper: straight "haystack" edges without arrows (one
 * line each, no curve or arrow geometry), no text outline, and labels only once a node is
 * zoomed in far enough to read them. Selection and highlighting still show. Their blocks set
 * only what differs from Cytoscape's defaults, and papers (most of the nodes) get three fixed
 * properties and no mapper: every property set is resolved, hashed and checked for side
 * effects per element, which with 3,000 nodes is much of the first frame.
 */
function bigBlocks(t: (typeof THEME)[Theme]): Block[] {
	return [
		// Thousands of paper titles cost more to measure than to draw; the tooltip names a paper.
		// Papers are small dots around the entities they link to.
		{
			selector: 'node[type != "Paper"]',
			style: { width: 'data(size)', height: 'data(size)', ...labelStyle(t, 11) }
		},
		...typeBlocks()
			.map((b) => ({ ...b, style: beyondDefaults(b.style) }))
			.filter((b) => Object.keys(b.style).length > 0),
		{ selector: 'node[type = "Paper"]', style: { width: BIG_PAPER_SIZE, height: BIG_PAPER_SIZE } },
		// Borders are Cytoscape's default black unless coloured: pinning sets only their width.
		{ selector: 'node.pinned', style: { 'border-color': t.halo } },
		// Haystack (straight, no arrows) is Cytoscape's default edge. Lines are solid and thin:
		// dashes and dots cost a path per segment, and in thousands of crossing lines they do not
		// read anyway; colour and the tooltip still tell the relation, and edges that several
		// papers state stay thicker.
		{ selector: 'edge', style: { width: 1, 'line-color': t.edge, opacity: BIG_EDGE_OPACITY } },
		{ selector: `edge[support >= ${STRONG_SUPPORT}]`, style: { width: 2 } },
		...RELATION_TYPES.map((type) => ({
			selector: `edge[type = "${type}"]`,
			style: { 'line-color': EDGE_LOOK[type].colour }
		}))
	];
}

export function graphStyle(
	theme: Theme = 'light',
	options: { big?: boolean } = {}
): StylesheetJson {
	const t = THEME[theme];
	const look: Block[] = options.big
		? bigBlocks(t)
		: [
				{
					selector: 'node',
					style: {
						width: 'data(size)',
						height: 'data(size)',
						'background-color': '#999999',
						'border-width': 1.5,
						'border-color': t.halo,
						...labelStyle(t, 6),
						'text-outline-color': t.halo,
						'text-outline-width': 2
					}
				},
				...typeBlocks(),
				{
					selector: 'edge',
					style: {
						width: 'data(width)',
						'line-color': t.edge,
						'target-arrow-color': t.edge,
						'target-arrow-shape': 'triangle',
						'arrow-scale': 0.8,
						'curve-style': 'bezier',
						opacity: 0.75
					}
				},
				...RELATION_TYPES.map((type) => ({
					selector: `edge[type = "${type}"]`,
					style: {
						'line-color': EDGE_LOOK[type].colour,
						'target-arrow-color': EDGE_LOOK[type].colour,
						'source-arrow-color': EDGE_LOOK[type].colour,
						'line-style': EDGE_LOOK[type].line,
						'target-arrow-shape': EDGE_LOOK[type].arrow ? 'triangle' : 'none'
					}
				})),
				// Checked by a person (confirmed or added): outlined in green, fully opaque, and a ✓
				// at its middle, as the panels mark it.
				{
					selector: 'edge[curated]',
					style: {
						'line-outline-width': CURATED_LOOK.outline,
						'line-outline-color': CURATED_LOOK.colour,
						opacity: 1,
						label: '✓',
						color: CURATED_LOOK.colour,
						'font-size': 13,
						'font-weight': 'bold',
						'text-background-color': t.halo,
						'text-background-opacity': 1,
						'text-background-shape': 'roundrectangle',
						'text-background-padding': 1
					}
				}
			];
	const blocks: Block[] = [
		...look,
		// Lineage lays edges out oldest → newest; `reversed` keeps the arrow on the true target.
		{
			selector: 'edge.reversed',
			style: { 'target-arrow-shape': 'none', 'source-arrow-shape': 'triangle' }
		},
		{
			selector: 'node:selected',
			style: { 'border-width': RING.selected, 'border-color': t.selected, 'font-weight': 'bold' }
		},
		// A clicked edge (its evidence in the panel): a halo around it, in the selection colour.
		{
			selector: 'edge:selected',
			style: {
				opacity: 1,
				'z-index': 10,
				'underlay-color': t.selected,
				'underlay-opacity': SELECTED_EDGE.haloOpacity,
				'underlay-padding': SELECTED_EDGE.padding
			}
		},
		{ selector: 'node.pinned', style: { 'border-style': 'double', 'border-width': RING.pinned } },
		{ selector: 'node.root', style: { 'border-width': RING.root, 'border-color': HIGHLIGHT } },
		{ selector: '.faded', style: { opacity: FADED_OPACITY, 'text-opacity': 0 } },
		{
			selector: 'node.highlighted',
			style: {
				'border-width': RING.highlighted,
				'border-color': HIGHLIGHT,
				'z-index': 20,
				'font-weight': 'bold'
			}
		},
		{
			selector: 'edge.highlighted',
			style: { opacity: 1, 'z-index': 20, width: 'mapData(width, 0, 10, 3, 12)' }
		},
		{ selector: '.filtered, .hidden', style: { display: 'none' } },
		{ selector: 'node.hover', style: { 'border-width': RING.hover, 'border-color': HIGHLIGHT } }
	];
	// A lineage's time axis (never a big view): headings and bands, not part of the graph.
	if (!options.big) blocks.push(...axisBlocks(t));
	// Cytoscape's style typings are per-property unions; the blocks above are checked by the tests.
	return blocks as unknown as StylesheetJson;
}

function axisBlocks(t: (typeof THEME)[Theme]): Block[] {
	return [
		{
			selector: 'node.axis',
			style: {
				width: 1,
				height: 1,
				'background-opacity': 0,
				'border-width': 0,
				label: 'data(label)',
				'font-size': 15,
				'font-weight': 'bold',
				color: t.text,
				'text-valign': 'center',
				'text-halign': 'center',
				'text-outline-width': 0,
				'text-wrap': 'wrap',
				'text-max-width': 170,
				events: 'no'
			}
		},
		{
			selector: 'node.band',
			style: {
				width: 'data(width)',
				height: 'data(height)',
				shape: 'rectangle',
				'background-color': t.edge,
				'background-opacity': 0.08,
				'z-index-compare': 'manual',
				'z-index': 0
			}
		}
	];
}

/**
 * A batched view's headless Cytoscape draws nothing (batched-view.ts does): all it needs are the
 * nodes' sizes as drawn, so that fCoSE keeps them apart. One property each costs next to nothing.
 */
export function layoutStyle(): StylesheetJson {
	return [
		{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } },
		{ selector: 'node[type = "Paper"]', style: { width: BIG_PAPER_SIZE, height: BIG_PAPER_SIZE } }
	] as unknown as StylesheetJson;
}
