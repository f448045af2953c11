import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, testEnv } from '../helpers/db.js';

// These need no graph, and run without a Neo4j; with one, the app is given the test server's.
const appEnv = (extra: NodeJS.ProcessEnv) => (noNeo4j ? extra : testEnv(extra));

// The built app, as users run it: a typo in a variable stops it at start, naming the variable.
describe('the app with a bad variable', () => {
	it('does not start, and says which variable and what it expects', async () => {
		const started = startApp(appEnv({ LINEAGE_QUERY_TIMEOUT_MS: 'abc' }));
		await expect(started).rejects.toThrow(
			'lineage: LINEAGE_QUERY_TIMEOUT_MS must be a whole number ≥ 1, got "abc"'
		);
	});
});

// The request handles in order (src/hooks.server.ts): a refused request still carries its id
// and the security headers, and is logged.
describe('the app with a rate limit and a token', () => {
	let app: RunningApp | undefined;
	afterAll(async () => app?.stop());

	it('answers 401 without the token, then 429 rate_limited past the limit', async () => {
		app = await startApp(
			appEnv({ LINEAGE_RATE_LIMIT: '3', LINEAGE_API_TOKEN: 't0k', LINEAGE_LOG: 'on' })
		);
		const auth = { authorization: 'Bearer t0k' };
		const noToken = await fetch(`${app.url}/api/openapi.json`, {
			headers: { 'x-request-id': 'no-token' }
		});
		expect(noToken.status).toBe(401);
		expect((await noToken.json()).code).toBe('forbidden');
		expect(noToken.headers.get('x-request-id')).toBe('no-token');
		expect(noToken.headers.get('x-content-type-options')).toBe('nosniff');

		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) {
			const res = await fetch(`${app.url}/api/openapi.json`, { headers: auth });
			statuses.push(res.status);
			await res.arrayBuffer();
		}
		const over = await fetch(`${app.url}/api/openapi.json`, {
			headers: { ...auth, 'x-request-id': 'over' }
		});
		// startApp's health check was the first of the three; the refused request did not count
		// (the token is checked first)
		expect(statuses).toEqual([200, 200, 429]);
		expect(over.status).toBe(429);
		expect(over.headers.get('retry-after')).toBe('60');
		expect(over.headers.get('x-request-id')).toBe('over');
		expect(over.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(await over.json()).toMatchObject({ code: 'rate_limited' });
		// pages are not limited
		expect((await fetch(`${app.url}/`)).status).toBe(200);
		expect(app.logs()).toContain('"requestId":"over"');
		expect(app.logs()).toMatch(/"path":"\/api\/openapi.json","status":429/);
	});
});
