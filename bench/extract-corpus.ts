// The bench:extract corpus: abstracts recombined from the seed gold corpus's sentences by a fixed
// generator, so every run (and the output digest) sees the same texts.
import { readFileSync } from 'node:fs';
import { splitSentences } from '../ingest/extract/text.js';

const GOLD = new URL('../tests/fixtures/gold/seed-gold.jsonl', import.meta.url);

export interface BenchAbstract {
	id: string;
	title: string;
	abstract: string;
}

export function buildBenchCorpus(n: number): BenchAbstract[] {
	const lines = readFileSync(GOLD, 'utf8')
		.split('\n')
		.filter((l) => l.trim());
	const titles: string[] = [];
	const sentences: string[] = [];
	for (const l of lines) {
		const g = JSON.parse(l) as { title: string; abstract: string };
		titles.push(g.title);
		for (const s of splitSentences(g.abstract)) sentences.push(g.abstract.slice(s.start, s.end));
	}
	// a fixed linear congruential generator: the same corpus on every run
	let seed = 42;
	const rand = (k: number) => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed % k;
	};
	const out: BenchAbstract[] = [];
	for (let i = 0; i < n; i++) {
		const k = 6 + rand(5);
		const parts: string[] = [];
		for (let j = 0; j < k; j++) parts.push(sentences[rand(sentences.length)]!);
		out.push({ id: `bench-${i}`, title: titles[rand(titles.length)]!, abstract: parts.join(' ') });
	}
	return out;
}
