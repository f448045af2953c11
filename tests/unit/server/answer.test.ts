import { afterAll, describe, expect, it } from 'vitest';
import { resolveDbConfig } from '../../../graph/config.js';
import { closeDriver, sharedDb } from '../../../graph/driver.js';
import { parseServerConfig, serverConfig } from '../../../src/lib/server/config.js';
import { answer } from '../../../src/lib/server/http.js';

// A Neo4j that accepts connections while still starting kept requests waiting past the query
// timeout (faults:serve): every endpoint now answers 503 by the query timeout plus 2 s.
describe('an endpoint whose database does not answer', () => {
	// the process-wide config and Db, made here: a short query timeout, a port nothing listens on
	serverConfig(parseServerConfig({ LINEAGE_QUERY_TIMEOUT_MS: '200' }));
	sharedDb(resolveDbConfig({}, { NEO4J_URI: 'bolt://127.0.0.1:9' }));
	afterAll(async () => {
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

describe('what counts as the database being away', () => {
	it('includes a database starting or shutting down, not a bad query', async () => {
		const { Neo4jError } = await import('neo4j-driver');
		const { isUnavailable } = await import('../../../src/lib/server/db.js');
		const err = (message: string, code: string) =>
			new Neo4jError(message, code, '50N42', 'error: general processing exception');
		expect(
			isUnavailable(
				err(
					'The database is not currently available to serve your request, refer to the database logs for more details. Retrying your request at a later time may succeed.',
					'Neo.TransientError.General.DatabaseUnavailable'
				)
			)
		).toBe(true);
		expect(isUnavailable(err('Invalid input', 'Neo.ClientError.Statement.SyntaxError'))).toBe(
			false
		);
	});
});
