// What the input fuzzer (tests/fuzz) found in the readers, one test per fix: records without
// bound, scans that restarted on every chunk, and regexes that rescanned long runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS } from '../../../ingest/sources/input.js';
import { MAX_DOCUMENT_CHARS } from '../../../ingest/sources/json.js';
import {
	capMarks,
	cleanRecordText,
	joinHyphenatedLineBreaks,
	parseArxivId,
	stripHtml,
	stripLatex
} from '../../../ingest/sources/normalise.js';
import { collect } from './collect.js';

const dir = mkdtempSync(join(tmpdir(), 'lineage-limits-'));
const file = (name: string, content: string) => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};
const over = 'x'.repeat(MAX_RECORD_CHARS + 10);
const abstract = 'We distil a diffusion model into a one-step generator with rectified flow.';

/** Runs fn; returns its result and the CPU milliseconds it took (steady on a busy machine). */
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
	const t0 = process.cpuUsage();
	const r = await fn();
	const t = process.cpuUsage(t0);
	return [r, (t.user + t.system) / 1000];
}

describe('over-long records are rejected at their line, the rest still reads', () => {
	it('a 20 MB JSON Lines line without a newline: linear time, one reject', async () => {
		// lines() used to prepend the whole unfinished line to every chunk: quadratic copying.
		const path = file('one-line.jsonl', '{"title":"' + 'x'.repeat(20_000_000));
		const [{ papers, rejects }, ms] = await timed(() => collect(path));
		expect(papers).toEqual([]);
		expect(rejects).toEqual([{ uri: path, line: 1, reason: expect.stringMatching(/longer than/) }]);
		expect(ms).toBeLessThan(8_000);
	});

	it('JSON Lines: the over-long line is rejected, the next one read', async () => {
		const path = file(
			'long.jsonl',
			`{"title":"A","abstract":"${over}"}\n{"title":"B","abstract":"${abstract}"}\n`
		);
		const { papers, rejects } = await collect(path);
		expect(papers.map((p) => p.title)).toEqual(['B']);
		expect(rejects).toEqual([
			{ uri: path, line: 1, reason: expect.stringMatching(/JSON line longer than/) }
		]);
	});

	it('a top-level JSON array element over the limit', async () => {
		const path = file(
			'long.json',
			`[\n{"title":"A","abstract":"${over}"},\n{"title":"B","abstract":"${abstract}"}\n]\n`
		);
		const { papers, rejects } = await collect(path);
		expect(papers.map((p) => p.title)).toEqual(['B']);
		expect(rejects).toEqual([
			{ uri: path, line: 2, reason: expect.stringMatching(/array element longer than/) }
		]);
	});

	it('a JSON document (parsed whole) over its limit is refused, not slurped', async () => {
		const path = file('huge.json', `{"results": [{"title": "${'x'.repeat(MAX_DOCUMENT_CHARS)}"}]}`);
		const { papers, rejects } = await collect(path);
		expect(papers).toEqual([]);
		expect(rejects).toEqual([
			{ uri: path, line: 1, reason: expect.stringMatching(/JSON document larger than/) }
		]);
	});

	it('a sample-corpus paragraph over the limit drops its title too', async () => {
		const path = file('long.txt', `Title A\n\n${over}\n\nTitle B\n\n${abstract.repeat(3)}\n`);
		const { papers, rejects } = await collect(path, { format: 'seed-text' });
		expect(papers.map((p) => p.title)).toEqual(['Title B']);
		expect(rejects).toEqual([
			{ uri: path, line: 1, reason: expect.stringMatching(/paragraph longer than/) }
		]);
	});

	it('an arXiv entry that never closes is cut at the limit, in linear time', async () => {
		const entry = (t: string, s: string) =>
			`<entry><id>x</id><title>${t}</title><summary>${s}</summary></entry>\n`;
		// The search for </entry> used to restart at <entry> on every 64 KB chunk: quadratic.
		const path = file(
			'long.xml',
			`<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><summary>${over}\n` +
				`${over}</summary></entry>\n${entry('B', abstract)}</feed>\n`
		);
		const [{ papers, rejects }, ms] = await timed(() => collect(path));
		expect(papers.map((p) => p.title)).toEqual(['B']);
		expect(rejects).toEqual([
			{ uri: path, line: 2, reason: expect.stringMatching(/<entry> longer than/) }
		]);
		expect(ms).toBeLessThan(8_000);
	});

	it('a BibTeX entry with an unbalanced brace is cut at the limit, in linear time', async () => {
		const path = file(
			'long.bib',
			`@article{a,\n title = {A},\n abstract = {{${over}\n${over}}}\n}\n@article{b, title = {B}, abstract = {${abstract}}}\n`
		);
		const [{ papers, rejects }, ms] = await timed(() => collect(path));
		expect(papers.map((p) => p.title)).toEqual(['B']);
		expect(rejects).toEqual([
			{ uri: path, line: 1, reason: expect.stringMatching(/BibTeX entry longer than/) }
		]);
		expect(ms).toBeLessThan(8_000);
	});

	it('a 3 MB BibTeX entry (under the limit) still reads, in linear time', async () => {
		const long = 'word '.repeat(600_000);
		const path = file('big.bib', `@article{a,\n title = {A},\n abstract = {${long}}\n}\n`);
		const [{ papers, rejects }, ms] = await timed(() => collect(path));
		expect(rejects).toEqual([]);
		expect(papers[0]!.abstract.length).toBeGreaterThan(2_900_000);
		expect(ms).toBeLessThan(8_000);
	});

	it('CSV: an unclosed quote stops at the limit instead of swallowing the file', async () => {
		const path = file('quote.csv', `title,abstract\nA,"${over}\nB,${abstract}\n`);
		const { rejects } = await collect(path);
		expect(rejects).toEqual([
			{ uri: path, line: 2, reason: expect.stringMatching(/malformed CSV/) }
		]);
	});
});

