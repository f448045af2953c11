// The seed gold set: fails when the extractor drops below the targets of issues 3 and 15 (the
// seed must not fall while the extractor learns the rest of ML).
import { describe, expect, it } from 'vitest';
import { extractPaper } from '../../../ingest/extract/index.js';
import { toPrinted } from '../../../ingest/extract/output.js';
import { parseGold } from '../../../ingest/eval/gold.js';
import { score } from '../../../ingest/eval/score.js';
import { paper, seedGoldText } from './helpers.js';

describe('seed gold regression', () => {
	const gold = parseGold(seedGoldText());
	const predicted = gold.map((g) =>
		toPrinted(extractPaper(paper(g.title, g.abstract ?? '', g.id)))
	);
	const { report } = score(gold, predicted);

	it('covers every gold paper', () => {
		expect(gold).toHaveLength(85);
		expect(report.missingPapers).toBe(0);
	});

	it('entities F1 ≥ 0.90', () => {
		expect(report.entities.f1).toBeGreaterThanOrEqual(0.9);
	});

	it('relations F1 ≥ 0.72', () => {
		expect(report.relations.f1).toBeGreaterThanOrEqual(0.72);
	});

	it('BUILDS_ON recall ≥ 0.85', () => {
		expect(report.relationRecallByType.BUILDS_ON).toBeGreaterThanOrEqual(0.85);
	});
});
