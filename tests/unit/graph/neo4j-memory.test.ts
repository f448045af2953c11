// The local Neo4j's memory follows the graph it opens and the memory the machine has free.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoMemory, neo4jMemory, storeBytes } from '../../../graph/neo4j-memory.js';

const MB = 2 ** 20;
const GB = 2 ** 30;

describe('Neo4j memory sized from the store', () => {
	it('gives an empty graph a small page cache and the default heap', () => {
		expect(autoMemory(0, 16 * GB)).toEqual({ heap: 2 * GB, pagecache: 512 * MB });
	});

	it('grows the page cache past the store, and the heap with it', () => {
		const big = autoMemory(4 * GB, 64 * GB);
		expect(big.pagecache).toBeGreaterThanOrEqual(4.8 * GB + 512 * MB);
		expect(big.heap).toBe(3 * GB);
		const small = autoMemory(200 * MB, 64 * GB);
		expect(small.pagecache).toBeLessThan(big.pagecache);
	});

	it('never takes more than half the free memory for pages, a quarter for the heap', () => {
		const m = autoMemory(40 * GB, 8 * GB);
		expect(m.pagecache).toBeLessThanOrEqual(4 * GB);
		expect(m.heap).toBeLessThanOrEqual(2 * GB);
		const tiny = autoMemory(0, 1 * GB);
		expect(tiny.heap).toBe(512 * MB);
		expect(tiny.pagecache).toBe(512 * MB);
	});

	it('reads the store size on disk, and keeps sizes set by hand', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-memory-'));
		try {
			const db = path.join(dir, 'data', 'databases', 'neo4j');
			fs.mkdirSync(db, { recursive: true });
			fs.writeFileSync(path.join(db, 'neostore.nodestore.db'), Buffer.alloc(3 * MB));
			fs.mkdirSync(path.join(dir, 'data', 'transactions'), { recursive: true });
			fs.writeFileSync(path.join(dir, 'data', 'transactions', 'log'), Buffer.alloc(5 * MB));
			expect(storeBytes(dir)).toBe(3 * MB);
			expect(neo4jMemory({ dataDir: dir, heap: '1g', pagecache: '256m' })).toMatchObject({
				heap: '1g',
				pagecache: '256m'
			});
			const auto = neo4jMemory({ dataDir: dir, heap: 'auto', pagecache: 'auto' });
			expect(auto.heap).toMatch(/^\d+m$/);
			expect(auto.why).toContain('3 MB store');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
