// Database configuration, resolved once from defaults + environment (+ CLI flags) into a type
// the rest of the code trusts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ExternalDb {
	kind: 'external';
	uri: string;
	user: string;
	password: string;
	database?: string;
}

export interface LocalDb {
	kind: 'local';
	uri: string;
	host: string;
	port: number;
	dataDir: string;
	heap: string;
	pagecache: string;
	database?: string;
}

export type DbConfig = ExternalDb | LocalDb;

export interface DbOverrides {
	port?: number;
	dataDir?: string;
}

type Env = Record<string, string | undefined>;

function parsePort(raw: string, from: string): number {
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`${from} must be a port number between 1 and 65535, got "${raw}"`);
	}
	return port;
}

/** NEO4J_URI wins: with it Lineage never starts its own server. */
export function resolveDbConfig(overrides: DbOverrides = {}, env: Env = process.env): DbConfig {
	const database = env.NEO4J_DATABASE || undefined;
	if (env.NEO4J_URI) {
		return {
			kind: 'external',
			uri: env.NEO4J_URI,
			user: env.NEO4J_USER || 'neo4j',
			password: env.NEO4J_PASSWORD ?? '',
			database
		};
	}
	const port =
		overrides.port ??
		(env.LINEAGE_DB_PORT ? parsePort(env.LINEAGE_DB_PORT, 'LINEAGE_DB_PORT') : 7687);
	const dataDir = path.resolve(
		overrides.dataDir ?? env.LINEAGE_DB_DIR ?? path.join(PROJECT_ROOT, '.lineage', `neo4j-${port}`)
	);
	const host = '127.0.0.1';
	return {
		kind: 'local',
		uri: `bolt://${host}:${port}`,
		host,
		port,
		dataDir,
		// 'auto': sized from the store and the free memory at start (graph/neo4j-memory.ts)
		heap: env.LINEAGE_NEO4J_HEAP || 'auto',
		pagecache: env.LINEAGE_NEO4J_PAGECACHE || 'auto',
		database
	};
}

export { parsePort };
