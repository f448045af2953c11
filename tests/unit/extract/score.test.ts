// The scorer must give the reference scorer's numbers (computed once with the shared score.mjs on
// this fixed prediction and copied here).
import { describe, expect, it } from 'vitest';
import { parseGold, parsePredicted } from '../../../ingest/eval/gold.js';
import { prf, score, scoreKey } from '../../../ingest/eval/score.js';
import { seedGoldText } from './helpers.js';

const FIXED = {
	papers: [
		{
			id: 'instaflow-one-step-is-enough-for-high-quality',
			title:
				'InstaFlow: One Step is Enough for High-Quality Diffusion-Based Text-to-Image Generation',
			entities: [
				{ name: 'InstaFlow', type: 'Model' },
				{ name: 'Rectified Flow', type: 'Technique' },
				{ name: 'SD', type: 'Model' },
				{ name: 'Stable Diffusion', type: 'Model' },
				{ name: 'FID', type: 'Dataset' },
				{ name: 'COCO', type: 'Dataset' },
				{ name: 'diffusion models', type: 'Technique' },
				{ name: 'GPU', type: 'Model' }
			],
			relations: [
				{ head: '@paper', type: 'PROPOSES', tail: 'InstaFlow' },
				{ head: 'InstaFlow', type: 'BUILDS_ON', tail: 'SD' },
				{ head: '@paper', type: 'BUILDS_ON', tail: 'Stable Diffusion' },
				{ head: '@paper', type: 'USES', tail: 'Stable Diffusion' },
				{ head: '@paper', type: 'EVALUATED_ON', tail: 'MS-COCO' },
				{ head: '@paper', type: 'COMPARED_WITH', tail: 'GPU' },
				{ head: 'rectified flow', type: 'USES', tail: 'reflow' }
			]
		},
		{
			id: 'x',
			title:
				'KOALA: Self-Attention Matters in Knowledge Distillation of Latent Diffusion Models for Memory-Efficient and Fast Image Synthesis',
			entities: [
				{ name: 'KOALA', type: 'Model' },
				{ name: 'KOALA-700M', type: 'Technique' },
				{ name: 'SDXL', type: 'Model' },
				{ name: 'Stable Diffusion XL', type: 'Model' }
			],
			relations: [
				{ head: '@paper', type: 'PROPOSES', tail: 'KOALA-700M' },
				{ head: 'KOALA-700M', type: 'VARIANT_OF', tail: 'KOALA' },
				{ head: 'KOALA-700M', type: 'BUILDS_ON', tail: 'SDXL' },
				{ head: '@paper', type: 'COMPARED_WITH', tail: 'SD-XL' },
				{ head: 'x', type: 'USES', tail: 'knowledge distillation' }
			]
		}
	]
};

// node /work/shared/gold/score.mjs seed-gold.jsonl fixed.json --json
const REFERENCE = {
	papers: 85,
	missingPapers: 83,
	entities: { precision: 0.889, recall: 0.016, f1: 0.031 },
	entitiesTyped: { precision: 0.667, recall: 0.012, f1: 0.023 },
	relations: { precision: 0.818, recall: 0.019, f1: 0.038 },
	relationsLenient: { precision: 0.889, recall: 0.017, f1: 0.034 },
	recallByType: { Task: 0, Model: 0.045, Technique: 0.005, Dataset: 0.022, Metric: 0.037 },
	relationRecallByType: {
		ADDRESSES: 0,
		PROPOSES: 0.016,
		BUILDS_ON: 0.026,
		USES: 0.027,
		COMPARED_WITH: 0.032,
		TRAINED_ON: 0,
		VARIANT_OF: 0.667,
		EVALUATED_ON: 0.015
	}
};

describe('score', () => {
	const gold = parseGold(seedGoldText());

	it('matches the reference scorer on a fixed prediction', () => {
		const { report } = score(gold, parsePredicted(FIXED));
		expect(report).toEqual(REFERENCE);
	});

	it('accepts a bare array of papers as well as { papers }', () => {
		expect(score(gold, parsePredicted(FIXED.papers)).report).toEqual(REFERENCE);
	});

	it('scores a perfect copy of the gold as 1.0 and an empty prediction as 0', () => {
		const perfect = gold.map((g) => ({
			id: g.id,
			title: g.title,
			entities: g.entities.map((e) => ({ name: e.name, type: e.type })),
			relations: g.relations.map((r) => ({ head: r.head, type: r.type, tail: r.tail }))
		}));
		const full = score(gold, perfect).report;
		expect(full.entities).toEqual({ precision: 1, recall: 1, f1: 1 });
		expect(full.relations).toEqual({ precision: 1, recall: 1, f1: 1 });
		const none = score(gold, []).report;
		expect(none.missingPapers).toBe(85);
		expect(none.entities).toEqual({ precision: 0, recall: 0, f1: 0 });
	});

	it('names each miss and false positive in the details', () => {
		const { details } = score(gold, parsePredicted(FIXED));
		expect(details).toContainEqual(expect.objectContaining({ kind: 'entity-fp', name: 'GPU' }));
		expect(details).toContainEqual(
			expect.objectContaining({
				kind: 'entity-type',
				name: 'FID',
				predicted: 'Dataset',
				gold: 'Metric'
			})
		);
	});

	it('normalises names the way GUIDELINES.md says', () => {
		expect(scoreKey('Stable Diffusion v1.5')).toBe('stablediffusionv15');
		expect(scoreKey('PFGM++')).toBe('pfgm++');
		expect(scoreKey('DALL·E 2')).toBe('dalle2');
		expect(prf({ tp: 1, fp: 1, fn: 0 })).toEqual({ precision: 0.5, recall: 1, f1: 0.667 });
	});
});
