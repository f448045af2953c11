// Layout options as data. fCoSE for the explorer (fast, good for clustered graphs; incremental
// runs keep existing nodes fixed); dagre left-to-right for lineages, with edges stretched by
// the year gap so later work sits further right.
import type { LayoutOptions } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../types';
import { nodeSize } from './elements';

/**
 * Above this many nodes the explorer trades polish for speed: the canvas lays the view out with
 * forceLayout (./force.ts) instead of fCoSE, whose set-up alone is quadratic in the edges.
 */
export const BIG_GRAPH = 800;

export function explorerLayout(options: { nodeCount: number; animate?: boolean }): LayoutOptions {
	const big = options.nodeCount > BIG_GRAPH;
	return {
		name: 'fcose',
		quality: big ? 'draft' : 'default',
		randomize: true,
		animate: !big && (options.animate ?? false),
		fit: true,
		padding: 30,
		// A small view keeps labels apart too: its unconnected nodes are tiled in a grid, whose
		// labels overlapped when only the nodes were counted. (A big view labels few nodes.)
		nodeDimensionsIncludeLabels: !big,
		uniformNodeDimensions: big,
		packComponents: false,
		nodeRepulsion: () => (big ? 6500 : 30000),
		idealEdgeLength: () => (big ? 40 : 110),
		edgeElasticity: () => 0.45,
		gravity: 0.25,
		numIter: big ? 1200 : 2500,
		tile: true
	} as unknown as LayoutOptions;
}

/**
 * Incremental: new nodes start around their anchor and only they move; the anchors (already
 * placed) are fixed constraints, so the rest of the picture stays where the reader left it.
 */
export function incrementalLayout(options: {
	fixed: { nodeId: string; position: { x: number; y: number } }[];
	animate?: boolean;
}): LayoutOptions {
	return {
		name: 'fcose',
		quality: 'default',
		randomize: false,
		animate: options.animate ?? true,
		animationDuration: 400,
		fit: false,
		// New nodes keep their labels' room too, as a first layout does: fewer to leave out.
		nodeDimensionsIncludeLabels: true,
		packComponents: false,
		nodeRepulsion: () => 30000,
		idealEdgeLength: () => 110,
		numIter: 1500,
		fixedNodeConstraint: options.fixed
	} as unknown as LayoutOptions;
}

/** Positions on a ring around (cx, cy), to seed new nodes next to the node they came from. */
export function ringPositions(
	count: number,
	centre: { x: number; y: number },
	radius = 90,
	startAngle = 0
): { x: number; y: number }[] {
	return Array.from({ length: count }, (_, i) => {
		const a = startAngle + (2 * Math.PI * i) / Math.max(1, count);
		return { x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a) };
	});
}

export function lineageLayout(): LayoutOptions {
	return {
		name: 'dagre',
		rankDir: 'LR',
		nodeSep: 18,
		rankSep: 70,
		edgeSep: 8,
		// Ranks run left to right and labels sit under their nodes, up to 160 px wide: measured
		// with them, neighbouring nodes' labels do not run into each other.
		nodeDimensionsIncludeLabels: true,
		fit: true,
		padding: 30,
		animate: false,
		minLen: (edge: { data: (k: string) => unknown }) => Number(edge.data('minLen') ?? 1)
	} as unknown as LayoutOptions;
}

/**
 * Lineage edges oriented for layout from older to newer, so dagre's left-to-right ranks follow
 * time. When a year is unknown the stored direction decides: "A builds on B" means B came
 * first. `reversed` marks edges drawn against their stored direction (the stylesheet puts the
 * arrow on the true target); `minLen` is the year gap in ranks (1–4).
 */
export function orientByYear(
	nodes: GraphNode[],
	edges: GraphEdge[]
): (GraphEdge & { reversed: boolean; minLen: number })[] {
	const year = new Map(nodes.map((n) => [n.id, n.year]));
	return edges.map((e) => {
		const ys = year.get(e.source) ?? null;
		const yt = year.get(e.target) ?? null;
		const known = ys != null && yt != null && ys !== yt;
		const reversed = known ? ys > yt : true;
		const minLen = known ? Math.min(4, Math.abs(ys - yt)) : 1;
		return reversed
			? { ...e, source: e.target, target: e.source, reversed, minLen }
			: { ...e, reversed, minLen };
	});
}

