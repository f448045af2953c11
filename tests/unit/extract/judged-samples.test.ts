// Figures of the hand-judged samples (issue 15), recomputed from the fixtures in
// tests/fixtures/judged/ (its README has the commands that drew each sample and the table these
// figures must match): name and type precision of 200 names drawn at random from the real
// corpus's extractions, and the precision of the top rows of "what builds on X" on the real
// corpus's graph, one file per round. The fixtures hold ids, names and verdicts only.
import { readdirSync, readFileSync } from 'node:fs';
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

/** The README's tables: file → the figures it reports. */
function reported(): Map<string, number[]> {
	const out = new Map<string, number[]>();
	for (const line of readFileSync(new URL('README.md', DIR), 'utf8').split('\n')) {
		const m = /^\| `([\w.-]+\.jsonl)` \|(.*)$/.exec(line);
		if (!m) continue;
		const figures = [...m[2]!.matchAll(/(\d\.\d+) \(/g)].map((x) => Number(x[1]));
		const rows = /\| (\d+) \| (\d\.\d+) \|$/.exec(line);
		out.set(m[1]!, rows ? [Number(rows[2])] : figures);
	}
	return out;
}

const table = reported();
const files = readdirSync(DIR);
const round = (x: number) => Number(x.toFixed(2));

describe('hand-judged name samples', () => {
	const samples = files.filter((f) => f.startsWith('name-sample-'));

	it('has at least one round, each in the README', () => {
		expect(samples.length).toBeGreaterThan(0);
		for (const f of samples) expect(table.has(f), f).toBe(true);
	});

	for (const file of samples) {
		it(`${file}: 200 verdicts, ids, names and verdicts only, the figures the README reports`, () => {
			const rows = lines<NameVerdict>(file);
			expect(rows).toHaveLength(200);
			for (const r of rows) {
				expect(Object.keys(r).sort()).toEqual(
					['name', 'nameOk', 'note', 'paperId', 'type', 'typeOk', 'typeRule'].sort()
				);
				if (!r.nameOk) expect(r.typeOk).toBeNull();
			}
			const names = rows.filter((r) => r.nameOk);
			const name = names.length / rows.length;
			const type = names.filter((r) => r.typeOk === true).length / names.length;
			expect([round(name), round(type)]).toEqual(table.get(file));
		});
	}
});

describe('hand-judged "what builds on X"', () => {
	const rounds = files.filter((f) => f.startsWith('builds-on-'));

	for (const file of rounds) {
		it(`${file}: the five flagship questions, ids and verdicts only, the precision the README reports`, () => {
			const rows = lines<RowVerdict>(file);
			// GPT-4 may have no row at all: papers mostly use it as a judge or baseline
			const roots = new Set(rows.map((r) => r.root));
			roots.add('model:gpt-4');
			expect([...roots].sort()).toEqual(
				[
					'model:clip',
					'model:gpt-4',
					'model:llama',
					'model:stable-diffusion',
					'technique:lora'
				].sort()
			);
			for (const r of rows) expect(typeof r.correct).toBe('boolean');
			const precision = rows.filter((r) => r.correct).length / rows.length;
			expect([round(precision)]).toEqual(table.get(file));
		});
	}
});
