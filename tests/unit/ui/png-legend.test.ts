import { describe, expect, it } from 'vitest';
import { layoutLegend, legendFor, type LegendContext } from '../../../src/lib/graph/png-legend';

/** Records what is drawn (and how outlines are traced); text is 7 px per character at scale 1. */
function fakeContext() {
	const texts: string[] = [];
	const fills: string[] = [];
	const traced: string[] = [];
	const ctx = {
		font: '',
		fillStyle: '',
		strokeStyle: '',
		lineWidth: 1,
		textBaseline: 'alphabetic',
		measureText: (t: string) => ({ width: t.length * 7 * (parseFloat(ctx.font) / 12) }),
		fillText: (t: string) => texts.push(t),
		fill: () => fills.push(String(ctx.fillStyle)),
		beginPath() {},
		moveTo() {},
		lineTo() {},
		closePath() {},
		stroke() {},
		arc: () => traced.push('arc'),
		rect: () => traced.push('rect'),
		roundRect: () => traced.push('roundRect'),
		quadraticCurveTo: () => traced.push('curve'),
		fillRect() {},
		setLineDash() {}
	};
	return { ctx: ctx as unknown as LegendContext, texts, fills, traced };
}

describe('the legend drawn into a PNG export', () => {
	const graph = {
		nodes: [{ type: 'Technique' }, { type: 'Model' }, { type: 'Model' }, { type: 'Paper' }],
		edges: [{ type: 'USES' as const }, { type: 'BUILDS_ON' as const }]
	};

	it("names the types the picture shows, in the legend's order", () => {
		expect(legendFor(graph)).toEqual({
			nodes: ['Model', 'Technique', 'Paper'],
			edges: ['BUILDS_ON', 'USES']
		});
	});

	it('draws each type with its label and colour', () => {
		const { ctx, texts, fills } = fakeContext();
		const { height, items } = layoutLegend(ctx, legendFor(graph), {
			width: 800,
			scale: 2,
			draw: true
		});
		expect(texts).toEqual([
			'Nodes:',
			'Model',
			'Technique',
			'Paper',
			'Relations:',
			'builds on',
			'uses'
		]);
		expect(fills).toEqual(expect.arrayContaining(['#0072B2', '#E69F00', '#999999', '#D55E00']));
		expect(items).toHaveLength(5);
		expect(height).toBeGreaterThan(0);
	});

	it('draws each swatch in the shape the graph gives its type', () => {
		const shapes = (type: 'Model' | 'Technique' | 'Dataset' | 'Paper') => {
			const { ctx, traced } = fakeContext();
			layoutLegend(ctx, { nodes: [type], edges: [] }, { width: 800, scale: 1, draw: true });
			return traced;
		};
		// A circle, a rounded square, a barrel (curved sides), a square: as on screen.
		expect(shapes('Model')).toEqual(['arc']);
		expect(shapes('Technique')).toEqual(['roundRect']);
		expect(shapes('Dataset')).toEqual(['curve', 'curve']);
		expect(shapes('Paper')).toEqual(['rect']);
	});

	it('wraps to more rows in a narrow picture, never wider than it', () => {
		const spec = {
			nodes: ['Model', 'Technique', 'Dataset', 'Metric', 'Task', 'Paper'] as const,
			edges: []
		};
		const wide = layoutLegend(
			fakeContext().ctx,
			{ nodes: [...spec.nodes], edges: [] },
			{
				width: 2000,
				scale: 1
			}
		);
		const narrow = layoutLegend(
			fakeContext().ctx,
			{ nodes: [...spec.nodes], edges: [] },
			{
				width: 300,
				scale: 1
			}
		);
		expect(narrow.height).toBeGreaterThan(wide.height);
		expect(new Set(wide.items.map((i) => i.y)).size).toBe(1);
		for (const i of narrow.items) expect(i.x).toBeLessThan(300);
	});
});
