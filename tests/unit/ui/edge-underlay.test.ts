import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
	batchEdges,
	edgeShown,
	incidentEdges,
	underlayEdges
} from '../../../src/lib/graph/edge-underlay';
import { bigEdgeStroke, graphStyle, STRONG_SUPPORT } from '../../../src/lib/graph/style';
import { EDGE_LOOK } from '../../../src/lib/graph/vocabulary';

const rgb = (hex: string) =>
	`rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;

function bigGraph(underlay: boolean) {
	return cytoscape({
		headless: true,
		styleEnabled: true,
		style: graphStyle('light', { big: true, underlay }),
		elements: [
			{ data: { id: 'model:a', type: 'Model', size: 20, display: 'a' } },
			{ data: { id: 'model:b', type: 'Model', size: 20, display: 'b' } },
			{ data: { id: 'p1', type: 'Paper', size: 7, display: '' } },
			{ data: { id: 'e1', source: 'model:a', target: 'model:b', type: 'USES', support: 5 } },
			{ data: { id: 'e2', source: 'p1', target: 'model:a', type: 'PROPOSES', support: 1 } }
		]
	});
}

describe('edge underlay', () => {
	it('batches edges by stroke, in first-seen order, leaving out null strokes', () => {
		const s = (colour: string, width = 1) => ({ colour, width, opacity: 0.45 });
		const edges = [
			{ id: 'a', stroke: s('#111') },
			{ id: 'b', stroke: s('#222') },
			{ id: 'c', stroke: s('#111') },
			{ id: 'd', stroke: s('#111', 2) },
			{ id: 'e', stroke: null }
		];
		const batches = batchEdges(edges, (e) => e.stroke);
		expect(batches.map((b) => [b.stroke, b.edges.map((e) => e.id)])).toEqual([
			[s('#111'), ['a', 'c']],
			[s('#222'), ['b']],
			[s('#111', 2), ['d']]
		]);
	});

	it('strokes as the stylesheet would: colour by relation, width by support', () => {
		expect(bigEdgeStroke('light', { type: 'USES', support: STRONG_SUPPORT })).toEqual({
			colour: EDGE_LOOK.USES.colour,
			width: 2,
			opacity: 0.45
		});
		expect(bigEdgeStroke('dark', { type: 'UNKNOWN', support: 1 }, true)).toEqual({
			colour: '#6b717a',
			width: 1,
			opacity: 0.12
		});
		// Without the underlay, Cytoscape draws the same stroke from the stylesheet.
		const cy = bigGraph(false);
		for (const id of ['e1', 'e2']) {
			const e = cy.getElementById(id);
			const stroke = bigEdgeStroke('light', e.data());
			expect(e.style('line-color')).toBe(rgb(stroke.colour));
			expect(e.numericStyle('width')).toBe(stroke.width);
			expect(e.numericStyle('opacity')).toBe(stroke.opacity);
		}
		cy.destroy();
	});

	it('leaves Cytoscape only the selected node’s edges to draw, in their colours', () => {
		const cy = bigGraph(true);
		const e1 = cy.getElementById('e1');
		expect(e1.style('display')).toBe('none');
		e1.addClass('incident');
		expect(e1.style('display')).toBe('element');
		expect(e1.style('line-color')).toBe(rgb(EDGE_LOOK.USES.colour));
		expect(e1.numericStyle('width')).toBe(2);
		// Filtering still wins over `incident`.
		e1.addClass('filtered');
		expect(e1.style('display')).toBe('none');
		cy.destroy();
	});

	it('counts an edge shown unless it or either end is hidden', () => {
		const e = { id: 'a|USES|b', source: 'a', target: 'b', type: 'USES' as const, support: 1 };
		expect(edgeShown(e, new Set())).toBe(true);
		expect(edgeShown(e, new Set(['b']))).toBe(false);
		expect(edgeShown(e, new Set([e.id]))).toBe(false);
	});

	it('draws the shown edges but the selected node’s, which Cytoscape draws', () => {
		const edges = [
			{ id: 'a|USES|b', source: 'a', target: 'b', type: 'USES' as const, support: 5 },
			{ id: 'b|USES|c', source: 'b', target: 'c', type: 'USES' as const, support: 1 },
			{ id: 'c|USES|d', source: 'c', target: 'd', type: 'USES' as const, support: 1 },
			{ id: 'd|USES|e', source: 'd', target: 'e', type: 'USES' as const, support: 1 }
		];
		const drawn = underlayEdges(edges, {
			hidden: new Set(['e']),
			highlight: new Set(['c|USES|d']),
			selected: 'a'
		});
		expect(drawn.map((e) => [e.source, e.target, e.faded])).toEqual([
			['b', 'c', true],
			['c', 'd', false]
		]);
		expect(incidentEdges(edges, 'b').map((e) => e.id)).toEqual(['a|USES|b', 'b|USES|c']);
		expect(incidentEdges(edges, null)).toEqual([]);
	});

	it('sets papers only their size and shape, and nothing Cytoscape has by default', () => {
		const cy = bigGraph(true);
		type Block = { selector: string; style: Record<string, unknown> };
		const blocks = graphStyle('light', { big: true, underlay: true }) as unknown as Block[];
		const paper = cy.getElementById('p1');
		const matching = blocks.filter((b) => paper.is(b.selector));
		expect(matching.flatMap((b) => Object.keys(b.style)).sort()).toEqual([
			'height',
			'shape',
			'width'
		]);
		expect(paper.numericStyle('width')).toBe(7);
		expect(cy.getElementById('model:a').numericStyle('width')).toBe(20);
		cy.destroy();
	});
});
