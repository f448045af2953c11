// Database configuration, resolved once from defaults + environment (+ CLI flags) into a type
// the rest of the code trusts. This module is the only reader of the database's variables.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Env, optionalIntVar, optionalTextVar, parseEnv, portVar, textVar } from './env.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const memorySize = (fallback: string) =>
	z
		.preprocess(
			(v) => (v === '' ? undefined : v),
			z
				.string()
				.regex(/^(?:\d+[kmg]?|auto)$/i)
				.optional()
		)
		.transform((v) => v?.toLowerCase() ?? fallback)
		.describe('a memory size such as 512m or 2g, or auto');

/** Every variable the database side reads (server and CLI alike). */
export const dbEnvSchema = z.object({
	NEO4J_URI: z
		.preprocess(
			(v) => (v === '' ? undefined : v),
			z
				.string()
				.regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/)
				.optional()
		)
		.describe('a Bolt URI such as bolt://host:7687 or neo4j+s://host'),
	NEO4J_USER: textVar('neo4j'),
	// an empty password is a password (a server without authentication)
	NEO4J_PASSWORD: z.string().optional().describe('text'),
	NEO4J_DATABASE: optionalTextVar(),
	LINEAGE_DB_PORT: portVar(7687),
	LINEAGE_DB_DIR: optionalTextVar(),
	// 'auto': sized from the store and the free memory at start (graph/neo4j-memory.ts)
	LINEAGE_NEO4J_HEAP: memorySize('auto'),
	LINEAGE_NEO4J_PAGECACHE: memorySize('auto'),
	LINEAGE_DB_RETRY_MS: optionalIntVar(0),
	LINEAGE_PROFILE_LOAD: z
		.preprocess((v) => (v === '' ? undefined : v), z.enum(['0', '1']).optional())
		.transform((v) => v === '1')
		.describe('"1" or "0"')
});

export type DbEnv = z.output<typeof dbEnvSchema>;

export function dbEnv(env: Env = process.env): DbEnv {
	return parseEnv(dbEnvSchema, env);
}

interface DbCommon {
	uri: string;
	database?: string;
	/** How long the driver retries a transaction that failed transiently. */
	retryMs: number;
}

export interface ExternalDb extends DbCommon {
	kind: 'external';
	user: string;
	password: string;
}

export interface LocalDb extends DbCommon {
	kind: 'local';
	host: string;
	port: number;
	dataDir: string;
	heap: string;
	pagecache: string;
}

export type DbConfig = ExternalDb | LocalDb;

export interface DbOverrides {
	port?: number;
	dataDir?: string;
	/** The retry time when LINEAGE_DB_RETRY_MS is unset (a web read fails fast: 3 s). */
	defaultRetryMs?: number;
}

function parsePort(raw: string, from: string): number {
	const port = Number(raw);
	if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`${from} must be a port number between 1 and 65535, got "${raw}"`);
	}
	return port;
}

/** NEO4J_URI wins: with it Lineage never starts its own server. */
export function resolveDbConfig(overrides: DbOverrides = {}, env: Env = process.env): DbConfig {
	const vars = dbEnv(env);
	const database = vars.NEO4J_DATABASE;
	const retryMs = vars.LINEAGE_DB_RETRY_MS ?? overrides.defaultRetryMs ?? 3_000;
	if (vars.NEO4J_URI) {
		return {
			kind: 'external',
			uri: vars.NEO4J_URI,
			user: vars.NEO4J_USER,
			password: vars.NEO4J_PASSWORD ?? '',
			database,
			retryMs
		};
	}
	const port = overrides.port ?? vars.LINEAGE_DB_PORT;
	const dataDir = path.resolve(
		overrides.dataDir ?? vars.LINEAGE_DB_DIR ?? path.join(PROJECT_ROOT, '.lineage', `neo4j-${port}`)
	);
	const host = '127.0.0.1';
	return {
		kind: 'local',
		uri: `bolt://${host}:${port}`,
		host,
		port,
		dataDir,
		heap: vars.LINEAGE_NEO4J_HEAP,
		pagecache: vars.LINEAGE_NEO4J_PAGECACHE,
		database,
		retryMs
	};
}

export { parsePort };
