// The corrections people make (graph/curation.ts), stored as (:Curation) nodes apart from the
// extracted graph (reset keeps them), and the statements that put one in force at once: names,
// types and aliases set on the entity, an edge's support recounted from the papers that state it.
// (Re-loading the papers a merge touches is ingest/curation.ts: it needs the extractor.)
import type { ManagedTransaction } from 'neo4j-driver';
import { cypherParams, readRows, type Db } from '../driver.js';
import {
	CurationState,
	curationRecord,
	NO_CURATION,
	type AddedEdge,
	type CurationRecord,
	type EdgeVerdict
} from '../curation.js';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../model.js';
import type { PaperRow } from '../rows.js';

/** An entity edge lists at most this many of its papers (graph/queries/load.ts EDGE_PAPERS_CAP). */
const PAPERS_CAP = 5;

const RECORD_FIELDS = `c {.id, .kind, .args, .by, .at, .why, .undone, .undoneAt, .undoneBy}`;

function toRecord(row: Record<string, unknown>): CurationRecord {
	return curationRecord.parse({ ...row, args: JSON.parse(String(row.args)) });
}

/** Every correction, undone ones too, oldest first. */
export async function listCurations(
	db: Db,
	options: { timeoutMs?: number } = {}
): Promise<CurationRecord[]> {
	const rows = await readRows<{ c: Record<string, unknown> }>(
		db,
		`MATCH (c:Curation) RETURN ${RECORD_FIELDS} AS c ORDER BY c.at, c.id`,
		{},
		options
	);
	return rows.map((r) => toRecord(r.c));
}

export async function curationsIn(tx: ManagedTransaction): Promise<CurationRecord[]> {
	const res = await tx.run(`MATCH (c:Curation) RETURN ${RECORD_FIELDS} AS c ORDER BY c.at, c.id`);
	return res.records.map((r) => toRecord(r.get('c') as Record<string, unknown>));
}

/**
 * What the graph calls each id the corrections speak of ($ids → entity name or paper title), so
 * people read names rather than ids; ids no longer in the graph (merged away) are left out.
 */
