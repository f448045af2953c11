// read → dedupe → extract → load. Two passes over the input: the first finds which record of
// each duplicate set wins (newest version), the second extracts and loads only winners in
// batches, one transaction each, so memory follows the batch size and a killed run resumes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { writeTx, type Db } from '../graph/driver.js';
import { CurationChangedError, writeBatch, type BatchResult } from '../graph/queries/load.js';
import { ExtractPool } from './extract/pool/pool.js';
import type { PaperFacts } from '../graph/rows.js';
import { Deduper, readPapers, type Reject } from './sources/index.js';
import type { Paper } from './types.js';

export interface Shard {
	index: number; // 1-based
	count: number;
}

export interface IngestOptions {
	files: string[];
	format?: string;
	batchSize?: number;
	dryRun?: boolean;
	shard?: Shard;
	rejectsFile?: string;
	workers?: number;
	onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
	stage: 'scan' | 'load';
	done: number;
	total: number;
}

export interface IngestReport {
	read: number;
	new: number;
	updated: number;
	unchanged: number;
	duplicate: number;
	rejected: number;
	skippedByShard: number;
	entitiesCreated: number;
	relationsCreated: number;
	evidenceWritten: number;
	entitiesFound: number;
	relationsFound: number;
	rejectsFile?: string;
	seconds: { read: number; extract: number; load: number; total: number };
}

export function inShard(paperId: string, shard?: Shard): boolean {
	if (!shard || shard.count <= 1) return true;
	const h = createHash('sha1').update(paperId).digest().readUInt32BE(0);
	return (h % shard.count) + 1 === shard.index;
}

class RejectLog {
	count = 0;
	private fd?: number;
	constructor(private readonly file?: string) {}
	add(reject: Reject): void {
		this.count++;
		if (!this.file) return;
		this.fd ??= fs.openSync(this.file, 'w');
		fs.writeSync(this.fd, `${JSON.stringify(reject)}\n`);
	}
	close(): void {
		if (this.fd !== undefined) fs.closeSync(this.fd);
	}
}

/**
 * One batch in one transaction, with the corrections in force; written again when a correction
 * was made meanwhile (graph/queries/load.ts CurationChangedError), so none is missed.
 */
export async function writeBatchTx(db: Db, facts: PaperFacts[]): Promise<BatchResult> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await writeTx(db, (tx) => writeBatch(tx, facts));
		} catch (err) {
			if (!(err instanceof CurationChangedError) || attempt >= 20) throw err;
		}
	}
}

async function* records(files: string[], format?: string) {
	for (const file of files) yield* readPapers(file, { format });
}

export async function ingest(db: Db, options: IngestOptions): Promise<IngestReport> {
	const started = performance.now();
	const batchSize = options.batchSize ?? 500;
	const report: IngestReport = {
		read: 0,
		new: 0,
		updated: 0,
		unchanged: 0,
		duplicate: 0,
		rejected: 0,
		skippedByShard: 0,
		entitiesCreated: 0,
		relationsCreated: 0,
		evidenceWritten: 0,
		entitiesFound: 0,
		relationsFound: 0,
		seconds: { read: 0, extract: 0, load: 0, total: 0 }
	};
	const rejects = new RejectLog(options.rejectsFile);

	// Pass 1: which record wins each duplicate set, and under which id.
	let t = performance.now();
	const dedupe = new Deduper({ keepPapers: false });
	let index = 0;
	for await (const r of records(options.files, options.format)) {
		if (!r.ok) {
			rejects.add(r.reject);
			continue;
		}
		dedupe.addDetailed(r.paper, index++);
		if (index % 5000 === 0) options.onProgress?.({ stage: 'scan', done: index, total: 0 });
	}
	const winners = dedupe.winnerIds(index); // record index → final paper id, for winners only
	report.read = index;
	report.rejected = rejects.count;
	report.duplicate = index - dedupe.size;
	report.seconds.read += (performance.now() - t) / 1000;

	// Pass 2: extract and load the winners, batch by batch; extraction of the next batch
	// overlaps the load of the previous one.
	const pool = new ExtractPool(options.workers);
	let pendingLoad: Promise<void> = Promise.resolve();
	let total = 0;
	for (const id of winners) if (id !== undefined && inShard(id, options.shard)) total++;
	report.skippedByShard = dedupe.size - total;
	let done = 0;

	const load = async (facts: PaperFacts[]) => {
		const tl = performance.now();
		let result: BatchResult;
		if (options.dryRun) {
			result = {
				new: facts.length,
				updated: 0,
				unchanged: 0,
				entitiesCreated: 0,
				relationsCreated: 0,
				evidenceWritten: 0
			};
		} else {
			result = await writeBatchTx(db, facts);
		}
		report.new += result.new;
		report.updated += result.updated;
		report.unchanged += result.unchanged;
		report.entitiesCreated += result.entitiesCreated;
		report.relationsCreated += result.relationsCreated;
		report.evidenceWritten += result.evidenceWritten;
		report.seconds.load += (performance.now() - tl) / 1000;
		done += facts.length;
		options.onProgress?.({ stage: 'load', done, total });
	};

	const flush = async (papers: Paper[]) => {
		const te = performance.now();
		const extracted = await pool.extract(papers);
		report.seconds.extract += (performance.now() - te) / 1000;
		for (const failure of extracted.failures) {
			rejects.add({
				uri: failure.paper.source.uri,
				line: failure.paper.source.line,
				reason: failure.reason
			});
			done++;
		}
		for (const f of extracted.facts) {
			report.entitiesFound += f.entities.length;
			report.relationsFound += f.edges.length;
		}
		// One batch in the database at a time keeps the write order, and so the graph, deterministic.
		await pendingLoad;
		pendingLoad = load(extracted.facts);
		// Surfaced by the next await; this only keeps Node from reporting it as unhandled meanwhile.
		pendingLoad.catch(() => {});
	};

	try {
		t = performance.now();
		let batch: Paper[] = [];
		index = 0;
		let readTime = 0;
		let tr = performance.now();
		for await (const r of records(options.files, options.format)) {
			if (!r.ok) continue;
			const id = winners[index++];
			if (id === undefined || !inShard(id, options.shard)) continue;
			batch.push(id === r.paper.id ? r.paper : { ...r.paper, id });
			if (batch.length >= batchSize) {
				readTime += performance.now() - tr;
				await flush(batch);
				batch = [];
				tr = performance.now();
			}
		}
		readTime += performance.now() - tr;
		if (batch.length > 0) await flush(batch);
		await pendingLoad;
		report.seconds.read += readTime / 1000;
	} finally {
		await pool.close();
		rejects.close();
	}
	report.rejected = rejects.count;
	report.rejectsFile = rejects.count > 0 ? options.rejectsFile : undefined;
	report.seconds.total = (performance.now() - started) / 1000;
	return report;
}
