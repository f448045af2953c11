import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { toElements } from '../../../src/lib/graph/elements';
import {
	shapeD,
	toCsv,
	toCytoscapeJson,
	toGraphML,
	toSvg,
	xmlEscape
} from '../../../src/lib/graph/exports';
import { arrowLength, BIG_PAPER_SIZE } from '../../../src/lib/graph/looks';
import { graphStyle } from '../../../src/lib/graph/style';
import type { EvidenceView } from '../../../src/lib/types';
import { EDGE_LOOK, nodeLook } from '../../../src/lib/graph/vocabulary';
import { node, VIEW } from './fixtures';

const rgb = (hex: string) =>
	`rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;

/** The attributes of the SVG element with this class and data-id. */
function svgElement(svg: string, tag: string, id: string): Record<string, string> {
	const at = xmlEscape(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const m = svg.match(new RegExp(`<${tag} [^>]*data-id="${at}"[^>]*>`));
	if (!m) throw new Error(`no <${tag}> for ${id}`);
	return Object.fromEntries([...m[0].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
}

const evidence: EvidenceView = {
	paperId: 'koala-paper',
	paperTitle: 'KOALA & <friends>',
	paperYear: 2024,
	paperUrl: null,
	sentence: 'KOALA builds on "SDXL".',
	headSpan: [0, 5],
	tailSpan: [17, 21],
	rule: 'builds-on.verb',
	confidence: 0.8
};
const graph = {
	nodes: VIEW.nodes.map((n, i) => ({ ...n, position: { x: i * 100, y: i * 50 } })),
	edges: VIEW.edges,
	evidence: { 'technique:koala|BUILDS_ON|model:sdxl': [evidence] }
};

describe('exports', () => {
	it('JSON loads back into Cytoscape with evidence on edges', () => {
		const { elements } = JSON.parse(toCytoscapeJson(graph));
		const cy = cytoscape({
			headless: true,
			styleEnabled: false,
			elements,
			layout: { name: 'preset' }
		});
		expect(cy.nodes()).toHaveLength(4);
		expect(
			cy.getElementById('technique:koala|BUILDS_ON|model:sdxl').data('evidence')[0].sentence
		).toBe(evidence.sentence);
		expect(cy.getElementById('model:sdxl').position()).toEqual({ x: 100, y: 50 });
		cy.destroy();
	});

	it('GraphML is escaped and carries evidence', () => {
		const xml = toGraphML({
			...graph,
			nodes: [...graph.nodes, { ...graph.nodes[0]!, id: 'x<y', label: '<script>"&' }]
		});
		expect(xml).toContain('<node id="x&lt;y">');
		expect(xml).toContain('&lt;script&gt;&quot;&amp;');
		expect(xml).not.toContain('<script>');
		expect(xml).toMatch(/<data key="evidence">.*KOALA builds on/);
		expect(xml.match(/<edge /g)).toHaveLength(3);
	});

	it('SVG draws every node and edge and escapes labels', () => {
		const svg = toSvg({
			...graph,
			nodes: graph.nodes.map((n) => ({ ...n, label: `<b>${n.label}` }))
		});
		expect(svg.startsWith('<svg')).toBe(true);
		const [drawing, legend] = svg.split('<g class="legend"');
		expect(drawing!.match(/<line /g)).toHaveLength(3);
		expect(drawing!.match(/<text /g)).toHaveLength(4);
		expect(svg).not.toContain('<b>');
		// The legend names the types drawn, each with its colour.
		const types = [...new Set(graph.nodes.map((n) => n.type))];
		const rels = [...new Set(graph.edges.map((e) => e.type))];
		for (const t of types) expect(legend).toContain(`>${nodeLook(t).label}</text>`);
		for (const r of rels) {
			expect(legend).toContain(`>${EDGE_LOOK[r].verb}</text>`);
			expect(legend).toContain(`stroke="${EDGE_LOOK[r].colour}"`);
		}
		expect(legend).toContain('>Nodes:</text>');
	});

	it('SVG draws nodes, labels and edges in the looks of the screen', () => {
		// Degrees far apart, so a size computed apart from the screen's would show.
		const g = {
			nodes: graph.nodes.map((n, i) => ({ ...n, degree: [9, 30, 2, 1][i]! })),
			edges: graph.edges
		};
		const svg = toSvg(g);
		// What Cytoscape's stylesheet of a small view makes of the same elements.
		const cy = cytoscape({
			headless: true,
			styleEnabled: true,
			style: graphStyle('light'),
			elements: toElements(g)
		});
		for (const n of g.nodes) {
			const el = cy.getElementById(n.id);
			const path = svgElement(svg, 'path', n.id);
			expect(path.d, n.id).toBe(
				shapeD(el.style('shape'), n.position.x, n.position.y, el.numericStyle('width'))
			);
			expect(rgb(path.fill!), n.id).toBe(el.style('background-color'));
			expect(Number(path['stroke-width']), n.id).toBe(el.numericStyle('border-width'));
			expect(rgb(path.stroke!), n.id).toBe(el.style('border-color'));
			const text = svgElement(svg, 'text', n.id);
			expect(Number(text.y), n.id).toBe(
				n.position.y + el.numericStyle('width') / 2 + el.numericStyle('text-margin-y')
			);
			expect(rgb(svg.match(/<g class="labels"[^>]* fill="(#\w+)"/)![1]!)).toBe(el.style('color'));
			expect(Number(svg.match(/<g class="labels" font-size="(\d+)"/)![1])).toBe(
				el.numericStyle('font-size')
			);
			expect(Number(text['stroke-width'])).toBe(el.numericStyle('text-outline-width'));
			expect(svg, n.id).toContain(`>${xmlEscape(el.data('display'))}</text>`);
		}
		for (const e of g.edges) {
			const el = cy.getElementById(e.id);
			const group = svgElement(svg, 'g', e.id);
			expect(Number(group.opacity), e.id).toBe(el.numericStyle('opacity'));
			const line = svg.slice(svg.indexOf(`data-id="${e.id}"`)).match(/<line [^>]*>/)![0];
			expect(Number(line.match(/stroke-width="([\d.]+)"/)![1]), e.id).toBe(
				el.numericStyle('width')
			);
			expect(rgb(line.match(/stroke="(#\w+)"/)![1]!), e.id).toBe(el.style('line-color'));
			expect(line.includes('stroke-dasharray'), e.id).toBe(el.style('line-style') !== 'solid');
		}
		// The arrowhead at the target's border, as long as Cytoscape's for that width.
		const head = svg
			.slice(svg.indexOf('data-id="technique:koala|BUILDS_ON|model:sdxl"'))
			.match(/<polygon points="([^"]+)"/)![1]!
			.split(' ')
			.map((p) => p.split(',').map(Number) as [number, number]);
		const [tip, b1, b2] = head;
		const base = [(b1![0] + b2![0]) / 2, (b1![1] + b2![1]) / 2];
		const width = cy.getElementById('technique:koala|BUILDS_ON|model:sdxl').numericStyle('width');
		expect(Math.hypot(tip![0] - base[0]!, tip![1] - base[1]!)).toBeCloseTo(arrowLength(width), 1);
		const sdxl = g.nodes[1]!;
		expect(Math.hypot(tip![0] - sdxl.position.x, tip![1] - sdxl.position.y)).toBeCloseTo(
			cy.getElementById(sdxl.id).numericStyle('width') / 2 + 0.75,
			1
		);
		cy.destroy();
	});

	it('SVG of a big view draws papers small and unlabelled, as the screen does', () => {
		const paper = node('a-paper', { label: 'A Paper With a Title', degree: 40 });
		const svg = toSvg({
			nodes: [{ ...paper, position: { x: 0, y: 0 } }],
			edges: [],
			big: true
		});
		expect(svgElement(svg, 'path', 'a-paper').d).toBe(shapeD('rectangle', 0, 0, BIG_PAPER_SIZE));
		expect(svg).not.toContain('A Paper With a Title</text>');
		// …and a small view names it, as its label reads on screen.
		expect(toSvg({ nodes: [{ ...paper, position: { x: 0, y: 0 } }], edges: [] })).toContain(
			`>A Paper With a Title</text>`
		);
	});

	it('CSV quotes, doubles quotes and defuses formulas', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					['=SUM(A1)', null]
				]
			)
		).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),\r\n');
	});

	it('xmlEscape drops control characters', () => {
		expect(xmlEscape('a\u0001b')).toBe('ab');
	});
});
