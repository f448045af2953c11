// The local Neo4j's heap and page cache, sized from the graph it will open and the memory the
// machine has free when it starts, unless LINEAGE_NEO4J_HEAP / LINEAGE_NEO4J_PAGECACHE say
// otherwise. The page cache holds the store files (reads never wait on the disk when all of
// them fit), with room for what an ingest adds; the heap serves queries and transactions,
// whose size follows the batches more than the graph.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MB = 2 ** 20;
const GB = 2 ** 30;

export interface Neo4jMemory {
	heap: string; // a JVM size: '1536m'
	pagecache: string;
	/** what the sizes were chosen from, for the `db start` notes */
	why: string;
}

/**
 * `auto` sizes (pure, for tests):
 *   page cache = 1.2 × the store + 512 MB for growth, within 256 MB … half the free memory;
 *   heap = 2 GB + a quarter of the store, within 512 MB … a quarter of the free memory (≤ 16 GB).
 * Free memory is what the machine has available at start: other programs keep theirs.
 */
export function autoMemory(
	storeBytes: number,
	availableBytes: number
): { heap: number; pagecache: number } {
	const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
	const pagecache = clamp(1.2 * storeBytes + 512 * MB, 256 * MB, availableBytes / 2);
	const heap = clamp(2 * GB + storeBytes / 4, 512 * MB, Math.min(16 * GB, availableBytes / 4));
	return { heap: roundMb(heap), pagecache: roundMb(pagecache) };
}

const roundMb = (bytes: number) => Math.ceil(bytes / MB / 64) * 64 * MB;
const jvmSize = (bytes: number) => `${Math.round(bytes / MB)}m`;

/** Bytes of the store files under a Neo4j data folder (transaction logs are not paged). */
export function storeBytes(dataDir: string): number {
	const store = path.join(dataDir, 'data', 'databases');
	if (!fs.existsSync(store)) return 0;
	let total = 0;
	for (const entry of fs.readdirSync(store, { withFileTypes: true, recursive: true }))
		if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
	return total;
}

/** The sizes to start with: the configured ones, or `auto` ones from the store and free memory. */
export function neo4jMemory(db: { dataDir: string; heap: string; pagecache: string }): Neo4jMemory {
	const store = storeBytes(db.dataDir);
	const auto = autoMemory(store, os.freemem());
	const heap = db.heap === 'auto' ? jvmSize(auto.heap) : db.heap;
	const pagecache = db.pagecache === 'auto' ? jvmSize(auto.pagecache) : db.pagecache;
	const chosen = [db.heap, db.pagecache].includes('auto')
		? ` (from a ${Math.round(store / MB)} MB store and ${(os.freemem() / GB).toFixed(1)} GB free)`
		: '';
	return { heap, pagecache, why: `heap ${heap}, page cache ${pagecache}${chosen}` };
}
