import { afterAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../../graph/driver.js';
import { answer } from '../../../src/lib/server/http.js';

// A Neo4j that accepts connections while still starting kept requests waiting past the query
// timeout (faults:serve): every endpoint now answers 503 by the query timeout plus 2 s.
describe('an endpoint whose database does not answer', () => {
	const saved = { ...process.env };
	process.env.LINEAGE_QUERY_TIMEOUT_MS = '200';
	process.env.NEO4J_URI = 'bolt://127.0.0.1:9';
	afterAll(async () => {
		process.env = saved;
		await closeDriver();
	});

	it('answers 503 with what to do at the deadline instead of hanging', async () => {
		const started = performance.now();
		const res = await answer(() => new Promise(() => {}));
		const ms = performance.now() - started;
		expect(res.status).toBe(503);
		const body = await res.json();
		expect(body.code).toBe('unavailable');
		expect(body.error).toContain('bolt://127.0.0.1:9');
		expect(ms).toBeGreaterThan(2000);
		expect(ms).toBeLessThan(4000);
	});

	it('still answers at once when the work is quick', async () => {
		const res = await answer(async () => ({ ok: true }));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});
});
