// The bundled sample corpus reads exactly the 85 papers of the gold annotations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect } from './collect.js';

const SAMPLE = new URL('../../../ingest/sample/sample-corpus.txt', import.meta.url).pathname;
const GOLD = new URL('../../fixtures/gold/seed-gold.jsonl', import.meta.url).pathname;
const gold = readFileSync(GOLD, 'utf8')
	.split('\n')
	.filter((l) => l.trim())
	.map((l) => JSON.parse(l) as { id: string; title: string; abstract: string });

describe('bundled sample corpus', () => {
	it('reads 85 papers whose titles and abstracts equal the gold ones, in order, no rejects', async () => {
		const { papers, rejects } = await collect(SAMPLE);
		expect(rejects).toEqual([]);
		expect(papers).toHaveLength(85);
		expect(papers.map((p) => p.title)).toEqual(gold.map((g) => g.title));
		expect(papers.map((p) => p.abstract)).toEqual(gold.map((g) => g.abstract));
	});

	it('gives each paper a unique title-slug id and the line of its title', async () => {
		const { papers } = await collect(SAMPLE);
		expect(new Set(papers.map((p) => p.id)).size).toBe(85);
		const insta = papers.find((p) => p.title.startsWith('InstaFlow'));
		expect(insta?.id).toBe(
			'instaflow-one-step-is-enough-for-high-quality-diffusion-based-text-to-image'
		);
		expect(insta?.source).toEqual({ kind: 'seed-text', uri: SAMPLE, line: 51 });
		expect(papers[0]!.source.line).toBe(11); // after the page header lines
	});

	it('reads the gold JSON Lines file to the same titles and abstracts', async () => {
		const { papers, rejects } = await collect(GOLD);
		expect(rejects).toEqual([]);
		expect(papers.map((p) => p.id)).toEqual(gold.map((g) => g.id));
		expect(papers.map((p) => p.abstract)).toEqual(gold.map((g) => g.abstract));
	});
});