/** Ranks wider than this are wrapped into several columns instead of one tall dagre rank. */
export const MAX_RANK_ROWS = 14;

export function widestRank(nodes: { depth?: number }[]): number {
	const counts = new Map<number, number>();
	for (const n of nodes) counts.set(n.depth ?? 0, (counts.get(n.depth ?? 0) ?? 0) + 1);
	return Math.max(0, ...counts.values());
}

/**
 * Positions for a lineage whose ranks are too wide for dagre to stay legible: one band per
 * depth (ancestors to the left of the root, descendants to the right), each band sorted by
 * year then name and wrapped into columns of at most MAX_RANK_ROWS nodes.
 */
export function lineageGrid(
	nodes: (GraphNode & { depth?: number })[],
	direction: 'ancestors' | 'descendants',
	spacing = { column: 190, row: 46, band: 90 }
): Record<string, { x: number; y: number }> {
	const bands = new Map<number, (GraphNode & { depth?: number })[]>();
	for (const n of nodes) {
		const d = n.depth ?? 0;
		const rank = direction === 'ancestors' ? -d : d;
		bands.set(rank, [...(bands.get(rank) ?? []), n]);
	}
	const out: Record<string, { x: number; y: number }> = {};
	let x = 0;
	for (const rank of [...bands.keys()].sort((a, b) => a - b)) {
		const band = bands
			.get(rank)!
			.sort(
				(a, b) =>
					(a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER) ||
					a.label.localeCompare(b.label)
			);
		const columns = Math.ceil(band.length / MAX_RANK_ROWS);
		const rows = Math.min(band.length, MAX_RANK_ROWS);
		band.forEach((n, i) => {
			const col = Math.floor(i / MAX_RANK_ROWS);
			const row = i % MAX_RANK_ROWS;
			out[n.id] = { x: x + col * spacing.column, y: (row - (rows - 1) / 2) * spacing.row };
		});
		x += columns * spacing.column + spacing.band;
	}
	return out;
}

export interface Timeline {
	positions: Record<string, { x: number; y: number }>;
	/** Column headings above the columns: a year, or "year unknown · generation N". */
	axis: { id: string; label: string; x: number; y: number }[];
	/** A faint band behind every other column, so a year wrapped into several reads as one. */
	bands: { id: string; x: number; y: number; width: number; height: number }[];
	/** The years on the axis, oldest first, and the nodes (root included) without one. */
	years: number[];
	undated: number;
}

/** A lineage is laid out on a time axis when at least this many of its nodes have a year… */
export const TIMELINE_MIN_DATED = 2;

/**
 * A lineage along a time axis, left = older: one column per year (wrapped into several when
 * it is taller than MAX_RANK_ROWS rows), then, to the right of the years, the nodes whose year
 * is unknown, by generation (hops from the root). Nodes are stacked by their drawn size, so a
 * big root does not cover its neighbour. Null when fewer than TIMELINE_MIN_DATED nodes have a
 * year, or all the same one: the lineage is then laid out by generations alone.
 */
