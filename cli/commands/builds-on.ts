// `lineage builds-on ID [--limit N] [--json]`: the flagship question from the terminal — what
// builds on an entity (or any of its variants), one row per method, strongest first. The same
// answer as GET /api/builds-on/ID.
import type { Command } from 'commander';
import { closeDriver, sharedDb } from '../../graph/driver.js';
import { buildsOn } from '../../graph/queries/lineage.js';
import type { BuildsOnRow } from '../../graph/views.js';

export function registerBuildsOn(program: Command): void {
	program
		.command('builds-on')
		.description('what builds on an entity or its variants (e.g. model:llama), one row per method')
		.argument('<id>', 'entity id, as the explorer shows it (model:llama, technique:lora)')
		.option('--limit <n>', 'rows to print', '20')
		.option('--json', 'print JSON')
		.action(async (id: string, flags: { limit: string; json?: boolean }) => {
			const limit = Number(flags.limit);
			if (!Number.isSafeInteger(limit) || limit < 1) throw new Error('--limit must be ≥ 1');
			const db = sharedDb();
			try {
				const { root, rows } = await buildsOn(db, id);
				const top = rows.slice(0, limit);
				if (flags.json)
					console.log(JSON.stringify({ root, total: rows.length, rows: top }, null, 1));
				else console.log(formatRows(root.label, rows.length, top));
			} finally {
				await closeDriver();
			}
		});
}

function formatRows(label: string, total: number, rows: BuildsOnRow[]): string {
	const lines = [
		`What builds on ${label}: ${total} rows${total > rows.length ? `, the first ${rows.length}` : ''}`
	];
	rows.forEach((r, i) => {
		const kind = r.kind === 'Paper' ? 'paper' : r.type;
		const via = r.variants?.length ? ` via ${r.variants.map((v) => v.label).join(', ')}` : '';
		const paper = r.kind === 'Entity' && r.paper ? ` (${r.paper.id})` : '';
		lines.push(
			`${String(i + 1).padStart(3)}. ${r.label} [${kind}, support ${r.support}]${via}${paper}`
		);
	});
	return lines.join('\n');
}
