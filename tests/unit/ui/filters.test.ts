import { describe, expect, it } from 'vitest';
import {
	defaultFilters,
	hiddenIds,
	isDefaultFilters,
	yearSpan
} from '../../../src/lib/graph/filters';
import { VIEW } from './fixtures';

describe('filters over the visible graph', () => {
	it('hide nothing by default', () => {
		expect(hiddenIds(VIEW, defaultFilters()).size).toBe(0);
		expect(isDefaultFilters(defaultFilters())).toBe(true);
	});

	it('hide a type and every edge touching it', () => {
		const f = { ...defaultFilters(), types: defaultFilters().types.filter((t) => t !== 'Paper') };
		expect([...hiddenIds(VIEW, f)].sort()).toEqual([
			'koala-paper',
			'koala-paper|PROPOSES|technique:koala'
		]);
		expect(isDefaultFilters(f)).toBe(false);
	});

	it('hide relation types and weakly supported edges, not nodes', () => {
		const f = {
			...defaultFilters(),
			rels: defaultFilters().rels.filter((r) => r !== 'BUILDS_ON'),
			minSupport: 2
		};
		expect([...hiddenIds(VIEW, f)].sort()).toEqual([
			'koala-paper|PROPOSES|technique:koala',
			'technique:koala|BUILDS_ON|model:sdxl'
		]);
	});

	it('apply a year range to relations and papers, never to the entity in focus', () => {
		// KOALA, SDXL and the paper are of 2023–2024; what the API kept for 2023 is one relation.
		const graph = {
			nodes: [...VIEW.nodes, { ...VIEW.nodes[0]!, id: 'model:undated', year: null }],
			edges: VIEW.edges
		};
		const f = { ...defaultFilters(), yearFrom: 2023, yearTo: 2023 };
		const inYears = {
			edges: new Set(['technique:koala|BUILDS_ON|model:sdxl']),
			nodes: new Set(['technique:koala', 'model:sdxl'])
		};
		// Stable Diffusion (first seen 2022) is in focus: it stays, though nothing of 2023 joins it.
		const hidden = hiddenIds(graph, f, new Set(), inYears, new Set(['model:stable-diffusion']));
		expect([...hidden].sort()).toEqual(
			[
				'koala-paper', // a paper of 2024
				'model:undated', // nothing of 2023 joins it
				...VIEW.edges.map((e) => e.id).filter((id) => !inYears.edges.has(id))
			].sort()
		);
		// Nothing known of those years: every relation is hidden, the focus stays.
		const none = hiddenIds(graph, f, new Set(), null, new Set(['model:sdxl']));
		expect(none.has('model:sdxl')).toBe(false);
		expect(VIEW.edges.every((e) => none.has(e.id))).toBe(true);
	});

	it('honour nodes hidden by hand', () => {
		expect(hiddenIds(VIEW, defaultFilters(), new Set(['model:sdxl'])).size).toBe(3);
	});

	it('report the year span', () => {
		expect(yearSpan(VIEW.nodes)).toEqual([2022, 2024]);
		expect(yearSpan([])).toBeNull();
	});
});