export function lineageTimeline(
	nodes: (GraphNode & { depth?: number })[],
	spacing = { column: 190, row: 46, gap: 60, label: 20 }
): Timeline | null {
	const dated = nodes.filter((n) => n.year != null);
	const years = [...new Set(dated.map((n) => n.year!))].sort((a, b) => a - b);
	if (dated.length < TIMELINE_MIN_DATED || years.length < 2) return null;
	const columns: { label: string; key: string; nodes: (GraphNode & { depth?: number })[] }[] = [];
	for (const y of years)
		columns.push({ label: String(y), key: `y${y}`, nodes: dated.filter((n) => n.year === y) });
	const undated = nodes.filter((n) => n.year == null);
	const generations = [...new Set(undated.map((n) => n.depth ?? 0))].sort((a, b) => a - b);
	for (const g of generations)
		columns.push({
			label: g === 0 ? 'year unknown\nthe root' : `year unknown\ngeneration ${g}`,
			key: `g${g}`,
			nodes: undated.filter((n) => (n.depth ?? 0) === g)
		});
	const maxHeight = MAX_RANK_ROWS * spacing.row;
	// Each column's nodes in sub-columns of at most maxHeight, each node as tall as it is drawn.
	const stacked = columns.map((c) => {
		const sorted = [...c.nodes].sort(
			(a, b) => (a.depth ?? 0) - (b.depth ?? 0) || a.label.localeCompare(b.label)
		);
		const subs: { id: string; h: number }[][] = [[]];
		let used = 0;
		for (const n of sorted) {
			const h = Math.max(spacing.row, nodeSize(n) + spacing.label);
			if (used + h > maxHeight && subs.at(-1)!.length) {
				subs.push([]);
				used = 0;
			}
			subs.at(-1)!.push({ id: n.id, h });
			used += h;
		}
		return subs;
	});
	const tallest = Math.max(
		...stacked.flatMap((subs) => subs.map((sub) => sub.reduce((a, n) => a + n.h, 0)))
	);
	const top = -tallest / 2;
	const positions: Timeline['positions'] = {};
	const axis: Timeline['axis'] = [];
	const bands: Timeline['bands'] = [];
	let x = 0;
	columns.forEach((c, k) => {
		// The undated part starts after a wider gap: a different kind of column.
		if (k > 0 && c.key.startsWith('g') && columns[k - 1]!.key.startsWith('y')) x += spacing.gap;
		const subs = stacked[k]!;
		subs.forEach((sub, col) => {
			const height = sub.reduce((a, n) => a + n.h, 0);
			let y = -height / 2;
			for (const n of sub) {
				positions[n.id] = { x: x + col * spacing.column, y: y + n.h / 2 - spacing.label / 2 };
				y += n.h;
			}
		});
		const width = subs.length * spacing.column;
		const centre = x + ((subs.length - 1) * spacing.column) / 2;
		axis.push({ id: `axis:${c.key}`, label: c.label, x: centre, y: top - spacing.row });
		if (k % 2 === 0)
			bands.push({
				id: `band:${c.key}`,
				x: centre,
				y: -spacing.row / 2,
				width: width - 10,
				height: tallest + 2 * spacing.row
			});
		x += width;
	});
	return { positions, axis, bands, years, undated: undated.length };
}

export interface Box {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

const boxesOverlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * New nodes moved off what is already drawn: each (in order) steps away from its `from` point
 * (the node it grew from) until its box — node and label, relative to its position — covers
 * no box already placed, then keeps its place for those after it. fCoSE's incremental run
 * leaves some on a node it has no edge to (a tiled, unconnected one), hiding it and its label.
 * Returns the positions of the nodes moved.
 */
export function pushApart(
	fresh: { id: string; at: { x: number; y: number }; box: Box; from: { x: number; y: number } }[],
	placed: Box[],
	options = { step: 12, maxSteps: 60 }
): Record<string, { x: number; y: number }> {
	const taken = [...placed];
	const moved: Record<string, { x: number; y: number }> = {};
	for (const n of fresh) {
		let dx = n.at.x - n.from.x;
		let dy = n.at.y - n.from.y;
		const len = Math.hypot(dx, dy);
		[dx, dy] = len > 0 ? [dx / len, dy / len] : [1, 0];
		const boxAt = (x: number, y: number): Box => ({
			x1: x + n.box.x1,
			y1: y + n.box.y1,
			x2: x + n.box.x2,
			y2: y + n.box.y2
		});
		let { x, y } = n.at;
		for (let k = 0; k < options.maxSteps && taken.some((b) => boxesOverlap(b, boxAt(x, y))); k++) {
			x += dx * options.step;
			y += dy * options.step;
		}
		if (x !== n.at.x || y !== n.at.y) moved[n.id] = { x, y };
		taken.push(boxAt(x, y));
	}
	return moved;
}
