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

	it('round-trips view size, selection, expansions, hidden and pinned nodes, filters', () => {
		const state = {
			limit: 400,
			papers: 2600,
			selected: 'model:sdxl',
			expanded: [
				{ id: 'model:sdxl', limit: 40 },
				{ id: 'technique:koala', limit: 40 },
				// "Show more" on the same node: a second step at a higher limit, kept in order.
				{ id: 'model:sdxl', limit: 200 },
				{ id: 'x=odd&id', limit: 500 },
				// By one relation type, and that type's papers added on request.
				{ id: 'model:sdxl', limit: 40, rel: 'BUILDS_ON' as const },
				{ id: 'model:sdxl', limit: 39, rel: 'BUILDS_ON' as const, papers: true },
				{ id: 'technique:koala', limit: 12, papers: true }
			],
			hidden: ['paper,with,commas'],
			pinned: ['model:sdxl', 'technique:koala'],
			renderer: 'canvas' as const,
			view: 'graph' as const,
			community: null,
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
		expect(url.search).toContain('x200=model%3Asdxl');
		expect(url.search).toContain('x.builds_on=model%3Asdxl');
		expect(url.search).toContain('x39.builds_on.papers=model%3Asdxl');
		expect(url.search).toContain('x12.papers=technique%3Akoala');
		expect(url.search).toContain('pin=technique%3Akoala');
		expect(url.search).toContain('limit=400&papers=2600');
		expect(decodeExplorerState(url.searchParams)).toEqual(state);
	});

	it('opens on the map; any graph parameter, or view=graph, opens the graph', () => {
		const map = decodeExplorerState(new URLSearchParams('from=2021&c=model%3Asdxl'));
		expect(map).toMatchObject({ view: 'map', community: 'model:sdxl' });
		expect(map.filters.yearFrom).toBe(2021);
		expect(encodeExplorerState(map).toString()).toBe('from=2021&c=model%3Asdxl');
		for (const q of ['sel=a', 'x=a', 'x200.papers=a', 'limit=8', 'papers=10', 'view=graph'])
			expect(decodeExplorerState(new URLSearchParams(q)).view, q).toBe('graph');
		const graph = { ...emptyExplorerState(), view: 'graph' as const };
		expect(encodeExplorerState(graph).toString()).toBe('view=graph');
		expect(encodeExplorerState({ ...graph, selected: 'a' }).toString()).toBe('sel=a');
		// Back to the map with the graph's state kept in the link.
		const back = { ...graph, selected: 'a', view: 'map' as const };
		expect(decodeExplorerState(encodeExplorerState(back))).toMatchObject({
			view: 'map',
			selected: 'a'
		});
	});

	it('falls back to defaults for junk', () => {
		const s = decodeExplorerState(
			new URLSearchParams(
				'types=Nope,Model&rels=DROP&from=abc&minSupport=-3&x=&x=a&x=a&x0=b&x9999=c&xy=d&x.likes=e&x.uses.uses=f' +
					'&limit=0&papers=-1&renderer=vulkan'
			)
		);
		expect(s.filters.types).toEqual(['Model']);
		expect(s.filters.rels).toEqual([]);
		expect(s.filters.yearFrom).toBeNull();
		expect(s.filters.minSupport).toBe(1);
		expect(s.expanded).toEqual([{ id: 'a', limit: 40 }]);
		expect(s).toMatchObject({ limit: 60, papers: 0, renderer: 'auto', pinned: [] });
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
			directed: true,
			avoidHubs: false,
			entityOnly: true
		};
		expect(decodePathQuery(encodePathQuery(q))).toEqual(q);
		expect(encodePathQuery(q).toString()).toContain('avoidHubs=false&entityOnly=true');
		expect(decodePathQuery(new URLSearchParams('k=99&maxLength=0'))).toMatchObject({
			k: 3,
			maxLength: 4,
			from: '',
			avoidHubs: true, // on unless the URL says otherwise
			entityOnly: false
		});
		expect(encodePathQuery({ ...q, avoidHubs: true, entityOnly: false }).toString()).not.toMatch(
			/avoidHubs|entityOnly/
		);
	});
});