export async function namesOf(
	db: Db,
	ids: string[],
	options: { timeoutMs?: number } = {}
): Promise<Record<string, string>> {
	const rows = await readRows<{ id: string; name: string }>(
		db,
		`UNWIND $ids AS id
		 OPTIONAL MATCH (e:Entity {id: id})
		 OPTIONAL MATCH (p:Paper {id: id})
		 WITH id, coalesce(e.name, p.title) AS name WHERE name IS NOT NULL
		 RETURN id, name`,
		{ ids },
		options
	);
	return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

export async function getCuration(
	tx: ManagedTransaction,
	id: string
): Promise<CurationRecord | undefined> {
	const res = await tx.run(`MATCH (c:Curation {id: $id}) RETURN ${RECORD_FIELDS} AS c`, { id });
	const row = res.records[0]?.get('c') as Record<string, unknown> | undefined;
	return row ? toRecord(row) : undefined;
}

export async function insertCuration(tx: ManagedTransaction, r: CurationRecord): Promise<void> {
	await tx.run(
		`CREATE (c:Curation {id: $id, kind: $kind, args: $args, by: $by, at: $at, why: $why,
		                     undone: $undone, undoneAt: $undoneAt, undoneBy: $undoneBy})`,
		{ ...r, args: JSON.stringify(r.args) }
	);
}

export async function markUndone(
	tx: ManagedTransaction,
	id: string,
	by: string,
	at: string
): Promise<void> {
	await tx.run(
		`MATCH (c:Curation {id: $id}) SET c.undone = true, c.undoneAt = $at, c.undoneBy = $by`,
		{ id, by, at }
	);
}

export async function countCurations(db: Db): Promise<number> {
	const [row] = await readRows<{ n: number }>(db, `MATCH (c:Curation) RETURN count(c) AS n`);
	return row?.n ?? 0;
}

/** Deletes every correction (`reset --with-curation`); returns how many there were. */
export async function deleteCurations(db: Db): Promise<number> {
	const res = await db.driver.executeQuery(
		`MATCH (c:Curation) WITH collect(c) AS cs
		 FOREACH (c IN cs | DELETE c)
		 MERGE (m:LineageMeta {id: 'graph'}) SET m.version = randomUUID(), m.curation = randomUUID()
		 RETURN size(cs) AS n`,
		{},
		{ database: db.database }
	);
	return Number(res.records[0]?.get('n') ?? 0);
}

/** The graph's curation token (changed by every correction and undo), or null when none. */
export async function curationToken(
	db: Db,
	options: { timeoutMs?: number } = {}
): Promise<string | null> {
	const [row] = await readRows<{ token: string | null }>(
		db,
		`OPTIONAL MATCH (m:LineageMeta {id: 'graph'}) RETURN m.curation AS token`,
		{},
		options
	);
	return row?.token ?? null;
}

let cached: CurationState = NO_CURATION;

/**
 * The corrections in force, as the loader applies them. Each change of the corrections writes a
 * new `curation` token on the graph's meta node: while it is unchanged the lookups built last
 * time serve (one tiny read per batch).
 */
export async function curationState(tx: ManagedTransaction): Promise<CurationState> {
	const res = await tx.run(
		`OPTIONAL MATCH (m:LineageMeta {id: 'graph'}) RETURN m.curation AS version`
	);
	const version = (res.records[0]?.get('version') as string | null) ?? null;
	if (version === null) return NO_CURATION;
	if (cached.version === version) return cached;
	cached = new CurationState(await curationsIn(tx), version);
	return cached;
}

/**
 * Taken first by every transaction that changes the corrections: a new graph version and a new
 * curation token, and the meta node's write lock, which every loading batch also takes before it
 * commits (graph/queries/version.ts) — so a batch that read the corrections before this change
 * notices and loads again.
 */
export async function lockCuration(tx: ManagedTransaction): Promise<string> {
	const res = await tx.run(
		`MERGE (m:LineageMeta {id: 'graph'}) SET m.version = randomUUID(), m.curation = randomUUID()
		 RETURN m.curation AS version`
	);
	return res.records[0]!.get('version') as string;
}

export interface EntityInfo {
	id: string;
	name: string;
	type: EntityType;
	aliases: string[];
}

export async function entitiesById(
	tx: ManagedTransaction,
	ids: string[]
): Promise<Map<string, EntityInfo>> {
	const res = await tx.run(
		`UNWIND $ids AS id MATCH (e:Entity {id: id})
		 RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases`,
		{ ids }
	);
	return new Map(
		res.records.map((r) => [
			r.get('id') as string,
			{
				id: r.get('id') as string,
				name: r.get('name') as string,
				type: r.get('type') as EntityType,
				aliases: r.get('aliases') as string[]
			}
		])
	);
}

export async function paperExists(tx: ManagedTransaction, id: string): Promise<boolean> {
	const res = await tx.run(`MATCH (p:Paper {id: $id}) RETURN count(p) AS n`, { id });
	return Number(res.records[0]?.get('n')) > 0;
}

export async function edgeExists(
	tx: ManagedTransaction,
	head: string,
	type: RelationType,
	tail: string
): Promise<boolean> {
	const res = await tx.run(
		`CALL () { MATCH (a:Entity {id: $head}) RETURN a UNION MATCH (a:Paper {id: $head}) RETURN a }
		 MATCH (a)-[r:$($type)]->(:Entity {id: $tail}) RETURN count(r) AS n`,
		{ head, type, tail }
	);
	return Number(res.records[0]?.get('n')) > 0;
}

/** Papers mentioning an entity; with `via`, only those whose mention a merge pointed there from one of those ids. */
export async function papersMentioning(
	tx: ManagedTransaction,
	id: string,
	via?: string[]
): Promise<string[]> {
	const res = await tx.run(
		via
			? `MATCH (p:Paper)-[m:MENTIONS]->(:Entity {id: $id})
			   WHERE any(v IN coalesce(m.via, []) WHERE v IN $via) RETURN p.id AS id ORDER BY id`
			: `MATCH (p:Paper)-[:MENTIONS]->(:Entity {id: $id}) RETURN p.id AS id ORDER BY id`,
		{ id, via: via ?? null }
	);
	return res.records.map((r) => r.get('id') as string);
}

/** What a paper keeps of its record, enough to extract it again. */
export type StoredPaper = Pick<
	PaperRow,
	'id' | 'title' | 'abstract' | 'year' | 'url' | 'authors' | 'arxivId' | 'doi' | 'source'
>;

export async function storedPapers(tx: ManagedTransaction, ids: string[]): Promise<StoredPaper[]> {
	const res = await tx.run(
		`UNWIND $ids AS id MATCH (p:Paper {id: id})
		 RETURN p {.id, .title, .abstract, .year, .url, .authors, .arxivId, .doi, .source} AS p
		 ORDER BY p.id`,
		{ ids }
	);
	return res.records.map((r) => {
		const p = r.get('p') as Record<string, unknown>;
		return {
			id: p.id as string,
			title: (p.title as string) ?? '',
			abstract: (p.abstract as string) ?? '',
			year: p.year === null || p.year === undefined ? null : Number(p.year),
			url: (p.url as string | null) ?? null,
			authors: (p.authors as string[] | null) ?? [],
			arxivId: (p.arxivId as string | null) ?? null,
			doi: (p.doi as string | null) ?? null,
			source: (p.source as string) ?? ''
		};
	});
}

const ALL_TYPE_LABELS = ENTITY_TYPES.join(':');

/** Name, type (and label) and aliases of an entity, as a correction sets them. */
export async function setEntity(
	tx: ManagedTransaction,
	id: string,
	fields: { name?: string; type?: EntityType; aliases?: string[] }
): Promise<void> {
	if (fields.name !== undefined)
		await tx.run(`MATCH (e:Entity {id: $id}) SET e.name = $name, e.nameKey = toLower($name)`, {
			id,
			name: fields.name
		});
	if (fields.type !== undefined)
		await tx.run(
			`MATCH (e:Entity {id: $id}) REMOVE e:${ALL_TYPE_LABELS} SET e:$($type), e.type = $type`,
			{ id, type: fields.type }
		);
	if (fields.aliases !== undefined)
		await tx.run(`MATCH (e:Entity {id: $id}) SET e.aliases = $aliases`, {
			id,
			aliases: fields.aliases
		});
}

/**
 * An entity left with no mention and no relation (its papers now name another) is removed, as
 * the loader removes orphans; edges a person added to it move with the merge (reconciled by
 * the caller), so those are removed here first.
 */
export async function dropIfOrphan(tx: ManagedTransaction, id: string): Promise<void> {
	await tx.run(
		`MATCH (e:Entity {id: $id})
		 OPTIONAL MATCH (e)-[r]-() WHERE r.curated = 'added' AND r.support <= 1
		 DELETE r`,
		{ id }
	);
	await tx.run(`MATCH (e:Entity {id: $id}) WHERE NOT EXISTS { (e)--() } DELETE e`, { id });
}

function perType(build: (type: RelationType) => string): Map<string, string> {
	return new Map(RELATION_TYPES.map((t) => [t, build(t)]));
}

// $head, $tail, $key → the papers (ids, in order) that count towards entity edge $key
const SUPPORTING_PAPERS = `
MATCH (:Entity {id: $head})<-[:MENTIONS]-(p:Paper)-[:MENTIONS]->(:Entity {id: $tail})
WHERE $key IN coalesce(p.supports, [])
RETURN p.id AS id ORDER BY id`;

const SET_ENTITY_EDGE = perType(
	(type) => `
MATCH (a:Entity {id: $head})
MATCH (b:Entity {id: $tail})
MERGE (a)-[r:${type}]->(b)
WITH r, coalesce(r.papers, []) AS listed
// the papers listed stay listed, in their order, while they still count
SET r.support = $support, r.curated = $curated,
    r.papers = ($first + [x IN listed WHERE x IN $all AND NOT x IN $first]
                + [x IN $all WHERE NOT x IN listed AND NOT x IN $first])[..${PAPERS_CAP}]`
);

const DELETE_EDGE = perType(
	(type) => `
CALL () { MATCH (a:Entity {id: $head}) RETURN a UNION MATCH (a:Paper {id: $head}) RETURN a }
MATCH (a)-[r:${type}]->(:Entity {id: $tail})
DELETE r`
);

/**
 * Puts an entity → entity edge in the state the corrections and the papers say: gone when
 * rejected; else supported by the papers stating it (their `supports`) plus one for a person
 * who added it, with a mark when confirmed or added, and gone when nothing supports it.
 */
export async function reconcileEntityEdge(
	tx: ManagedTransaction,
	edge: { head: string; type: RelationType; tail: string },
	verdict: EdgeVerdict | undefined,
	addedPaper: string | null = null
): Promise<void> {
	const { head, type, tail } = edge;
	if (verdict === 'reject' || head === tail) {
		await tx.run(DELETE_EDGE.get(type)!, { head, tail });
		return;
	}
	const key = `${head}|${type}|${tail}`;
	const res = await tx.run(SUPPORTING_PAPERS, { head, tail, key });
	const papers = res.records.map((r) => r.get('id') as string);
	const support = papers.length + (verdict === 'add' ? 1 : 0);
	if (support === 0) {
		await tx.run(DELETE_EDGE.get(type)!, { head, tail });
		return;
	}
	await tx.run(
		SET_ENTITY_EDGE.get(type)!,
		cypherParams({
			head,
			tail,
			support,
			all: papers,
			first: addedPaper ? [addedPaper] : [],
			curated: verdict === 'add' ? 'added' : verdict === 'confirm' ? 'confirmed' : null
		})
	);
}

// rows: {head, tail, papers} → the edges people added exist, marked, counting the person once
const ENSURE_ADDED = perType(
	(type) => `
UNWIND $rows AS row
CALL (row) { MATCH (a:Entity {id: row.head}) RETURN a UNION MATCH (a:Paper {id: row.head}) RETURN a }
MATCH (b:Entity {id: row.tail})
MERGE (a)-[r:${type}]->(b)
ON CREATE SET r.support = 1, r.papers = row.papers, r.curated = 'added'
ON MATCH SET r.support = r.support + CASE WHEN r.curated = 'added' OR a:Paper THEN 0 ELSE 1 END,
             r.curated = 'added',
             r.papers = CASE WHEN a:Paper THEN r.papers
                             ELSE (row.papers + [x IN coalesce(r.papers, []) WHERE NOT x IN row.papers])[..${PAPERS_CAP}] END`
);

/**
 * The added edges that touch the given ids (papers or entities just written), made to exist:
 * after a reset the loader re-creates them as soon as both ends are back.
 */
export async function ensureAddedEdges(
	tx: ManagedTransaction,
	added: AddedEdge[],
	touched?: Set<string>
): Promise<void> {
	const byType = new Map<string, { head: string; tail: string; papers: string[] }[]>();
	for (const a of added) {
		if (
			touched &&
			!touched.has(a.head) &&
			!touched.has(a.tail) &&
			!(a.paper && touched.has(a.paper))
		)
			continue;
		const rows = byType.get(a.type) ?? [];
		rows.push({ head: a.head, tail: a.tail, papers: a.paper ? [a.paper] : [] });
		byType.set(a.type, rows);
	}
	for (const [type, rows] of byType) await tx.run(ENSURE_ADDED.get(type)!, { rows });
}

/** A paper's facts as the graph holds them now, corrections applied (ids and names). */
export interface CuratedFacts {
	id: string;
	title: string;
	abstract: string;
	entities: { id: string; name: string; type: EntityType; aliases: string[] }[];
	/** head null: the paper itself states it */
	relations: {
		head: string | null;
		headName: string | null;
		type: RelationType;
		tail: string;
		tailName: string;
	}[];
}

// $ids → what each paper mentions, what it states itself, and the entity edges it supports that
// still stand (a rejected edge is gone from the graph, so it is gone from here too). An OPTIONAL
// MATCH that finds nothing gives one row of nulls, whose map collect() would keep: hence the
// CASE (collect() skips a null, not a map of nulls).
const CURATED_FACTS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  OPTIONAL MATCH (p)-[:MENTIONS]->(e:Entity)
  RETURN collect(e {.id, .name, .type, aliases: coalesce(e.aliases, [])}) AS entities
}
CALL (p) {
  OPTIONAL MATCH (p)-[r]->(e:Entity) WHERE type(r) <> 'MENTIONS'
  RETURN collect(CASE WHEN r IS NULL THEN null
                 ELSE {head: null, headName: null, type: type(r), tail: e.id, tailName: e.name} END) AS own
}
CALL (p) {
  UNWIND coalesce(p.supports, []) AS key
  WITH split(key, '|') AS f
  MATCH (a:Entity {id: f[0]})-[r]->(b:Entity {id: f[2]}) WHERE type(r) = f[1]
  RETURN collect({head: a.id, headName: a.name, type: f[1], tail: b.id, tailName: b.name}) AS between
}
CALL (p) {
  OPTIONAL MATCH (p)-[:MENTIONS]->(a:Entity)-[r]->(b:Entity)
  WHERE r.curated = 'added' AND p.id IN coalesce(r.papers, [])
  RETURN collect(CASE WHEN r IS NULL THEN null
                 ELSE {head: a.id, headName: a.name, type: type(r), tail: b.id, tailName: b.name} END) AS added
}
RETURN p.id AS id, p.title AS title, coalesce(p.abstract, '') AS abstract, entities,
       own + between + [x IN added WHERE NOT x IN between] AS relations
ORDER BY id`;

export async function curatedFacts(
	tx: ManagedTransaction,
	paperIds: string[]
): Promise<CuratedFacts[]> {
	const res = await tx.run(CURATED_FACTS, { ids: paperIds });
	return res.records.map((r) => ({
		id: r.get('id') as string,
		title: (r.get('title') as string) ?? '',
		abstract: r.get('abstract') as string,
		entities: r.get('entities') as CuratedFacts['entities'],
		relations: r.get('relations') as CuratedFacts['relations']
	}));
}

/** Papers that state the entity edge `key` (head|type|tail), whether or not it still stands. */
export async function papersStating(
	tx: ManagedTransaction,
	edge: { head: string; type: string; tail: string }
): Promise<string[]> {
	const res = await tx.run(
		`MATCH (:Entity {id: $head})<-[:MENTIONS]-(p:Paper)
		 WHERE $key IN coalesce(p.supports, []) RETURN p.id AS id ORDER BY id`,
		{ head: edge.head, key: `${edge.head}|${edge.type}|${edge.tail}` }
	);
	return res.records.map((r) => r.get('id') as string);
}
