// Applies graph/schema.cypher: one statement per transaction (schema changes cannot share one),
// then waits for the indexes to come online so the first queries can use them.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './driver.js';
import { PROJECT_ROOT } from './config.js';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'graph', 'schema.cypher');

export function schemaStatements(text = fs.readFileSync(SCHEMA_FILE, 'utf8')): string[] {
	return text
		.split('\n')
		.filter((line) => !line.trim().startsWith('//'))
		.join('\n')
		.split(';')
		.map((s) => s.trim())
		.filter(Boolean);
}

export async function applySchema(db: Db): Promise<void> {
	const { driver, database } = db;
	for (const statement of schemaStatements()) {
		await driver.executeQuery(statement, {}, { database });
	}
	await driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
}
