import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
	explorerLayout,
	lineageGrid,
	orientByYear,
	pushApart,
	ringPositions,
	widestRank
} from '../../../src/lib/graph/layouts';
import { graphStyle } from '../../../src/lib/graph/style';
import { pushStep, redoStep, undoStep } from '../../../src/lib/graph/history';
import { kindOfId } from '../../../src/lib/graph/vocabulary';
import { ENTITY_TYPES, RELATION_TYPES } from '../../../src/lib/types';
import { edge, node, VIEW } from './fixtures';

describe('layouts', () => {
	it('orients lineage edges from older to newer', () => {
		const [variant, builds] = orientByYear(VIEW.nodes, VIEW.edges);
		// SDXL (2023) is a variant of Stable Diffusion (2022): drawn SD → SDXL, arrow reversed.
		expect(variant).toMatchObject({
			source: 'model:stable-diffusion',
			target: 'model:sdxl',
			reversed: true,
			minLen: 1
		});
		expect(builds).toMatchObject({
			source: 'model:sdxl',
			target: 'technique:koala',
			reversed: true
		});
		// Unknown years: "A builds on B" puts B first.
		const [e] = orientByYear(
			[node('model:a'), node('model:b')],
			[edge('model:a', 'BUILDS_ON', 'model:b')]
		);
		expect(e).toMatchObject({ source: 'model:b', target: 'model:a', reversed: true });
		const [f] = orientByYear(
			[node('model:a', { year: 2018 }), node('model:b', { year: 2024 })],
			[edge('model:a', 'USES', 'model:b')]
		);
		expect(f).toMatchObject({ source: 'model:a', reversed: false, minLen: 4 });
	});

	it('wraps wide lineage ranks into columns, ancestors to the left', () => {
		const nodes = [
			{ ...node('model:root'), depth: 0 },
			...Array.from({ length: 30 }, (_, i) => ({
				...node(`model:n${i}`, { label: `n${String(i).padStart(2, '0')}` }),
				depth: 1
			}))
		];
		expect(widestRank(nodes)).toBe(30);
		const pos = lineageGrid(nodes, 'descendants');
		expect(pos['model:root']!.x).toBe(0);
		expect(new Set(nodes.slice(1).map((n) => pos[n.id]!.x)).size).toBe(3);
		expect(Math.min(...nodes.slice(1).map((n) => pos[n.id]!.x))).toBeGreaterThan(0);
		const back = lineageGrid(nodes, 'ancestors');
		expect(back['model:n0']!.x).toBeLessThan(back['model:root']!.x);
	});

	it('rings new nodes around their anchor', () => {
		const ring = ringPositions(4, { x: 10, y: 10 }, 5);
		expect(ring[0]).toEqual({ x: 15, y: 10 });
		expect(ring.every((p) => Math.abs(Math.hypot(p.x - 10, p.y - 10) - 5) < 1e-9)).toBe(true);
	});

	it('trades quality for speed on big graphs', () => {
		expect(explorerLayout({ nodeCount: 50 })).toMatchObject({ name: 'fcose', quality: 'default' });
		expect(explorerLayout({ nodeCount: 5000 })).toMatchObject({ quality: 'draft', animate: false });
	});
});

describe('stylesheet', () => {
	it('styles every entity and relation type and is accepted by Cytoscape', () => {
		for (const theme of ['light', 'dark'] as const) {
			const style = graphStyle(theme) as { selector: string }[];
			for (const t of [...ENTITY_TYPES, 'Paper'])
				expect(style.some((b) => b.selector === `node[type = "${t}"]`)).toBe(true);
			for (const r of RELATION_TYPES)
				expect(style.some((b) => b.selector === `edge[type = "${r}"]`)).toBe(true);
			const cy = cytoscape({
				headless: true,
				styleEnabled: true,
				style: graphStyle(theme),
				elements: []
			});
			cy.add({ data: { id: 'model:a', type: 'Model', size: 20, display: 'a' } });
			expect(cy.getElementById('model:a').style('shape')).toBe('ellipse');
			expect(cy.getElementById('model:a').style('background-color')).toBe('rgb(0,114,178)');
			// A relation a person confirmed or added is outlined; others are not.
			cy.add({ data: { id: 'model:b', type: 'Model', size: 20, display: 'b' } });
			const edge = { source: 'model:a', target: 'model:b', type: 'USES', width: 2 };
			cy.add({ data: { id: 'e1', ...edge, curated: 'confirmed' } });
			cy.add({ data: { id: 'e2', ...edge } });
			expect(cy.getElementById('e1').style('line-outline-width')).toBe('2px');
			expect(cy.getElementById('e1').style('line-outline-color')).toBe('rgb(26,127,55)');
			expect(cy.getElementById('e1').style('label')).toBe('✓');
			expect(cy.getElementById('e2').style('line-outline-width')).toBe('0px');
			expect(cy.getElementById('e2').style('label')).toBe('');
			cy.destroy();
		}
	});
});

describe('small helpers', () => {
	it('undo and redo expansions', () => {
		let h = pushStep(pushStep({ applied: [], undone: [] as string[] }, 'a'), 'b');
		h = undoStep(h);
		expect(h).toEqual({ applied: ['a'], undone: ['b'] });
		h = redoStep(h);
		expect(h.applied).toEqual(['a', 'b']);
		expect(pushStep(undoStep(h), 'c').undone).toEqual([]);
		expect(undoStep({ applied: [], undone: [] })).toEqual({ applied: [], undone: [] });
	});

	it('tells entity ids from paper ids', () => {
		expect(kindOfId('model:sdxl')).toBe('Entity');
		expect(kindOfId('koala-self-attention')).toBe('Paper');
	});
});

describe('new nodes moved off what is drawn', () => {
	const box = { x1: -20, y1: -20, x2: 20, y2: 35 }; // a node and its label below
	it('steps a new node away from the node it grew from until it covers nothing', () => {
		const moved = pushApart(
			[{ id: 'new', at: { x: 100, y: 0 }, box, from: { x: 0, y: 0 } }],
			[{ x1: 80, y1: -20, x2: 140, y2: 35 }]
		);
		const at = moved.new!;
		expect(at.y).toBe(0);
		expect(at.x + box.x1).toBeGreaterThanOrEqual(140);
	});

	it('leaves a node that covers nothing where it is, and keeps new nodes off each other', () => {
		const moved = pushApart(
			[
				{ id: 'a', at: { x: 0, y: 200 }, box, from: { x: 0, y: 0 } },
				{ id: 'b', at: { x: 10, y: 210 }, box, from: { x: 0, y: 0 } }
			],
			[]
		);
		expect(moved.a).toBeUndefined();
		expect(moved.b!.y + box.y1).toBeGreaterThanOrEqual(200 + box.y2 - 0.001);
	});
});
