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

	it('apply the year range to dated nodes only', () => {
		const hidden = hiddenIds(
			{ nodes: [...VIEW.nodes, { ...VIEW.nodes[0], id: 'model:undated', year: null }], edges: [] },
			{ ...defaultFilters(), yearFrom: 2023, yearTo: 2023 }
		);
		expect([...hidden].sort()).toEqual([
			'koala-paper',
			'model:stable-diffusion',
			'technique:koala'
		]);
	});

	it('honour nodes hidden by hand', () => {
		expect(hiddenIds(VIEW, defaultFilters(), new Set(['model:sdxl'])).size).toBe(3);
	});

	it('report the year span', () => {
		expect(yearSpan(VIEW.nodes)).toEqual([2022, 2024]);
		expect(yearSpan([])).toBeNull();
	});
});
