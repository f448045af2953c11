// A token that changes whenever the graph's content does, so readers (the app's response
// cache) can tell a stale answer from a fresh one without comparing content.
import type { ManagedTransaction } from 'neo4j-driver';
import { readRows, type Db } from '../driver.js';

// Run inside every transaction that changes papers, entities or edges. It takes the meta node's
// write lock until the transaction ends, and returns the token of the corrections in force
// (graph/queries/curation.ts lockCuration), read under that lock: a loading batch compares it
// with the corrections it applied.
const BUMP = `MERGE (m:LineageMeta {id: 'graph'}) SET m.version = randomUUID() RETURN m.curation AS curation`;

export async function bumpGraphVersion(tx: ManagedTransaction): Promise<string | null> {
	const res = await tx.run(BUMP);
	return (res.records[0]?.get('curation') as string | null | undefined) ?? null;
}

/** The current version; 'empty' for a graph never written. */
export async function graphVersion(db: Db, options: { timeoutMs?: number } = {}): Promise<string> {
	const [row] = await readRows<{ version: string | null }>(
		db,
		`OPTIONAL MATCH (m:LineageMeta {id: 'graph'}) RETURN m.version AS version`,
		{},
		options
	);
	return row?.version ?? 'empty';
}
