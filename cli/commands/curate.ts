// `lineage curate …`: corrections people make to the graph (graph/curation.ts), kept across every
// re-ingest. A bad request (unknown id or type, a merge into itself, …) exits with code 2 and
// writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { closeDriver, sharedDb } from '../../graph/driver.js';
import {
	CurationError,
	curationMeta,
	curationRequest,
	type CurationRecord,
	type CurationRequest
} from '../../graph/curation.js';
import { listCurations } from '../../graph/queries/curation.js';
import {
	curate,
	importCurations,
	parseCurationLines,
	undoCuration
} from '../../ingest/curation.js';
import { curatedGold } from '../../ingest/eval/curated-gold.js';

interface MetaFlags {
	why?: string;
	by?: string;
}

function defaultBy(): string {
	try {
		return os.userInfo().username || 'cli';
	} catch {
		return process.env.USER || 'cli';
	}
}

function meta(flags: MetaFlags): { by: string; why: string } {
	const parsed = curationMeta.safeParse({ why: flags.why ?? '', by: flags.by ?? defaultBy() });
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new CurationError(`--${String(issue.path[0])} ${issue.message}`);
	}
	return parsed.data;
}

function request(input: Record<string, unknown>): CurationRequest {
	const parsed = curationRequest.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const param = issue.path.length ? `${String(issue.path[0]).toUpperCase()} ` : '';
		throw new CurationError(`${param}${issue.message}`);
	}
	return parsed.data;
}

/** Runs a subcommand against the database: a CurationError is the user's mistake (exit 2). */
async function run(work: () => Promise<void>): Promise<void> {
	sharedDb();
	try {
		await work();
	} catch (err) {
		if (err instanceof CurationError) {
			console.error(`lineage curate: ${err.message} Nothing was changed.`);
			process.exitCode = 2;
			return;
		}
		throw err;
	} finally {
		await closeDriver();
	}
}

export function describeCuration(r: CurationRecord): string {
	const a = r.args;
	switch (a.kind) {
		case 'merge':
			return `merge ${a.other} into ${a.keep}`;
		case 'rename':
			return `rename ${a.id} "${a.from}" → "${a.name}"`;
		case 'retype':
			return `retype ${a.id} ${a.from} → ${a.type}`;
		case 'alias':
			return `alias ${a.id} ${a.op} "${a.alias}"`;
		case 'add':
			return `add ${a.head} ${a.type} ${a.tail}${a.paper ? ` (paper ${a.paper})` : ''}`;
		default:
			return `${a.kind} ${a.head} ${a.type} ${a.tail}`;
	}
}

function formatList(records: CurationRecord[]): string {
	if (records.length === 0) return 'No corrections yet.';
	return records
		.map((r) => {
			const state = r.undone ? `  [undone ${r.undoneAt} by ${r.undoneBy}]` : '';
			const why = r.why ? `\n    why: ${r.why}` : '';
			return `${r.id}  ${r.at}  ${r.by}  ${describeCuration(r)}${state}${why}`;
		})
		.join('\n');
}

const withMeta = (cmd: Command) =>
	cmd
		.option('--why <text>', 'why the correction is right (kept with it)')
		.option('--by <name>', 'who makes it (default: your user name)');

