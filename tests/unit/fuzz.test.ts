// The quick part of `npm run fuzz:ingest`: ~150 mutated inputs (every format, every special
// but the million-line and 20 MB ones) through the same harness, watchdog and checks.
import { describe, expect, it } from 'vitest';
import { planCases } from '../../support/fuzz-cases.js';
import { formatSummary, runFuzz, verdict } from '../fuzz/runner.js';

const SEED = Number(process.env.LINEAGE_FUZZ_SEED ?? 20261126);
const RSS_BOUND_MB = 768;

describe('input fuzzing (quick)', () => {
	it('no crash, hang, reject without file/line/reason or expansion; RSS bounded', async () => {
		const cases = planCases(15, { full: false });
		const summary = await runFuzz({ seed: SEED, cases, full: false });
		const failed = verdict(summary, { rssMb: RSS_BOUND_MB, minInputs: 150 });
		const details = summary.total.failures
			.slice(0, 10)
			.map((f) => `${f.c.row}:${f.c.n} ${f.description}\n  ${f.what.join('\n  ')}`);
		expect(failed, `${formatSummary(summary, RSS_BOUND_MB)}\n${details.join('\n')}`).toEqual([]);
		expect(summary.total.records).toBeGreaterThan(100);
	}, 180_000);
});
