// A throwaway Neo4j for benchmarks: fresh data folder, free port, stopped and removed after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDbConfig, type LocalDb } from '../graph/config.js';
import { openDb } from '../graph/driver.js';
import { findFreePort, startServer, stopServer } from '../graph/local-server.js';
import { applySchema } from '../graph/schema.js';

/**
 * The reliability and load suites share a 2-core machine with other work: `env` with a smaller
 * Neo4j than the product default unless it chose otherwise.
 */
export function withSmallNeo4j(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return {
		...env,
		LINEAGE_NEO4J_HEAP: env.LINEAGE_NEO4J_HEAP || '1g',
		LINEAGE_NEO4J_PAGECACHE: env.LINEAGE_NEO4J_PAGECACHE || '512m'
	};
}

/** The same default for a whole script's process (the reliability and load commands). */
export function smallNeo4jByDefault(): void {
	Object.assign(process.env, withSmallNeo4j(process.env));
}

export interface BenchDb {
	db: LocalDb;
	stop: () => Promise<void>;
}

/** A fresh Neo4j, its memory from `env` (the variables of `lineage db start`). */
export async function startBenchDb(
	keep = false,
	log = console.log,
	env: NodeJS.ProcessEnv = process.env
): Promise<BenchDb> {
	const port = await findFreePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-bench-neo4j-'));
	const db = resolveDbConfig({ port, dataDir }, { ...env, NEO4J_URI: '' });
	if (db.kind !== 'local') throw new Error('unreachable');
	log(`starting a fresh Neo4j on ${db.uri} (heap ${db.heap}, page cache ${db.pagecache})`);
	await startServer(db);
	const opened = openDb(db);
	await applySchema(opened);
	await opened.driver.close();
	return {
		db,
		stop: async () => {
			if (keep) {
				log(`kept Neo4j running at ${db.uri} with data in ${dataDir}`);
				return;
			}
			await stopServer(db);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
