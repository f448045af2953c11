import { describe, expect, it } from 'vitest';
import { firstInOrder } from '../../../graph/projection/lineage.js';
import { prng } from '../../../graph/prng.js';

// A lineage level keeps the `scan` strongest relations in (support, id) order; the selection
// that finds them must pick and order exactly what a full sort would, ties included.
describe('firstInOrder', () => {
	const fullSort = (a: Float64Array, b: Float64Array, keep: number) =>
		Array.from(a.keys())
			.sort((x, y) => a[x]! - a[y]! || b[x]! - b[y]! || x - y)
			.slice(0, keep);

	it('keeps the same rows in the same order as a full sort', () => {
		const random = prng(7);
		for (let round = 0; round < 200; round++) {
			const size = 1 + Math.floor(random() * 3000);
			// few distinct values (many ties at the cut) in half the rounds
			const spread = round % 2 ? 7 : 1e6;
			const a = Float64Array.from({ length: size }, () => Math.floor(random() * spread));
			const b = Float64Array.from({ length: size }, () => Math.floor(random() * 4));
			const keep = 1 + Math.floor(random() * size * 1.2);
			expect(firstInOrder(a, b, keep), `size ${size}, keep ${keep}`).toEqual(fullSort(a, b, keep));
		}
	});

	it('answers an empty level', () => {
		expect(firstInOrder(new Float64Array(0), new Float64Array(0), 10)).toEqual([]);
	});
});
