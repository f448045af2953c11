// Layout options as data. fCoSE for the explorer (fast, good for clustered graphs; incremental
// runs keep existing nodes fixed); dagre left-to-right for lineages, with edges stretched by
// the year gap so later work sits further right.
import type { LayoutOptions } from 'cytoscape';
import type { GraphEdge, GraphNode } from '../types';

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
		nodeDimensionsIncludeLabels: false,
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
		nodeDimensionsIncludeLabels: false,
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
