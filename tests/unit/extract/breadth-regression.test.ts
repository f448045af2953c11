// The breadth gold set: real 2025 abstracts from agents, LLMs, robotics and multimodal work
// (issue 15). Third-party text, so it is read from ../shared/gold beside the project and never
// copied in; a clone without ../shared skips this file and says so.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../../cli/commands/extract.js';
import { parseGold } from '../../../ingest/eval/gold.js';
import { score, type ScoreReport } from '../../../ingest/eval/score.js';

const BREADTH_GOLD = new URL('../../../../shared/gold/breadth-gold.jsonl', import.meta.url);
const present = existsSync(BREADTH_GOLD);
if (!present)
	console.warn(`breadth gold regression skipped: ${BREADTH_GOLD.pathname} is not there`);

describe.skipIf(!present)('breadth gold regression', () => {
	const gold = present ? parseGold(readFileSync(BREADTH_GOLD, 'utf8')) : [];
	let report: ScoreReport;
	// the path `lineage eval` takes: the JSON Lines reader, then the extractor
	beforeAll(async () => {
		const predicted = await extractFiles([fileURLToPath(BREADTH_GOLD)], 'jsonl');
		report = score(gold, predicted).report;
	});

	it('covers every gold paper', () => {
		expect(gold.length).toBeGreaterThanOrEqual(27);
		expect(report.missingPapers).toBe(0);
	});

	it('entities F1 ≥ 0.80', () => {
		expect(report.entities.f1).toBeGreaterThanOrEqual(0.8);
	});

	it('typed entities F1 ≥ 0.75', () => {
		expect(report.entitiesTyped.f1).toBeGreaterThanOrEqual(0.75);
	});

	it('relations F1 ≥ 0.60', () => {
		expect(report.relations.f1).toBeGreaterThanOrEqual(0.6);
	});
});
