import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
	toCsv,
	toCytoscapeJson,
	toGraphML,
	toSvg,
	xmlEscape
} from '../../../src/lib/graph/exports';
import type { EvidenceView } from '../../../src/lib/types';
import { EDGE_LOOK, nodeLook } from '../../../src/lib/graph/vocabulary';
import { VIEW } from './fixtures';

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
