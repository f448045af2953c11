// `lineage fetch arxiv "QUERY" --max N --out FILE`: download papers into a JSON Lines file
// that `lineage ingest` reads.
import type { Command } from 'commander';
import { cliEnv } from '../config.js';
import { ARXIV_API, fetchArxiv } from '../../ingest/sources/arxiv-fetch.js';

interface ArxivFlags {
	max: string;
	out: string;
	baseUrl?: string;
	delay?: string;
	pageSize?: string;
}

export function registerFetch(program: Command): void {
	const fetch = program
		.command('fetch')
		.description('download papers from an online source into a file that `lineage ingest` reads');

	fetch
		.command('arxiv')
		.description('page through the arXiv API politely and write JSON Lines')
		.argument(
			'<query>',
			'search terms, or an arXiv query such as \'ti:"rectified flow" AND cat:cs.CV\''
		)
		.requiredOption('--max <n>', 'how many papers to fetch at most')
		.requiredOption('--out <file>', 'JSON Lines file to write')
		.option('--base-url <url>', 'API endpoint', ARXIV_API)
		.option('--delay <ms>', 'pause between requests (default 3000, or LINEAGE_ARXIV_DELAY_MS)')
		.option('--page-size <n>', 'entries per request', '100')
		.action(async (query: string, flags: ArxivFlags) => {
			const max = positiveInt(flags.max, '--max');
			const report = await fetchArxiv({
				query,
				max,
				out: flags.out,
				baseUrl: flags.baseUrl,
				pageSize: positiveInt(flags.pageSize ?? '100', '--page-size'),
				delayMs:
					flags.delay !== undefined
						? nonNegativeInt(flags.delay, '--delay')
						: cliEnv().LINEAGE_ARXIV_DELAY_MS,
				log: (m) => console.error(m)
			});
			const rejected = report.rejected ? `, ${report.rejected} entries skipped` : '';
			console.log(
				`wrote ${report.written} papers to ${flags.out} (${report.pages} pages, ${report.requests} requests${rejected})`
			);
			if (report.written === 0) process.exitCode = 1;
		});
}

function positiveInt(v: string, flag: string): number {
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`${flag} must be a whole number ≥ 1, got "${v}"`);
	return n;
}

function nonNegativeInt(v: string, flag: string): number {
	const n = Number(v);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(`${flag} must be a whole number ≥ 0, got "${v}"`);
	return n;
}
