import { describe, expect, it } from 'vitest';
import { decodeCompact, encodeCompact } from '../../../src/lib/graph/compact';
import { forceLayout, forceLayoutAsync } from '../../../src/lib/graph/force';
import { provideLayout, takeKnownLayout } from '../../../src/lib/graph/force-job';
import type { GraphView } from '../../../src/lib/types';

const view: GraphView = {
	nodes: [
		{
			id: 'model:sd',
			kind: 'Entity',
			type: 'Model',
			label: 'Stable Diffusion',
			year: 2022,
			paperCount: 3,
			degree: 2,
			score: 1
		},
		{
			id: 'p1',
			kind: 'Paper',
			type: 'Paper',
			label: 'A paper',
			year: null,
			paperCount: 1,
			degree: 1
		}
	],
	edges: [
		{ id: 'p1|USES|model:sd', source: 'p1', target: 'model:sd', type: 'USES', support: 1 },
		{ id: 'odd-id', source: 'model:sd', target: 'p1', type: 'BUILDS_ON', support: 4 },
		{ id: 'p1|USES|gone', source: 'p1', target: 'gone', type: 'USES', support: 1 }
	],
	truncated: true,
	total: 40
};

describe('compact views', () => {
	it('round-trips nodes, edges and positions (rounded), without edges to missing nodes', () => {
		const at = { x: new Float64Array([1.234, -5]), y: new Float64Array([0.06, 7]), ms: 12.6 };
		const wire = JSON.parse(JSON.stringify(encodeCompact(view, at)));
		const back = decodeCompact(wire)!;
		expect(back.view).toEqual({ ...view, edges: view.edges.slice(0, 2) });
		expect([...back.positions.x]).toEqual([1.2, -5]);
		expect([...back.positions.y]).toEqual([0.1, 7]);
		expect(back.positions.ms).toBe(13);
	});

	it('refuses what it cannot read', () => {
		const good = encodeCompact(view, { x: [0, 0], y: [0, 0], ms: 0 });
		expect(decodeCompact(null)).toBeNull();
		expect(decodeCompact({ ...good, format: 2 })).toBeNull();
		expect(decodeCompact({ ...good, x: [0] })).toBeNull();
		expect(
			decodeCompact({ ...good, nodes: [['a', 99, 'A', null, 1, 0, null], good.nodes[1]] })
		).toBeNull();
		expect(decodeCompact({ ...good, edges: [[0, 5, 0, 1]] })).toBeNull();
		expect(decodeCompact({ ...good, nodes: [null, 3] })).toBeNull();
	});
});

describe('layouts known beforehand', () => {
	it('are laid out the same way in slices as at once', async () => {
		const edges: [number, number][] = [];
		for (let i = 1; i < 200; i++) edges.push([i, i % 7]);
		const once = forceLayout(200, edges);
		const sliced = await forceLayoutAsync(200, edges, {}, 0);
		expect([...sliced.x]).toEqual([...once.x]);
		expect([...sliced.y]).toEqual([...once.y]);
	});

	it('go to the graph they were given for, once', () => {
		const at = { x: new Float64Array([1, 2]), y: new Float64Array([3, 4]), ms: 5 };
		provideLayout(view, at);
		expect(takeKnownLayout({ nodes: view.nodes, edges: view.edges.slice(1) })).toBeNull();
		provideLayout(view, at);
		expect(takeKnownLayout(view)).toEqual({ ids: ['model:sd', 'p1'], ...at });
		expect(takeKnownLayout(view)).toBeNull();
	});
});
