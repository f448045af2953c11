// Writes one batch of papers' facts in one transaction. Idempotent per paper: a paper whose
// content hash is stored already is skipped; a changed paper has its old facts removed first.
// Edges carry `support` (papers stating them). A paper's own statements are stored on it (see
// encodePaperEvidence); statements between two entities are (:Evidence) nodes.
import type { ManagedTransaction } from 'neo4j-driver';
import { dbEnv } from '../config.js';
import { cypherParams } from '../driver.js';
import { ENTITY_TYPES, isRelationType, RELATION_TYPES } from '../model.js';
import type { CurationState } from '../curation.js';
import { bumpGraphVersion } from './version.js';
import { curationState, ensureAddedEdges } from './curation.js';
import { applyCuration } from '../curation-apply.js';
import type { EdgeRef, EntityRow, EvidenceRow, MentionRow, PaperFacts } from '../rows.js';

// LINEAGE_PROFILE_LOAD=1 prints the time of each statement, to find the slow one.
const PROFILE = dbEnv().LINEAGE_PROFILE_LOAD;
const timings = new Map<string, number>();
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
	if (!PROFILE) return work();
	const t = performance.now();
	try {
		return await work();
	} finally {
		timings.set(name, (timings.get(name) ?? 0) + performance.now() - t);
	}
}
export function loadTimings(): Record<string, number> {
	return Object.fromEntries([...timings].map(([k, v]) => [k, Math.round(v)]));
}

export interface BatchResult {
	new: number;
	updated: number;
	unchanged: number;
	entitiesCreated: number;
	relationsCreated: number;
	evidenceWritten: number;
}

// Relationship types come from the fixed RELATION_TYPES vocabulary, never from input.

// rows: {source, type, target, confidence, curated} of a paper's own edges. The paper is new or
// has just had its edges removed, so CREATE is safe and cheaper than MERGE.
const CREATE_PAPER_EDGES = `
UNWIND $rows AS row
MATCH (a:Paper {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:$(row.type) {support: 1, confidence: row.confidence, curated: row.curated}]->(b)`;

/**
 * An entity edge keeps the ids of a few of the papers supporting it (`r.papers`), so reading
 * its evidence starts from those papers instead of scanning everything that proposes its
 * source. Retracted papers leave the list; an edge whose listed papers have all gone falls back
 * to the scan (graph/queries/shared.ts evidenceOf).
 */
export const EDGE_PAPERS_CAP = 5;

// rows: {source, target, count, papers, curated} → entity edges of one type created or their
// support raised (`curated`: a person confirmed the edge, graph/curation-apply.ts). One statement per type: a MERGE with a dynamic type cannot expand into by type, and
// crawls the relationships of busy entities.
const MERGE_ENTITY_EDGES = perType(
	(type) => `
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:${type}]->(b)
ON CREATE SET r.support = row.count, r.papers = row.papers, r.curated = row.curated
ON MATCH SET r.support = r.support + row.count,
             r.papers = CASE WHEN size(coalesce(r.papers, [])) >= ${EDGE_PAPERS_CAP} THEN r.papers
                             ELSE (coalesce(r.papers, []) + row.papers)[..${EDGE_PAPERS_CAP}] END`
);

// rows: {source, target, count, papers} → support lowered, the papers unlisted, edges without
// support deleted
const RETRACT_ENTITY_EDGES = perType(
	(type) => `
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})-[r:${type}]->(b:Entity {id: row.target})
SET r.support = r.support - row.count,
    r.papers = [x IN coalesce(r.papers, []) WHERE NOT x IN row.papers]
WITH r WHERE r.support <= 0
DELETE r`
);

function perType(build: (type: string) => string): Map<string, string> {
	return new Map(RELATION_TYPES.map((type) => [type, build(type)]));
}

