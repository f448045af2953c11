// The app's database access point: the process-wide driver and the mapping of driver failures
// to errors a person can act on. Routes use the repository functions, never neo4j-driver.
import { Neo4jError } from 'neo4j-driver';
import { getDbConfig, readRows, sharedDb, type Db } from '../../../graph/driver.js';

/** The app's database: one driver and database name for the process, passed to every query. */
export function appDb(): Db {
	return sharedDb();
}

export class DatabaseUnavailableError extends Error {}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

export function isUnavailable(err: unknown): boolean {
	if (err instanceof DatabaseUnavailableError) return true;
	if (err instanceof Neo4jError) {
		// DatabaseUnavailable: the database is starting or shutting down ("not currently available").
		return (
			UNAVAILABLE_CODES.has(err.code) ||
			/DatabaseUnavailable|DatabaseNotFound|Shutdown/i.test(err.code) ||
			/ECONNREFUSED|connect|unavailable|not currently available|shut(?:ting)? ?down/i.test(
				err.message
			)
		);
	}
	return false;
}

export function unavailableMessage(): string {
	const config = getDbConfig();
	const fix =
		config.kind === 'local'
			? 'Start it with `npx lineage db start` (or `npm start`).'
			: 'Check that the server at NEO4J_URI is running and reachable, and the credentials in NEO4J_USER / NEO4J_PASSWORD.';
	return `The graph database at ${config.uri} is not reachable. ${fix}`;
}

export interface DbHealth {
	ok: boolean;
	uri: string;
	latencyMs?: number;
	error?: string;
}

export async function databaseHealth(): Promise<DbHealth> {
	const started = performance.now();
	const uri = getDbConfig().uri;
	try {
		await readRows(appDb(), 'RETURN 1 AS ok', {}, { timeoutMs: 2000 });
		return { ok: true, uri, latencyMs: Math.round(performance.now() - started) };
	} catch (err) {
		return { ok: false, uri, error: isUnavailable(err) ? unavailableMessage() : String(err) };
	}
}
