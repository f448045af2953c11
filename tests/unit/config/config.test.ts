import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, dbEnvSchema, resolveDbConfig } from '../../../graph/config.js';
import { cliEnv, cliEnvSchema } from '../../../cli/config.js';
import {
	autoProjectionRelations,
	parseServerConfig,
	serverEnvSchema
} from '../../../src/lib/server/config.js';
import { runCli } from '../../../support/cli.js';

/** The variables named in the first column of the README's Configuration table. */
function readmeVariables(): string[] {
	const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
	const section = readme.split(/^## Configuration$/m)[1]!.split(/^## /m)[0]!;
	return [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
}

describe('configuration', () => {
	it('names a typo and what the variable expects, instead of running with NaN', () => {
		expect(() => parseServerConfig({ LINEAGE_QUERY_TIMEOUT_MS: 'abc' })).toThrow(
			'LINEAGE_QUERY_TIMEOUT_MS must be a whole number ≥ 1, got "abc"'
		);
		expect(() => parseServerConfig({ LINEAGE_PROJECTION: 'of' })).toThrow(
			'LINEAGE_PROJECTION must be "on" or "off", got "of"'
		);
		expect(() => cliEnv({ LINEAGE_PORT: '70000' })).toThrow(
			'LINEAGE_PORT must be a port number between 1 and 65535, got "70000"'
		);
		expect(() => resolveDbConfig({}, { NEO4J_URI: 'localhost:7687' })).toThrow(/^NEO4J_URI must/);
		expect(() => resolveDbConfig({}, { LINEAGE_NEO4J_HEAP: '2 GB' })).toThrow(
			/^LINEAGE_NEO4J_HEAP must be a memory size/
		);
	});

	it('gives the documented defaults when nothing is set, and an empty variable is unset', () => {
		const config = parseServerConfig({ LINEAGE_QUERY_TIMEOUT_MS: '' });
		expect(config).toMatchObject({
			queryTimeoutMs: 10_000,
			pathsBudgetMs: 1500,
			consoleRowCap: 1000,
			apiTokenName: 'api',
			apiCacheBytes: 64 * 2 ** 20,
			projection: true,
			analytics: true,
			log: true
		});
		expect(config.apiToken).toBeUndefined();
		expect(config.rateLimit).toBeUndefined();
		const db = resolveDbConfig({}, {});
		expect(db).toMatchObject({
			kind: 'local',
			port: 7687,
			heap: 'auto',
			pagecache: 'auto',
			retryMs: 3000
		});
		expect(cliEnv({})).toMatchObject({ LINEAGE_HOST: '127.0.0.1', LINEAGE_PORT: 3000 });
	});

	it('sizes the in-memory copy from the machine unless told a number', () => {
		const gib = 2 ** 30;
		// a quarter of the memory at 1 KiB a relation; never below a million
		expect(autoProjectionRelations(24 * gib)).toBe(6_291_456);
		expect(autoProjectionRelations(16 * gib)).toBe(4_194_304);
		expect(autoProjectionRelations(256 * 2 ** 20)).toBe(1_000_000);
		expect(parseServerConfig({}).projectionMaxRelations).toBe(
			autoProjectionRelations(os.totalmem())
		);
		expect(
			parseServerConfig({ LINEAGE_PROJECTION_MAX_RELATIONS: '2000' }).projectionMaxRelations
		).toBe(2000);
		expect(() => parseServerConfig({ LINEAGE_PROJECTION_MAX_RELATIONS: 'lots' })).toThrow(
			/^LINEAGE_PROJECTION_MAX_RELATIONS must be auto or a whole number ≥ 1, got "lots"/
		);
	});

	it('keeps the path budget within 80 % of the query timeout, and analytics off with the copy', () => {
		const config = parseServerConfig({
			LINEAGE_QUERY_TIMEOUT_MS: '1000',
			LINEAGE_PROJECTION: 'off'
		});
		expect(config.pathsBudgetMs).toBe(800);
		expect(config.analytics).toBe(false);
	});

	it('documents every variable in the README table, and the table names no other', () => {
		const ours = (name: string) => /^(LINEAGE|NEO4J)_/.test(name);
		const inSchemas = new Set(
			[dbEnvSchema, serverEnvSchema, cliEnvSchema].flatMap((s) => Object.keys(s.shape))
		);
		const inReadme = new Set(readmeVariables().filter(ours));
		expect([...inSchemas].filter((v) => !inReadme.has(v)).sort()).toEqual([]);
		expect([...inReadme].filter((v) => !inSchemas.has(v)).sort()).toEqual([]);
	});

	it('stops the lineage command at start, naming the variable', async () => {
		const res = await runCli(['stats'], {
			env: { ...process.env, NEO4J_URI: '', LINEAGE_DB_PORT: 'seven' }
		});
		expect(res.code).toBe(1);
		expect(res.stderr).toContain(
			'LINEAGE_DB_PORT must be a port number between 1 and 65535, got "seven"'
		);
	});
});