/** Runs one of the per-type statements for each type present in rows. */
async function runByType(
	tx: ManagedTransaction,
	statements: Map<string, string>,
	rows: EdgeCount[]
): Promise<number> {
	const byType = new Map<string, EdgeCount[]>();
	for (const row of rows) byType.set(row.type, [...(byType.get(row.type) ?? []), row]);
	let created = 0;
	for (const [type, group] of byType) {
		const statement = statements.get(type);
		if (!statement) throw new Error(`Unknown relation type ${type}`);
		const res = await tx.run(statement, cypherParams({ rows: group }));
		created += res.summary.counters.updates().relationshipsCreated;
	}
	return created;
}

// ids → the stored content hash of those that exist
const EXISTING = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, p.contentHash AS hash`;

// ids → their evidence nodes removed; returns the entity edges each paper supported. Papers
// stored before `supports` existed (facts version 1) list them only through their evidence.
const REMOVE_EVIDENCE = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_EVIDENCE]->(ev:Evidence)
  WITH collect(ev) AS evs
  WITH evs, [ev IN evs WHERE ev.sourceKind = 'Entity' | ev.key] AS legacy
  FOREACH (ev IN evs | DETACH DELETE ev)
  RETURN legacy
}
RETURN p.id AS id, coalesce(p.supports, legacy) AS supports`;

// ids → mentions removed; returns the entities they pointed at
const REMOVE_MENTIONS = `
UNWIND $ids AS id
MATCH (:Paper {id: id})-[m:MENTIONS]->(e:Entity)
DELETE m
RETURN collect(DISTINCT e.id) AS touched`;

// papers: PaperRow[]
const WRITE_PAPERS = `
UNWIND $papers AS row
MERGE (p:Paper {id: row.id})
SET p.title = row.title, p.abstract = row.abstract, p.year = row.year, p.url = row.url,
    p.authors = row.authors, p.arxivId = row.arxivId, p.doi = row.doi, p.source = row.source,
    p.contentHash = row.contentHash, p.textOffset = row.textOffset, p.text = row.text,
    p.evidence = row.evidence, p.supports = row.supports`;

// entities: EntityRow[] (one row per id) → created count
const WRITE_ENTITIES = `
UNWIND $entities AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type, e.nameKey = toLower(row.name),
              e.aliases = row.aliases, e.firstYear = row.year
ON MATCH SET e.aliases = e.aliases + [a IN row.aliases WHERE NOT a IN e.aliases],
             e.firstYear = CASE WHEN row.year IS NOT NULL AND (e.firstYear IS NULL OR row.year < e.firstYear)
                                THEN row.year ELSE e.firstYear END
SET e:$(row.type)`;

// mentions: MentionRow[] (the papers written have no mentions left: CREATE, not MERGE). `via`
// only on a mention a merge pointed here: undoing the merge finds the papers to load again.
const WRITE_MENTIONS = `
UNWIND $mentions AS row
MATCH (p:Paper {id: row.paperId})
MATCH (e:Entity {id: row.entityId})
CREATE (p)-[:MENTIONS {count: row.count, spans: row.spans, via: row.via}]->(e)`;

// entities: rows whose name and type a correction set → written over what is stored
const FIX_ENTITIES = `
UNWIND $entities AS row
MATCH (e:Entity {id: row.id})
REMOVE e:${ENTITY_TYPES.join(':')}
SET e.name = row.name, e.nameKey = toLower(row.name), e.type = row.type, e:$(row.type)`;

// evidence: EvidenceRow[] (statements between two entities)
const WRITE_EVIDENCE = `
UNWIND $evidence AS row
MATCH (p:Paper {id: row.paperId})
CREATE (p)-[:HAS_EVIDENCE]->(ev:Evidence)
SET ev = row`;

// ids of entities whose papers changed → counts refreshed, orphans removed
const REFRESH_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e, COUNT { (e)<-[:MENTIONS]-() } AS papers
SET e.paperCount = papers
WITH e WHERE papers = 0 AND NOT EXISTS { (e)--() }
DELETE e`;

// ids of entities that lost mentions → first year recomputed from what remains
const RECOMPUTE_FIRST_YEAR = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.firstYear = COLLECT { MATCH (p:Paper)-[:MENTIONS]->(e) WHERE p.year IS NOT NULL RETURN min(p.year) }[0]`;

