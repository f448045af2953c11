import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { diffElements, currentElements, syncElements } from '../../../src/lib/graph/diff';
import {
	displayLabel,
	edgeWidth,
	mergeViews,
	nodeSize,
	toElements
} from '../../../src/lib/graph/elements';
import { edge, node, VIEW } from './fixtures';

describe('GraphView → Cytoscape elements', () => {
	it('keeps the API data and adds size, width and a short label', () => {
		const els = toElements(VIEW);
		expect(els.nodes).toHaveLength(4);
		expect(els.nodes[0]!.data).toMatchObject({ id: 'model:stable-diffusion', type: 'Model' });
		expect(els.nodes[0]!.data.size).toBeGreaterThan(els.nodes[2]!.data.size as number);
		expect(els.edges[1]!.data).toMatchObject({ type: 'BUILDS_ON', support: 3 });
	});

	it('drops edges whose ends are missing', () => {
		const els = toElements({
			nodes: [node('model:a')],
			edges: [edge('model:a', 'USES', 'model:b')]
		});
		expect(els.edges).toEqual([]);
	});

	it.each([
		[{ degree: 0 }, 18],
		[{ degree: 1000 }, 72],
		[{ degree: 0, score: 1 }, 58]
	])('sizes %o as %i', (n, size) => expect(nodeSize(n)).toBe(size));

	it('grows edge width with support, within bounds', () => {
		expect(edgeWidth(1)).toBeLessThan(edgeWidth(5));
		expect(edgeWidth(1e9)).toBe(10);
		expect(edgeWidth(0)).toBe(1);
	});

	it('shortens long labels with an ellipsis and collapses whitespace', () => {
		expect(displayLabel('a  b')).toBe('a b');
		expect(displayLabel('x'.repeat(40), 10)).toBe(`${'x'.repeat(9)}…`);
	});

	it('merges views by id, later data winning', () => {
		const merged = mergeViews(VIEW, {
			nodes: [node('model:sdxl', { degree: 7 }), node('model:new')],
			edges: [edge('model:new', 'USES', 'model:sdxl')]
		});
		expect(merged.nodes).toHaveLength(5);
		expect(merged.nodes.find((n) => n.id === 'model:sdxl')!.degree).toBe(7);
		expect(merged.edges).toHaveLength(4);
	});
});

describe('element diffing', () => {
	it('computes adds, removals and updates by id', () => {
		const current = new Map<string, Record<string, unknown>>([
			['model:a', { ...node('model:a') }],
			['model:gone', { ...node('model:gone') }]
		]);
		const diff = diffElements(current, {
			nodes: [node('model:a', { degree: 5 }), node('model:b')],
			edges: [edge('model:a', 'USES', 'model:b'), edge('model:a', 'USES', 'model:nowhere')]
		});
		expect(diff.addNodes.map((n) => n.id)).toEqual(['model:b']);
		expect(diff.updateNodes.map((n) => n.id)).toEqual(['model:a']);
		expect(diff.addEdges.map((e) => e.id)).toEqual(['model:a|USES|model:b']);
		expect(diff.removeIds).toEqual(['model:gone']);
	});

	it('syncs a headless Cytoscape instance and keeps positions of kept nodes', () => {
		const cy = cytoscape({ headless: true, styleEnabled: false });
		expect(syncElements(cy, VIEW)).toHaveLength(4);
		cy.getElementById('model:sdxl').position({ x: 123, y: 45 });
		const added = syncElements(cy, {
			nodes: [...VIEW.nodes.slice(0, 3), node('model:new', { degree: 3 })],
			edges: [VIEW.edges[0]!, VIEW.edges[1]!, edge('model:new', 'BUILDS_ON', 'model:sdxl', 2)]
		});
		expect(added).toEqual(['model:new']);
		expect(cy.getElementById('koala-paper').empty()).toBe(true);
		expect(cy.getElementById('koala-paper|PROPOSES|technique:koala').empty()).toBe(true);
		expect(cy.getElementById('model:sdxl').position()).toEqual({ x: 123, y: 45 });
		expect(cy.edges()).toHaveLength(3);
		expect(currentElements(cy).size).toBe(7);
		// A second sync with the same graph changes nothing.
		expect(syncElements(cy, { nodes: cy.nodes().map((n) => n.data()), edges: [] })).toEqual([]);
		cy.destroy();
	});

	it('updates changed data in place', () => {
		const cy = cytoscape({ headless: true, styleEnabled: false });
		syncElements(cy, VIEW);
		syncElements(cy, {
			...VIEW,
			edges: [edge('model:sdxl', 'VARIANT_OF', 'model:stable-diffusion', 9)]
		});
		expect(cy.getElementById('model:sdxl|VARIANT_OF|model:stable-diffusion').data('support')).toBe(
			9
		);
		expect(cy.getElementById('model:sdxl|VARIANT_OF|model:stable-diffusion').data('width')).toBe(
			edgeWidth(9)
		);
		cy.destroy();
	});
});
