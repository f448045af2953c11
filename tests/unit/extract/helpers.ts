// Small builders for extraction tests: a Paper from a title and abstract, and readable views.
import { readFileSync } from 'node:fs';
import { extractPaper } from '../../../ingest/extract/index.js';
import { toPrinted } from '../../../ingest/extract/output.js';
import type { Extraction, Paper } from '../../../ingest/types.js';

export function paper(title: string, abstract: string, id = 'test-paper'): Paper {
	return { id, title, abstract, authors: [], source: { kind: 'test', uri: 'test', line: 1 } };
}

export function extract(title: string, abstract = ''): Extraction {
	return extractPaper(paper(title, abstract));
}

/** "Name (Type)" for every entity. */
export function entities(x: Extraction): string[] {
	return x.entities.map((e) => `${e.name} (${e.type})`);
}

/** "head TYPE tail" for every relation, with names and @paper. */
export function relations(x: Extraction): string[] {
	return toPrinted(x).relations.map((r) => `${r.head} ${r.type} ${r.tail}`);
}

export const SEED_GOLD = new URL('../../fixtures/gold/seed-gold.jsonl', import.meta.url);

export function seedGoldText(): string {
	return readFileSync(SEED_GOLD, 'utf8');
}
