// `lineage ingest FILE…`, `lineage stats`, `lineage reset --yes`.
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { PROJECT_ROOT, resolveDbConfig } from '../../graph/config.js';
import { closeDriver, getDbConfig, sharedDb } from '../../graph/driver.js';
import { graphStats, resetGraph, type GraphStats } from '../../graph/queries/stats.js';
import { countCurations, deleteCurations } from '../../graph/queries/curation.js';
import {
	ingest,
	type IngestProgress,
	type IngestReport,
	type Shard
} from '../../ingest/pipeline.js';
import { ensureDatabase } from './db.js';

interface IngestFlags {
	format?: string;
	batch: string;
	dryRun?: boolean;
	strict?: boolean;
	shard?: string;
	rejects?: string;
	workers?: string;
}

function parseShard(raw: string | undefined): Shard | undefined {
	if (!raw) return undefined;
	const m = /^(\d+)\/(\d+)$/.exec(raw);
	const index = Number(m?.[1]);
	const count = Number(m?.[2]);
	if (!m || count < 1 || index < 1 || index > count) {
		throw new Error(`--shard must look like i/n with 1 ≤ i ≤ n (e.g. 1/4), got "${raw}"`);
	}
	return { index, count };
}

function positiveInt(raw: string, flag: string, min = 1): number {
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min)
		throw new Error(`${flag} must be an integer ≥ ${min}, got "${raw}"`);
	return n;
}

function progressReporter(): { update: (p: IngestProgress) => void; stop: () => void } {
	if (process.stderr.isTTY) {
		const bar = new cliProgress.SingleBar(
			{ format: 'ingest [{bar}] {value}/{total} papers  {eta_formatted} left', etaBuffer: 20 },
			cliProgress.Presets.shades_classic
		);
		let started = false;
		return {
			update: (p) => {
				if (p.stage === 'scan') return;
				if (!started) {
					bar.start(p.total, 0);
					started = true;
				}
				bar.update(p.done);
			},
			stop: () => started && bar.stop()
		};
	}
	let last = 0;
	return {
		update: (p) => {
			const now = Date.now();
			if (p.stage === 'load' && (now - last > 2000 || p.done === p.total)) {
				last = now;
				console.error(`ingest: ${p.done}/${p.total} papers`);
			}
		},
		stop: () => {}
	};
}

export function formatReport(r: IngestReport, dryRun = false): string {
	const lines = [
		dryRun ? 'Dry run: nothing was written.' : 'Ingest finished.',
		`  papers read        ${r.read}`,
		`  new                ${r.new}`,
		`  updated            ${r.updated}`,
		`  unchanged          ${r.unchanged}`,
		`  duplicate          ${r.duplicate}`,
		`  rejected           ${r.rejected}${r.rejectsFile ? `  (reasons in ${r.rejectsFile})` : ''}`
	];
	if (r.skippedByShard) lines.push(`  other shards       ${r.skippedByShard}`);
	lines.push(
		dryRun
			? `  entities found     ${r.entitiesFound}\n  relations found    ${r.relationsFound}`
			: `  entities created   ${r.entitiesCreated}\n  relations created  ${r.relationsCreated}`,
		`  time               read ${r.seconds.read.toFixed(1)} s · extract ${r.seconds.extract.toFixed(1)} s · load ${r.seconds.load.toFixed(1)} s · total ${r.seconds.total.toFixed(1)} s`
	);
	return lines.join('\n');
}

export function formatStats(s: GraphStats): string {
	const by = (rec: Record<string, number>) =>
		Object.entries(rec)
			.map(([k, v]) => `${k} ${v}`)
			.join(' · ');
	return [
		`papers     ${s.papers}`,
		`entities   ${s.entities}  (${by(s.entitiesByType)})`,
		`relations  ${s.relations}  (${by(s.relationsByType)})`,
		`mentions   ${s.mentions}`,
		`evidence   ${s.evidence}`
	].join('\n');
}

export function registerIngest(program: Command): void {
	program
		.command('ingest')
		.description('read abstracts from files, extract entities and relations, load them into Neo4j')
		.argument(
			'<files...>',
			'input files (text listing, JSON Lines, JSON, CSV, arXiv Atom, OpenAlex, Semantic Scholar, BibTeX)'
		)
		.option('--format <f>', 'force the input format instead of guessing from extension and content')
		.option('--batch <n>', 'papers per transaction', '500')
		.option('--dry-run', 'read and extract, write nothing')
		.option('--strict', 'exit non-zero when any record is rejected')
		.option('--shard <i/n>', 'load only shard i of n (split one input across machines)')
		.option('--rejects <file>', 'where rejected records and their reasons go (JSON Lines)')
		.option('--workers <n>', 'extraction worker threads (default: one per core)')
		.action(async (files: string[], flags: IngestFlags) => {
			const batchSize = positiveInt(flags.batch, '--batch');
			const shard = parseShard(flags.shard);
			const workers =
				flags.workers === undefined ? undefined : positiveInt(flags.workers, '--workers', 0);
			const rejectsFile =
				flags.rejects ??
				path.join(
					PROJECT_ROOT,
					'.lineage',
					`rejects-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`
				);
			fs.mkdirSync(path.dirname(rejectsFile), { recursive: true });
			// Batches may meet transient lock conflicts (several shards at once): retry them longer.
			const db = sharedDb(resolveDbConfig({ defaultRetryMs: 30_000 }));
			if (!flags.dryRun) await ensureDatabase();
			const progress = progressReporter();
			let report: IngestReport;
			try {
				report = await ingest(db, {
					files,
					format: flags.format,
					batchSize,
					dryRun: flags.dryRun,
					shard,
					workers,
					rejectsFile,
					onProgress: progress.update
				});
			} finally {
				progress.stop();
				await closeDriver();
			}
			console.log(formatReport(report, flags.dryRun));
			if (report.read === 0) {
				console.error('Nothing could be read from the input.');
				process.exitCode = 1;
			} else if (flags.strict && report.rejected > 0) {
				process.exitCode = 2;
			}
		});

	program
		.command('stats')
		.description('print what the graph holds')
		.option('--json', 'print JSON')
		.action(async (flags: { json?: boolean }) => {
			try {
				const stats = await graphStats(sharedDb());
				console.log(flags.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
			} finally {
				await closeDriver();
			}
		});

	program
		.command('reset')
		.description('empty the graph (papers, entities, relations, evidence); corrections are kept')
		.option('--yes', 'really delete everything')
		.option('--with-curation', 'delete the corrections people made too (curate export them first)')
		.action(async (flags: { yes?: boolean; withCuration?: boolean }) => {
			if (!flags.yes) {
				console.error(
					`This deletes the whole graph at ${getDbConfig().uri}. Run again with --yes.`
				);
				process.exitCode = 2;
				return;
			}
			try {
				const deleted = await resetGraph(sharedDb());
				console.log(`Deleted ${deleted} nodes and their relationships.`);
				if (flags.withCuration) {
					const corrections = await deleteCurations(sharedDb());
					console.log(`Deleted ${corrections} corrections.`);
				} else {
					const kept = await countCurations(sharedDb());
					if (kept > 0)
						console.log(
							`Kept ${kept} corrections: the next ingest applies them (--with-curation deletes them).`
						);
				}
			} finally {
				await closeDriver();
			}
		});
}
