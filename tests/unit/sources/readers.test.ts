// Every reader against realistic fixtures, including broken ones: good records come through,
// each problem is a reject carrying the file, the line and a reason.
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../ingest/types.js';
import { collect, fixture } from './collect.js';

describe('arXiv Atom reader', () => {
	it('reads a query page: ids without version, LaTeX math as text, wrapped lines joined', async () => {
		const { papers, rejects } = await collect(fixture('arxiv-page.xml'));
		expect(rejects).toEqual([]);
		expect(papers.map((p) => p.id)).toEqual([
			'arxiv:2309.06380',
			'arxiv:2310.04378',
			'arxiv:2202.00512'
		]);
		const [insta, lcm, pd] = papers as [Paper, Paper, Paper]; // the three ids above
		expect(insta.title).toBe(
			'InstaFlow: One Step is Enough for High-Quality Diffusion-Based Text-to-Image Generation'
		);
		expect(insta.arxivId).toBe('2309.06380v2');
		expect(insta.year).toBe(2023);
		expect(insta.authors).toEqual([
			'Xingchao Liu',
			'Xiwen Zhang',
			'Jianzhu Ma',
			'Jian Peng',
			'Qiang Liu'
		]);
		expect(insta.url).toBe('http://arxiv.org/abs/2309.06380v2');
		expect(insta.abstract).toContain('surpassing progressive distillation (37.2 → 23.3 in FID)');
		expect(insta.abstract).toContain('the best in ≤ 0.1 second regime');
		expect(insta.abstract).toMatch(/199 A100 GPU days\.$/); // \cite dropped with its ~
		expect(insta.source).toEqual({ kind: 'arxiv-atom', uri: fixture('arxiv-page.xml'), line: 10 });
		expect(lcm.abstract).toContain('A high-quality 768×768 2~4-step LCM');
		expect(pd.abstract).toContain('a trained deterministic diffusion sampler'); // diffu-\nsion
		expect(pd.doi).toBe('10.48550/arxiv.2202.00512');
		expect(pd.year).toBe(2022);
		expect(papers.every((p) => !/\s{2}|\n/.test(p.abstract))).toBe(true);
	});

	it('yields the complete entries of a truncated feed, then a reject at the cut entry', async () => {
		const { papers, rejects } = await collect(fixture('arxiv-truncated.xml'));
		expect(papers.map((p) => p.id)).toEqual(['arxiv:2309.06380', 'arxiv:2310.04378']);
		expect(rejects).toEqual([
			{
				uri: fixture('arxiv-truncated.xml'),
				line: 85,
				reason: expect.stringMatching(/truncated feed/)
			}
		]);
	});

	it('rejects one malformed entry and keeps the entries around it', async () => {
		const { papers, rejects } = await collect(fixture('arxiv-bad-entry.xml'));
		expect(papers.map((p) => p.id)).toEqual(['arxiv:2309.06380', 'arxiv:2202.00512']);
		expect(rejects).toHaveLength(1);
		expect(rejects[0]!.line).toBe(53);
		expect(rejects[0]!.reason).toMatch(/malformed <entry>/);
	});

	it('never expands entities declared in a DTD (billion laughs)', async () => {
		const { papers, rejects } = await collect(fixture('arxiv-entities.xml'));
		expect(rejects.map((r) => r.reason)).toEqual([
			expect.stringMatching(/DTD.*nothing is expanded/)
		]);
		expect(papers).toHaveLength(1);
		expect(papers[0]!.title.length).toBeLessThan(40);
		expect(papers[0]!.abstract.length).toBeLessThan(300);
		expect(papers[0]!.abstract).not.toContain('lollol');
		expect(papers[0]!.abstract).toContain('noise to data & support'); // &amp; still decoded
	});
});

describe('JSON Lines reader', () => {
	it('reads our own shape, ignores unknown fields, accepts author strings and objects', async () => {
		const { papers, rejects } = await collect(fixture('papers.jsonl'));
		expect(rejects).toEqual([]);
		expect(papers.map((p) => [p.id, p.source.line])).toEqual([
			['arxiv:2010.02502', 1],
			['arxiv:2209.03003', 2],
			['arxiv:2307.01952', 3], // from the arXiv DOI 10.48550/arXiv.2307.01952
			['adversarial-diffusion-distillation', 5] // the record's own id; line 4 is blank
		]);
		expect(papers[0]!.arxivId).toBe('2010.02502v4');
		expect(papers[1]!.authors).toEqual(['Xingchao Liu', 'Chengyue Gong', 'Qiang Liu']);
		expect(papers[1]!.year).toBe(2022); // from the arXiv id
		expect(papers[2]!.authors).toEqual(['Dustin Podell', 'Zion English', 'Kyle Lacey']);
		expect(papers[2]!.abstract).toContain('using a post-hoc image-to-image technique & show');
		expect(papers[3]!.abstract).toContain('in just 1–4 steps'); // $1$--$4$
		expect(papers[0]).not.toHaveProperty('venue');
	});

	it('rejects malformed lines and records without title or abstract; the rest loads', async () => {
		const f = fixture('papers-broken.jsonl');
		const { papers, rejects } = await collect(f);
		expect(papers.map((p) => p.id)).toEqual(['ddim', 'arxiv:2112.10752']);
		expect(rejects.map((r) => [r.uri, r.line])).toEqual([
			[f, 2],
			[f, 3],
			[f, 4],
			[f, 5]
		]);
		expect(rejects[0]!.reason).toMatch(/^malformed JSON line/);
		expect(rejects[1]!.reason).toMatch(/no abstract/);
		expect(rejects[2]!.reason).toMatch(/no title/);
		expect(rejects[3]!.reason).toMatch(/expected a JSON object/);
	});

	it('decodes UTF-16 with a byte-order mark', async () => {
		const { papers, rejects } = await collect(fixture('utf16.jsonl'));
		expect(rejects).toEqual([]);
		expect(papers[0]!.abstract).toContain('— naïve GANs included.');
	});
});