describe('text cleaning runs in linear time on hostile text', () => {
	const MB = 1_000_000;
	it.each([
		[
			'a run of letters before a line break',
			() => joinHyphenatedLineBreaks('a'.repeat(MB) + '\nb')
		],
		['a flood of spaces in LaTeX', () => stripLatex(' '.repeat(MB) + 'x')],
		['unclosed \\( and \\[', () => stripLatex('\\( x '.repeat(MB / 5) + '\\[ y '.repeat(MB / 5))],
		['unclosed <jats:title>', () => stripHtml('<jats:title>'.repeat(MB / 12) + '</jats:title>x')],
		['a long old-style arXiv prefix', () => parseArxivId('a-'.repeat(MB / 2))],
		[
			'a million combining marks (NFC sorts them)',
			() => cleanRecordText('a' + '\u0301\u0323'.repeat(MB / 2))
		],
		[
			'everything through cleanRecordText',
			() => cleanRecordText('ab-'.repeat(MB / 3) + '\n' + ' '.repeat(MB), { latex: true })
		]
	])('%s', async (_name, fn: () => unknown) => {
		const [, ms] = await timed(fn);
		expect(ms).toBeLessThan(3_000);
	});

	it('keeps what the rewritten patterns did on ordinary text', () => {
		expect(joinHyphenatedLineBreaks('diffu-\nsion and text-to-\nimage')).toBe(
			'diffusion and text-to-image'
		);
		expect(stripLatex('as in \\cite{ho2020} and $\\mathcal{O}(n)$ or \\(x^2\\)')).toBe(
			'as in and O(n) or x^2'
		);
		expect(stripHtml('<jats:title>Abstract</jats:title><jats:p>Text</jats:p>').trim()).toBe('Text');
		expect(parseArxivId('hep-th/9901001v2')).toEqual({ id: 'hep-th/9901001', version: 2 });
		expect(capMarks('e\u0301 ' + 'a' + '\u0301'.repeat(40))).toBe(
			'e\u0301 a' + '\u0301'.repeat(30)
		);
		expect(cleanRecordText('Caf\u0065\u0301')).toBe('Café');
	});
});
