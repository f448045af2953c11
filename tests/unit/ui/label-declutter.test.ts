// Cytoscape-drawn views (the explorer's graph, lineages) leave out a label that would be drawn
// over another: the more important one keeps its label (tests/e2e/map.e2e.ts checks the drawn
// boxes in the browser).
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { toElements } from '../../../src/lib/graph/elements';
import { LABEL_HIDDEN } from '../../../src/lib/graph/looks';
import { graphStyle } from '../../../src/lib/graph/style';
import { labelsToHide } from '../../../src/lib/graph/surface';
import { node } from './fixtures';

const box = (x: number, y: number, w = 100, h = 15) => ({ x1: x, y1: y, x2: x + w, y2: y + h });

describe('labels never drawn over one another', () => {
	it('keeps the bigger node’s label where two overlap, and labels apart', () => {
		const hide = labelsToHide([
			{ id: 'small', box: box(0, 0), emphasis: 0, size: 20 },
			{ id: 'big', box: box(50, 5), emphasis: 0, size: 60 },
			{ id: 'apart', box: box(0, 40), emphasis: 0, size: 20 }
		]);
		expect([...hide]).toEqual(['small']);
	});

	it('lets the selected node’s label win over a bigger one, and headings over both', () => {
		expect([
			...labelsToHide([
				{ id: 'hub', box: box(0, 0), emphasis: 0, size: 70 },
				{ id: 'chosen', box: box(20, 0), emphasis: 4, size: 20 }
			])
		]).toEqual(['hub']);
		expect([
			...labelsToHide([
				{ id: 'chosen', box: box(0, 0), emphasis: 4, size: 20 },
				{ id: 'axis:y2024', box: box(10, 10), heading: true, emphasis: 0, size: 1 }
			])
		]).toEqual(['chosen']);
	});

	it('hides a chain of overlaps only as far as needed', () => {
		// a covers b, b covers c, a does not reach c: a and c keep theirs.
		const hide = labelsToHide([
			{ id: 'a', box: box(0, 0), emphasis: 0, size: 50 },
			{ id: 'b', box: box(80, 0), emphasis: 0, size: 40 },
			{ id: 'c', box: box(160, 0), emphasis: 0, size: 30 }
		]);
		expect([...hide]).toEqual(['b']);
	});

	it('draws a label left out transparent, and again under the pointer', () => {
		const cy = cytoscape({
			headless: true,
			styleEnabled: true,
			style: graphStyle('light'),
			elements: toElements({ nodes: [node('model:a')], edges: [] })
		});
		const n = cy.getElementById('model:a');
		expect(n.numericStyle('text-opacity')).toBe(1);
		n.addClass(LABEL_HIDDEN);
		expect(n.numericStyle('text-opacity')).toBe(0);
		n.addClass('hover');
		expect(n.numericStyle('text-opacity')).toBe(1);
		cy.destroy();
	});
});
