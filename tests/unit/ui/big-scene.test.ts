import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import {
	batchEdges,
	buildScene,
	drawScene,
	edgeAt,
	edgeShown,
	incidentEdges,
	nodeAt,
	sceneBounds,
	type SceneState
} from '../../../src/lib/graph/big-scene';
import { nodeSize } from '../../../src/lib/graph/elements';
import { BIG_PAPER_SIZE, bigEdgeStroke, STRONG_SUPPORT, THEME } from '../../../src/lib/graph/looks';
import { graphStyle } from '../../../src/lib/graph/style';
import { EDGE_LOOK, HIGHLIGHT, NODE_LOOK } from '../../../src/lib/graph/vocabulary';
import type { GraphEdge, GraphNode, NodeType, RelationType } from '../../../src/lib/types';

const rgb = (hex: string) =>
	`rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;

const node = (id: string, type: NodeType, degree = 1): GraphNode => ({
	id,
	kind: type === 'Paper' ? 'Paper' : 'Entity',
	type,
	label: `${id} label`,
	year: 2023,
	paperCount: 1,
	degree
});
const edge = (source: string, type: RelationType, target: string, support = 1): GraphEdge => ({
	id: `${source}|${type}|${target}`,
	source,
	target,
	type,
	support
});

const graph = {
	nodes: [
		node('model:a', 'Model', 9),
		node('model:b', 'Model', 1),
		node('dataset:c', 'Dataset', 4),
		node('p1', 'Paper'),
		node('p2', 'Paper')
	],
	edges: [
		edge('model:a', 'BUILDS_ON', 'model:b', 5),
		edge('model:a', 'EVALUATED_ON', 'dataset:c'),
		edge('p1', 'PROPOSES', 'model:a'),
		edge('p2', 'PROPOSES', 'model:b'),
		edge('p2', 'USES', 'dataset:c')
	]
};
const positions: Record<string, { x: number; y: number }> = {
	'model:a': { x: 0, y: 0 },
	'model:b': { x: 100, y: 0 },
	'dataset:c': { x: 0, y: 100 },
	p1: { x: -50, y: -50 },
	p2: { x: 60, y: 60 }
};
const state = (over: Partial<SceneState> = {}): SceneState => ({
	hidden: new Set(),
	highlight: null,
	selected: null,
	pinned: new Set(),
	roots: new Set(),
	...over
});
const scene = (over: Partial<SceneState> = {}) =>
	buildScene(graph, (id) => positions[id], state(over), 'light');

/** A 2D context that records what is filled, stroked and written. */
function recorder() {
	const calls: { op: string; style?: unknown; text?: string }[] = [];
	const ctx = {
		fillStyle: '',
		strokeStyle: '',
		globalAlpha: 1,
		lineWidth: 1,
		lineCap: 'butt',
		font: '',
		textAlign: 'start',
		textBaseline: 'alphabetic',
		save() {},
		restore() {},
		setTransform() {},
		beginPath() {},
		closePath() {},
		moveTo() {},
		lineTo() {},
		arc() {},
		rect() {},
		roundRect() {},
		quadraticCurveTo() {},
		fill() {
			calls.push({ op: 'fill', style: this.fillStyle });
		},
		stroke() {
			calls.push({ op: 'stroke', style: this.strokeStyle });
		},
		fillText(text: string) {
			calls.push({ op: 'text', text });
		},
		measureText(text: string) {
			return { width: text.length * 6 };
		}
	};
	return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe('the batched canvas of big views', () => {
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

	it('strokes edges as the WebGL stylesheet does: colour by relation, width by support', () => {
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
		const cy = cytoscape({
			headless: true,
			styleEnabled: true,
			style: graphStyle('light', { big: true }),
			elements: [
				{ data: { id: 'model:a', type: 'Model', size: 20, display: 'a' } },
				{ data: { id: 'model:b', type: 'Model', size: 20, display: 'b' } },
				{ data: { id: 'p1', type: 'Paper', size: 7, display: '' } },
				{ data: { id: 'e1', source: 'model:a', target: 'model:b', type: 'USES', support: 5 } },
				{ data: { id: 'e2', source: 'p1', target: 'model:a', type: 'PROPOSES', support: 1 } }
			]
		});
		for (const id of ['e1', 'e2']) {
			const e = cy.getElementById(id);
			const stroke = bigEdgeStroke('light', e.data());
			expect(e.style('line-color')).toBe(rgb(stroke.colour));
			expect(e.numericStyle('width')).toBe(stroke.width);
			expect(e.numericStyle('opacity')).toBe(stroke.opacity);
		}
		expect(cy.getElementById('p1').numericStyle('width')).toBe(BIG_PAPER_SIZE);
		cy.destroy();
	});

	it('counts an edge shown unless it or either end is hidden', () => {
		const e = edge('a', 'USES', 'b');
		expect(edgeShown(e, new Set())).toBe(true);
		expect(edgeShown(e, new Set(['b']))).toBe(false);
		expect(edgeShown(e, new Set([e.id]))).toBe(false);
		expect(incidentEdges(graph.edges, 'model:b').map((x) => x.id)).toEqual([
			'model:a|BUILDS_ON|model:b',
			'p2|PROPOSES|model:b'
		]);
		expect(incidentEdges(graph.edges, null)).toEqual([]);
	});

	it('leaves hidden and unplaced nodes out, with their edges', () => {
		const s = buildScene(
			graph,
			(id) => (id === 'p1' ? undefined : positions[id]),
			state({ hidden: new Set(['dataset:c', 'p2|PROPOSES|model:b']) }),
			'light'
		);
		expect(s.nodes.map((n) => n.id).sort()).toEqual(['model:a', 'model:b', 'p2']);
		expect(s.edgeCount).toBe(1);
		expect(s.edges.flatMap((b) => b.edges)).toEqual([[positions['model:a'], positions['model:b']]]);
	});

	it('draws papers under entities, hubs on top, faded nodes below all', () => {
		const s = scene({ highlight: new Set(['model:b', 'p1']) });
		expect(s.nodes.map((n) => n.id)).toEqual(['p2', 'dataset:c', 'model:a', 'p1', 'model:b']);
		expect(s.nodes.find((n) => n.id === 'model:a')).toMatchObject({
			size: nodeSize(graph.nodes[0]!),
			shape: NODE_LOOK.Model.shape,
			faded: true
		});
		expect(s.nodes.find((n) => n.id === 'p1')).toMatchObject({
			size: BIG_PAPER_SIZE,
			label: '',
			faded: false
		});
		// One fill per colour, shape and strength.
		expect(s.groups.map((g) => [g.colour, g.alpha, g.nodes.length])).toEqual([
			[NODE_LOOK.Paper.colour, 0.12, 1],
			[NODE_LOOK.Dataset.colour, 0.12, 1],
			[NODE_LOOK.Model.colour, 0.12, 1],
			[NODE_LOOK.Paper.colour, 1, 1],
			[NODE_LOOK.Model.colour, 1, 1]
		]);
	});

	it('rings the selected, emphasised, root and pinned nodes; the selection’s edges go on top', () => {
		const s = scene({
			selected: 'model:a',
			roots: new Set(['model:b']),
			pinned: new Set(['dataset:c'])
		});
		const ring = (id: string) => s.nodes.find((n) => n.id === id)!.ring;
		expect(ring('model:a')).toMatchObject({ width: 4 });
		expect(ring('model:b')).toMatchObject({ colour: HIGHLIGHT });
		expect(ring('dataset:c')).toMatchObject({ double: true });
		expect(ring('p1')).toBeNull();
		expect(s.incident.map((e) => e.edge.id)).toEqual([
			'model:a|BUILDS_ON|model:b',
			'model:a|EVALUATED_ON|dataset:c',
			'p1|PROPOSES|model:a'
		]);
		expect(s.incident.every((e) => e.stroke.opacity === 1)).toBe(true);
		expect(s.edgeCount).toBe(5);
	});

	it('finds the topmost node under a point, small ones with a few pixels’ grace', () => {
		const s = scene();
		expect(nodeAt(s, { x: 2, y: 3 }, 1)?.id).toBe('model:a');
		// A paper is 7 wide: 5 units off its centre is inside at zoom 1 (3 px grace) …
		expect(nodeAt(s, { x: -50, y: -44 }, 1)?.id).toBe('p1');
		// … and outside when zoomed in four times (under a pixel of grace).
		expect(nodeAt(s, { x: -50, y: -44 }, 4)).toBeNull();
		expect(nodeAt(s, { x: 50, y: -50 }, 1)).toBeNull();
	});

	it('finds the edge under a point: the selected node’s first, else the nearest of all', () => {
		const s = scene({ selected: 'model:b' });
		expect(edgeAt(s, { x: 50, y: 2 }, 1)?.edge.id).toBe('model:a|BUILDS_ON|model:b');
		expect(edgeAt(s, { x: 50, y: 12 }, 1)).toBeNull();
		// model:a → dataset:c is not the selection's, yet a click next to it is on it.
		expect(edgeAt(s, { x: 1, y: 50 }, 1)?.edge.id).toBe('model:a|EVALUATED_ON|dataset:c');
		// Nearer to a → c, yet within reach of the selection's edge, which is drawn on top.
		expect(edgeAt(s, { x: 3, y: 4.5 }, 1)?.edge.id).toBe('model:a|BUILDS_ON|model:b');
		expect(edgeAt(scene(), { x: 3, y: 4.5 }, 1)?.edge.id).toBe('model:a|EVALUATED_ON|dataset:c');
		// The reach is in pixels: zoomed in four times, 2 units off is 8 pixels off.
		expect(edgeAt(s, { x: 2, y: 50 }, 4)).toBeNull();
		// Hidden edges are not there to be hit.
		const hidden = scene({ hidden: new Set(['model:a|EVALUATED_ON|dataset:c']) });
		expect(edgeAt(hidden, { x: 1, y: 50 }, 1)).toBeNull();
	});

	it('draws a clicked edge on top, with a halo in the selection colour', () => {
		const id = 'model:a|EVALUATED_ON|dataset:c';
		const s = scene({ selected: id });
		expect(s.chosen?.edge.id).toBe(id);
		expect(scene().chosen).toBeNull();
		const view = { theme: 'light' as const, width: 800, height: 600 };
		const drawn = recorder();
		drawScene(drawn.ctx, s, { zoom: 1, pan: { x: 400, y: 300 } }, view);
		const strokes = drawn.calls.filter((c) => c.op === 'stroke').map((c) => c.style);
		expect(strokes).toContain(THEME.light.selected);
		const plain = recorder();
		drawScene(plain.ctx, scene(), { zoom: 1, pan: { x: 400, y: 300 } }, view);
		expect(plain.calls.filter((c) => c.op === 'stroke').map((c) => c.style)).not.toContain(
			THEME.light.selected
		);
	});

	it('bounds the nodes with room for the labels below them', () => {
		const b = sceneBounds(scene())!;
		const a = nodeSize(graph.nodes[0]!) / 2;
		expect(b.x1).toBe(-50 - BIG_PAPER_SIZE / 2);
		expect(b.y1).toBe(Math.min(-50 - BIG_PAPER_SIZE / 2, -a));
		expect(b.y2).toBeGreaterThan(100 + nodeSize(graph.nodes[2]!) / 2);
		expect(
			sceneBounds(buildScene({ nodes: [], edges: [] }, () => undefined, state(), 'light'))
		).toBeNull();
	});

	it('fills each group once and labels entities only once readable, the selection always', () => {
		const s = scene({ selected: 'model:b' });
		const view = { theme: 'light' as const, width: 800, height: 600 };
		const near = recorder();
		drawScene(near.ctx, s, { zoom: 1, pan: { x: 400, y: 300 } }, view);
		expect(near.calls.filter((c) => c.op === 'fill')).toHaveLength(s.groups.length);
		// The selection's first, then by size.
		expect(near.calls.filter((c) => c.op === 'text').map((c) => c.text)).toEqual([
			'model:b label',
			'model:a label',
			'dataset:c label'
		]);
		const far = recorder();
		drawScene(far.ctx, s, { zoom: 0.5, pan: { x: 400, y: 300 } }, view);
		expect(far.calls.filter((c) => c.op === 'text').map((c) => c.text)).toEqual(['model:b label']);
		// Crowded: a label that would cover another's is left out, the bigger node's kept.
		const crowd = buildScene(
			graph,
			(id) => (id === 'dataset:c' ? { x: 5, y: 4 } : positions[id]),
			state(),
			'light'
		);
		const crowded = recorder();
		drawScene(crowded.ctx, crowd, { zoom: 1, pan: { x: 400, y: 300 } }, view);
		expect(crowded.calls.filter((c) => c.op === 'text').map((c) => c.text)).toEqual([
			'model:a label',
			'model:b label'
		]);
		// Out of view: nothing labelled.
		const away = recorder();
		drawScene(away.ctx, s, { zoom: 1, pan: { x: 5000, y: 5000 } }, view);
		expect(away.calls.filter((c) => c.op === 'text')).toEqual([]);
	});
});
