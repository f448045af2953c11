// Synthetic corpora for benchmarks and tests: abstracts recombined from the bundled sample
// corpus's sentences, so names and relations recur as they do in real data. Deterministic.
import fs from 'node:fs';
import path from 'node:path';
import { SAMPLE_CORPUS } from '../ingest/sample/index.js';
import { readPapers } from '../ingest/sources/index.js';
import { prng } from '../src/lib/prng.js';

export interface SeedPaper {
	title: string;
	sentences: string[];
}

export async function loadSeedPapers(file = SAMPLE_CORPUS): Promise<SeedPaper[]> {
	const papers: SeedPaper[] = [];
	for await (const r of readPapers(file)) {
		if (!r.ok) continue;
		const sentences = r.paper.abstract.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [r.paper.abstract];
		papers.push({
			title: r.paper.title,
			sentences: sentences.map((s) => s.trim()).filter(Boolean)
		});
	}
	return papers;
}

export { prng };

export interface GeneratedPaper {
	id: string;
	title: string;
	abstract: string;
	year: number;
}

/** The i-th generated abstract: a paper's title and opening, then sentences from others. */
export function* generatePapers(
	seeds: SeedPaper[],
	count: number,
	seed = 42
): Generator<GeneratedPaper> {
	const random = prng(seed);
	const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
	for (let i = 0; i < count; i++) {
		const base = pick(seeds);
		const sentences = [base.sentences[0] ?? ''];
		const extra = 2 + Math.floor(random() * 4);
		for (let k = 0; k < extra; k++) sentences.push(pick(pick(seeds).sentences));
		yield {
			id: `gen-${i}`,
			title: `${base.title} (variant ${i})`,
			abstract: sentences.join(' '),
			year: 2018 + (i % 8)
		};
	}
}

/** Writes `count` generated papers as JSON Lines; returns the file size in bytes. */
export async function writeCorpus(file: string, count: number, seed = 42): Promise<number> {
	const seeds = await loadSeedPapers();
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const fd = fs.openSync(file, 'w');
	let bytes = 0;
	let chunk = '';
	for (const paper of generatePapers(seeds, count, seed)) {
		chunk += `${JSON.stringify(paper)}\n`;
		if (chunk.length > 1 << 20) {
			bytes += fs.writeSync(fd, chunk);
			chunk = '';
		}
	}
	bytes += fs.writeSync(fd, chunk);
	fs.closeSync(fd);
	return bytes;
}
