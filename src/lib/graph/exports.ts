// Exports of the visible subgraph, as strings (the page turns them into downloads). Evidence,
// when fetched, travels with the edges: the point of Lineage is the sentence behind each edge.
import type { EvidenceView, GraphEdge, GraphNode } from '../types';
import {
	arrowLength,
	bigEdgeStroke,
	edgeStroke,
	LABEL,
	NODE_BORDER,
	nodeDiameter,
	nodeFill,
	nodeLabel,
	THEME,
	traceShape,
	type NodeFill,
	type ShapeSink,
	type Theme
} from './looks';
import { legendFor } from './png-legend';
import { EDGE_LOOK, nodeLook } from './vocabulary';

export interface ExportGraph {
	nodes: (GraphNode & { position?: { x: number; y: number } })[];
	edges: GraphEdge[];
	evidence?: Record<string, EvidenceView[]>; // by edge id
	/** Drawn as a big view (papers small and unlabelled, plain lines): the SVG draws it so too. */
	big?: boolean;
}

/** Cytoscape's own elements JSON: loadable with `cy.json({ elements })` or `cytoscape({ elements })`. */
export function toCytoscapeJson(g: ExportGraph): string {
	const elements = {
		nodes: g.nodes.map(({ position, ...data }) => (position ? { data, position } : { data })),
		edges: g.edges.map((e) => ({ data: { ...e, evidence: g.evidence?.[e.id] ?? [] } }))
	};
	return JSON.stringify({ elements }, null, 2);
}

export function xmlEscape(value: string): string {
	return (
		value
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&apos;')
			// Control characters are not allowed in XML 1.0 at all.
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
	);
}

const NODE_KEYS = [
	['label', 'string'],
	['kind', 'string'],
	['type', 'string'],
	['year', 'int'],
	['paperCount', 'int'],
	['degree', 'int']
] as const;

/** GraphML for Gephi, yEd or NetworkX; evidence sentences as a JSON string on each edge. */
export function toGraphML(g: ExportGraph): string {
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
		...NODE_KEYS.map(([k, t]) => `  <key id="${k}" for="node" attr.name="${k}" attr.type="${t}"/>`),
		'  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
		'  <key id="support" for="edge" attr.name="support" attr.type="int"/>',
		'  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
		'  <graph id="lineage" edgedefault="directed">'
	];
	for (const n of g.nodes) {
		lines.push(`    <node id="${xmlEscape(n.id)}">`);
		for (const [k] of NODE_KEYS) {
			const v = n[k];
			if (v != null) lines.push(`      <data key="${k}">${xmlEscape(String(v))}</data>`);
		}
		lines.push('    </node>');
	}
	for (const e of g.edges) {
		lines.push(
			`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`,
			`      <data key="relation">${e.type}</data>`,
			`      <data key="support">${e.support}</data>`
		);
		const ev = g.evidence?.[e.id];
		if (ev?.length)
			lines.push(`      <data key="evidence">${xmlEscape(JSON.stringify(ev))}</data>`);
		lines.push('    </edge>');
	}
	lines.push('  </graph>', '</graphml>', '');
	return lines.join('\n');
}

/** A number for SVG: two decimals at most. */
const num = (v: number) => String(Math.round(v * 100) / 100);

/** An SVG path's `d`, traced like a canvas path (looks.ts traceShape draws into either). */
export class SvgPath implements ShapeSink {
	private readonly parts: string[] = [];

	moveTo(x: number, y: number) {
		this.parts.push(`M${num(x)} ${num(y)}`);
	}
	lineTo(x: number, y: number) {
		this.parts.push(`L${num(x)} ${num(y)}`);
	}
	quadraticCurveTo(cx: number, cy: number, x: number, y: number) {
		this.parts.push(`Q${num(cx)} ${num(cy)} ${num(x)} ${num(y)}`);
	}
	/** Whole circles only (all a node's outline uses), as two half arcs. */
	arc(x: number, y: number, r: number) {
		const a = `A${num(r)} ${num(r)} 0 1 0`;
		this.parts.push(
			`M${num(x + r)} ${num(y)}`,
			`${a} ${num(x - r)} ${num(y)}`,
			`${a} ${num(x + r)} ${num(y)}Z`
		);
	}
	rect(x: number, y: number, w: number, h: number) {
		this.parts.push(`M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}Z`);
	}
	/** A single corner radius (all a node's outline uses). */
	roundRect(
		x: number,
		y: number,
		w: number,
		h: number,
		radii?: number | DOMPointInit | Iterable<number | DOMPointInit>
	) {
		const r = typeof radii === 'number' ? radii : 0;
		const a = `a${num(r)} ${num(r)} 0 0 1`;
		this.parts.push(
			`M${num(x + r)} ${num(y)}h${num(w - 2 * r)}${a} ${num(r)} ${num(r)}v${num(h - 2 * r)}` +
				`${a} ${num(-r)} ${num(r)}h${num(2 * r - w)}${a} ${num(-r)} ${num(-r)}v${num(2 * r - h)}` +
				`${a} ${num(r)} ${num(-r)}Z`
		);
	}
	closePath() {
		this.parts.push('Z');
	}
	toString() {
		return this.parts.join('');
	}
}

