import { describe, expect, it } from 'vitest';
import { withSmallNeo4j } from '../../support/throwaway-db.js';
import { runIngestFaults } from '../reliability/ingest-faults.js';
import { noNeo4j } from '../helpers/db.js';

// The quick version of `npm run faults:ingest`: its own throwaway Neo4j (it gets stopped), a
// killed ingest (SIGKILL, SIGINT) and a Neo4j stopped mid-batch, each re-run to completion.
describe.skipIf(noNeo4j)('ingest under faults', () => {
	it(
		'ends with the graph of a clean run after kills and a database stop',
		{ timeout: 600_000 },
		async () => {
			const report = await runIngestFaults({
				papers: 100,
				batch: 10,
				trials: { sigkill: 1, sigint: 1, 'db-stop': 1 },
				seed: 11,
				log: () => {},
				neo4jEnv: withSmallNeo4j(process.env)
			});
			expect(report.expected.stats.papers).toBe(100);
			expect(report.trials).toHaveLength(3);
			for (const t of report.trials) {
				expect(t.rerunCode, `${t.fault}: ${t.note}`).toBe(0);
				expect(t.identical, `${t.fault}: ${t.note}`).toBe(true);
				expect(t.exit, t.fault).not.toBe('hung');
			}
			for (const t of report.trials.filter((t) => t.fault !== 'db-stop'))
				expect(t.wholeBatches, `${t.fault}: ${t.partial} papers`).toBe(true);
		}
	);
});
