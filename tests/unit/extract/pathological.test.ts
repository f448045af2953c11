// What the input fuzzer (tests/fuzz) found in the extractor, one test per fix: regexes and loops
// that were quadratic (or worse) in the length of a token, a run or a sentence.
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../ingest/extract/clean.js';
import { entities, extract } from './helpers.js';

/** Runs fn; returns its result and the CPU milliseconds it took (steady on a busy machine). */
function timed<T>(fn: () => T): [T, number] {
	const t0 = process.cpuUsage();
	const r = fn();
	const t = process.cpuUsage(t0);
	return [r, (t.user + t.system) / 1000];
}

describe('cleanText on long runs', () => {
	it.each([
		['a hyphen chain (domain-name pattern)', 'a-'.repeat(200_000)],
		['a dotted chain', 'ab.'.repeat(150_000)],
		['a run of spaces before nothing (space-before-comma pattern)', ' '.repeat(400_000) + 'x'],
		['zero-width no-break spaces (newline pattern)', '\ufeff'.repeat(400_000) + 'x']
	])('%s', (_name, text) => {
		const [, ms] = timed(() => cleanText(text));
		expect(ms).toBeLessThan(2_000);
	});

	it('still drops links and tidies spacing as before', () => {
		expect(cleanText('See github.com/x/InstaFlow and www.a.org , then  \n  more ;')).toBe(
			'See and, then\nmore;'
		);
	});
});

describe('extractPaper on hostile abstracts', () => {
	it('a 1 MB abstract is cut before cleaning and analysed in bounded time', () => {
		const s = 'We fine-tune SDXL with LoRA on MS COCO and report FID. ';
		const [x, ms] = timed(() => extract('Big', s.repeat(Math.ceil(1_000_000 / s.length))));
		expect(ms).toBeLessThan(5_000);
		expect(x.warnings?.join(' ')).toMatch(/longer than/);
	});

	it('a 50 KB run-on title: cue gaps stop at the rule gap (quadratic before: a minute at 80 KB)', () => {
		const phrase = 'SDXL on ImageNet with FID using DDIM for COCO and ';
		const [x, ms] = timed(() => extract(phrase.repeat(1_000), 'We evaluate on COCO.'));
		expect(ms).toBeLessThan(10_000);
		expect(entities(x)).toEqual(expect.arrayContaining(['SDXL (Model)', 'ImageNet (Dataset)']));
	}, 60_000);

	it('many parentheses and "we propose" in one sentence: chunking stays linear', () => {
		const part = 'we propose Fast Model (FM) with Stable Diffusion (SD) and ';
		const [, ms] = timed(() => extract('Title', part.repeat(1_500)));
		expect(ms).toBeLessThan(10_000);
	}, 60_000);

	it('still finds a proposed name with its abbreviation, and skips a respelling', () => {
		const x = extract(
			'A title',
			'We propose Consistency Trajectory Model (CTM), a generalization of consistency models.'
		);
		expect(x.entities.map((e) => e.name)).toContain('Consistency Trajectory Model');
		const t = extract('A title', 'Our T-Stitch (TStitch) method speeds up sampling.');
		expect(t.entities.map((e) => e.name)).toEqual(['TStitch']);
	});
});
