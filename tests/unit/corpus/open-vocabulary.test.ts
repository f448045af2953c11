// The generator benchmarks use: an open vocabulary whose size grows like a power of the corpus
// (Heaps' law) with power-law reuse (Zipf), deterministic, and names the extractor reads as
// entities of the intended type — so a generated graph has the real corpus's shape.
import { describe, expect, it } from 'vitest';
import { generatePapers, loadSeedPapers, type GeneratedPaper } from '../../../support/corpus.js';
import { OpenVocabulary, REAL_VOCABULARY, stemFor } from '../../../support/vocabulary.js';
import { extractPaper } from '../../../ingest/extract/index.js';
import { prng } from '../../../graph/prng.js';

const seeds = await loadSeedPapers();
const take = (n: number, options: Parameters<typeof generatePapers>[2]) => [
	...generatePapers(seeds, n, options)
];

describe('OpenVocabulary', () => {
	it('grows sublinearly, like a power of the mentions (Heaps’ law)', () => {
		const v = new OpenVocabulary(prng(1));
		const sizes: number[] = [];
		for (const n of [20_000, 200_000]) {
			while (v.mentionCount < n) v.draw();
			sizes.push(v.names.length);
		}
		const exponent = Math.log10(sizes[1]! / sizes[0]!);
		expect(exponent).toBeGreaterThan(0.75);
		expect(exponent).toBeLessThan(REAL_VOCABULARY.discount + 0.05);
		// most mentions early on are new names, as in real corpora
		expect(sizes[0]! / 20_000).toBeGreaterThan(0.4);
	});

	it('reuses earlier names with a heavy tail (Zipf): a few names in many papers, most in one', () => {
		const v = new OpenVocabulary(prng(2));
		const counts = new Map<number, number>();
		for (let i = 0; i < 50_000; i++) {
			const n = v.draw();
			counts.set(n.index, (counts.get(n.index) ?? 0) + 1);
		}
		const sorted = [...counts.values()].sort((a, b) => b - a);
		const once = sorted.filter((c) => c === 1).length / sorted.length;
		expect(once).toBeGreaterThan(0.6);
		expect(sorted[0]!).toBeGreaterThan(20);
		// rank-frequency falls like a power: the 10th name is used far more than the 1000th
		expect(sorted[9]! / sorted[999]!).toBeGreaterThan(3);
	});

	it('is deterministic for a seed, and every name is unique', () => {
		const a = new OpenVocabulary(prng(7));
		const b = new OpenVocabulary(prng(7));
		const seqA = Array.from({ length: 2000 }, () => a.draw().name);
		const seqB = Array.from({ length: 2000 }, () => b.draw().name);
		expect(seqA).toEqual(seqB);
		const stems = new Set(Array.from({ length: 100_000 }, (_, i) => stemFor(i)));
		expect(stems.size).toBe(100_000);
	});
});

describe('generatePapers', () => {
	it('gives the same corpus for the same seed, another for another', () => {
		const one = take(300, { seed: 5 });
		expect(take(300, { seed: 5 })).toEqual(one);
		expect(take(300, { seed: 6 })).not.toEqual(one);
	});

	it('names new things in an open corpus and only the sample corpus’s in a closed one', () => {
		const coined = (ps: GeneratedPaper[]) =>
			new Set(
				ps.flatMap((p) => `${p.title} ${p.abstract}`.match(/\b[A-Z][a-z]+[A-Z][a-z]+\w*/g) ?? [])
			);
		const open = coined(take(2000, { seed: 3 }));
		const closed = coined(take(2000, { seed: 3, vocabulary: 'closed' }));
		const opened = [...open].filter((n) => !closed.has(n) && /^[A-Z][a-z]{1,3}[A-Z]/.test(n));
		expect(opened.length).toBeGreaterThan(1500);
		const seedText = seeds.map((s) => `${s.title} ${s.sentences.join(' ')}`).join(' ');
		for (const n of closed) expect(seedText).toContain(n);
	});

	it('writes names the extractor reads as entities of the intended type', () => {
		const papers = take(400, { seed: 9 });
		const expected = { Model: 0, Dataset: 0, Technique: 0 };
		let found = 0;
		let total = 0;
		for (const p of papers) {
			const x = extractPaper({ ...p, authors: [], source: { kind: 'test', uri: 't', line: 1 } });
			for (const m of `${p.title} ${p.abstract}`.matchAll(
				/\b([A-Z][a-z]+[A-Z][a-z]+(?:-\d+B|Bench)?)\b/g
			)) {
				const name = m[1]!;
				if (!/^[A-Z][a-z]{1,3}[A-Z][a-z]{1,3}(?:-\d+B|Bench)?$/.test(name)) continue;
				const type = name.endsWith('Bench')
					? 'Dataset'
					: /-\d+B$/.test(name)
						? 'Model'
						: 'Technique';
				total++;
				const e = x.entities.find((e) => e.name === name);
				if (e?.type === type) {
					found++;
					expected[type]++;
				}
			}
		}
		expect(found / total).toBeGreaterThan(0.9);
		expect(Object.values(expected).every((n) => n > 20)).toBe(true);
	});
});
