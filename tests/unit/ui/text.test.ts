import { describe, expect, it } from 'vitest';
import { segments } from '../../../src/lib/graph/highlight';
import { chainText, hopArrow, pathElementIds, pathsGraph } from '../../../src/lib/graph/chains';
import type { PathView } from '../../../src/lib/types';
import { node } from './fixtures';

describe('highlight segments from offsets', () => {
	const s = 'KOALA builds on SDXL.';
	it('splits text into plain and marked parts', () => {
		expect(
			segments(s, [
				{ start: 16, end: 20, mark: 'tail' },
				{ start: 0, end: 5, mark: 'head' }
			])
		).toEqual([
			{ text: 'KOALA', mark: 'head' },
			{ text: ' builds on ', mark: null },
			{ text: 'SDXL', mark: 'tail' },
			{ text: '.', mark: null }
		]);
	});

	it('drops overlapping and out-of-range spans, keeps text intact', () => {
		const parts = segments(s, [
			{ start: 0, end: 10, mark: 1 },
			{ start: 5, end: 12, mark: 2 },
			{ start: 18, end: 99, mark: 3 },
			{ start: -1, end: 2, mark: 4 }
		]);
		expect(parts.map((p) => p.text).join('')).toBe(s);
		expect(parts.filter((p) => p.mark).map((p) => p.mark)).toEqual([1]);
	});

	it('treats markup as text', () => {
		const t = '<script>x</script> and <b>';
		expect(segments(t, [{ start: 0, end: 8, mark: 'm' }]).map((p) => p.text)).toEqual([
			'<script>',
			'x</script> and <b>'
		]);
	});
});

describe('paths as chains', () => {
	const path: PathView = {
		nodes: [
			node('technique:koala', { label: 'KOALA' }),
			node('model:sdxl', { label: 'SDXL' }),
			node('model:sd', { label: 'Stable Diffusion' })
		],
		hops: [
			{
				from: 'technique:koala',
				to: 'model:sdxl',
				type: 'BUILDS_ON',
				forward: true,
				support: 2,
				evidence: null
			},
			{
				from: 'model:sdxl',
				to: 'model:sd',
				type: 'VARIANT_OF',
				forward: true,
				support: 1,
				evidence: null
			}
		],
		cost: 2
	};

	it('reads as the issue says', () => {
		expect(chainText(path)).toBe('KOALA —builds on→ SDXL —variant of→ Stable Diffusion');
	});

	it('reads backwards hops right to left', () => {
		expect(hopArrow({ type: 'BUILDS_ON', forward: false })).toBe('←builds on—');
	});

	it('gives stored edge ids for backward hops', () => {
		const back: PathView = {
			...path,
			hops: [{ ...path.hops[0]!, from: 'model:sdxl', to: 'technique:koala', forward: false }]
		};
		expect(pathElementIds([back])).toContain('technique:koala|BUILDS_ON|model:sdxl');
		expect(pathsGraph([path, back]).edges).toHaveLength(2);
		expect(pathsGraph([path, back]).nodes).toHaveLength(3);
	});
});
