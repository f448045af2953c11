// The `lineage` command's configuration: the database's variables and the command's own, parsed
// once when the command starts; a bad value stops it there, naming the variable.
import { z } from 'zod';
import { dbEnvSchema } from '../graph/config.js';
import { type Env, intVar, parseEnv, portVar, textVar } from '../graph/env.js';
import { DEFAULT_DELAY_MS } from '../ingest/sources/arxiv-fetch.js';

export const cliEnvSchema = dbEnvSchema.extend({
	LINEAGE_HOST: textVar('127.0.0.1'),
	LINEAGE_PORT: portVar(3000),
	LINEAGE_ARXIV_DELAY_MS: intVar(DEFAULT_DELAY_MS, 0)
});

export type CliEnv = z.output<typeof cliEnvSchema>;

let parsed: CliEnv | undefined;

export function cliEnv(env: Env = process.env): CliEnv {
	if (env !== process.env) return parseEnv(cliEnvSchema, env);
	return (parsed ??= parseEnv(cliEnvSchema, env));
}
