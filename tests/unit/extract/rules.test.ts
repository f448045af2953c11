// Table-driven: one sentence per rule → the mentions and relations it must produce, and a table
// of sentences that must produce nothing.
import { describe, expect, it } from 'vitest';
import { entities, extract, relations } from './helpers.js';

interface Case {
	rule: string;
	title: string;
	abstract: string;
	entities?: string[];
	relations?: string[];
	absent?: string[];
}

const CASES: Case[] = [
	{
		rule: 'name.title-colon + name.we-propose + variants',
		title: 'KOALA: Fast Image Synthesis',
		abstract:
			'We introduce KOALA-1B & -700M, two efficient text-to-image models distilled from SDXL.',
		entities: ['KOALA-1B (Technique)', 'KOALA-700M (Technique)', 'SDXL (Model)'],
		relations: [
			'@paper PROPOSES KOALA',
			'@paper PROPOSES KOALA-1B',
			'@paper PROPOSES KOALA-700M',
			'KOALA-700M VARIANT_OF KOALA',
			'@paper BUILDS_ON SDXL',
			'@paper ADDRESSES text-to-image generation'
		]
	},
	{
		rule: 'name.called + builds-on.based-on',
		title: 'Efficient sampling',
		abstract: 'We propose a novel framework, called LinFusion, built upon Stable Diffusion v1.5.',
		relations: ['@paper PROPOSES LinFusion', '@paper BUILDS_ON Stable Diffusion v1.5']
	},
	{
		rule: 'name.abbreviation + compared-with.outperform + evaluated-on',
		title: 'Momentum sampling',
		abstract:
			'We propose Generalized Heavy Ball (GHVB), a new sampler that outperforms DPM-Solver++ on CIFAR-10 in terms of FID.',
		relations: [
			'@paper PROPOSES Generalized Heavy Ball',
			'@paper COMPARED_WITH DPM-Solver++',
			'@paper EVALUATED_ON CIFAR-10',
			'@paper EVALUATED_ON FID'
		]
	},
	{
		rule: 'trained-on.trained vs evaluated-on',
		title: 'Data',
		abstract: 'Our model is trained on LAION-5B and evaluated on MS COCO with FID and CLIP score.',
		relations: [
			'@paper TRAINED_ON LAION-5B',
			'@paper EVALUATED_ON MS COCO',
			'@paper EVALUATED_ON FID',
			'@paper EVALUATED_ON CLIP score'
		],
		absent: ['@paper EVALUATED_ON LAION-5B']
	},
	{
		rule: 'builds-on.fine-tune + compared-with.compared',
		title: 'Tuning',
		abstract: 'We fine-tune SD-v2.1 and SD 1.5 and compare with Stable Diffusion XL and SD-XL.',
		entities: ['Stable Diffusion v2.1 (Model)', 'Stable Diffusion v1.5 (Model)', 'SDXL (Model)'],
		relations: [
			'@paper BUILDS_ON Stable Diffusion v2.1',
			'@paper BUILDS_ON Stable Diffusion v1.5',
			'@paper COMPARED_WITH SDXL'
		]
	},
	{
		rule: 'name.we-propose coordination (PFGM++, MVD^2) + uses.using',
		title: 'PFGM++: Unlocking physics',
		abstract:
			'We present PFGM++ and MVD^2 for text-to-3D generation using score distillation sampling.',
		relations: [
			'@paper PROPOSES PFGM++',
			'@paper PROPOSES MVD^2',
			'@paper ADDRESSES text-to-3D generation'
		]
	},
	{
		rule: 'name.abbreviation onto a lexicon long form',
		title: 'Faster',
		abstract: 'The Stable Diffusion Model (SDM) is slow. We accelerate SDM with token merging.',
		entities: ['Stable Diffusion (Model)', 'token merging (Technique)'],
		relations: ['@paper BUILDS_ON Stable Diffusion', '@paper USES token merging']
	},
	{
		rule: 'uses.using + addresses.task-mention',
		title: 'Editing',
		abstract: 'Using a ControlNet and LoRA, our method supports image editing and inpainting.',
		relations: [
			'@paper USES ControlNet',
			'@paper USES LoRA',
			'@paper ADDRESSES image editing',
			'@paper ADDRESSES image inpainting'
		]
	},
	{
		rule: 'subject resolution: a background sentence about another model',
		title: 'Designing a better decoder',
		abstract: 'StableDiffusion learns a diffusion model in the latent space via a VQGAN.',
		relations: ['Stable Diffusion USES VQGAN']
	},
	{
		rule: 'builds-on.title',
		title: 'Taming Score Distillation Sampling for Text-to-3D',
		abstract: 'Text-to-3D generation is hard.',
		relations: [
			'@paper BUILDS_ON score distillation sampling',
			'@paper ADDRESSES text-to-3D generation'
		]
	},
	{
		rule: 'compared-with.speedup keeps the distillation too',
		title: 'Small',
		abstract: 'Our model is distilled from SDXL and is twice as fast as SDXL.',
		relations: ['@paper BUILDS_ON SDXL', '@paper COMPARED_WITH SDXL']
	}
];

describe('rules', () => {
	for (const c of CASES) {
		it(c.rule, () => {
			const x = extract(c.title, c.abstract);
			if (c.entities) expect(entities(x)).toEqual(expect.arrayContaining(c.entities));
			if (c.relations) expect(relations(x)).toEqual(expect.arrayContaining(c.relations));
			for (const a of c.absent ?? []) expect(relations(x)).not.toContain(a);
		});
	}

	it('keeps the sentence, rule and confidence of every relation', () => {
		const x = extract('T', 'We fine-tune SDXL. It outperforms DALL-E 3.');
		const r = x.relations.find((r) => r.type === 'COMPARED_WITH');
		expect(r).toMatchObject({
			head: '@paper',
			tail: 'model:dall-e-3',
			sentence: 2,
			rule: 'compared-with.outperform'
		});
		expect(r?.confidence).toBeGreaterThan(0.5);
		expect(x.sentences[2]!.text).toBe('It outperforms DALL-E 3.');
	});

	it('gives mention offsets into the analysed text', () => {
		const x = extract('T', 'We fine-tune SDXL on COCO.');
		for (const m of x.mentions) expect(x.text.slice(m.start, m.end)).toBe(m.text);
		expect(x.mentions.map((m) => m.text)).toEqual(['SDXL', 'COCO']);
	});
});

// Sentences that must yield no entity at all: shapes that look like names but are not.
const FALSE_POSITIVES: [string, string][] = [
	['plain prose', 'The weather was nice and we had a great time in the park.'],
	[
		'hyphenated adjectives',
		'High-Quality and Real-World results with Memory-Efficient Video-to-Video tricks.'
	],
	[
		'hardware and numbers',
		'It runs at 30 FPS on an RTX4090 or A100 GPU with W4A8 weights at 1024x1024 and 16K.'
	],
	['common acronyms', 'AI and ML on a GPU in 3D and 4D with RGB-D input.'],
	[
		'links',
		'Code is available at https://github.com/someone/CoolModel and www.example.com/NewNet.'
	],
	[
		'English words spelled like models',
		'The muse of the composer was a shape in the places she painted.'
	],
	['a lone capitalised word after we propose', 'We propose Diffusion for the masses.'],
	[
		'lower-case abbreviation long forms',
		'We solve partial differential equations (PDEs) with care.'
	]
];

describe('false positives', () => {
	for (const [label, sentence] of FALSE_POSITIVES) {
		it(label, () => {
			const x = extract('', sentence);
			expect(entities(x)).toEqual([]);
			expect(x.relations).toEqual([]);
		});
	}
});
