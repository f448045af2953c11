// npm run faults:ingest [-- --papers N --batch B --trials T --seed S]
// npm run faults:serve [-- --papers N --cycles C --outage S --concurrency K]
// The fault suites: each prints a summary table and exits non-zero when a figure fails. Every
// Neo4j and server they start is throwaway (free port, temporary data folder) and stopped after.
import { parseArgs } from 'node:util';
import { smallNeo4jByDefault } from '../../support/throwaway-db.js';
import { FAULTS, printIngestFaults, runIngestFaults, type Fault } from './ingest-faults.js';
import { printServeFaults, runServeFaults } from './serve-faults.js';

const mode = process.argv[2];
const { values } = parseArgs({
	args: process.argv.slice(3),
	options: {
		papers: { type: 'string' },
		batch: { type: 'string', default: '50' },
		trials: { type: 'string', default: '10' },
		only: { type: 'string' },
		seed: { type: 'string', default: '7' },
		cycles: { type: 'string', default: '4' },
		outage: { type: 'string', default: '10' },
		concurrency: { type: 'string', default: '8' }
	}
});
smallNeo4jByDefault();

let ok: boolean;
if (mode === 'ingest') {
	const kinds = (values.only?.split(',') ?? FAULTS) as Fault[];
	const report = await runIngestFaults({
		papers: Number(values.papers ?? 3000),
		batch: Number(values.batch),
		trials: Object.fromEntries(kinds.map((k) => [k, Number(values.trials)])),
		seed: Number(values.seed)
	});
	ok = printIngestFaults(report);
} else if (mode === 'serve') {
	const report = await runServeFaults({
		papers: Number(values.papers ?? 2000),
		cycles: Number(values.cycles),
		outageSeconds: Number(values.outage),
		concurrency: Number(values.concurrency)
	});
	ok = printServeFaults(report);
} else {
	console.error('usage: faults.ts ingest|serve [options]');
	process.exit(2);
}
process.exitCode = ok ? 0 : 1;
