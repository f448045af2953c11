// `lineage up` (npm start): the database, the sample corpus when the graph is empty, the app.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT, parsePort, resolveDbConfig } from '../../graph/config.js';
import { cliEnv } from '../config.js';
import { closeDriver, sharedDb } from '../../graph/driver.js';
import { graphStats } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { SAMPLE_CORPUS } from '../../ingest/sample/index.js';
import { ensureDatabase } from './db.js';
import { formatReport } from './ingest.js';

/** A new user should meet a populated explorer: load the bundled sample when the graph is empty. */
async function loadSampleIfEmpty(): Promise<void> {
	try {
		const db = sharedDb();
		if ((await graphStats(db)).papers > 0) return;
		console.error('The graph is empty: loading the bundled sample corpus (85 abstracts)…');
		const report = await ingest(db, { files: [SAMPLE_CORPUS] });
		console.error(formatReport(report));
	} finally {
		await closeDriver();
	}
}

const BUILD_ENTRY = path.join(PROJECT_ROOT, 'build', 'index.js');
const APP_SOURCES = [
	'src',
	'graph',
	'ingest',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

function newestMtime(target: string): number {
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && !entry.parentPath.includes(`${path.sep}target`)) {
			newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
		}
	}
	return newest;
}

export function buildIsStale(): boolean {
	if (!fs.existsSync(BUILD_ENTRY)) return true;
	const built = fs.statSync(BUILD_ENTRY).mtimeMs;
	return APP_SOURCES.some(
		(p) =>
			fs.existsSync(path.join(PROJECT_ROOT, p)) && newestMtime(path.join(PROJECT_ROOT, p)) > built
	);
}

export function buildApp(log = console.error): void {
	log('Building the app (vite build)…');
	const vite = path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
	const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: PROJECT_ROOT,
		// Vitest sets NODE_ENV=test, which Vite would build with: the browser tests' build (that
		// bench:ui then reuses) came out larger than the one users get.
		env: { ...process.env, NODE_ENV: 'production' },
		stdio: 'inherit'
	});
	if (res.status !== 0) throw new Error('vite build failed (see above).');
}

/** Polls until the app answers (any status) or the process died. */
async function waitForHttp(url: string, died: () => boolean, timeoutMs = 60_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && !died()) {
		try {
			await fetch(url, { signal: AbortSignal.timeout(2000) });
			return true;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	return false;
}

interface UpFlags {
	port?: string;
	host?: string;
	rebuild?: boolean;
}

export function registerUp(program: Command): void {
	program
		.command('up')
		.description(
			'start Neo4j (unless NEO4J_URI is set), load the sample corpus if the graph is empty, serve the app'
		)
		.option('--port <n>', 'HTTP port (default: LINEAGE_PORT or 3000)')
		.option('--host <addr>', 'address to bind (default: LINEAGE_HOST or 127.0.0.1)')
		.option('--rebuild', 'rebuild the app even when the build looks current')
		.action(async (flags: UpFlags) => {
			const port = flags.port ? parsePort(flags.port, '--port') : cliEnv().LINEAGE_PORT;
			const host = flags.host ?? cliEnv().LINEAGE_HOST;
			const uri = await ensureDatabase();
			console.error(`Graph database: ${uri}`);
			await loadSampleIfEmpty();
			if (flags.rebuild || buildIsStale()) buildApp();

			const config = resolveDbConfig();
			const env: NodeJS.ProcessEnv = {
				...process.env,
				HOST: host,
				PORT: String(port),
				NEO4J_URI: uri
			};
			if (config.kind === 'local') {
				env.LINEAGE_DB_PORT = String(config.port);
				env.LINEAGE_DB_DIR = config.dataDir;
			}
			const app = spawn(process.execPath, [BUILD_ENTRY], {
				cwd: PROJECT_ROOT,
				env,
				stdio: 'inherit'
			});
			const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
			const url = `http://${shownHost}:${port}`;
			if (await waitForHttp(`${url}/api/health`, () => app.exitCode !== null)) {
				console.log(`Lineage is up: ${url}`);
			}
			if (config.kind === 'local') {
				console.log('(Neo4j keeps running in the background; stop it with `npx lineage db stop`.)');
			}
			for (const signal of ['SIGINT', 'SIGTERM'] as const) {
				process.on(signal, () => app.kill(signal));
			}
			await new Promise<void>((resolve) =>
				app.on('exit', (code) => {
					process.exitCode = code ?? 0;
					resolve();
				})
			);
		});
}
