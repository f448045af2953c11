// Benchmark worker: runs extraction (or the plain compromise baseline) over the abstracts it is
// sent and reports how long that took. Loaded through tsx by bench/extract.ts.
import { parentPort } from 'node:worker_threads';
import { extractPaper } from '../ingest/extract/index.js';
import { compromiseBaseline } from '../ingest/extract/nlp.js';
import type { Paper } from '../ingest/types.js';

export interface WorkRequest {
	mode: 'extract' | 'baseline';
	papers: { id: string; title: string; abstract: string }[];
}

export interface WorkResult {
	ms: number;
	count: number;
	relations: number;
}

const port = parentPort;
if (!port) throw new Error('extract-worker must run as a worker thread');

// warm up: the lexicon index and compiled patterns are built once per thread
extractPaper(
	toPaper({ id: 'warm', title: 'Warm-up: SDXL', abstract: 'We fine-tune SDXL on COCO.' })
);
port.postMessage({ ready: true });

port.on('message', (req: WorkRequest) => {
	const t0 = performance.now();
	let relations = 0;
	for (const p of req.papers) {
		if (req.mode === 'extract') relations += extractPaper(toPaper(p)).relations.length;
		else relations += compromiseBaseline(`${p.title}\n\n${p.abstract}`);
	}
	const result: WorkResult = { ms: performance.now() - t0, count: req.papers.length, relations };
	port.postMessage(result);
});

function toPaper(p: WorkRequest['papers'][number]): Paper {
	return { ...p, authors: [], source: { kind: 'bench', uri: 'bench', line: 0 } };
}
