// `npm run extract:digest -- [--out FILE] [--against FILE] [--generated N]`: the extractor's full
// output over a fixed corpus — every extraction (sentences, mentions with offsets, entities,
// relations, warnings) and the loader facts the worker sends (evidence included), one JSON line
// per paper — and its SHA-256. A speed-up must leave it byte for byte unchanged: write it before,
// check against it after. Corpus: the seed gold set, the bundled sample, N generated abstracts
// (support/corpus.ts), the bench:extract corpus and the fuzz harness's hostile extractor inputs.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../graph/config.js';
import { extractPaper } from '../ingest/extract/index.js';
import { toFacts } from '../ingest/load/facts.js';
import { SAMPLE_CORPUS } from '../ingest/sample/index.js';
import { readPapers } from '../ingest/sources/index.js';
import type { Paper } from '../ingest/types.js';
import { buildCase, planCases } from '../support/fuzz-cases.js';
import { generatePapers, loadSeedPapers } from '../support/corpus.js';
import { buildBenchCorpus } from './extract-corpus.js';

const GOLD = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'gold', 'seed-gold.jsonl');

const { values: flags } = parseArgs({
	options: {
		out: { type: 'string' },
		against: { type: 'string' },
		generated: { type: 'string', default: '3000' },
		bench: { type: 'string', default: '2000' },
		fuzz: { type: 'string', default: '40' }
	}
});

function bench(p: { id: string; title: string; abstract: string }): Paper {
	return { ...p, authors: [], source: { kind: 'bench', uri: 'bench', line: 0 } };
}

async function corpus(): Promise<Paper[]> {
	const out: Paper[] = [];
	for (const file of [GOLD, SAMPLE_CORPUS]) {
		for await (const r of readPapers(file)) {
			// the checkout's location must not change the digest
			if (r.ok) out.push({ ...r.paper, source: { ...r.paper.source, uri: path.basename(file) } });
		}
	}
	const seeds = await loadSeedPapers();
	for (const g of generatePapers(seeds, Number(flags.generated), { vocabulary: 'closed' }))
		out.push(bench(g));
	for (const b of buildBenchCorpus(Number(flags.bench))) out.push(bench(b));
	const cases = planCases(Number(flags.fuzz), { full: false }).filter((c) => c.row === 'extractor');
	for (const c of cases) {
		const built = buildCase(20261126, c, { full: false });
		if (built.kind === 'papers') out.push(...built.papers);
	}
	return out;
}

const papers = await corpus();
const lines: string[] = [];
const hash = createHash('sha256');
let cpu = 0;
for (const paper of papers) {
	const t0 = process.cpuUsage();
	const x = extractPaper(paper);
	const facts = toFacts(x);
	const t = process.cpuUsage(t0);
	cpu += t.user + t.system;
	const line = JSON.stringify({ id: paper.id, extraction: { ...x, paper: paper.id }, facts });
	lines.push(line);
	hash.update(line).update('\n');
}
const digest = hash.digest('hex');
console.log(`${papers.length} papers, sha256 ${digest}`);
console.log(`extract + facts: ${(cpu / 1000 / papers.length).toFixed(3)} ms CPU per paper`);
if (flags.out) writeFileSync(flags.out, lines.join('\n') + '\n');
if (flags.against) {
	const before = readFileSync(flags.against, 'utf8').split('\n').filter(Boolean);
	let differing = 0;
	for (let i = 0; i < Math.max(before.length, lines.length); i++) {
		if (before[i] === lines[i]) continue;
		if (++differing <= 5) {
			const a = before[i] ?? '';
			const b = lines[i] ?? '';
			let k = 0;
			while (k < a.length && a[k] === b[k]) k++;
			console.log(`differs: line ${i + 1} (${papers[i]?.id}) at char ${k}`);
			console.log(`  before: …${a.slice(Math.max(0, k - 80), k + 80)}`);
			console.log(`  now:    …${b.slice(Math.max(0, k - 80), k + 80)}`);
		}
	}
	console.log(
		differing ? `${differing} of ${before.length} papers differ` : 'identical to ' + flags.against
	);
	if (differing) process.exitCode = 1;
}