describe('JSON document reader', () => {
	it('streams a top-level array with the line each element starts on', async () => {
		const { papers, rejects } = await collect(fixture('papers.json'));
		expect(papers.map((p) => [p.id, p.source.line, p.source.kind])).toEqual([
			['arxiv:2206.00927', 2, 'json'],
			['arxiv:2207.12598', 10, 'json']
		]);
		expect(rejects).toEqual([
			{ uri: fixture('papers.json'), line: 17, reason: expect.stringMatching(/no abstract/) }
		]);
	});

	it('keeps the complete elements of a truncated array', async () => {
		const { papers, rejects } = await collect(fixture('papers-truncated.json'));
		expect(papers.map((p) => p.title)).toEqual(['Classifier-Free Diffusion Guidance']);
		expect(rejects).toHaveLength(1);
		expect(rejects[0]).toMatchObject({
			line: 7,
			reason: expect.stringMatching(/truncated JSON array/)
		});
	});
});

describe('OpenAlex reader', () => {
	it('rebuilds abstracts from the inverted index inside {results: [...]}', async () => {
		const { papers, rejects } = await collect(fixture('openalex-works.json'));
		expect(papers.map((p) => [p.id, p.source.kind, p.year])).toEqual([
			['arxiv:2006.11239', 'openalex', 2020], // arXiv DOI and arxiv.org landing page
			['doi:10.1109/iccv51070.2023.00355', 'openalex', 2023]
		]);
		expect(papers[0]!.abstract).toBe(
			'We present high quality image synthesis results using diffusion probabilistic models, a class of latent variable models. We obtain an FID score of 3.17 on CIFAR10.'
		);
		expect(papers[0]!.authors).toEqual(['Jonathan Ho', 'Ajay N. Jain', 'Pieter Abbeel']);
		expect(papers[1]!.abstract).toBe(
			'We present ControlNet, a neural network architecture to add spatial conditioning controls to large, pretrained text-to-image diffusion models.'
		);
		expect(rejects).toEqual([
			{ uri: fixture('openalex-works.json'), line: 3, reason: expect.stringMatching(/no abstract/) }
		]);
	});

	it('reads a single work object', async () => {
		const { papers, rejects } = await collect(fixture('openalex-work.json'));
		expect(rejects).toEqual([]);
		expect(papers).toHaveLength(1);
		expect(papers[0]).toMatchObject({
			id: 'arxiv:2204.06125',
			year: 2022,
			title: 'Hierarchical Text-Conditional Image Generation with CLIP Latents'
		});
		expect(papers[0]!.abstract).toMatch(/^Contrastive models like CLIP .* prior and decoder\.$/);
	});
});

describe('Semantic Scholar reader', () => {
	it('reads {data: [...]} pages: externalIds, authors[].name, null abstract rejected', async () => {
		const { papers, rejects } = await collect(fixture('semantic-scholar.json'));
		expect(papers.map((p) => [p.id, p.source.kind, p.year])).toEqual([
			['arxiv:2112.10752', 'semantic-scholar', 2021],
			['doi:10.1145/3528233.3530757', 'semantic-scholar', 2022] // year from publicationDate
		]);
		expect(papers[0]!.authors).toEqual(['Robin Rombach', 'A. Blattmann', 'Björn Ommer']);
		expect(rejects).toEqual([
			{
				uri: fixture('semantic-scholar.json'),
				line: 2,
				reason: expect.stringMatching(/no abstract/)
			}
		]);
	});

	it('reads a top-level list and rejects a null entry (an unknown id in a batch lookup)', async () => {
		const { papers, rejects } = await collect(fixture('semantic-scholar-list.json'));
		expect(papers.map((p) => p.id)).toEqual(['arxiv:2211.01324', 'arxiv:2205.11487']);
		expect(rejects).toEqual([
			{
				uri: fixture('semantic-scholar-list.json'),
				line: 10,
				reason: expect.stringMatching(/got null/)
			}
		]);
	});
});

