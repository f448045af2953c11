import { describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.js';

// The built app, as users run it: a typo in a variable stops it at start, naming the variable.
describe('the app with a bad variable', () => {
	it('does not start, and says which variable and what it expects', async () => {
		const started = startApp({ LINEAGE_QUERY_TIMEOUT_MS: 'abc' });
		await expect(started).rejects.toThrow(
			'lineage: LINEAGE_QUERY_TIMEOUT_MS must be a whole number ≥ 1, got "abc"'
		);
	});
});