function mergeEntities(rows: EntityRow[]): EntityRow[] {
	const byId = new Map<string, EntityRow>();
	for (const row of rows) {
		const seen = byId.get(row.id);
		if (!seen) {
			byId.set(row.id, { ...row, aliases: [...row.aliases] });
			continue;
		}
		for (const alias of row.aliases) if (!seen.aliases.includes(alias)) seen.aliases.push(alias);
		seen.fixed ||= row.fixed;
		if (row.year !== null && (seen.year === null || row.year < seen.year)) seen.year = row.year;
	}
	return [...byId.values()];
}

interface EdgeCount {
	source: string;
	type: string;
	target: string;
	count: number;
	papers: string[]; // the first EDGE_PAPERS_CAP of the papers counted (all, when retracting)
	curated?: 'confirmed' | null;
}

/**
 * Entity edge keys with the paper supporting them (one per paper and key) → one row per edge
 * with the number of papers and their ids.
 */
function countKeys(
	supports: { key: string; paper: string }[],
	listAll = false,
	confirmed?: Set<string>
): EdgeCount[] {
	const counts = new Map<string, EdgeCount>();
	for (const { key, paper } of supports) {
		const seen = counts.get(key);
		if (seen) {
			seen.count++;
			if (listAll || seen.papers.length < EDGE_PAPERS_CAP) seen.papers.push(paper);
			continue;
		}
		const [source, type, target] = key.split('|');
		if (!source || !target || !isRelationType(type ?? '')) throw new Error(`Bad edge key ${key}`);
		counts.set(key, {
			source,
			type: type!,
			target,
			count: 1,
			papers: [paper],
			curated: confirmed?.has(key) ? 'confirmed' : null
		});
	}
	return [...counts.values()];
}

/** Removes everything the given papers contributed (not the Paper nodes themselves). */
async function retractPapers(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
	if (ids.length === 0) return [];
	const removed = await tx.run(REMOVE_EVIDENCE, { ids });
	const supported = removed.records.flatMap((r) =>
		(r.get('supports') as string[]).map((key) => ({ key, paper: r.get('id') as string }))
	);
	const retracted = countKeys(supported, true);
	await runByType(tx, RETRACT_ENTITY_EDGES, retracted);
	const mentions = await tx.run(REMOVE_MENTIONS, { ids });
	const touched = new Set<string>(mentions.records[0]?.get('touched') ?? []);
	for (const r of retracted) touched.add(r.source).add(r.target);
	// Paper → entity edges belong to the paper alone.
	const own = await tx.run(
		`UNWIND $ids AS id MATCH (:Paper {id: id})-[r]->(e:Entity) WHERE type(r) <> 'MENTIONS'
		 DELETE r RETURN collect(DISTINCT e.id) AS touched`,
		{ ids }
	);
	for (const id of (own.records[0]?.get('touched') as string[] | undefined) ?? []) touched.add(id);
	return [...touched];
}

/** The corrections changed while a batch was being written: it is written again (pipeline.ts). */
export class CurationChangedError extends Error {
	constructor() {
		super('The corrections changed while this batch was written; it must be written again.');
	}
}

export interface WriteOptions {
	/** the corrections to apply (default: those stored, graph/queries/curation.ts) */
	curation?: CurationState;
	/** write every paper, even one whose content is stored already (a correction re-loads papers) */
	force?: boolean;
}