/** A node's outline as an SVG path's `d`. */
export function shapeD(shape: NodeFill['shape'], x: number, y: number, size: number): string {
	const path = new SvgPath();
	traceShape(path, shape, x, y, size);
	return path.toString();
}

const dashAttr = (dash: number[]) =>
	dash.length ? ` stroke-dasharray="${dash.map(num).join(' ')}"` : '';

/**
 * An SVG drawing of the shown graph from its positions, in the looks of the screen (looks.ts:
 * the same node sizes, shapes, colours, labels, edge widths, dashes and arrowheads), with the
 * legend of what it shows in a band under it. No dependency.
 */
export function toSvg(g: ExportGraph, options: { dark?: boolean } = {}): string {
	const theme: Theme = options.dark ? 'dark' : 'light';
	const t = THEME[theme];
	const big = g.big ?? false;
	const placed = g.nodes.filter((n) => n.position);
	const drawn = new Map(
		placed.map((n) => [
			n.id,
			{ at: n.position!, size: nodeDiameter(n, { big }), label: nodeLabel(n, { big }) }
		])
	);
	// The box around nodes and their labels (as wide as they may be drawn).
	let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const { at, size, label } of drawn.values()) {
		const half = Math.max(size / 2, label ? LABEL.maxWidth / 2 : 0);
		x1 = Math.min(x1, at.x - half);
		x2 = Math.max(x2, at.x + half);
		y1 = Math.min(y1, at.y - size / 2);
		y2 = Math.max(y2, at.y + size / 2 + (label ? LABEL.margin + LABEL.fontSize * 1.3 : 0));
	}
	if (!drawn.size) [x1, y1, x2, y2] = [0, 0, 1, 1];
	const pad = 30;
	const minX = x1 - pad;
	const minY = y1 - pad;
	const w = Math.max(520, x2 - x1 + 2 * pad);
	const graphH = y2 - y1 + 2 * pad;
	// The legend of what the drawing shows, in a band under it.
	const legend = svgLegend(g, { x: minX, y: minY + graphH, width: w, dark: options.dark });
	const h = graphH + legend.height;
	const out = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(minX)} ${num(minY)} ${num(w)} ${num(h)}" width="${Math.round(w)}" height="${Math.round(h)}" font-family="${LABEL.family}">`,
		`<rect x="${num(minX)}" y="${num(minY)}" width="${num(w)}" height="${num(h)}" fill="${t.halo}"/>`,
		'<g class="edges">'
	];
	for (const e of g.edges) {
		const a = drawn.get(e.source);
		const b = drawn.get(e.target);
		if (!a || !b) continue;
		const stroke = big
			? { ...bigEdgeStroke(theme, e), dash: [] as number[], arrow: false }
			: edgeStroke(theme, e);
		const dx = b.at.x - a.at.x;
		const dy = b.at.y - a.at.y;
		const len = Math.hypot(dx, dy);
		if (len === 0) continue;
		const [ux, uy] = [dx / len, dy / len];
		// From border to border, as Cytoscape draws it; the arrowhead's tip on the target's border.
		const border = big ? 0 : NODE_BORDER / 2;
		const from = a.size / 2 + border;
		const to = b.size / 2 + border;
		const head = stroke.arrow ? arrowLength(stroke.width) : 0;
		if (from + to + head >= len) continue;
		const [sx, sy] = [a.at.x + ux * from, a.at.y + uy * from];
		const [tx, ty] = [b.at.x - ux * to, b.at.y - uy * to];
		const [bx, by] = [tx - ux * head, ty - uy * head];
		const title = `<title>${xmlEscape(`${e.source} ${EDGE_LOOK[e.type]?.verb ?? e.type} ${e.target}`)}</title>`;
		out.push(
			`<g class="edge" data-id="${xmlEscape(e.id)}" opacity="${stroke.opacity}">${title}` +
				`<line x1="${num(sx)}" y1="${num(sy)}" x2="${num(bx)}" y2="${num(by)}" stroke="${stroke.colour}" stroke-width="${num(stroke.width)}"${dashAttr(stroke.dash)}/>` +
				(stroke.arrow
					? `<polygon points="${num(tx)},${num(ty)} ${num(bx - (uy * head) / 2)},${num(by + (ux * head) / 2)} ${num(bx + (uy * head) / 2)},${num(by - (ux * head) / 2)}" fill="${stroke.colour}"/>`
					: '') +
				'</g>'
		);
	}
	out.push('</g>', '<g class="nodes">');
	for (const n of placed) {
		const { at, size } = drawn.get(n.id)!;
		const fill = nodeFill(n.type);
		const ring = big ? '' : ` stroke="${t.halo}" stroke-width="${NODE_BORDER}"`;
		out.push(
			`<path class="node" data-id="${xmlEscape(n.id)}" d="${shapeD(fill.shape, at.x, at.y, size)}" fill="${fill.colour}"${ring}><title>${xmlEscape(n.label)}</title></path>`
		);
	}
	out.push('</g>', `<g class="labels" font-size="${LABEL.fontSize}" fill="${t.text}">`);
	// Labels over every shape, below their node, outlined in the background colour as on screen.
	const outline = big
		? ''
		: ` stroke="${t.halo}" stroke-width="${LABEL.outline}" stroke-linejoin="round" paint-order="stroke"`;
	for (const n of placed) {
		const { at, size, label } = drawn.get(n.id)!;
		if (!label) continue;
		out.push(
			`<text data-id="${xmlEscape(n.id)}" x="${num(at.x)}" y="${num(at.y + size / 2 + LABEL.margin)}" text-anchor="middle" dominant-baseline="hanging"${outline}>${xmlEscape(label)}</text>`
		);
	}
	out.push('</g>', legend.svg, '</svg>', '');
	return out.join('\n');
}