export function registerCurate(program: Command): void {
	const cmd = program
		.command('curate')
		.description('correct the graph: corrections are kept, and applied again on every ingest');

	const make = (input: Record<string, unknown>, flags: MetaFlags) =>
		run(async () => {
			const record = await curate(sharedDb(), request(input), meta(flags));
			console.log(`${record.id}  ${describeCuration(record)}`);
		});

	withMeta(cmd.command('merge'))
		.description(
			'merge OTHER_ID into KEEP_ID: OTHER_ID resolves to KEEP_ID everywhere, its names become aliases'
		)
		.argument('<keep>', 'the entity that stays')
		.argument('<other>', 'the entity merged into it')
		.action((keep: string, other: string, flags: MetaFlags) =>
			make({ kind: 'merge', keep, other }, flags)
		);

	withMeta(cmd.command('rename'))
		.description('set the canonical name of an entity (the old one stays an alias)')
		.argument('<id>')
		.argument('<name>')
		.action((id: string, name: string, flags: MetaFlags) =>
			make({ kind: 'rename', id, name }, flags)
		);

	withMeta(cmd.command('retype'))
		.description('change the type of an entity (Model, Technique, Dataset, Metric, Task)')
		.argument('<id>')
		.argument('<type>')
		.action((id: string, type: string, flags: MetaFlags) =>
			make({ kind: 'retype', id, type }, flags)
		);

	withMeta(cmd.command('alias'))
		.description('add or remove an alias of an entity')
		.argument('<id>')
		.argument('<op>', 'add or remove')
		.argument('<alias>')
		.action((id: string, op: string, alias: string, flags: MetaFlags) =>
			make({ kind: 'alias', id, op, alias }, flags)
		);

	for (const [kind, text] of [
		['reject', 'reject an edge: it is removed and never comes back from any paper'],
		['confirm', 'confirm an edge: it is marked as checked by a person']
	] as const) {
		withMeta(cmd.command(kind))
			.description(text)
			.argument('<head>', 'entity or paper id the edge starts at')
			.argument('<type>', 'relation type (BUILDS_ON, USES, …)')
			.argument('<tail>', 'entity id the edge points at')
			.action((head: string, type: string, tail: string, flags: MetaFlags) =>
				make({ kind, head, type, tail }, flags)
			);
	}

	withMeta(cmd.command('add'))
		.description('add an edge no paper states (or mark one as asserted by a person)')
		.argument('<head>')
		.argument('<type>')
		.argument('<tail>')
		.option('--paper <id>', 'a paper that says so (its evidence)')
		.option('--sentence <text>', 'the sentence of that paper saying so')
		.action(
			(
				head: string,
				type: string,
				tail: string,
				flags: MetaFlags & { paper?: string; sentence?: string }
			) =>
				make({ kind: 'add', head, type, tail, paper: flags.paper, sentence: flags.sentence }, flags)
		);

	cmd
		.command('list')
		.description('every correction, oldest first (undone ones marked)')
		.option('--json', 'print JSON Lines, as export writes them')
		.action((flags: { json?: boolean }) =>
			run(async () => {
				const records = await listCurations(sharedDb());
				console.log(
					flags.json ? records.map((r) => JSON.stringify(r)).join('\n') : formatList(records)
				);
			})
		);

	cmd
		.command('undo')
		.description('undo a correction: the graph as if it had never been made')
		.argument('<curation-id>')
		.option('--by <name>', 'who undoes it (default: your user name)')
		.action((id: string, flags: MetaFlags) =>
			run(async () => {
				const record = await undoCuration(sharedDb(), id, meta(flags).by);
				console.log(`undone ${record.id}  ${describeCuration(record)}`);
			})
		);

	cmd
		.command('export')
		.description(
			'write every correction to FILE as JSON Lines (share it; import it elsewhere); with --as-gold, the corrected papers as gold annotations for `lineage eval`'
		)
		.argument('<file>')
		.option(
			'--as-gold',
			'write the papers the corrections touch, with the facts the graph now holds about them, in the gold format'
		)
		.action((file: string, flags: { asGold?: boolean }) =>
			run(async () => {
				const records = await listCurations(sharedDb());
				if (flags.asGold) {
					const gold = await curatedGold(sharedDb(), records);
					fs.writeFileSync(file, gold.map((g) => `${JSON.stringify(g)}\n`).join(''));
					const inForce = records.filter((r) => !r.undone).length;
					console.log(
						`Wrote ${gold.length} corrected papers (${inForce} corrections in force) to ${file} as gold; score the extractor with: lineage eval ${file}`
					);
					return;
				}
				fs.writeFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
				console.log(`Wrote ${records.length} corrections to ${file}.`);
			})
		);

	cmd
		.command('import')
		.description(
			'add the corrections of FILE (JSON Lines) not yet here; importing twice changes nothing'
		)
		.argument('<file>')
		.action((file: string) =>
			run(async () => {
				let text: string;
				try {
					text = fs.readFileSync(file, 'utf8');
				} catch (err) {
					throw new CurationError(`Cannot read ${file}: ${(err as Error).message}.`);
				}
				const report = await importCurations(sharedDb(), parseCurationLines(text, file));
				console.log(
					`Imported ${file}: ${report.added} added, ${report.undone} undone, ${report.unchanged} already here.`
				);
			})
		);
}