export async function writeBatch(
	tx: ManagedTransaction,
	rawBatch: PaperFacts[],
	options: WriteOptions = {}
): Promise<BatchResult> {
	const result: BatchResult = {
		new: 0,
		updated: 0,
		unchanged: 0,
		entitiesCreated: 0,
		relationsCreated: 0,
		evidenceWritten: 0
	};
	const curation = options.curation ?? (await timed('curation', () => curationState(tx)));
	const batch = curation.empty ? rawBatch : rawBatch.map((f) => applyCuration(f, curation));
	const ids = batch.map((f) => f.paper.id);
	const existing = await timed('existing', () => tx.run(EXISTING, { ids }));
	const stored = new Map(
		existing.records.map((r) => [r.get('id') as string, r.get('hash') as string])
	);
	const changed: string[] = [];
	const toWrite: PaperFacts[] = [];
	for (const facts of batch) {
		const hash = stored.get(facts.paper.id);
		if (hash === facts.paper.contentHash && !options.force) {
			result.unchanged++;
			continue;
		}
		if (hash === undefined) result.new++;
		else {
			result.updated++;
			changed.push(facts.paper.id);
		}
		toWrite.push(facts);
	}
	if (toWrite.length === 0) return result;

	const touchedByRemoval = await timed('retract', () => retractPapers(tx, changed));

	await timed('papers', () =>
		tx.run(WRITE_PAPERS, cypherParams({ papers: toWrite.map((f) => f.paper) }))
	);
	const entities = mergeEntities(toWrite.flatMap((f) => f.entities));
	const written = await timed('entities', () => tx.run(WRITE_ENTITIES, cypherParams({ entities })));
	result.entitiesCreated = written.summary.counters.updates().nodesCreated;
	const fixed = entities.filter((e) => e.fixed);
	if (fixed.length > 0) await tx.run(FIX_ENTITIES, cypherParams({ entities: fixed }));
	const mentions: MentionRow[] = toWrite.flatMap((f) => f.mentions);
	await timed('mentions', () => tx.run(WRITE_MENTIONS, cypherParams({ mentions })));

	const edges: EdgeRef[] = toWrite.flatMap((f) => f.edges);
	const paperEdges = edges.filter((e) => e.sourceKind === 'Paper');
	for (const e of paperEdges) if (!isRelationType(e.type)) throw new Error(`Bad edge ${e.key}`);
	const confirmed = new Set(edges.filter((e) => e.curated === 'confirmed').map((e) => e.key));
	const entityEdges = countKeys(
		toWrite.flatMap((f) =>
			f.edges
				.filter((e) => e.sourceKind === 'Entity')
				.map((e) => ({ key: e.key, paper: f.paper.id }))
		),
		false,
		confirmed
	);
	const own = await timed('paper edges', () =>
		tx.run(
			CREATE_PAPER_EDGES,
			cypherParams({ rows: paperEdges.map((e) => ({ ...e, curated: e.curated ?? null })) })
		)
	);
	const merged = await timed('entity edges', () => runByType(tx, MERGE_ENTITY_EDGES, entityEdges));
	result.relationsCreated = own.summary.counters.updates().relationshipsCreated + merged;
	if (curation.added.length > 0) {
		// Edges people added come back as soon as both their ends do (after a reset, say).
		const touched = new Set([...entities.map((e) => e.id), ...toWrite.map((f) => f.paper.id)]);
		await ensureAddedEdges(tx, curation.added, touched);
	}

	const evidence: EvidenceRow[] = toWrite.flatMap((f) => f.evidence);
	if (evidence.length > 0)
		await timed('evidence', () => tx.run(WRITE_EVIDENCE, cypherParams({ evidence })));
	result.evidenceWritten =
		evidence.length + toWrite.reduce((n, f) => n + f.paper.evidence.length, 0);

	const touched = [...new Set([...touchedByRemoval, ...entities.map((e) => e.id)])];
	if (touchedByRemoval.length > 0) await tx.run(RECOMPUTE_FIRST_YEAR, { ids: touchedByRemoval });
	await timed('refresh', () => tx.run(REFRESH_ENTITIES, { ids: touched }));
	const current = await bumpGraphVersion(tx);
	if (options.curation === undefined && current !== curation.version)
		throw new CurationChangedError();
	return result;
}

export async function deletePapers(tx: ManagedTransaction, ids: string[]): Promise<void> {
	const touched = await retractPapers(tx, ids);
	await tx.run(`UNWIND $ids AS id MATCH (p:Paper {id: id}) DETACH DELETE p`, { ids });
	await tx.run(RECOMPUTE_FIRST_YEAR, { ids: touched });
	await timed('refresh', () => tx.run(REFRESH_ENTITIES, { ids: touched }));
	await bumpGraphVersion(tx);
}
