import { describe, expect, it } from 'vitest';
import { nearest, nextSelection, towards } from '../../../src/lib/graph/keyboard-nav';

// A plus of neighbours around `c`, and a far node `far` to the right that is no neighbour.
const c = { id: 'c', x: 0, y: 0 };
const left = { id: 'left', x: -100, y: 10 };
const right = { id: 'right', x: 100, y: -20 };
const up = { id: 'up', x: 5, y: -100 };
const down = { id: 'down', x: -10, y: 100 };
const far = { id: 'far', x: 60, y: 0 };
const neighbours = [left, right, up, down];
const all = [c, ...neighbours, far];

describe('arrow keys move the selection', () => {
	it('to the neighbour lying that way, screen y growing down', () => {
		expect(nextSelection(c, neighbours, all, 'left')).toBe('left');
		expect(nextSelection(c, neighbours, all, 'right')).toBe('right');
		expect(nextSelection(c, neighbours, all, 'up')).toBe('up');
		expect(nextSelection(c, neighbours, all, 'down')).toBe('down');
	});

	it('prefers a neighbour to a nearer node that is not one', () => {
		expect(towards(c, all, 'right')).toBe('far');
		expect(nextSelection(c, neighbours, all, 'right')).toBe('right');
	});

	it('reaches a node with no neighbour that way, and stops where nothing lies', () => {
		expect(nextSelection(right, [c], all, 'right')).toBeNull();
		expect(nextSelection(far, [], all, 'right')).toBe('right');
		expect(nextSelection(left, [], [left], 'left')).toBeNull();
	});

	it('starts from the node nearest the middle of the view', () => {
		expect(nearest({ x: 90, y: -10 }, all)).toBe('right');
		expect(nearest({ x: 0, y: 0 }, [])).toBeNull();
	});
});
