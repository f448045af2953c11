// Writes one batch of papers' facts in one transaction. Idempotent per paper: a paper whose
// content hash is stored already is skipped; a changed paper has its old facts removed first.
// Edges carry `support` (papers stating them); each paper's evidence is an (:Evidence) node.
import type { ManagedTransaction } from 'neo4j-driver';
import { cypherParams } from '../driver.js';
import { RELATION_TYPES } from '../model.js';
import type { EdgeRow, EntityRow, MentionRow, PaperFacts } from '../../ingest/load/facts.js';

// LINEAGE_PROFILE_LOAD=1 prints the time of each statement, to find the slow one.
const PROFILE = process.env.LINEAGE_PROFILE_LOAD === '1';
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

const KINDS = ['Paper', 'Entity'] as const;
type Kind = (typeof KINDS)[number];

// Relationship types cannot be parameters in an index-friendly MERGE, so each statement is
// generated from the fixed RELATION_TYPES list (never from input).
function perType(build: (type: string, kind: Kind) => string): Map<string, string> {
	const map = new Map<string, string>();
	for (const type of RELATION_TYPES)
		for (const kind of KINDS) map.set(`${kind}|${type}`, build(type, kind));
	return map;
}

// rows: {source, target, count} → edges created or their support raised
const MERGE_EDGES = perType(
	(type, kind) => `
UNWIND $rows AS row
MATCH (a:${kind} {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:${type}]->(b)
ON CREATE SET r.support = row.count
ON MATCH SET r.support = r.support + row.count`
);

// rows: {source, target, count} → support lowered, edges without support deleted
const RETRACT_EDGES = perType(
	(type, kind) => `
UNWIND $rows AS row
MATCH (a:${kind} {id: row.source})-[r:${type}]->(b:Entity {id: row.target})
SET r.support = r.support - row.count
WITH r WHERE r.support <= 0
DELETE r`
);

// ids → the stored content hash of those that exist
const EXISTING = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, p.contentHash AS hash`;

// ids → their evidence removed; returns what each evidence supported
const REMOVE_EVIDENCE = `
UNWIND $ids AS id
MATCH (:Paper {id: id})-[:HAS_EVIDENCE]->(ev:Evidence)
WITH ev, ev.source AS source, ev.sourceKind AS sourceKind, ev.type AS type, ev.target AS target
DETACH DELETE ev
RETURN source, sourceKind, type, target, count(*) AS count`;

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
    p.contentHash = row.contentHash, p.textOffset = row.textOffset`;

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

// mentions: MentionRow[] (the papers written have no mentions left: CREATE, not MERGE)
const WRITE_MENTIONS = `
UNWIND $mentions AS row
MATCH (p:Paper {id: row.paperId})
MATCH (e:Entity {id: row.entityId})
CREATE (p)-[:MENTIONS {count: row.count, spans: row.spans}]->(e)`;

// evidence: EdgeRow[]
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
		if (row.year !== null && (seen.year === null || row.year < seen.year)) seen.year = row.year;
	}
	return [...byId.values()];
}

interface EdgeGroup {
	source: string;
	target: string;
	count: number;
}

function groupEdges(
	rows: { source: string; sourceKind: string; type: string; target: string; count: number }[]
): Map<string, EdgeGroup[]> {
	const groups = new Map<string, Map<string, EdgeGroup>>();
	for (const row of rows) {
		const statementKey = `${row.sourceKind}|${row.type}`;
		const group = groups.get(statementKey) ?? new Map<string, EdgeGroup>();
		const edgeKey = `${row.source}|${row.target}`;
		const edge = group.get(edgeKey) ?? { source: row.source, target: row.target, count: 0 };
		edge.count += row.count;
		group.set(edgeKey, edge);
		groups.set(statementKey, group);
	}
	return new Map([...groups].map(([k, v]) => [k, [...v.values()]]));
}

async function runGrouped(
	tx: ManagedTransaction,
	statements: Map<string, string>,
	groups: Map<string, EdgeGroup[]>
): Promise<number> {
	let created = 0;
	for (const [key, rows] of groups) {
		const statement = statements.get(key);
		if (!statement) throw new Error(`Unknown relation or source kind: ${key}`);
		const res = await timed(`edges ${key}`, () => tx.run(statement, cypherParams({ rows })));
		created += res.summary.counters.updates().relationshipsCreated;
	}
	return created;
}

