// One entity per spelling set; versions and sizes are their own entities tied to their family.
import { describe, expect, it } from 'vitest';
import { defaultLexicon, LexiconIndex } from '../../../ingest/extract/matcher.js';
import { nameKey } from '../../../ingest/extract/resolve/name-key.js';
import { tokenize } from '../../../ingest/extract/text.js';
import { parseVariantSuffix, variantName } from '../../../ingest/extract/resolve/variants.js';
import { entities, extract, relations } from './helpers.js';

const SAME: [string, string][] = [
	['SDXL', 'SDXL'],
	['SD-XL', 'SDXL'],
	['Stable Diffusion XL', 'SDXL'],
	['SD v1-5', 'Stable Diffusion v1.5'],
	['SD1.5', 'Stable Diffusion v1.5'],
	['Stable Diffusion v1.5', 'Stable Diffusion v1.5'],
	['SD-v2.1', 'Stable Diffusion v2.1'],
	['Stable Diffusion 2.0', 'Stable Diffusion v2'],
	['StableDiffusion', 'Stable Diffusion'],
	['DALL·E 2', 'DALL-E 2'],
	['MS-COCO', 'MS COCO'],
	['Fréchet Inception Distance', 'FID'],
	['LDMs', 'latent diffusion'],
	['ControlNets', 'ControlNet'],
	['Kandinsky 2.2', 'Kandinsky v2.2'],
	['DiT-XL/2', 'DiT-XL']
];

describe('resolution', () => {
	for (const [spelling, canonical] of SAME) {
		it(`"${spelling}" is ${canonical}`, () => {
			const x = extract('', `We fine-tune ${spelling} today.`);
			expect(x.entities.map((e) => e.name)).toEqual([canonical]);
		});
	}

	it('gives stable <type>:<key> ids', () => {
		const a = extract('', 'We fine-tune SD-XL.');
		const b = extract('', 'We fine-tune Stable Diffusion XL.');
		expect(a.entities[0]!.id).toBe('model:sdxl');
		expect(b.entities[0]!.id).toBe(a.entities[0]!.id);
	});

	it('keeps versions and sizes apart from their family and links them', () => {
		const x = extract(
			'',
			'Stable Diffusion and Stable Diffusion v2 differ; DiT-S and DiT are compared.'
		);
		expect(entities(x)).toEqual(
			expect.arrayContaining([
				'Stable Diffusion (Model)',
				'Stable Diffusion v2 (Model)',
				'DiT-S (Model)',
				'DiT (Model)'
			])
		);
		expect(relations(x)).toEqual(
			expect.arrayContaining([
				'Stable Diffusion v2 VARIANT_OF Stable Diffusion',
				'DiT-S VARIANT_OF DiT'
			])
		);
	});

	it('does not link a variant to a family the abstract never names', () => {
		const x = extract('', 'We fine-tune SDXL.');
		expect(relations(x).filter((r) => r.includes('VARIANT_OF'))).toEqual([]);
	});

	it('reads "v 1.4 and v 2" and a later bare "v1.4" as versions of the family', () => {
		const x = extract('', 'We study Stable Diffusion v 1.4 and v 2, and then v1.4 again.');
		expect(x.entities.map((e) => e.name).sort()).toEqual([
			'Stable Diffusion v1.4',
			'Stable Diffusion v2'
		]);
	});

	it('resolves short forms only where the paper defines them', () => {
		const defined = extract(
			'',
			'We propose Any Ratio Adaptability Diffusion (ARAD). ARAD is fast.'
		);
		expect(defined.mentions.filter((m) => m.text === 'ARAD')).toHaveLength(2);
		expect(defined.entities.map((e) => e.name)).toEqual(['Any Ratio Adaptability Diffusion']);
		expect(defined.entities[0]!.aliases).toContain('ARAD');
		const undefinedShort = extract('', 'The CM is a cm away.');
		expect(undefinedShort.entities.map((e) => e.name)).toEqual(['consistency model']);
	});

	it('matches acronyms and common-word names only with their capitals', () => {
		const lex = defaultLexicon();
		expect(lex.lookup('CLIP')?.name).toBe('CLIP');
		expect(lex.lookup('clip')).toBeUndefined();
		expect(lex.lookup('Muse')?.name).toBe('Muse');
		expect(lex.lookup('muse')).toBeUndefined();
		expect(lex.lookup('knowledge Distillation')?.name).toBe('knowledge distillation');
	});

	it('parses version and size suffixes', () => {
		const t = tokenize('SD-v2.1 KOALA-700M DiT-XL/2 SD v 1.4');
		const v = parseVariantSuffix(t, 1, t.length, { sizes: false, bareNumbers: true });
		expect(v && variantName('Stable Diffusion', v)).toBe('Stable Diffusion v2.1');
		const size = parseVariantSuffix(t, 7, t.length, { sizes: false, bareNumbers: false });
		expect(size && variantName('KOALA', size)).toBe('KOALA-700M');
	});

	it('has no spelling claimed by two lexicon entries', () => {
		const lex = new LexiconIndex();
		const owner = new Map<string, string>();
		const clashes: string[] = [];
		for (const e of lex.entities) {
			for (const a of [e.name, ...e.aliases]) {
				const k = nameKey(a);
				const prev = owner.get(k);
				if (prev && prev !== e.name) clashes.push(`${a}: ${prev} / ${e.name}`);
				owner.set(k, e.name);
			}
		}
		expect(clashes).toEqual([]);
	});
});
