// Format choice (content, extension, --format) and the file-level rejects.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFormat, sniffFormat } from '../../../ingest/sources/index.js';
import { collect, fixture } from './collect.js';

describe('sniffFormat', () => {
	it.each([
		['feed', '<?xml version="1.0"?>\n<feed xmlns=…', 'arxiv'],
		['export.json', '{"results": [', 'json'],
		['export.jsonl', '{"title": "a"}\n{"title": "b"}', 'jsonl'],
		['export.json', '[\n  {', 'json'],
		['refs', '@article{ho2020,\n', 'bibtex'],
		['refs.bib', '% comment\n@article{x,', 'bibtex'],
		['sheet.csv', 'Title,Abstract\n', 'csv'],
		['sheet', 'id,title,abstract,year\n', 'csv'],
		['sheet', 'title\tabstract\n', 'tsv'],
		['papers.txt', 'new\n\nSome Title\n\nAbstract…', 'seed-text'],
		['papers', 'Some Title\n\nAbstract…', 'seed-text']
	])('%s starting %j → %s', (name, head, expected) => {
		expect(sniffFormat(name, head)).toBe(expected);
	});

	it('resolves names and aliases for --format', () => {
		expect(resolveFormat('NDJSON')).toBe('jsonl');
		expect(resolveFormat('s2')).toBe('semantic-scholar');
		expect(resolveFormat('atom')).toBe('arxiv');
		expect(resolveFormat('bib')).toBe('bibtex');
		expect(resolveFormat('docx')).toBeNull();
	});
});

describe('readPapers format choice', () => {
	const dir = mkdtempSync(join(tmpdir(), 'lineage-sources-'));

	it.each([
		['arxiv-page.xml', 3],
		['papers.bib', 3],
		['papers.csv', 4],
		['papers.jsonl', 4],
		['openalex-works.json', 2],
		['listing.txt', 3]
	])('sniffs %s by content when it has no extension', async (name, count) => {
		const bare = join(dir, name.replace(/\.\w+$/, ''));
		copyFileSync(fixture(name), bare);
		const { papers } = await collect(bare);
		expect(papers).toHaveLength(count);
	});

	it('--format forces a reader (a JSON Lines OpenAlex snapshot)', async () => {
		const f = join(dir, 'snapshot.txt');
		writeFileSync(
			f,
			'{"id":"https://openalex.org/W1","title":"Diffusion Models Beat GANs on Image Synthesis","publication_year":2021,"abstract_inverted_index":{"Diffusion":[0],"wins.":[1]}}\n'
		);
		const { papers, rejects } = await collect(f, { format: 'openalex' });
		expect(rejects).toEqual([]);
		expect(papers[0]).toMatchObject({ id: 'openalex:W1', abstract: 'Diffusion wins.', year: 2021 });
		expect(papers[0]!.source.kind).toBe('openalex');
	});

	it('an unknown --format is one reject naming the known ones', async () => {
		const { rejects } = await collect(fixture('papers.jsonl'), { format: 'docx' });
		expect(rejects).toEqual([
			{
				uri: fixture('papers.jsonl'),
				line: 0,
				reason: expect.stringMatching(/unknown format "docx".*jsonl/)
			}
		]);
	});

	it('a directory, a whitespace-only file and a bzip2 file are rejects, not crashes', async () => {
		const sub = join(dir, 'subdir');
		mkdirSync(sub, { recursive: true });
		const blank = join(dir, 'blank.jsonl');
		writeFileSync(blank, '\n  \n\n');
		const bz = join(dir, 'papers.jsonl.bz2');
		writeFileSync(bz, Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(40, 7)]));
		expect((await collect(sub)).rejects[0]).toMatchObject({
			line: 0,
			reason: 'is a directory, not a file'
		});
		expect((await collect(blank)).rejects).toEqual([
			{ uri: blank, line: 0, reason: expect.stringMatching(/no papers found/) }
		]);
		expect((await collect(bz)).rejects).toEqual([
			{ uri: bz, line: 0, reason: expect.stringMatching(/bzip2-compressed file: decompress it/) }
		]);
	});

	it('streams a large JSON Lines file record by record', async () => {
		const big = join(dir, 'big.jsonl');
		const row = (i: number) =>
			JSON.stringify({
				title: `Paper ${i}`,
				abstract: `Abstract ${i} `.repeat(40),
				arxivId: `2401.${String(i).padStart(5, '0')}`
			});
		writeFileSync(big, Array.from({ length: 5000 }, (_, i) => row(i)).join('\n') + '\n');
		let n = 0;
		let last = '';
		for await (const r of (await import('../../../ingest/sources/index.js')).readPapers(big)) {
			if (r.ok) {
				n++;
				last = r.paper.id;
			}
		}
		expect(n).toBe(5000);
		expect(last).toBe('arxiv:2401.04999');
	});
});
