import { describe, expect, it } from 'vitest';
import { externalUrl } from '../../../src/lib/graph/external-url';

describe('paper URLs from the data', () => {
	it('become links only when they are web addresses', () => {
		expect(externalUrl('https://arxiv.org/abs/2309.06380')).toBe(
			'https://arxiv.org/abs/2309.06380'
		);
		expect(externalUrl('http://example.org/p')).toBe('http://example.org/p');
		for (const bad of [
			'javascript:alert(1)',
			' JavaScript:alert(1)',
			'java\nscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:x',
			'file:///etc/passwd',
			'//evil.example/x',
			'not a url',
			'',
			undefined
		])
			expect(externalUrl(bad), String(bad)).toBeUndefined();
	});
});
