// The legend drawn into a PNG export: node types (colour and shape) and relation types (colour,
// line and arrow) of what the picture shows, in a band under the graph, so that the image read
// on its own, in a slide or a paper, still says what its colours mean.
import { RELATION_TYPES, type RelationType } from '../types';
import { nodeFill, traceShape } from './looks';
import { EDGE_LOOK, NODE_TYPES, nodeLook, type NodeType } from './vocabulary';

export interface LegendSpec {
	nodes: NodeType[];
	edges: RelationType[];
}

/** The types present in a graph, in the legend's usual order. */
export function legendFor(g: {
	nodes: readonly { type: string }[];
	edges: readonly { type: RelationType }[];
}): LegendSpec {
	const nodes = new Set(g.nodes.map((n) => n.type));
	const edges = new Set(g.edges.map((e) => e.type));
	return {
		nodes: NODE_TYPES.filter((t) => nodes.has(t)),
		edges: RELATION_TYPES.filter((t) => edges.has(t))
	};
}

/** What of CanvasRenderingContext2D the legend uses (a fake one in unit tests). */
export type LegendContext = Pick<
	CanvasRenderingContext2D,
	| 'fillStyle'
	| 'strokeStyle'
	| 'lineWidth'
	| 'font'
	| 'textBaseline'
	| 'beginPath'
	| 'moveTo'
	| 'lineTo'
	| 'closePath'
	| 'fill'
	| 'stroke'
	| 'arc'
	| 'quadraticCurveTo'
	| 'rect'
	| 'roundRect'
	| 'fillRect'
	| 'fillText'
	| 'measureText'
	| 'setLineDash'
>;

export interface LegendItem {
	kind: 'node' | 'edge';
	type: string;
	label: string;
	x: number;
	y: number;
}

const SWATCH = 14;
const EDGE_SWATCH = 30;
const GAP = 6;
const SPACING = 20;
const ROW = 24;
const PAD = 14;

/**
 * Lays the legend out in rows no wider than `width` (in CSS pixels; multiplied by `scale`) and
 * draws it when `draw` is set. Returns its height and where each item went.
 */
export function layoutLegend(
	ctx: LegendContext,
	spec: LegendSpec,
	options: { width: number; scale: number; top?: number; draw?: boolean; dark?: boolean }
): { height: number; items: LegendItem[] } {
	const k = options.scale;
	const top = options.top ?? 0;
	const text = options.dark ? '#e6e8eb' : '#1b1f24';
	const muted = options.dark ? '#a3abb8' : '#5a6270';
	ctx.font = `${12 * k}px system-ui, sans-serif`;
	ctx.textBaseline = 'middle';
	const items: LegendItem[] = [];
	let y = top + PAD * k;
	const rows: {
		heading: string;
		entries: { kind: 'node' | 'edge'; type: string; label: string }[];
	}[] = [
		{
			heading: 'Nodes',
			entries: spec.nodes.map((t) => ({ kind: 'node', type: t, label: nodeLook(t).label }))
		},
		{
			heading: 'Relations',
			entries: spec.edges.map((t) => ({ kind: 'edge', type: t, label: EDGE_LOOK[t].verb }))
		}
	];
	for (const row of rows) {
		if (!row.entries.length) continue;
		let x = PAD * k;
		const headingWidth = ctx.measureText(`${row.heading}:`).width;
		if (options.draw) {
			ctx.fillStyle = muted;
			ctx.fillText(`${row.heading}:`, x, y + (ROW * k) / 2);
		}
		x += headingWidth + GAP * 2 * k;
		const left = x;
		for (const entry of row.entries) {
			const swatch = (entry.kind === 'node' ? SWATCH : EDGE_SWATCH) * k;
			const w = swatch + GAP * k + ctx.measureText(entry.label).width;
			if (x > left && x + w > (options.width - PAD) * k) {
				x = left;
				y += ROW * k;
			}
			items.push({ ...entry, x, y });
			if (options.draw) {
				const mid = y + (ROW * k) / 2;
				if (entry.kind === 'node') drawNode(ctx, entry.type, x, mid, SWATCH * k);
				else drawEdge(ctx, entry.type as RelationType, x, mid, EDGE_SWATCH * k, k);
				ctx.fillStyle = text;
				ctx.fillText(entry.label, x + swatch + GAP * k, mid);
			}
			x += w + SPACING * k;
		}
		y += ROW * k;
	}
	return { height: y + PAD * k - top, items };
}

function drawNode(ctx: LegendContext, type: string, x: number, mid: number, size: number) {
	// The shape as the graph draws it (looks.ts), so the swatch is what the picture shows.
	const fill = nodeFill(type);
	ctx.fillStyle = fill.colour;
	ctx.beginPath();
	traceShape(ctx, fill.shape, x + size / 2, mid, size);
	ctx.fill();
}

function drawEdge(
	ctx: LegendContext,
	type: RelationType,
	x: number,
	mid: number,
	length: number,
	k: number
) {
	const look = EDGE_LOOK[type];
	const head = look.arrow ? 7 * k : 0;
	ctx.strokeStyle = look.colour;
	ctx.lineWidth = 2.5 * k;
	ctx.setLineDash(
		look.line === 'dashed' ? [6 * k, 4 * k] : look.line === 'dotted' ? [2 * k, 3 * k] : []
	);
	ctx.beginPath();
	ctx.moveTo(x, mid);
	ctx.lineTo(x + length - head, mid);
	ctx.stroke();
	ctx.setLineDash([]);
	if (look.arrow) {
		ctx.fillStyle = look.colour;
		ctx.beginPath();
		ctx.moveTo(x + length - head, mid - 4 * k);
		ctx.lineTo(x + length, mid);
		ctx.lineTo(x + length - head, mid + 4 * k);
		ctx.closePath();
		ctx.fill();
	}
}

/**
 * The graph's PNG with the legend in a band beneath it (`scale`: the picture's pixels per CSS
 * pixel, so the legend's text matches the labels). Browser only.
 */
export async function withLegend(
	png: Blob,
	spec: LegendSpec,
	options: { scale: number; background: string; dark?: boolean }
): Promise<Blob> {
	if (!spec.nodes.length && !spec.edges.length) return png;
	const image = await createImageBitmap(png);
	const k = options.scale;
	const graphHeight = image.height;
	const width = Math.max(image.width, 520 * k);
	const canvas = document.createElement('canvas');
	const measure = canvas.getContext('2d')!;
	const { height } = layoutLegend(measure, spec, { width: width / k, scale: k });
	canvas.width = width;
	canvas.height = graphHeight + Math.ceil(height);
	const ctx = canvas.getContext('2d')!;
	ctx.fillStyle = options.background;
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.drawImage(image, Math.round((width - image.width) / 2), 0);
	image.close();
	ctx.fillStyle = options.dark ? '#343a44' : '#d5d9e0';
	ctx.fillRect(0, graphHeight, width, Math.max(1, k));
	layoutLegend(ctx, spec, {
		width: width / k,
		scale: k,
		top: graphHeight,
		draw: true,
		dark: options.dark
	});
	return new Promise<Blob>((resolve, reject) =>
		canvas.toBlob(
			(blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))),
			'image/png'
		)
	);
}