/**
 * The legend as SVG: node types (shape and colour) and relation types (line and arrow) present
 * in `g`, wrapped to `width` with text widths estimated (7 px a character at 12 px).
 */
function svgLegend(
	g: ExportGraph,
	at: { x: number; y: number; width: number; dark?: boolean }
): { svg: string; height: number } {
	const spec = legendFor(g);
	if (!spec.nodes.length && !spec.edges.length) return { svg: '', height: 0 };
	const text = at.dark ? '#e6e8eb' : '#1b1f24';
	const muted = at.dark ? '#a3abb8' : '#5a6270';
	const row = 24;
	const out = [
		`<g class="legend" font-size="12">`,
		`<line x1="${at.x}" y1="${at.y}" x2="${at.x + at.width}" y2="${at.y}" stroke="${at.dark ? '#343a44' : '#d5d9e0'}"/>`
	];
	let y = at.y + 14;
	const rows = [
		[
			'Nodes',
			spec.nodes.map((t) => ({ kind: 'node', type: t as string, label: nodeLook(t).label }))
		],
		[
			'Relations',
			spec.edges.map((t) => ({ kind: 'edge', type: t as string, label: EDGE_LOOK[t].verb }))
		]
	] as const;
	for (const [heading, entries] of rows) {
		if (!entries.length) continue;
		const mid = () => y + row / 2;
		out.push(`<text x="${at.x + 14}" y="${mid() + 4}" fill="${muted}">${heading}:</text>`);
		const left = at.x + 14 + heading.length * 7 + 18;
		let x = left;
		for (const e of entries) {
			const swatch = e.kind === 'node' ? 14 : 30;
			const wide = swatch + 6 + e.label.length * 7;
			if (x > left && x + wide > at.x + at.width - 14) {
				x = left;
				y += row;
			}
			const m = mid();
			if (e.kind === 'node') {
				const fill = nodeFill(e.type);
				out.push(`<path d="${shapeD(fill.shape, x + 7, m, 14)}" fill="${fill.colour}"/>`);
			} else {
				const look = EDGE_LOOK[e.type as keyof typeof EDGE_LOOK];
				const dash =
					look.line === 'dashed'
						? ' stroke-dasharray="6 4"'
						: look.line === 'dotted'
							? ' stroke-dasharray="2 3"'
							: '';
				out.push(
					`<line x1="${x}" y1="${m}" x2="${x + (look.arrow ? 23 : 30)}" y2="${m}" stroke="${look.colour}" stroke-width="2.5"${dash}/>`
				);
				if (look.arrow)
					out.push(
						`<polygon points="${x + 23},${m - 4} ${x + 30},${m} ${x + 23},${m + 4}" fill="${look.colour}"/>`
					);
			}
			out.push(
				`<text x="${x + swatch + 6}" y="${m + 4}" fill="${text}">${xmlEscape(e.label)}</text>`
			);
			x += wide + 20;
		}
		y += row;
	}
	out.push('</g>');
	return { svg: out.join('\n'), height: y + 14 - at.y };
}

function csvCell(value: unknown): string {
	const s = value == null ? '' : String(value);
	// A leading = + - @ would make spreadsheets run the cell as a formula.
	const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
	return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
