import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/lib/server/handles/rate-limit.js';

describe('the per-client rate limit', () => {
	it('lets `limit` requests a minute through per client, then refuses until the minute is over', () => {
		let now = 1_000_000;
		const limiter = new RateLimiter(2, () => now);
		expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([false, false, true]);
		expect(limiter.hit('b')).toBe(false); // another address has its own count
		now += 30_000;
		expect(limiter.hit('a')).toBe(true);
		now += 31_000;
		expect(limiter.hit('a')).toBe(false);
	});
});
