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

	it('winnerIds names the winning record of each set, with its final id', () => {
		const d = new Deduper({ keepPapers: false });
		d.addDetailed(paper({ id: 'a', title: 'Denoising Diffusion Implicit Models' }), 0);
		d.addDetailed(paper({ id: 'arxiv:2010.02502', arxivId: '2010.02502v2', title: 'DDIM' }), 1);
		d.addDetailed(paper({ id: 'b', title: 'Denoising Diffusion Probabilistic Models' }), 2);
		// Proves that 0 and 1 are one work, but is an older version than record 1: record 1 wins.
		const r = d.addDetailed(
			paper({
				id: 'x',
				arxivId: '2010.02502v1',
				title: 'Denoising diffusion implicit models'
			}),
			3
		);
		expect(r.outcome).toBe('duplicate');
		expect(d.size).toBe(2);
		expect(d.winnerIds(4)).toEqual([undefined, 'arxiv:2010.02502', 'b', undefined]);
	});

	it('a losing record with a DOI does not demote an arXiv id', () => {
		const d = new Deduper({ keepPapers: false });
		d.addDetailed(paper({ id: 'arxiv:2112.10752', arxivId: '2112.10752v2', title: 'LDM' }), 0);
		const r = d.addDetailed(
			paper({ id: 'doi:10.1/ldm', arxivId: '2112.10752v1', doi: '10.1/LDM', title: 'LDM' }),
			1
		);
		expect(r).toMatchObject({ outcome: 'duplicate', id: 'arxiv:2112.10752', previousIds: [] });
		expect(d.winnerIds(2)).toEqual(['arxiv:2112.10752', undefined]);
	});

	it('keeps tens of thousands of papers apart and finds each again', () => {
		const d = new Deduper({ keepPapers: false });
		const n = 30_000;
		for (let i = 0; i < n; i++)
			d.addDetailed(paper({ id: `p${i}`, title: `Paper number ${i}` }), i);
		expect(d.size).toBe(n);
		for (let i = 0; i < n; i += 997) {
			expect(d.addDetailed(paper({ id: `q${i}`, title: `Paper number ${i}` }), n + i).id).toBe(
				`p${i}`
			);
		}
		const ids = d.winnerIds(2 * n);
		expect(ids.filter((id) => id !== undefined)).toHaveLength(n);
		// The same fields under another id: a duplicate, the first record stays the winner.
		expect([ids[997], ids[n + 997]]).toEqual(['p997', undefined]);
	});
});
