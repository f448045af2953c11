// Shared access to the test Neo4j started by tests/setup/neo4j.ts. Code under test gets it
// explicitly: a Db for the query functions in this process, an environment for a child process.
import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { DbConfig } from '../../graph/config.js';
import { createDriver, sharedDb, type Db } from '../../graph/driver.js';
import { childEnv } from '../../support/child-env.js';

export const testDb: DbConfig | null = inject('neo4j');
export const noNeo4j = testDb === null;

function requireTestDb(): DbConfig {
	if (!testDb) throw new Error(`No test Neo4j: ${inject('neo4jUnavailable')}`);
	return testDb;
}

export function testDriver(): Driver {
	return createDriver(requireTestDb());
}

/** Each test file labels its own nodes so files never see each other's data. */
export async function deleteLabel(driver: Driver, label: string): Promise<void> {
	await driver.executeQuery(`MATCH (n:\`${label}\`) DETACH DELETE n`);
}

/**
 * The test Neo4j as the process-wide Db, passed to the query functions; code under test that
 * takes the process-wide Db (the server's modules) gets the same one.
 */
export function graphDb(): Db {
	return sharedDb(requireTestDb());
}

/** The environment of a child process (the CLI, the built app) on the test Neo4j, plus `extra`. */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return childEnv(requireTestDb(), extra);
}
