import { describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { readRows } from '../../../graph/driver.js';

/** A stand-in driver that records how many runs of each statement overlap. */
function countingDriver() {
	const active = new Map<string, number>();
	const peak = new Map<string, number>();
	const driver = {
		async executeQuery(query: string) {
			const now = (active.get(query) ?? 0) + 1;
			active.set(query, now);
			peak.set(query, Math.max(peak.get(query) ?? 0, now));
			await new Promise((r) => setTimeout(r, 20));
			active.set(query, active.get(query)! - 1);
			return { records: [{ toObject: () => ({ n: 1 }) }] };
		}
	} as unknown as Driver;
	return { driver, peak };
}

describe('readRows', () => {
	it('runs a statement alone the first time, then lets callers overlap', async () => {
		const { driver, peak } = countingDriver();
		const q = `RETURN 1 AS n // ${Math.random()}`;
		const first = await Promise.all(Array.from({ length: 8 }, () => readRows({ driver }, q)));
		expect(first).toHaveLength(8);
		// The first run went alone; the seven that waited for it then ran together.
		expect(peak.get(q)).toBe(7);
		peak.clear();
		await Promise.all(Array.from({ length: 8 }, () => readRows({ driver }, q)));
		expect(peak.get(q)).toBe(8);
	});

	it('lets waiting callers go on when the first run fails', async () => {
		let calls = 0;
		const driver = {
			async executeQuery() {
				calls++;
				if (calls === 1) throw new Error('database down');
				return { records: [] };
			}
		} as unknown as Driver;
		const q = `RETURN 2 // ${Math.random()}`;
		const results = await Promise.allSettled([readRows({ driver }, q), readRows({ driver }, q)]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
	});
});
