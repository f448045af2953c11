// npm run load:api [-- --papers N --steps 1,2,4,8,16,32 --seconds S --vocabulary open|closed
// --corpus FILE]: the production server over a throwaway Neo4j with N generated abstracts
// (default 5,000, open vocabulary) or a corpus file under mixed traffic (search,
// entity, neighbourhood, paths, lineage) at rising concurrency, S seconds per step (default 30),
// then once more at the first step's concurrency. Per step: requests/s, p50/p95/p99, errors and
// the server's RSS at start and end. Exits 1 when a step below saturation had errors, or when
// the server's memory grew steadily (see `leakVerdict`). The app's response cache is off unless
// `--cache-mb M` turns it on: the suite measures the queries, and a filling cache would look like
// growth (it stops at M MB; run with it to see what repeated questions cost).
import { parseArgs } from 'node:util';
import { CORPUS_OPTIONS, corpusChoice, describeCorpus } from '../support/corpus.js';
import { smallNeo4jByDefault } from '../support/throwaway-db.js';
import { runLoad, printLoad } from '../support/load-steps.js';
import { startServedGraph, stopOnSignals } from '../support/traffic.js';

const { values } = parseArgs({
	options: {
		papers: { type: 'string', default: '5000' },
		steps: { type: 'string', default: '1,2,4,8,16,32' },
		seconds: { type: 'string', default: '30' },
		'cache-mb': { type: 'string', default: '0' },
		keep: { type: 'boolean', default: false },
		...CORPUS_OPTIONS
	}
});
smallNeo4jByDefault();
const papers = Number(values.papers);
const served = await startServedGraph({
	papers,
	batchSize: 1000,
	keep: values.keep,
	corpus: corpusChoice(papers, values),
	appEnv: { LINEAGE_API_CACHE_MB: values['cache-mb'] }
});
stopOnSignals(served.stop);
let ok: boolean | undefined;
try {
	const report = await runLoad({
		base: served.app.url,
		db: served.db,
		pid: served.app.pid,
		steps: values.steps.split(',').map(Number),
		seconds: Number(values.seconds),
		log: console.log
	});
	ok = printLoad(report, describeCorpus(corpusChoice(papers, values)));
} finally {
	await served.stop();
}
process.exitCode = ok ? 0 : 1;
