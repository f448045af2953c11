// Gzip-compressed input: read as a stream through gunzip, the format taken from the name without
// `.gz`; truncated or corrupt data and gzip bombs are rejects naming the file, not crashes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS } from '../../../ingest/sources/input.js';
import type { Paper } from '../../../ingest/types.js';
import { collect, fixture } from './collect.js';

const dir = mkdtempSync(join(tmpdir(), 'lineage-gzip-'));
const gz = (name: string, content: Buffer | string) => {
	const path = join(dir, name);
	writeFileSync(path, typeof content === 'string' ? gzipSync(content) : content);
	return path;
};
/** A paper without its file name, which differs between the plain and the compressed file. */
const bare = ({ source, ...rest }: Paper) => ({ ...rest, line: source.line, kind: source.kind });

describe('gzip-compressed files', () => {
	it.each(['papers.jsonl', 'papers.csv', 'papers.json', 'papers.bib', 'papers-broken.jsonl'])(
		'%s.gz reads the same papers and rejects as %s',
		async (name) => {
			const plain = await collect(fixture(name));
			const path = gz(`${name}.gz`, readFileSync(fixture(name)).toString('utf8'));
			const packed = await collect(path);
			expect(plain.papers.length).toBeGreaterThan(0);
			expect(packed.papers.map(bare)).toEqual(plain.papers.map(bare));
			expect(packed.rejects).toEqual(plain.rejects.map((r) => ({ ...r, uri: path })));
		}
	);

	it('the format comes from the name without .gz, or from --format', async () => {
		const csv = readFileSync(fixture('papers.csv'), 'utf8');
		const named = await collect(gz('export.csv.gz', csv));
		const forced = await collect(gz('export.gz', csv), { format: 'csv' });
		expect(named.papers.length).toBe(forced.papers.length);
		expect(forced.papers[0]!.source.kind).toBe('csv');
		expect(forced.rejects).toEqual([]);
	});

	it('a gzip file is found by its bytes whatever its name', async () => {
		const jsonl = readFileSync(fixture('papers.jsonl'), 'utf8');
		const { papers, rejects } = await collect(gz('papers.jsonl', jsonl));
		expect(rejects).toEqual([]);
		expect(papers.length).toBe((await collect(fixture('papers.jsonl'))).papers.length);
	});

	it('a truncated .gz keeps the records before the cut and rejects the rest, naming the file', async () => {
		const row = (i: number) =>
			JSON.stringify({ title: `Paper ${i}`, abstract: `Abstract number ${i} of many. `.repeat(5) });
		const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => row(i)).join('\n') + '\n');
		const path = gz('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
		const { papers, rejects } = await collect(path);
		expect(papers.length).toBeGreaterThan(100);
		expect(papers.length).toBeLessThan(2000);
		expect(rejects).toEqual([
			{
				uri: path,
				line: papers.length + 1,
				reason: expect.stringMatching(/cannot read the rest of the file: gzip data ends early/)
			}
		]);
	});

	it('a corrupt gzip header or checksum is a reject naming the file', async () => {
		const header = gz('bad.jsonl.gz', Buffer.from([0x1f, 0x8b, 0x63, 0, 0, 0, 0, 0, 0, 3, 1, 2]));
		expect((await collect(header)).rejects).toEqual([
			{ uri: header, line: 0, reason: expect.stringMatching(/^corrupt gzip data/) }
		]);
		const good = gzipSync(readFileSync(fixture('papers.jsonl')));
		good[good.length - 6]! ^= 0xff; // CRC-32 of the content
		const crc = gz('crc.jsonl.gz', good);
		const { rejects } = await collect(crc);
		expect(rejects.at(-1)).toEqual({
			uri: crc,
			line: expect.any(Number),
			reason: expect.stringMatching(/corrupt gzip data/)
		});
	});

	it('an empty gzip, and an empty file named .gz, are rejects', async () => {
		const empty = gz('empty.jsonl.gz', '');
		expect((await collect(empty)).rejects).toEqual([
			{ uri: empty, line: 0, reason: expect.stringMatching(/empty file/) }
		]);
		const zero = join(dir, 'zero.jsonl.gz');
		writeFileSync(zero, '');
		expect((await collect(zero)).rejects).toEqual([{ uri: zero, line: 0, reason: 'empty file' }]);
	});
});