/** Removes everything the given papers contributed (not the Paper nodes themselves). */
async function retractPapers(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
	if (ids.length === 0) return [];
	const removed = await tx.run(REMOVE_EVIDENCE, { ids });
	const retracted = removed.records.map((r) => ({
		source: r.get('source') as string,
		sourceKind: r.get('sourceKind') as string,
		type: r.get('type') as string,
		target: r.get('target') as string,
		count: Number(r.get('count'))
	}));
	await runGrouped(tx, RETRACT_EDGES, groupEdges(retracted));
	const mentions = await tx.run(REMOVE_MENTIONS, { ids });
	const touched = new Set<string>(mentions.records[0]?.get('touched') ?? []);
	for (const r of retracted) {
		if (r.sourceKind === 'Entity') touched.add(r.source);
		touched.add(r.target);
	}
	// Paper → entity edges belong to the paper alone; anything left over is stale.
	await tx.run(
		`UNWIND $ids AS id MATCH (:Paper {id: id})-[r]->(:Entity) WHERE type(r) <> 'MENTIONS' DELETE r`,
		{ ids }
	);
	return [...touched];
}

export async function writeBatch(
	tx: ManagedTransaction,
	batch: PaperFacts[]
): Promise<BatchResult> {
	const result: BatchResult = {
		new: 0,
		updated: 0,
		unchanged: 0,
		entitiesCreated: 0,
		relationsCreated: 0,
		evidenceWritten: 0
	};
	const ids = batch.map((f) => f.paper.id);
	const existing = await timed('existing', () => tx.run(EXISTING, { ids }));
	const stored = new Map(
		existing.records.map((r) => [r.get('id') as string, r.get('hash') as string])
	);
	const changed: string[] = [];
	const toWrite: PaperFacts[] = [];
	for (const facts of batch) {
		const hash = stored.get(facts.paper.id);
		if (hash === facts.paper.contentHash) {
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

	const touchedByRemoval = await retractPapers(tx, changed);

	await timed('papers', () =>
		tx.run(WRITE_PAPERS, cypherParams({ papers: toWrite.map((f) => f.paper) }))
	);
	const entities = mergeEntities(toWrite.flatMap((f) => f.entities));
	const written = await timed('entities', () => tx.run(WRITE_ENTITIES, cypherParams({ entities })));
	result.entitiesCreated = written.summary.counters.updates().nodesCreated;
	const mentions: MentionRow[] = toWrite.flatMap((f) => f.mentions);
	await timed('mentions', () => tx.run(WRITE_MENTIONS, cypherParams({ mentions })));

	const evidence: EdgeRow[] = toWrite.flatMap((f) => f.edges);
	result.relationsCreated = await runGrouped(
		tx,
		MERGE_EDGES,
		groupEdges(evidence.map((e) => ({ ...e, count: 1 })))
	);
	await timed('evidence', () => tx.run(WRITE_EVIDENCE, cypherParams({ evidence })));
	result.evidenceWritten = evidence.length;

	const touched = [...new Set([...touchedByRemoval, ...entities.map((e) => e.id)])];
	if (touchedByRemoval.length > 0) await tx.run(RECOMPUTE_FIRST_YEAR, { ids: touchedByRemoval });
	await timed('refresh', () => tx.run(REFRESH_ENTITIES, { ids: touched }));
	return result;
}

/** Removes papers and everything they contributed (used by `reset` of single papers and tests). */
export async function deletePapers(tx: ManagedTransaction, ids: string[]): Promise<void> {
	const touched = await retractPapers(tx, ids);
	await tx.run(`UNWIND $ids AS id MATCH (p:Paper {id: id}) DETACH DELETE p`, { ids });
	await tx.run(RECOMPUTE_FIRST_YEAR, { ids: touched });
	await timed('refresh', () => tx.run(REFRESH_ENTITIES, { ids: touched }));
}
