// Figures of the hand-judged samples (issue 15), recomputed from the fixtures in
// tests/fixtures/judged/ (see its README for the commands that drew each sample): name and type
// precision of 200 names drawn at random from the real corpus's extractions, and the precision
// of the top rows of "what builds on X" on the real corpus's graph. The fixtures hold ids,
// names and verdicts only, never abstract text.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../fixtures/judged/', import.meta.url);

interface NameVerdict {
	paperId: string;
	name: string;
	type: string;
	typeRule: string;
	nameOk: boolean;
	typeOk: boolean | null;
	note: string;
}

interface RowVerdict {
	root: string;
	rank: number;
	id: string;
	label: string;
	kind: string;
	paperId: string | null;
	correct: boolean;
	note: string;
}

function lines<T>(file: string): T[] {
	return readFileSync(new URL(file, DIR), 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as T);
}

/** Name precision over the sample, type precision over the names that are names. */
function namePrecision(rows: NameVerdict[]): { name: number; type: number } {
	const names = rows.filter((r) => r.nameOk);
	return {
		name: names.length / rows.length,
		type: names.filter((r) => r.typeOk === true).length / names.length
	};
}

const ALLOWED_NAME_KEYS = ['name', 'nameOk', 'note', 'paperId', 'type', 'typeOk', 'typeRule'];

describe('hand-judged name sample', () => {
	const rows = lines<NameVerdict>('name-sample.jsonl');

	it('is 200 verdicts with ids, names and verdicts only', () => {
		expect(rows).toHaveLength(200);
		for (const r of rows) {
			expect(Object.keys(r).sort()).toEqual(ALLOWED_NAME_KEYS);
			expect(typeof r.nameOk).toBe('boolean');
			if (!r.nameOk) expect(r.typeOk).toBeNull();
		}
	});

	it('name precision ≥ 0.90 and type precision ≥ 0.85', () => {
		const p = namePrecision(rows);
		console.info(`name sample: name precision ${p.name.toFixed(3)}, type ${p.type.toFixed(3)}`);
		expect(p.name).toBeGreaterThanOrEqual(0.9);
		expect(p.type).toBeGreaterThanOrEqual(0.85);
	});

	it('keeps the first round, judged before the fixes it prompted, as a record', () => {
		const first = lines<NameVerdict>('name-sample-ae02d02.jsonl');
		expect(first).toHaveLength(200);
		const p = namePrecision(first);
		expect(p.name).toBeCloseTo(0.82, 2);
		expect(p.type).toBeCloseTo(146 / 164, 3);
	});
});

const FLAGSHIP = new URL('builds-on.jsonl', DIR);

describe.skipIf(!existsSync(FLAGSHIP))('hand-judged "what builds on X"', () => {
	const rows = existsSync(FLAGSHIP) ? lines<RowVerdict>('builds-on.jsonl') : [];

	it('judges the top rows of the five flagship questions, ids and verdicts only', () => {
		const roots = new Set(rows.map((r) => r.root));
		expect([...roots].sort()).toEqual(
			[
				'model:clip',
				'model:gpt-4',
				'model:llama',
				'model:stable-diffusion',
				'technique:lora'
			].sort()
		);
		for (const root of roots)
			expect(rows.filter((r) => r.root === root).length).toBeLessThanOrEqual(20);
		for (const r of rows) expect(typeof r.correct).toBe('boolean');
	});

	it('precision ≥ 0.90 over the judged rows', () => {
		const p = rows.filter((r) => r.correct).length / rows.length;
		console.info(`builds-on: precision ${p.toFixed(3)} over ${rows.length} rows`);
		expect(p).toBeGreaterThanOrEqual(0.9);
	});
});
