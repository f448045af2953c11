// Bad input never throws and says why little came out.
import { describe, expect, it } from 'vitest';
import { extractPaper } from '../../../ingest/extract/index.js';
import { extract, paper } from './helpers.js';

describe('malformed input', () => {
	it('empty abstract: title only, with a warning', () => {
		const x = extract('InstaFlow: One Step is Enough', '');
		expect(x.warnings).toContain('empty abstract: only the title was analysed');
		expect(x.entities.map((e) => e.name)).toEqual(['InstaFlow']);
	});

	it('nothing at all', () => {
		const x = extract('', '');
		expect(x.entities).toEqual([]);
		expect(x.relations).toEqual([]);
		expect(x.warnings?.join(' ')).toMatch(/no text/);
	});

	it('missing fields do not throw', () => {
		const broken = {
			...paper('t', 'a'),
			title: undefined,
			abstract: null
		} as unknown as Parameters<typeof extractPaper>[0];
		expect(() => extractPaper(broken)).not.toThrow();
	});

	it('HTML is stripped, not read as names', () => {
		const x = extract(
			'<b>Better</b> results',
			'<p>We fine-tune <i>SDXL</i> on <a href="https://x.org/ABC">COCO</a> &amp; report FID.</p>'
		);
		expect(x.entities.map((e) => e.name).sort()).toEqual(['FID', 'MS COCO', 'SDXL']);
		expect(x.text).not.toMatch(/<|&amp;/);
	});

	it('LaTeX math keeps its words', () => {
		const x = extract(
			'MVD$^2$: Efficient reconstruction',
			'We reduce the cost from $\\mathcal{O}(n^2)$ to $\\mathcal{O}(n)$ using DDIM.'
		);
		expect(x.text).toContain('O(n)');
		expect(x.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['MVD^2', 'DDIM']));
	});

	it('non-English text yields nothing and says so', () => {
		const zh = extract(
			'扩散模型',
			'我们提出了一种新的扩散模型，用于图像生成。该方法在多个数据集上取得了最好的结果。'
		);
		expect(zh.entities).toEqual([]);
		expect(zh.warnings?.join(' ')).toMatch(/not English/);
		const de = extract(
			'Bildsynthese',
			'Wir stellen ein neues Verfahren zur Bildsynthese vor, das auf Diffusionsmodellen basiert und deutlich schneller arbeitet als bisherige Ansätze, wobei die Qualität der erzeugten Bilder erhalten bleibt und zusätzlich weniger Speicher benötigt wird.'
		);
		expect(de.entities).toEqual([]);
		expect(de.warnings?.join(' ')).toMatch(/not English/);
	});

	it('a 100 KB abstract is analysed in bounded time and flagged as cut', () => {
		const sentence = 'We fine-tune SDXL with LoRA and evaluate FID on MS COCO. ';
		const huge = sentence.repeat(Math.ceil(100_000 / sentence.length));
		const t0 = performance.now();
		const x = extract('Big', huge);
		expect(performance.now() - t0).toBeLessThan(5_000);
		expect(x.warnings?.join(' ')).toMatch(/longer than/);
		expect(x.entities.map((e) => e.name)).toEqual(
			expect.arrayContaining(['SDXL', 'LoRA', 'FID', 'MS COCO'])
		);
	});

	it('garbled text yields little', () => {
		const x = extract(
			'zxq',
			'qwe rty uio pas dfg hjk lzx cvb nmq wer tyu iop asd fgh jkl zxc vbn mqw ert yui opa sdf ghj klz xcv bnm.'
		);
		expect(x.entities).toEqual([]);
	});

	it('is deterministic', () => {
		const a = extract(
			'KOALA: fast',
			'We distill SDXL into KOALA-700M and compare with SD-XL on COCO.'
		);
		const b = extract(
			'KOALA: fast',
			'We distill SDXL into KOALA-700M and compare with SD-XL on COCO.'
		);
		expect(b).toEqual(a);
	});
});
