// `npm run fuzz:ingest [-- --seed N --per-format N --case row:n --quick --max-rss MiB]`
//
// Mutated inputs of every format (truncation, byte flips, wrong encodings, huge fields, deep
// nesting, million-line and zero-byte files, entity expansion) through every reader and the
// extractor, one at a time in a worker with a 10 s watchdog. Prints a table per format and
// exits 1 when anything crashed, hung, lost its file/line/reason, expanded, or RSS went over.
import { Command } from 'commander';
import { planCases, ROWS, type Row } from '../../support/fuzz-cases.js';
import { formatSummary, runFuzz, verdict } from './runner.js';

const program = new Command('fuzz:ingest')
	.option('--seed <n>', 'PRNG seed (printed; replays the same inputs)', String(20261126))
	.option('--per-format <n>', 'inputs per format (and for the extractor)', '150')
	.option('--case <row:n...>', 'run only these cases, e.g. arxiv:17 extractor:3')
	.option('--quick', 'the small inputs only (no million-line or 20 MB files)')
	.option('--max-rss <MiB>', 'peak RSS bound', '768')
	.option('--timeout <ms>', 'per-input watchdog', '10000')
	.option('--verbose', 'print every input as it runs')
	.parse();

const o = program.opts<{
	seed: string;
	perFormat: string;
	case?: string[];
	quick?: boolean;
	maxRss: string;
	timeout: string;
	verbose?: boolean;
}>();
const seed = Number(o.seed);
const full = !o.quick;
let cases = planCases(Number(o.perFormat), { full });
if (o.case) {
	const wanted = new Set(o.case);
	cases = cases.filter((c) => wanted.has(`${c.row}:${c.n}`));
}
const rssBound = Number(o.maxRss);
console.log(
	`fuzz:ingest — seed ${seed}, ${cases.length} inputs over ${ROWS.length} rows (${ROWS.join(', ')}), ` +
		`watchdog ${Number(o.timeout) / 1000} s, RSS bound ${rssBound} MiB${full ? '' : ', quick'}`
);

let last: Row | undefined;
const summary = await runFuzz({
	seed,
	cases,
	full,
	timeoutMs: Number(o.timeout),
	onCase: (c, out) => {
		if (o.verbose)
			console.log(`  ${c.row}:${c.n} ${c.mutation} ${Math.round(out.ms)} ms — ${out.description}`);
		else if (c.row !== last) {
			last = c.row;
			process.stderr.write(`\n${c.row} `);
		} else if (c.n % 10 === 0) process.stderr.write('.');
	}
});
process.stderr.write('\n');

for (const f of summary.total.failures.slice(0, 40)) {
	console.log(`✗ ${f.c.row}:${f.c.n} (${f.c.mutation}) ${f.description}`);
	for (const w of f.what) console.log(`    ${w}`);
}
if (summary.total.failures.length)
	console.log(`replay one: npm run fuzz:ingest -- --seed ${seed} --case ROW:N --verbose\n`);
console.log(formatSummary(summary, rssBound, Number(o.timeout)));
const failed = verdict(summary, { rssMb: rssBound, minInputs: o.case ? 0 : full ? 1000 : 0 });
if (failed.length) {
	console.log(`\nFAILED: ${failed.join('; ')}`);
	process.exit(1);
}
console.log(
	'\nPASSED: 0 crashes, 0 hangs, every reject with a file, line and reason, no expansion, RSS bounded'
);
process.exit(0);
