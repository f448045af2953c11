import { describe, expect, it } from 'vitest';
import { Deduper } from '../../../ingest/sources/dedupe.js';
import type { Paper } from '../../../ingest/types.js';

const paper = (p: Partial<Paper> & { id: string }): Paper => ({
	title: 'InstaFlow: One Step is Enough for High-Quality Diffusion-Based Text-to-Image Generation',
	abstract: 'Diffusion models have revolutionized text-to-image generation.',
	authors: [],
	year: null,
	source: { kind: 'test', uri: 'mem', line: 1 },
	...p
});

describe('Deduper', () => {
	it('merges arXiv versions: the higher version wins whatever the order', () => {
		const d = new Deduper();
		expect(
			d.add(paper({ id: 'arxiv:2309.06380', arxivId: '2309.06380v2', abstract: 'v2 text' }))
		).toBe('new');
		expect(
			d.add(paper({ id: 'arxiv:2309.06380', arxivId: '2309.06380v1', abstract: 'v1 text' }))
		).toBe('duplicate');
		expect(
			d.add(paper({ id: 'arxiv:2309.06380', arxivId: '2309.06380v3', abstract: 'v3 text' }))
		).toBe('replaced');
		expect(d.papers()).toHaveLength(1);
		expect(d.papers()[0]).toMatchObject({ abstract: 'v3 text', arxivId: '2309.06380v3' });
		expect(d.counts).toEqual({ new: 1, duplicate: 1, replaced: 1 });
	});

	it('merges by DOI (case-insensitive); without versions the later record wins', () => {
		const d = new Deduper();
		d.add(paper({ id: 'doi:10.1109/x', doi: '10.1109/X', title: 'Old title', abstract: 'old' }));
		const r = d.addDetailed(
			paper({ id: 'doi:10.1109/x', doi: '10.1109/x', title: 'New title', abstract: 'new' })
		);
		expect(r.outcome).toBe('replaced');
		expect(r.paper?.abstract).toBe('new');
		expect(d.size).toBe(1);
	});

	it('merges by normalised title, fills missing fields and moves to the stronger id', () => {
		const d = new Deduper();
		d.add(
			paper({
				id: 'instaflow-one-step',
				year: 2023,
				title:
					'InstaFlow: One Step is Enough for High-Quality Diffusion-Based Text-to-Image Generation.'
			})
		);
		const r = d.addDetailed(
			paper({
				id: 'arxiv:2309.06380',
				arxivId: '2309.06380v1',
				title:
					'instaflow — one step is enough for high quality diffusion based text to image generation'
			})
		);
		expect(r.outcome).toBe('replaced');
		expect(r.id).toBe('arxiv:2309.06380');
		expect(r.previousIds).toEqual(['instaflow-one-step']);
		expect(r.paper).toMatchObject({ id: 'arxiv:2309.06380', year: 2023 }); // year kept from the loser
		expect(d.papers().map((p) => p.id)).toEqual(['arxiv:2309.06380']);
	});

	it('an identical record again is a duplicate, not a replacement', () => {
		const d = new Deduper();
		const p = paper({ id: 'arxiv:2010.02502', arxivId: '2010.02502v4' });
		d.add(p);
		expect(d.add({ ...p, source: { kind: 'jsonl', uri: 'other', line: 9 } })).toBe('duplicate');
	});

	it('distinct papers stay distinct', () => {
		const d = new Deduper();
		expect(d.add(paper({ id: 'a', title: 'Denoising Diffusion Implicit Models' }))).toBe('new');
		expect(d.add(paper({ id: 'b', title: 'Denoising Diffusion Probabilistic Models' }))).toBe(
			'new'
		);
		expect(d.size).toBe(2);
	});

	it('joins two entries that one paper proves to be the same work', () => {
		const d = new Deduper();
		d.add(paper({ id: 'arxiv:2112.10752', arxivId: '2112.10752v1', title: 'LDM preprint title' }));
		d.add(
			paper({
				id: 'doi:10.1109/cvpr52688.2022.01042',
				doi: '10.1109/cvpr52688.2022.01042',
				title: 'LDM journal title'
			})
		);
		expect(d.size).toBe(2);
		const r = d.addDetailed(
			paper({
				id: 'arxiv:2112.10752',
				arxivId: '2112.10752v2',
				doi: '10.1109/cvpr52688.2022.01042',
				title: 'High-Resolution Image Synthesis with Latent Diffusion Models'
			})
		);
		expect(r.outcome).toBe('replaced');
		expect(r.previousIds).toEqual(['doi:10.1109/cvpr52688.2022.01042']);
		expect(d.size).toBe(1);
		expect(d.papers()[0]).toMatchObject({ id: 'arxiv:2112.10752', arxivId: '2112.10752v2' });
	});

	it('with keepPapers: false it still decides, keeping no papers and not mutating input', () => {
		const d = new Deduper({ keepPapers: false });
		d.add(paper({ id: 'slug-a', title: 'Same Title' }));
		const incoming = paper({
			id: 'arxiv:2401.00001',
			arxivId: '2401.00001v1',
			title: 'Same title'
		});
		const r = d.addDetailed(incoming);
		expect(r.outcome).toBe('replaced');
		expect(r.paper?.id).toBe('arxiv:2401.00001');
		expect(incoming.id).toBe('arxiv:2401.00001');
		expect(d.papers()).toEqual([]);
	});
});
