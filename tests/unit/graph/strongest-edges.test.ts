import { describe, expect, it } from 'vitest';
import { strongestEdges } from '../../../graph/queries/neighbourhood.js';
import { toEdge } from '../../../graph/queries/shared.js';
import type { GraphNode, GraphView } from '../../../graph/views.js';

const node = (id: string): GraphNode => ({
	id,
	kind: 'Entity',
	type: 'Model',
	label: id,
	year: 2024,
	paperCount: 1,
	degree: 1
});
const edge = (source: string, target: string, support: number) =>
	toEdge({ source, target, type: 'USES', support });

// seed s; a, b, c around it; a dense tangle among a and b; c hangs by one weak edge.
const view: GraphView = {
	nodes: ['s', 'a', 'b', 'c'].map(node),
	edges: [
		edge('a', 'b', 9),
		edge('b', 'a', 8),
		edge('s', 'a', 5),
		edge('s', 'b', 4),
		edge('c', 's', 1)
	],
	truncated: false,
	total: 4
};

describe('strongestEdges', () => {
	it('keeps everything, strongest first, when under the limit', () => {
		const out = strongestEdges(view, ['s'], 10);
		expect(out.edges.map((e) => e.support)).toEqual([9, 8, 5, 4, 1]);
		expect(out.truncated).toBe(false);
		expect(out.edgeTotal).toBeUndefined();
	});

	it('cuts to the limit but leaves no node without its strongest edge', () => {
		const out = strongestEdges(view, ['s'], 3);
		// a and b keep a→b (9); c keeps its only edge; one more place goes to b→a (8).
		expect(out.edges.map((e) => e.id)).toEqual(['a|USES|b', 'b|USES|a', 'c|USES|s']);
		expect(out.truncated).toBe(true);
		expect(out.edgeTotal).toBe(5);
	});

	it('breaks ties in support by source, type and target id', () => {
		const tied: GraphView = {
			...view,
			edges: [edge('b', 'c', 2), edge('a', 'c', 2), edge('a', 'b', 2)]
		};
		expect(strongestEdges(tied, ['a'], 10).edges.map((e) => e.id)).toEqual([
			'a|USES|b',
			'a|USES|c',
			'b|USES|c'
		]);
	});
});
