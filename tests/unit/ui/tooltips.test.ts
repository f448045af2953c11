import { describe, expect, it } from 'vitest';
import { edgeTooltip } from '../../../src/lib/graph/tooltips';

describe('hover tooltips', () => {
	it('reads an edge as a sentence, with how many papers say so', () => {
		expect(edgeTooltip('LoRA', 'BUILDS_ON', 'LLaMA', 1)).toEqual({
			title: 'LoRA builds on LLaMA',
			detail: '1 paper says so'
		});
		expect(edgeTooltip('A', 'USES', 'B', 13, 'confirmed').detail).toBe(
			'13 papers say so · ✓ confirmed by a person'
		);
	});
});
