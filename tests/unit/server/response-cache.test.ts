import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../../src/lib/server/response-cache.js';

const entry = (version: string, body: string) => ({
	version,
	body,
	contentType: 'application/json'
});

describe('the API response cache', () => {
	it('answers only for the graph version the answer was made for', () => {
		const cache = new ResponseCache(10_000);
		cache.set('/api/stats', entry('v1', '{"papers":1}'));
		expect(cache.get('/api/stats', 'v1')?.body).toBe('{"papers":1}');
		expect(cache.get('/api/stats', 'v2')).toBeUndefined();
		expect(cache.hits).toBe(1);
		expect(cache.misses).toBe(1);
	});

	it('stays within its byte budget by dropping the least recently used answers', () => {
		const cache = new ResponseCache(1000);
		const body = 'x'.repeat(100);
		for (let i = 0; i < 9; i++) cache.set(`/api/e/${i}`, entry('v', body));
		cache.get('/api/e/0', 'v'); // used: survives the next evictions
		for (let i = 9; i < 12; i++) cache.set(`/api/e/${i}`, entry('v', body));
		expect(cache.size.bytes).toBeLessThanOrEqual(1000);
		expect(cache.get('/api/e/0', 'v')).toBeDefined();
		expect(cache.get('/api/e/1', 'v')).toBeUndefined();
		expect(cache.get('/api/e/11', 'v')).toBeDefined();
	});

	it('does not keep an answer too big to share the budget, and can be turned off', () => {
		const cache = new ResponseCache(1000);
		cache.set('/api/huge', entry('v', 'x'.repeat(500)));
		expect(cache.get('/api/huge', 'v')).toBeUndefined();
		expect(new ResponseCache(0).enabled).toBe(false);
	});
});
