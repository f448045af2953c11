// `lineage db start|stop|status`: the Neo4j that Lineage runs itself.
import type { Command } from 'commander';
import { parsePort, resolveDbConfig, type DbOverrides, type LocalDb } from '../../graph/config.js';
import { openDb } from '../../graph/driver.js';
import {
	ensureLauncherBuilt,
	serverStatus,
	startServer,
	stopServer
} from '../../graph/local-server.js';
import { applySchema } from '../../graph/schema.js';

interface DbFlags {
	port?: string;
	data?: string;
}

function localConfig(flags: DbFlags): LocalDb | undefined {
	const overrides: DbOverrides = {
		port: flags.port ? parsePort(flags.port, '--port') : undefined,
		dataDir: flags.data
	};
	const config = resolveDbConfig(overrides);
	if (config.kind === 'external') {
		console.log(
			`NEO4J_URI is set (${config.uri}): Lineage uses that server and does not run its own.`
		);
		return undefined;
	}
	return config;
}

/** Starts the local server (if NEO4J_URI is unset) and applies the schema. Returns the URI. */
export async function ensureDatabase(flags: DbFlags = {}, log = console.error): Promise<string> {
	const config = resolveDbConfig({
		port: flags.port ? parsePort(flags.port, '--port') : undefined,
		dataDir: flags.data
	});
	if (config.kind === 'local') {
		const started = await startServer(config, { log });
		for (const note of started.notes) log(note);
	}
	const db = openDb(config);
	try {
		await applySchema(db);
	} finally {
		await db.driver.close();
	}
	return config.uri;
}

export function registerDb(program: Command): void {
	const db = program.command('db').description('run the local Neo4j (unless NEO4J_URI is set)');
	const withInstance = (cmd: Command) =>
		cmd
			.option('--port <n>', 'Bolt port (default: LINEAGE_DB_PORT or 7687)')
			.option('--data <dir>', 'data folder (default: LINEAGE_DB_DIR or .lineage/neo4j-<port>)');

	db.command('build')
		.description(
			'build the embedded Neo4j launcher from Maven Central (start does this on first use)'
		)
		.action(() => {
			ensureLauncherBuilt((line) => console.error(line));
			console.log('The Neo4j launcher is built (graph/server/target).');
		});

	withInstance(db.command('start'))
		.description('build the launcher on first use, start Neo4j in the background, apply the schema')
		.action(async (flags: DbFlags) => {
			const config = localConfig(flags);
			if (!config) {
				await ensureDatabase(flags);
				return;
			}
			const started = await startServer(config, { log: (l) => console.error(l) });
			for (const note of started.notes) console.error(note);
			const db = openDb(config);
			try {
				await applySchema(db);
			} finally {
				await db.driver.close();
			}
			console.log(
				started.alreadyRunning
					? `Neo4j is already running at ${started.uri} (pid ${started.pid}, data ${config.dataDir})`
					: `Neo4j is running at ${started.uri} (pid ${started.pid}, data ${config.dataDir})`
			);
		});

	withInstance(db.command('stop'))
		.description('shut down the instance of that port / data folder cleanly')
		.action(async (flags: DbFlags) => {
			const config = localConfig(flags);
			if (!config) return;
			const stopped = await stopServer(config);
			console.log(
				stopped.wasRunning
					? `Stopped Neo4j (pid ${stopped.pid}${stopped.forced ? ', forced after timeout' : ''}); data kept in ${config.dataDir}`
					: `No Lineage Neo4j was running for ${config.dataDir}`
			);
		});

	withInstance(db.command('status'))
		.description('tell whether the local Neo4j runs and where its data lives')
		.action(async (flags: DbFlags) => {
			const config = localConfig(flags);
			if (!config) return;
			const status = await serverStatus(config);
			if (status.running) {
				console.log(
					`running: ${status.uri} (pid ${status.pid}${status.answering ? '' : ', not answering yet'})`
				);
			} else {
				console.log('not running');
			}
			console.log(`data: ${status.dataDir}${status.storeExists ? '' : ' (empty)'}`);
			if (!status.running) process.exitCode = 3;
		});
}
