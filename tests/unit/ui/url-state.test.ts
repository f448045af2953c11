import { describe, expect, it } from 'vitest';
import { defaultFilters } from '../../../src/lib/graph/filters';
import {
	decodeExplorerState,
	decodePathQuery,
	emptyExplorerState,
	encodeExplorerState,
	encodePathQuery,
	queryString
} from '../../../src/lib/graph/url-state';

describe('explorer state in the URL', () => {
	it('leaves defaults out', () => {
		expect(encodeExplorerState(emptyExplorerState()).toString()).toBe('');
	});

	it('round-trips selection, expansions, hidden nodes and filters', () => {
		const state = {
			selected: 'model:sdxl',
			expanded: ['model:sdxl', 'technique:koala'],
			hidden: ['paper,with,commas'],
			filters: {
				...defaultFilters(),
				types: ['Model' as const],
				rels: ['BUILDS_ON' as const],
				yearFrom: 2020,
				yearTo: 2024,
				minSupport: 2
			}
		};
		const url = new URL(`http://x/${queryString(encodeExplorerState(state))}`);
		expect(url.search).toContain('sel=model%3Asdxl');
		expect(decodeExplorerState(url.searchParams)).toEqual(state);
	});

	it('falls back to defaults for junk', () => {
		const s = decodeExplorerState(
			new URLSearchParams('types=Nope,Model&rels=DROP&from=abc&minSupport=-3&x=&x=a&x=a')
		);
		expect(s.filters.types).toEqual(['Model']);
		expect(s.filters.rels).toEqual([]);
		expect(s.filters.yearFrom).toBeNull();
		expect(s.filters.minSupport).toBe(1);
		expect(s.expanded).toEqual(['a']);
	});
});

describe('path query in the URL', () => {
	it('round-trips and clamps', () => {
		const q = {
			from: 'technique:koala',
			to: 'model:stable-diffusion',
			k: 5,
			maxLength: 6,
			rels: ['BUILDS_ON' as const, 'VARIANT_OF' as const],
			directed: true
		};
		expect(decodePathQuery(encodePathQuery(q))).toEqual(q);
		expect(decodePathQuery(new URLSearchParams('k=99&maxLength=0'))).toMatchObject({
			k: 3,
			maxLength: 4,
			from: ''
		});
	});
});
