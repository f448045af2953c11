// The app's configuration: the database's variables and the server's own, parsed once, the
// first time anything asks (hooks' `init` does, so a bad value stops the server at start,
// naming the variable). Read from process.env, which adapter-node fills, rather than
// `$env/dynamic/private`: worker threads and tests outside SvelteKit use these modules too.
import os from 'node:os';
import { z } from 'zod';
import { dbEnvSchema } from '../../../graph/config.js';
import {
	autoIntVar,
	type Env,
	intVar,
	optionalIntVar,
	optionalTextVar,
	parseEnv,
	switchVar,
	textVar
} from '../../../graph/env.js';

export const serverEnvSchema = dbEnvSchema.extend({
	LINEAGE_QUERY_TIMEOUT_MS: intVar(10_000, 1),
	LINEAGE_CONSOLE_ROW_CAP: intVar(1000, 1),
	LINEAGE_API_TOKEN: optionalTextVar(),
	LINEAGE_API_TOKEN_NAME: textVar('api'),
	LINEAGE_RATE_LIMIT: optionalIntVar(1),
	LINEAGE_API_CACHE_MB: intVar(64, 0),
	LINEAGE_PROJECTION: switchVar(),
	LINEAGE_PROJECTION_MAX_RELATIONS: autoIntVar(1),
	LINEAGE_PATHS_BUDGET_MS: intVar(1500, 0),
	LINEAGE_ANALYTICS: switchVar(),
	LINEAGE_LOG: switchVar()
});

type ServerEnv = z.output<typeof serverEnvSchema>;

export interface ServerConfig {
	/** Server-side timeout of every API query. */
	queryTimeoutMs: number;
	/** Time a path search in the in-memory copy may take: at most 80 % of the query timeout. */
	pathsBudgetMs: number;
	consoleRowCap: number;
	/** Set: `/api/*` needs `Authorization: Bearer <token>`. */
	apiToken?: string;
	/** Who corrections made with the token are recorded as. */
	apiTokenName: string;
	/** Requests per minute per client address, when set. */
	rateLimit?: number;
	apiCacheBytes: number;
	projection: boolean;
	projectionMaxRelations: number;
	/** Also off without the projection: the analytics run over it. */
	analytics: boolean;
	log: boolean;
}

/**
 * What the app takes per relation of the graph at its peak: the in-memory copy (its nodes,
 * search index and strings included) about 450 bytes, and as much again while the analytics
 * worker computes over it (a million papers, 5.1 million relations: 2.2 GB, 5.5 GB at peak).
 */
export const PEAK_BYTES_PER_RELATION = 1024;

/**
 * `auto`: the relations whose copy and analytics fit in a quarter of the machine's memory
 * (24 GiB: 6.3 million, a graph of about a million papers), and never fewer than a million.
 */
export function autoProjectionRelations(totalMemory: number): number {
	return Math.max(1_000_000, Math.floor(totalMemory / 4 / PEAK_BYTES_PER_RELATION));
}

export function toServerConfig(vars: ServerEnv, totalMemory = os.totalmem()): ServerConfig {
	return {
		queryTimeoutMs: vars.LINEAGE_QUERY_TIMEOUT_MS,
		pathsBudgetMs: Math.min(0.8 * vars.LINEAGE_QUERY_TIMEOUT_MS, vars.LINEAGE_PATHS_BUDGET_MS),
		consoleRowCap: vars.LINEAGE_CONSOLE_ROW_CAP,
		apiToken: vars.LINEAGE_API_TOKEN,
		apiTokenName: vars.LINEAGE_API_TOKEN_NAME,
		rateLimit: vars.LINEAGE_RATE_LIMIT,
		apiCacheBytes: vars.LINEAGE_API_CACHE_MB * 2 ** 20,
		projection: vars.LINEAGE_PROJECTION,
		projectionMaxRelations:
			vars.LINEAGE_PROJECTION_MAX_RELATIONS === 'auto'
				? autoProjectionRelations(totalMemory)
				: vars.LINEAGE_PROJECTION_MAX_RELATIONS,
		analytics: vars.LINEAGE_ANALYTICS && vars.LINEAGE_PROJECTION,
		log: vars.LINEAGE_LOG
	};
}

/** Parses `env`; throws a ConfigError naming the first bad variable. */
export function parseServerConfig(env: Env): ServerConfig {
	return toServerConfig(parseEnv(serverEnvSchema, env));
}

let parsed: ServerConfig | undefined;

/** The process-wide config: parsed from the environment on first use, or the one given then. */
export function serverConfig(config?: ServerConfig): ServerConfig {
	return (parsed ??= config ?? parseServerConfig(process.env));
}
