// `lineage eval GOLD.jsonl [--pred FILE] [--json]`: runs the extractor over the gold file's own
// abstracts (or reads a prediction file) and prints precision, recall and F1.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseGold, parsePredicted, type PredictedPaper } from '../../ingest/eval/gold.js';
import { formatReport, score } from '../../ingest/eval/score.js';
import { extractFiles } from './extract.js';

interface EvalFlags {
	pred?: string;
	json?: boolean;
	details?: boolean;
}

export function registerEval(program: Command): void {
	program
		.command('eval')
		.description('score the extractor against gold annotations (GUIDELINES.md)')
		.argument('<gold>', 'gold annotations, JSON Lines')
		.option('--pred <file>', 'score this extractor output instead of running the extractor')
		.option('--json', 'print the scores as JSON')
		.option('--details', 'also print each false positive and false negative')
		.action(async (goldPath: string, flags: EvalFlags) => {
			const gold = parseGold(await readFile(goldPath, 'utf8'));
			const predicted: PredictedPaper[] = flags.pred
				? parsePredicted(JSON.parse(await readFile(flags.pred, 'utf8')))
				: await extractFiles([goldPath], 'jsonl');
			const { report, details } = score(gold, predicted);
			if (flags.details) for (const d of details) console.log(JSON.stringify(d));
			console.log(flags.json ? JSON.stringify(report) : formatReport(report));
		});
}