describe('gzip bombs are bounded', () => {
	/** `total` bytes of `byte` as gzip members of 16 MB each (valid gzip: members concatenate). */
	function bomb(byte: number, total: number): Buffer {
		const member = gzipSync(Buffer.alloc(16 * 1024 * 1024, byte), { level: 9 });
		return Buffer.concat(Array.from({ length: total / (16 * 1024 * 1024) }, () => member));
	}

	/** Reads a file, sampling the process's memory meanwhile; returns the result and peak growth. */
	async function peakGrowth(path: string) {
		const before = process.memoryUsage().rss;
		let peak = before;
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		try {
			const result = await collect(path);
			peak = Math.max(peak, process.memoryUsage().rss);
			return { ...result, grewMb: (peak - before) / 1e6 };
		} finally {
			clearInterval(timer);
		}
	}

	it('1 GB of zeros (1 MB compressed) is a binary-file reject straight away', async () => {
		const path = gz('zeros.jsonl.gz', bomb(0, 1024 * 1024 * 1024));
		expect(readFileSync(path).length).toBeLessThan(2_000_000);
		const { papers, rejects, grewMb } = await peakGrowth(path);
		expect(papers).toEqual([]);
		expect(rejects).toEqual([{ uri: path, line: 0, reason: expect.stringMatching(/binary file/) }]);
		expect(grewMb).toBeLessThan(200);
	});

	it('256 MB without a newline: memory stays flat, and the expansion stops the read early', async () => {
		const size = 256 * 1024 * 1024;
		const path = gz('letters.jsonl.gz', bomb(0x61, size));
		const { papers, rejects, grewMb } = await peakGrowth(path);
		expect(papers).toEqual([]);
		expect(rejects).toEqual([
			{ uri: path, line: 1, reason: expect.stringMatching(/expands more than 200-fold/) }
		]);
		// The reader holds at most one record (MAX_RECORD_CHARS) plus a few chunks.
		expect(grewMb).toBeLessThan(Math.max(200, (6 * MAX_RECORD_CHARS) / 1e6));
	}, 30_000);

	it('1 GB of newlines (a billion empty lines) is stopped after a few MB, not read to the end', async () => {
		const path = gz('newlines.jsonl.gz', bomb(0x0a, 1024 * 1024 * 1024));
		const t0 = performance.now();
		const { papers, rejects, grewMb } = await peakGrowth(path);
		expect(papers).toEqual([]);
		expect(rejects).toEqual([
			{ uri: path, line: expect.any(Number), reason: expect.stringMatching(/a gzip bomb\?/) }
		]);
		expect(rejects[0]!.line).toBeLessThan(100 * 1024 * 1024);
		expect(performance.now() - t0).toBeLessThan(25_000);
		expect(grewMb).toBeLessThan(200);
	}, 60_000);

	it('real text compresses far below the bomb ratio: a large redundant JSON Lines file reads', async () => {
		const row = (i: number) =>
			JSON.stringify({
				title: `Paper ${i}`,
				abstract: 'We propose a diffusion model. '.repeat(20)
			});
		const text = Array.from({ length: 40_000 }, (_, i) => row(i)).join('\n');
		const packed = gzipSync(text, { level: 9 });
		expect(text.length / packed.length).toBeGreaterThan(20); // far more redundant than abstracts
		const { papers, rejects } = await collect(gz('redundant.jsonl.gz', packed));
		expect(rejects).toEqual([]);
		expect(papers).toHaveLength(40_000);
	}, 30_000);
});
