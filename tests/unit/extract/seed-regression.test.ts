// The seed gold set: fails when the extractor drops below the targets of issue 3.
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

	it('entities F1 ≥ 0.85', () => {
		expect(report.entities.f1).toBeGreaterThanOrEqual(0.85);
	});

	it('relations F1 ≥ 0.65', () => {
		expect(report.relations.f1).toBeGreaterThanOrEqual(0.65);
	});

	it('BUILDS_ON recall ≥ 0.80', () => {
		expect(report.relationRecallByType.BUILDS_ON).toBeGreaterThanOrEqual(0.8);
	});
});
