import { describe, expect, it } from 'vitest';
import {
	cleanRecordText,
	normaliseDoi,
	paperId,
	parseArxivId,
	resolveYear,
	slugify,
	titleKey
} from '../../../ingest/sources/normalise.js';

describe('cleanRecordText', () => {
	it.each([
		['NFC: decomposed é becomes one code point', 'Cafe\u0301 models', {}, 'Café models'],
		[
			'whitespace runs and line breaks collapse',
			'  Diffusion\n  models\t\tare  fast ',
			{},
			'Diffusion models are fast'
		],
		[
			'line-break hyphenation is joined',
			'a deterministic diffu-\nsion sampler',
			{},
			'a deterministic diffusion sampler'
		],
		[
			'a real compound keeps its hyphen',
			'strong text-to-\nimage models',
			{},
			'strong text-to-image models'
		],
		['a known prefix keeps its hyphen', 'uses self-\nattention', {}, 'uses self-attention'],
		[
			'HTML tags dropped, entities decoded',
			'<p>We use <i>post-hoc</i> tuning &amp; get &lt;5% error&#8230;</p>',
			{},
			'We use post-hoc tuning & get <5% error…'
		],
		[
			'JATS abstract heading dropped',
			'<jats:title>Abstract</jats:title><jats:p>Diffusion wins.</jats:p>',
			{},
			'Diffusion wins.'
		],
		['non-tag angle brackets survive', 'when x<y and z>w', {}, 'when x<y and z>w'],
		[
			'inline math kept as text',
			'an FID of $23.3$ ($37.2 \\rightarrow 23.3$)',
			{ latex: true },
			'an FID of 23.3 (37.2 → 23.3)'
		],
		[
			'math symbols',
			'$10\\times$ faster, $\\leq 0.1$ s, $\\sim$12K, $\\alpha$-blend',
			{ latex: true },
			'10× faster, ≤ 0.1 s, ~12K, α-blend'
		],
		['sub/superscripts lose braces', '$x^{2}$ and AP$_{50}$', { latex: true }, 'x^2 and AP_50'],
		[
			'\\textbf and \\emph unwrapped',
			'a \\textbf{fast} and \\emph{simple} \\textit{method}',
			{ latex: true },
			'a fast and simple method'
		],
		[
			'\\cite dropped with its tie',
			'as shown~\\cite{ho2020,song2021}. Next',
			{ latex: true },
			'as shown. Next'
		],
		['dashes', '1--4 steps --- fast', { latex: true }, '1–4 steps — fast'],
		['escaped specials', '50\\% of \\$5 \\& more', { latex: true }, '50% of $5 & more'],
		[
			'accents',
			"Bj{\\\"o}rn and Ram\\'irez? no: Ram{\\'\\i}rez",
			{ latex: true },
			'Björn and Ramírez? no: Ramírez'
		],
		[
			'BibTeX case braces',
			'High-Resolution {L}atent {D}iffusion',
			{ latex: true },
			'High-Resolution Latent Diffusion'
		],
		[
			'rendered text keeps -- and \\% when latex is off',
			'attributes -- gender -- at 0.12\\%',
			{},
			'attributes -- gender -- at 0.12\\%'
		],
		[
			'auto: plain text untouched',
			'attributes -- gender at 0.12\\%',
			{ latex: 'auto' as const },
			'attributes -- gender at 0.12\\%'
		],
		[
			'auto: real markup rewritten',
			'a \\textbf{bold} claim -- really',
			{ latex: 'auto' as const },
			'a bold claim – really'
		]
	])('%s', (_name, input, opts, expected) => {
		expect(cleanRecordText(input, opts)).toBe(expected);
	});
});

describe('identifiers', () => {
	it.each([
		['2309.06380', { id: '2309.06380' }],
		['2309.06380v2', { id: '2309.06380', version: 2 }],
		['arXiv:2309.06380v12', { id: '2309.06380', version: 12 }],
		['http://arxiv.org/abs/2309.06380v2', { id: '2309.06380', version: 2 }],
		['https://arxiv.org/pdf/2010.02502v4.pdf', { id: '2010.02502', version: 4 }],
		['http://arxiv.org/abs/hep-th/9901001v1', { id: 'hep-th/9901001', version: 1 }],
		['not an id', null]
	])('parseArxivId(%s)', (input, expected) => {
		expect(parseArxivId(input)).toEqual(expected);
	});

	it('normalises DOIs', () => {
		expect(normaliseDoi('https://doi.org/10.1109/ICCV51070.2023.00355')).toBe(
			'10.1109/iccv51070.2023.00355'
		);
		expect(normaliseDoi('doi:10.1145/3528233.3530757')).toBe('10.1145/3528233.3530757');
		expect(normaliseDoi('n/a')).toBeNull();
	});

	it('year: the record, else the arXiv id, else a date', () => {
		expect(resolveYear({ year: 2021, arxiv: { id: '2309.06380' } })).toBe(2021);
		expect(resolveYear({ year: '2020' })).toBe(2020);
		expect(resolveYear({ year: null, arxiv: { id: '2309.06380' }, date: '2024-01-01' })).toBe(2023);
		expect(resolveYear({ arxiv: { id: 'hep-th/9901001' } })).toBe(1999);
		expect(resolveYear({ year: 'n.d.', date: 'Published 12 March 2022' })).toBe(2022);
		expect(resolveYear({})).toBeNull();
	});

	it('paper id: arXiv, else DOI, else record id, else title slug', () => {
		const title =
			'InstaFlow: One Step is Enough for High-Quality Diffusion-Based Text-to-Image Generation';
		expect(
			paperId({ arxiv: { id: '2309.06380', version: 2 }, doi: '10.1/x', recordId: 'r', title })
		).toBe('arxiv:2309.06380');
		expect(paperId({ doi: '10.1/x', recordId: 'r', title })).toBe('doi:10.1/x');
		expect(paperId({ recordId: 'r', title })).toBe('r');
		expect(paperId({ title })).toBe(
			'instaflow-one-step-is-enough-for-high-quality-diffusion-based-text-to-image'
		);
	});

	it('slugs and title keys ignore case, accents and punctuation', () => {
		expect(slugify('Björn’s   Diffusion: v2.1!')).toBe('bjorn-s-diffusion-v2-1');
		expect(slugify('a'.repeat(100))).toHaveLength(80);
		expect(titleKey('Denoising Diffusion Implicit Models.')).toBe(
			titleKey('denoising  diffusion-implicit models')
		);
	});
});
