// Worker results cross to the main thread as a JSON string of facts (ingest/extract/pool/wire.ts): what
// arrives must be exactly what a structured clone of the objects delivered before, and a real
// worker pool must hand back the facts in-process extraction makes.
import { describe, expect, it } from 'vitest';
import { ExtractPool } from '../../../ingest/extract/pool/pool.js';
import { extractBatch } from '../../../ingest/extract/pool/worker.js';
import { decodeResult, encodeResult } from '../../../ingest/extract/pool/wire.js';
import { SAMPLE_CORPUS } from '../../../ingest/sample/index.js';
import { readPapers } from '../../../ingest/sources/index.js';
import type { Paper } from '../../../ingest/types.js';
import { SEED_GOLD } from './helpers.js';

async function corpus(): Promise<Paper[]> {
	const papers: Paper[] = [];
	for (const file of [SEED_GOLD.pathname, SAMPLE_CORPUS]) {
		for await (const r of readPapers(file)) if (r.ok) papers.push(r.paper);
	}
	return papers;
}

describe('extraction results on the wire', () => {
	it('decode(encode(result)) equals a structured clone of the result', async () => {
		const result = extractBatch({ id: 7, papers: await corpus() });
		result.failures.push({
			paper: {
				id: 'x',
				title: 't',
				abstract: 'a',
				url: undefined,
				authors: [],
				source: { kind: 'k', uri: 'u', line: 1 }
			},
			reason: 'extraction failed: test'
		});
		expect(result.facts.length).toBeGreaterThan(150);
		expect(decodeResult(structuredClone(encodeResult(result)))).toStrictEqual(
			structuredClone(result)
		);
	});

	it('a worker pool returns what in-process extraction returns', async () => {
		const papers = (await corpus()).slice(0, 40);
		const pool = new ExtractPool(2);
		try {
			const viaWorkers = await pool.extract(papers);
			const inProcess = extractBatch({ id: 0, papers });
			expect(viaWorkers.facts).toStrictEqual(inProcess.facts);
			expect(viaWorkers.failures).toStrictEqual([]);
		} finally {
			await pool.close();
		}
	}, 60_000);
});
