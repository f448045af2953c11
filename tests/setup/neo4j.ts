// Vitest global setup: a throwaway Neo4j (own data folder, free port) for the integration tests,
// unless NEO4J_URI points at a test server. With CI set, no Neo4j means failure, never a skip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveDbConfig, type DbConfig } from '../../graph/config.js';
import { openDb } from '../../graph/driver.js';
import { findFreePort, startServer, stopServer } from '../../graph/local-server.js';
import { applySchema } from '../../graph/schema.js';

declare module 'vitest' {
	export interface ProvidedContext {
		neo4j: DbConfig | null;
		neo4jUnavailable: string;
	}
}

export default async function setup(project: TestProject) {
	let config: DbConfig;
	let cleanup = async () => {};
	try {
		if (process.env.NEO4J_URI) {
			config = resolveDbConfig();
		} else {
			const port = await findFreePort();
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-test-neo4j-'));
			const local = resolveDbConfig(
				{ port, dataDir },
				{ ...process.env, LINEAGE_NEO4J_HEAP: '1g', LINEAGE_NEO4J_PAGECACHE: '256m' }
			);
			if (local.kind !== 'local') throw new Error('unreachable');
			await startServer(local, { log: (l) => console.log(`[neo4j] ${l}`) });
			config = local;
			cleanup = async () => {
				await stopServer(local);
				fs.rmSync(dataDir, { recursive: true, force: true });
			};
		}
		const db = openDb(config);
		try {
			await applySchema(db);
		} finally {
			await db.driver.close();
		}
	} catch (err) {
		const reason = err instanceof Error ? err.message : String(err);
		if (process.env.CI)
			throw new Error(`Integration tests need Neo4j and none could be had: ${reason}`, {
				cause: err
			});
		console.warn(`\n!!! Integration tests SKIPPED: no Neo4j could be had.\n${reason}\n`);
		project.provide('neo4j', null);
		project.provide('neo4jUnavailable', reason);
		return;
	}
	project.provide('neo4j', config);
	// Tests pass this database explicitly (tests/helpers/db.ts): the environment is left as it
	// was, so nothing reaches the database by reading NEO4J_URI.
	project.provide('neo4jUnavailable', '');
	return cleanup;
}
