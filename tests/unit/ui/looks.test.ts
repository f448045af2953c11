// Node and edge looks are decided in one module (looks.ts): Cytoscape's stylesheet and the
// batched canvas of big views must come out the same for every type and state.
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { buildScene, type SceneState } from '../../../src/lib/graph/big-scene';
import { toElements } from '../../../src/lib/graph/elements';
import { LABEL, rings, type Theme } from '../../../src/lib/graph/looks';
import { graphStyle } from '../../../src/lib/graph/style';
import { NODE_TYPES } from '../../../src/lib/graph/vocabulary';
import type { GraphNode } from '../../../src/lib/types';

const rgb = (hex: string) =>
	`rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;

const nodes: GraphNode[] = NODE_TYPES.map((type, i) => ({
	id: type === 'Paper' ? `p${i}` : `${type.toLowerCase()}:n${i}`,
	kind: type === 'Paper' ? 'Paper' : 'Entity',
	type,
	label: `A rather long name for a ${type} that the label shortens`,
	year: 2024,
	paperCount: 1,
	degree: 2 * i + 1
}));
const none: SceneState = {
	hidden: new Set(),
	highlight: null,
	selected: null,
	pinned: new Set(),
	roots: new Set()
};

function cyWith(theme: Theme, big: boolean) {
	return cytoscape({
		headless: true,
		styleEnabled: true,
		style: graphStyle(theme, { big }),
		elements: toElements({ nodes, edges: [] }).nodes
	});
}

describe('one place for node looks', () => {
	for (const theme of ['light', 'dark'] as const)
		it(`draws each type alike in both renderers of a big view (${theme})`, () => {
			const cy = cyWith(theme, true);
			const scene = buildScene({ nodes, edges: [] }, () => ({ x: 0, y: 0 }), none, theme);
			for (const n of scene.nodes) {
				const el = cy.getElementById(n.id);
				const group = scene.groups.find((g) => g.nodes.includes(n))!;
				expect(el.style('background-color'), n.id).toBe(rgb(group.colour));
				expect(el.style('shape'), n.id).toBe(n.shape);
				expect(el.numericStyle('width'), n.id).toBe(n.size);
				if (n.data.type === 'Paper') {
					expect(n.label).toBe('');
					expect(el.style('label')).toBe('');
				} else {
					expect(el.data('display')).toBe(n.label);
					expect(el.numericStyle('font-size')).toBe(LABEL.fontSize);
					expect(el.numericStyle('min-zoomed-font-size')).toBe(LABEL.minPx.big);
				}
			}
			cy.destroy();
		});

	it('rings a node the same way in the stylesheet and on the batched canvas', () => {
		for (const theme of ['light', 'dark'] as const) {
			const ring = rings(theme);
			const cy = cyWith(theme, false);
			const [a, b, c] = nodes.filter((n) => n.type !== 'Paper').map((n) => n.id);
			cy.getElementById(a!).select();
			cy.getElementById(b!).addClass('highlighted');
			cy.getElementById(c!).addClass('root');
			const scene = buildScene(
				{ nodes, edges: [] },
				() => ({ x: 0, y: 0 }),
				{ ...none, selected: a!, highlight: new Set([b!]), roots: new Set([c!]) },
				theme
			);
			const ringOf = (id: string) => scene.nodes.find((n) => n.id === id)!.ring!;
			for (const [id, want] of [
				[a!, ring.selected],
				[b!, ring.highlighted],
				[c!, ring.root]
			] as const) {
				const el = cy.getElementById(id);
				expect(ringOf(id)).toEqual(want);
				expect(el.numericStyle('border-width'), id).toBe(want.width);
				expect(el.style('border-color'), id).toBe(rgb(want.colour));
			}
			cy.destroy();
		}
	});
});