describe('CSV reader', () => {
	it('reads a header row, quoted multi-line abstracts and ; separated authors', async () => {
		const { papers, rejects } = await collect(fixture('papers.csv'));
		expect(rejects).toEqual([]);
		expect(papers.map((p) => [p.id, p.source.line])).toEqual([
			['arxiv:2006.11239', 2],
			['arxiv:2011.13456', 3],
			['doi:10.1145/3588432.3591513', 5], // the abstract spans lines 4–5
			['arxiv:2208.01626', 6]
		]);
		expect(papers[0]!.arxivId).toBe('2006.11239v2');
		expect(papers[1]!.authors).toHaveLength(6);
		expect(papers[2]!.abstract).toContain('translation method that can preserve');
	});

	it('rejects a row with a missing column and keeps the others', async () => {
		const { papers, rejects } = await collect(fixture('papers-missing-column.csv'));
		expect(papers.map((p) => p.title.split(':')[0])).toEqual([
			'DreamBooth',
			'Null-text Inversion for Editing Real Images using Guided Diffusion Models'
		]);
		expect(rejects).toEqual([
			{
				uri: fixture('papers-missing-column.csv'),
				line: 3,
				reason: expect.stringMatching(/fewer columns/)
			}
		]);
	});

	it('rejects the Latin-1 row as not UTF-8, naming the file and line; ASCII rows load', async () => {
		const { papers, rejects } = await collect(fixture('latin1.csv'));
		expect(papers.map((p) => p.source.line)).toEqual([2, 4]);
		expect(rejects).toEqual([
			{ uri: fixture('latin1.csv'), line: 3, reason: expect.stringMatching(/not valid UTF-8/) }
		]);
	});
});

describe('BibTeX reader', () => {
	it('reads entries with abstracts, @string macros, accents and arXiv eprints', async () => {
		const { papers, rejects } = await collect(fixture('papers.bib'));
		expect(papers.map((p) => [p.id, p.source.line, p.year])).toEqual([
			['denoising-diffusion-implicit-models', 6, 2021],
			['arxiv:2206.00364', 18, 2022],
			['doi:10.1109/cvpr52688.2022.01042', 32, 2022]
		]);
		const [ddim, edm, ldm] = papers as [Paper, Paper, Paper]; // the three rows above
		expect(ddim.authors).toEqual(['Jiaming Song', 'Chenlin Meng', 'Stefano Ermon']);
		expect(ddim.abstract).toContain(
			'We present denoising diffusion implicit models (DDIMs), which produce samples 10× to 50× faster.'
		);
		expect(edm.abstract).toMatch(/FID of 1\.79 for CIFAR-10 in a class-conditional setting\.$/);
		expect(ldm.title).toBe('High-Resolution Image Synthesis with Latent Diffusion Models');
		expect(ldm.authors.at(-1)).toBe('Björn Ommer');
		expect(ldm.abstract).toContain('synthesis results. We apply them');
		expect(ldm.abstract).toContain('autoencoders – reaching');
		expect(rejects).toEqual([
			{
				uri: fixture('papers.bib'),
				line: 46,
				reason: expect.stringMatching(/no abstract: "Classifier-Free/)
			}
		]);
	});

	it('rejects a truncated final entry and keeps the one before it', async () => {
		const { papers, rejects } = await collect(fixture('papers-truncated.bib'));
		expect(papers.map((p) => p.id)).toEqual(['arxiv:2102.09672']);
		expect(rejects).toEqual([
			{
				uri: fixture('papers-truncated.bib'),
				line: 12,
				reason: expect.stringMatching(/truncated BibTeX entry/)
			}
		]);
	});
});

describe('listing text reader', () => {
	it('skips page chrome and date lines, rejects a title without an abstract', async () => {
		const { papers, rejects } = await collect(fixture('listing.txt'));
		expect(papers.map((p) => [p.title, p.source.line])).toEqual([
			[
				'Latent Consistency Models: Synthesizing High-Resolution Images with Few-Step Inference',
				11
			],
			['Consistency Models', 19],
			['Scalable Diffusion Models with Transformers', 23]
		]);
		expect(papers[1]!.id).toBe('consistency-models');
		expect(papers.every((p) => p.source.kind === 'seed-text' && p.year === null)).toBe(true);
		expect(rejects).toEqual([
			{
				uri: fixture('listing.txt'),
				line: 15,
				reason: expect.stringMatching(/title without an abstract: "DiT-3D/)
			}
		]);
	});
});

describe('unreadable files', () => {
	it.each([
		['binary-garbage.jsonl', /binary file/],
		['empty.jsonl', /empty file/],
		['does-not-exist.jsonl', /file not found/]
	])('%s → one reject at line 0', async (name, reason) => {
		const { papers, rejects } = await collect(fixture(name));
		expect(papers).toEqual([]);
		expect(rejects).toEqual([
			{ uri: fixture(name), line: 0, reason: expect.stringMatching(reason) }
		]);
	});
});
