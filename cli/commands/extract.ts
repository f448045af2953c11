// `lineage extract FILE… [--json] [--format F]`: entities and relations of each abstract, as the
// GUIDELINES.md JSON document or a readable summary. Unreadable records are reported on stderr.
// With `--report`, corpus-level figures instead (ingest/report/).
import type { Command } from 'commander';
import { extractPaper } from '../../ingest/extract/index.js';
import { toPrinted, type PrintedPaper } from '../../ingest/extract/output.js';
import { formatCorpusReport } from '../../ingest/report/corpus-report.js';
import { sampleNames } from '../../ingest/report/name-sample.js';
import { reportFiles } from '../../ingest/report/run-report.js';
import { readPapers } from '../../ingest/sources/index.js';

interface ExtractFlags {
	json?: boolean;
	format?: string;
	report?: boolean;
	limit?: string;
	sample?: string;
	seed: string;
	workers?: string;
	sampleNames?: string;
}

function integer(raw: string | undefined, flag: string, min: number): number | undefined {
	if (raw === undefined) return undefined;
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n < min) {
		throw new Error(`${flag} must be an integer ≥ ${min}, got "${raw}"`);
	}
	return n;
}

export function registerExtract(program: Command): void {
	program
		.command('extract')
		.description(
			'extract models, techniques, datasets, metrics, tasks and their relations from abstracts'
		)
		.argument(
			'<files...>',
			'input files (sample text format, JSON Lines, JSON, CSV, arXiv Atom, BibTeX)'
		)
		.option('--json', 'print the JSON document described in GUIDELINES.md')
		.option('--format <format>', 'input format, when the file extension does not tell')
		.option('--report', 'corpus-level figures instead of each paper (with --json: as JSON)')
		.option('--limit <n>', 'with --report: only the first N papers')
		.option('--sample <n>', 'with --report: a random sample of N papers (same --seed, same sample)')
		.option('--seed <s>', 'seed of --sample', '1')
		.option('--workers <n>', 'with --report: extraction worker threads (default: one per core)')
		.option(
			'--sample-names <n>',
			'print a random sample of N extracted names (JSON Lines, with their sentence) to judge by hand'
		)
		.action(async (files: string[], flags: ExtractFlags) => {
			if (flags.report) return report(files, flags);
			if (flags.sampleNames) return names(files, flags);
			if (flags.limit ?? flags.sample ?? flags.workers) {
				throw new Error('--limit, --sample and --workers go with --report');
			}
			const papers = await extractFiles(files, flags.format);
			if (flags.json) process.stdout.write(JSON.stringify({ papers }, null, 1) + '\n');
			else process.stdout.write(papers.map(summary).join('\n') + '\n');
		});
}

async function names(files: string[], flags: ExtractFlags): Promise<void> {
	const size = integer(flags.sampleNames, '--sample-names', 1) ?? 1;
	const seed = integer(flags.seed, '--seed', 0) ?? 1;
	const run = await sampleNames(files, { size, seed, format: flags.format });
	for (const item of run.sample) process.stdout.write(JSON.stringify(item) + '\n');
	process.stderr.write(
		`${run.sample.length} names sampled from ${run.names} (paper, name) pairs in ${run.papers} papers, seed ${seed}\n`
	);
}

async function report(files: string[], flags: ExtractFlags): Promise<void> {
	const limit = integer(flags.limit, '--limit', 1);
	const sample = integer(flags.sample, '--sample', 1);
	const seed = integer(flags.seed, '--seed', 0);
	const progress = process.stderr.isTTY && !flags.json;
	const {
		report: figures,
		offered,
		seconds
	} = await reportFiles(files, {
		format: flags.format,
		limit,
		sample,
		seed,
		workers: integer(flags.workers, '--workers', 0),
		onProgress: progress
			? (n) => process.stderr.write(`\rextract --report: ${n} papers`)
			: undefined
	});
	if (progress) process.stderr.write('\n');
	if (flags.json) {
		const input = { files, offered, limit, sample, seed: sample === undefined ? undefined : seed };
		process.stdout.write(JSON.stringify({ input, seconds, report: figures }, null, 1) + '\n');
	} else {
		const chosen = sample ? `a sample of ${figures.papers} (seed ${seed}) of ` : '';
		const header = `Extraction report: ${chosen}${offered} papers from ${files.join(', ')} in ${seconds.toFixed(1)} s`;
		process.stdout.write(formatCorpusReport(figures, header) + '\n');
	}
	if (figures.papers === 0) process.exitCode = 1;
}

/** Reads every file and extracts each paper; rejects go to stderr and set the exit code. */
export async function extractFiles(files: string[], format?: string): Promise<PrintedPaper[]> {
	const out: PrintedPaper[] = [];
	let rejects = 0;
	for (const file of files) {
		for await (const r of readPapers(file, { format })) {
			if (r.ok) out.push(toPrinted(extractPaper(r.paper)));
			else {
				rejects++;
				console.error(`lineage extract: ${r.reject.uri}:${r.reject.line}: ${r.reject.reason}`);
			}
		}
	}
	if (rejects > 0 && out.length === 0) process.exitCode = 1;
	return out;
}

function summary(p: PrintedPaper): string {
	const lines = [`# ${p.title}`];
	for (const w of p.warnings ?? []) lines.push(`  ! ${w}`);
	const byType = new Map<string, string[]>();
	for (const e of p.entities) byType.set(e.type, [...(byType.get(e.type) ?? []), e.name]);
	for (const [type, names] of byType) lines.push(`  ${type.padEnd(10)} ${names.join(', ')}`);
	for (const r of p.relations) {
		lines.push(`  ${r.head} —${r.type}→ ${r.tail}   (${r.rule}, ${r.confidence.toFixed(2)})`);
	}
	if (p.entities.length === 0) lines.push('  (nothing found)');
	return lines.join('\n');
}
