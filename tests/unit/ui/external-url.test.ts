import { describe, expect, it } from 'vitest';
import { bestPaperLink, externalUrl, paperLinks } from '../../../src/lib/graph/external-url';

describe('paper URLs from the data', () => {
	it('become links only when they are web addresses', () => {
		expect(externalUrl('https://arxiv.org/abs/2309.06380')).toBe(
			'https://arxiv.org/abs/2309.06380'
		);
		expect(externalUrl('http://example.org/p')).toBe('http://example.org/p');
		for (const bad of [
			'javascript:alert(1)',
			' JavaScript:alert(1)',
			'java\nscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:x',
			'file:///etc/passwd',
			'//evil.example/x',
			'not a url',
			'',
			undefined
		])
			expect(externalUrl(bad), String(bad)).toBeUndefined();
	});
});

describe('links to the source of a paper', () => {
	it('gives arXiv abstract and PDF links from an arXiv id, new and old style', () => {
		expect(paperLinks({ id: 'arxiv:2506.05413' })).toEqual({
			arxiv: '2506.05413',
			abstract: 'https://arxiv.org/abs/2506.05413',
			pdf: 'https://arxiv.org/pdf/2506.05413'
		});
		expect(paperLinks({ id: 'arxiv:hep-th/9901001' }).pdf).toBe(
			'https://arxiv.org/pdf/hep-th/9901001'
		);
		expect(paperLinks({ id: 'p1', arxivId: 'arXiv:2309.06380v2' }).abstract).toBe(
			'https://arxiv.org/abs/2309.06380v2'
		);
		expect(paperLinks({ id: 'p1', arxivId: 'math.AG/0309136' }).abstract).toBe(
			'https://arxiv.org/abs/math.AG/0309136'
		);
		// arXiv's own DOIs and a stored arXiv URL name the same paper
		expect(paperLinks({ id: 'doi:10.48550/arXiv.2309.06380' })).toEqual({
			arxiv: '2309.06380',
			abstract: 'https://arxiv.org/abs/2309.06380',
			pdf: 'https://arxiv.org/pdf/2309.06380'
		});
		expect(paperLinks({ id: 'slug', url: 'https://arxiv.org/abs/2401.00001v3' })).toEqual({
			arxiv: '2401.00001v3',
			abstract: 'https://arxiv.org/abs/2401.00001v3',
			pdf: 'https://arxiv.org/pdf/2401.00001v3'
		});
	});

	it('gives a doi.org link from a DOI, and the stored URL when it adds something', () => {
		expect(
			paperLinks({ id: 'doi:10.1145/3583780.3615000', url: 'https://dl.acm.org/doi/x' })
		).toEqual({
			doi: '10.1145/3583780.3615000',
			doiUrl: 'https://doi.org/10.1145/3583780.3615000',
			source: 'https://dl.acm.org/doi/x'
		});
		expect(paperLinks({ id: 'x', doi: 'https://doi.org/10.1000/a<b>#c' }).doiUrl).toBe(
			'https://doi.org/10.1000/a%3Cb%3E%23c'
		);
		expect(paperLinks({ id: 'x', doi: '10.1000/xyz', url: 'https://doi.org/10.1000/xyz' })).toEqual(
			{ doi: '10.1000/xyz', doiUrl: 'https://doi.org/10.1000/xyz' }
		);
		expect(paperLinks({ id: 'x', url: 'https://example.org/paper' })).toEqual({
			source: 'https://example.org/paper'
		});
	});

	it('makes no link from what is not an identifier or a web address', () => {
		for (const p of [
			{ id: 'arxiv:javascript:alert(1)' },
			{ id: 'doi:not-a-doi' },
			{ id: 'x', url: 'javascript:alert(1)', arxivId: 'none', doi: '11.1/x' },
			{ id: 'stable-diffusion-2021' }
		])
			expect(paperLinks(p), JSON.stringify(p)).toEqual({});
		expect(bestPaperLink({ id: 'plain' })).toBeUndefined();
		expect(bestPaperLink({ id: 'arxiv:2506.05413', url: 'https://x.org' })).toEqual({
			href: 'https://arxiv.org/abs/2506.05413',
			label: 'arXiv'
		});
	});
});
