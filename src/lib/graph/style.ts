// The Cytoscape stylesheet, as data. Selection, fading, highlighting, filtering and pinning are
// classes toggled by the canvas, so this module is the single place that decides how they look.
import type { StylesheetJson } from 'cytoscape';
// Every look itself (colours, shapes, sizes, rings, fading, labels, strokes) comes from looks.ts,
// which the batched canvas of big views draws with too; this module only maps it to selectors.
import { RELATION_TYPES } from '../types';
import {
	ARROW_SCALE,
	BIG_PAPER_SIZE,
	bigEdgeStroke,
	EDGE_OPACITY,
	FADED_OPACITY,
	LABEL,
	LABEL_HIDDEN,
	NODE_BORDER,
	nodeFill,
	rings,
	SELECTED_EDGE,
	STRONG_SUPPORT,
	THEME,
	type Theme
} from './looks';
import { CURATED_LOOK, EDGE_LOOK, NODE_TYPES } from './vocabulary';

type Block = { selector: string; style: Record<string, string | number> };

/**
 * Node labels, below the node. They vanish when they would render smaller than
 * `minZoomedFontSize` pixels (zoomed out).
 */
function labelStyle(t: (typeof THEME)[Theme], minZoomedFontSize: number): Block['style'] {
	return {
		label: 'data(display)',
		color: t.text,
		'font-size': LABEL.fontSize,
		'font-family': LABEL.family,
		'text-valign': 'bottom',
		'text-margin-y': LABEL.margin,
		'min-zoomed-font-size': minZoomedFontSize,
		'text-max-width': `${LABEL.maxWidth}px`,
		'text-wrap': 'ellipsis'
	};
}

/** Colour and shape by node type, the same in every view. */
function typeBlocks(): Block[] {
	return NODE_TYPES.map((type) => {
		const fill = nodeFill(type);
		return {
			selector: `node[type = "${type}"]`,
			style: { 'background-color': fill.colour, shape: fill.shape }
		};
	});
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
function bigBlocks(theme: Theme): Block[] {
	const t = THEME[theme];
	const plain = bigEdgeStroke(theme, { type: '', support: 1 });
	const strong = bigEdgeStroke(theme, { type: '', support: STRONG_SUPPORT });
	return [
		// Thousands of paper titles cost more to measure than to draw; the tooltip names a paper.
		// Papers are small dots around the entities they link to.
		{
			selector: 'node[type != "Paper"]',
			style: { width: 'data(size)', height: 'data(size)', ...labelStyle(t, LABEL.minPx.big) }
		},
		...typeBlocks()
			.map((b) => ({ ...b, style: beyondDefaults(b.style) }))
			.filter((b) => Object.keys(b.style).length > 0),
		{ selector: 'node[type = "Paper"]', style: { width: BIG_PAPER_SIZE, height: BIG_PAPER_SIZE } },
		// Borders are Cytoscape's default black unless coloured: pinning sets only their width.
		{ selector: 'node.pinned', style: { 'border-color': rings(theme).pinned.colour } },
		// Haystack (straight, no arrows) is Cytoscape's default edge. Lines are solid and thin:
		// dashes and dots cost a path per segment, and in thousands of crossing lines they do not
		// read anyway; colour and the tooltip still tell the relation, and edges that several
		// papers state stay thicker.
		{
			selector: 'edge',
			style: { width: plain.width, 'line-color': plain.colour, opacity: plain.opacity }
		},
		{ selector: `edge[support >= ${STRONG_SUPPORT}]`, style: { width: strong.width } },
		...RELATION_TYPES.map((type) => ({
			selector: `edge[type = "${type}"]`,
			style: { 'line-color': bigEdgeStroke(theme, { type, support: 1 }).colour }
		}))
	];
}

export function graphStyle(
	theme: Theme = 'light',
	options: { big?: boolean } = {}
): StylesheetJson {
	const t = THEME[theme];
	const ring = rings(theme);
	const look: Block[] = options.big
		? bigBlocks(theme)
		: [
				{
					selector: 'node',
					style: {
						width: 'data(size)',
						height: 'data(size)',
						'background-color': '#999999',
						'border-width': NODE_BORDER,
						'border-color': t.halo,
						...labelStyle(t, LABEL.minPx.small),
						'text-outline-color': t.halo,
						'text-outline-width': LABEL.outline
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
						'arrow-scale': ARROW_SCALE,
						'curve-style': 'bezier',
						opacity: EDGE_OPACITY
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
			style: {
				'border-width': ring.selected.width,
				'border-color': ring.selected.colour,
				'font-weight': 'bold'
			}
		},
		// A clicked edge (its evidence in the panel): a halo around it, in the selection colour.
		{
			selector: 'edge:selected',
			style: {
				opacity: 1,
				'z-index': 10,
				'underlay-color': ring.selected.colour,
				'underlay-opacity': SELECTED_EDGE.haloOpacity,
				'underlay-padding': SELECTED_EDGE.padding
			}
		},
		{
			selector: 'node.pinned',
			style: { 'border-style': 'double', 'border-width': ring.pinned.width }
		},
		{
			selector: 'node.root',
			style: { 'border-width': ring.root.width, 'border-color': ring.root.colour }
		},
		{ selector: '.faded', style: { opacity: FADED_OPACITY, 'text-opacity': 0 } },
		// A label that would cover a more important one (surface.ts): left out, its box kept.
		{ selector: `node.${LABEL_HIDDEN}`, style: { 'text-opacity': 0 } },
		{
			selector: 'node.highlighted',
			style: {
				'border-width': ring.highlighted.width,
				'border-color': ring.highlighted.colour,
				'z-index': 20,
				'font-weight': 'bold'
			}
		},
		{
			selector: 'edge.highlighted',
			style: { opacity: 1, 'z-index': 20, width: 'mapData(width, 0, 10, 3, 12)' }
		},
		{ selector: '.filtered, .hidden', style: { display: 'none' } },
		{
			selector: 'node.hover',
			style: {
				'border-width': ring.hover.width,
				'border-color': ring.hover.colour,
				// A label left out shows on hover, over the others.
				'text-opacity': 1,
				'z-index': 30
			}
		}
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
