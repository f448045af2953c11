// Exports of the visible subgraph, as strings (the page turns them into downloads). Evidence,
// when fetched, travels with the edges: the point of Lineage is the sentence behind each edge.
import type { EvidenceView, GraphEdge, GraphNode } from '../types';
import { legendFor } from './png-legend';
import { EDGE_LOOK, nodeLook } from './vocabulary';

export interface ExportGraph {
	nodes: (GraphNode & { position?: { x: number; y: number } })[];
	edges: GraphEdge[];
	evidence?: Record<string, EvidenceView[]>; // by edge id
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

/** A plain SVG drawing from positions: shapes and colours as on screen, no dependency. */
export function toSvg(g: ExportGraph, options: { dark?: boolean } = {}): string {
	const placed = g.nodes.filter((n) => n.position);
	const pos = new Map(placed.map((n) => [n.id, n.position!]));
	const xs = placed.map((n) => n.position!.x);
	const ys = placed.map((n) => n.position!.y);
	const pad = 60;
	const minX = Math.min(0, ...xs) - pad;
	const minY = Math.min(0, ...ys) - pad;
	const w = Math.max(1, ...xs) - minX + pad;
	const graphH = Math.max(1, ...ys) - minY + pad;
	const text = options.dark ? '#e6e8eb' : '#1b1f24';
	// The legend of what the drawing shows, in a band under it.
	const legend = svgLegend(g, { x: minX, y: minY + graphH, width: w, dark: options.dark });
	const h = graphH + legend.height;
	const out = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${w} ${h}" width="${Math.round(w)}" height="${Math.round(h)}" font-family="system-ui, sans-serif" font-size="11">`,
		`<rect x="${minX}" y="${minY}" width="${w}" height="${h}" fill="${options.dark ? '#15181c' : '#ffffff'}"/>`,
		'<defs>',
		...Object.entries(EDGE_LOOK).map(
			([type, look]) =>
				`<marker id="arrow-${type}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${look.colour}"/></marker>`
		),
		'</defs>'
	];
	for (const e of g.edges) {
		const a = pos.get(e.source);
		const b = pos.get(e.target);
		if (!a || !b) continue;
		const look = EDGE_LOOK[e.type];
		const dash =
			look.line === 'dashed'
				? ' stroke-dasharray="6 4"'
				: look.line === 'dotted'
					? ' stroke-dasharray="2 3"'
					: '';
		const marker = look.arrow ? ` marker-end="url(#arrow-${e.type})"` : '';
		out.push(
			`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="${look.colour}" stroke-width="${Math.min(8, 1 + Math.log2(1 + e.support))}" opacity="0.75"${dash}${marker}><title>${xmlEscape(`${e.source} ${look.verb} ${e.target}`)}</title></line>`
		);
	}
	for (const n of placed) {
		const { x, y } = n.position!;
		const look = nodeLook(n.type);
		const r = 10 + 3 * Math.sqrt(n.degree);
		const shape =
			look.shape === 'ellipse'
				? `<circle cx="${x}" cy="${y}" r="${r}"`
				: look.shape === 'diamond'
					? `<polygon points="${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}"`
					: `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" rx="${look.shape === 'rectangle' ? 0 : r / 3}"`;
		out.push(
			`${shape} fill="${look.colour}" stroke="#fff" stroke-width="1.5"><title>${xmlEscape(n.label)}</title>${shape.startsWith('<circle') ? '</circle>' : shape.startsWith('<polygon') ? '</polygon>' : '</rect>'}`,
			`<text x="${x}" y="${y + r + 12}" text-anchor="middle" fill="${text}">${xmlEscape(n.label.slice(0, 40))}</text>`
		);
	}
	out.push(legend.svg, '</svg>', '');
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
				const look = nodeLook(e.type);
				out.push(
					look.shape === 'ellipse'
						? `<circle cx="${x + 7}" cy="${m}" r="7" fill="${look.colour}"/>`
						: look.shape === 'diamond'
							? `<polygon points="${x + 7},${m - 7} ${x + 14},${m} ${x + 7},${m + 7} ${x},${m}" fill="${look.colour}"/>`
							: `<rect x="${x}" y="${m - 7}" width="14" height="14" rx="${look.shape === 'rectangle' ? 0 : 3}" fill="${look.colour}"/>`
				);
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
