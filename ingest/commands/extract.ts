// `lineage extract FILE… [--json] [--format F]`: entities and relations of each abstract, as the
// GUIDELINES.md JSON document or a readable summary. Unreadable records are reported on stderr.
import type { Command } from 'commander';
import { extractPaper } from '../extract/index.js';
import { toPrinted, type PrintedPaper } from '../extract/output.js';
import { readPapers } from '../sources/index.js';

interface ExtractFlags {
	json?: boolean;
	format?: string;
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
		.action(async (files: string[], flags: ExtractFlags) => {
			const papers = await extractFiles(files, flags.format);
			if (flags.json) process.stdout.write(JSON.stringify({ papers }, null, 1) + '\n');
			else process.stdout.write(papers.map(summary).join('\n') + '\n');
		});
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
