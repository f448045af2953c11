// Shared access to the test Neo4j started by tests/setup/neo4j.ts.
import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { DbConfig } from '../../graph/config.js';
import { createDriver, sharedDb, type Db } from '../../graph/driver.js';

export const testDb: DbConfig | null = inject('neo4j');
export const noNeo4j = testDb === null;

export function testDriver(): Driver {
	if (!testDb) throw new Error(`No test Neo4j: ${inject('neo4jUnavailable')}`);
	return createDriver(testDb);
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
	return sharedDb(testDb ?? undefined);
}
