// Reads the graph into a GraphSnapshot: one read transaction, records streamed (600,000
// relations would take ~150 MB as driver records held at once), and the graph version read
// before and after, so a snapshot torn by a concurrent ingest is never taken for current.
import neo4j, { type Integer, type ManagedTransaction, type Record } from 'neo4j-driver';
import type { Db } from '../driver.js';
import type { NodeType, RelationType } from '../model.js';
import { CUE_CONFIDENCE } from '../queries/lineage.js';
import { ALL_RELATIONS } from '../queries/shared.js';
import {
	GraphSnapshot,
	RelationColumns,
	SnapshotTooLargeError,
	type MentionColumns,
	type SnapshotNodeRow,
	type SnapshotRelationRow,
	type SupportColumns
} from './snapshot.js';

const VERSION = `OPTIONAL MATCH (m:LineageMeta {id: 'graph'}) RETURN m.version AS version`;

// Internal ids join the streams: far cheaper to send and decode than the string ids. Neo4j may
// reuse the id of a deleted node or relationship, but a delete changes the graph version, and
// a copy read across a version change is not used.
const NODES = `
MATCH (n) WHERE n:Entity OR n:Paper
RETURN id(n) AS ref, n.id AS id, CASE WHEN n:Paper THEN 'Paper' ELSE n.type END AS type,
       coalesce(n.name, n.title) AS label, coalesce(n.firstYear, n.year) AS year,
       coalesce(n.paperCount, 1) AS paperCount,
       CASE WHEN n:Entity AND size(coalesce(n.aliases, [])) > 0 THEN n.aliases END AS aliases`;

const RELATIONS = `
MATCH (a)-[r:${ALL_RELATIONS}]->(b)
RETURN id(r) AS ref, id(a) AS from, id(b) AS to, type(r) AS type, r.support AS support,
       r.curated AS curated,
       a:Paper AND type(r) = 'BUILDS_ON' AND coalesce(r.confidence, 1.0) < $cue AS cueless`;

const MENTIONS = `MATCH (p:Paper)-[:MENTIONS]->(e:Entity) RETURN id(p) AS paper, id(e) AS entity`;

// Which papers of which year state each relation between entities (graph/queries/shared.ts
// supportInYears counts the same papers).
const SUPPORTS = `
MATCH (p:Paper) WHERE p.year IS NOT NULL AND size(coalesce(p.supports, [])) > 0
RETURN p.year AS year, p.supports AS keys`;

const RELATION_COUNT = `MATCH ()-[r:${ALL_RELATIONS}]->() RETURN count(r) AS n`;

const num = (v: unknown): number =>
	neo4j.isInt(v as Integer) ? (v as Integer).toNumber() : Number(v);

export interface LoadedSnapshot {
	snapshot: GraphSnapshot;
	consistent: boolean; // the version did not change while it was read
	ms: number;
}

export async function loadSnapshot(
	db: Db,
	options: { timeoutMs?: number; maxRelations?: number } = {}
): Promise<LoadedSnapshot> {
	const t0 = performance.now();
	const session = db.driver.session({
		defaultAccessMode: neo4j.session.READ,
		database: db.database
	});
	let read;
	try {
		read = await session.executeRead(
			async (tx) => {
				const version = (await tx.run(VERSION)).records[0]?.get('version') ?? 'empty';
				const count = num((await tx.run(RELATION_COUNT)).records[0]?.get('n'));
				if (options.maxRelations !== undefined && count > options.maxRelations)
					throw new SnapshotTooLargeError(
						`${count} relations is more than the ${options.maxRelations} kept in memory`
					);
				const nodes: SnapshotNodeRow[] = [];
				await stream(tx.run(NODES), (r) =>
					nodes.push({
						ref: num(r.get('ref')),
						id: r.get('id') as string,
						type: r.get('type') as NodeType,
						label: (r.get('label') as string | null) ?? '',
						year: r.get('year') === null ? null : num(r.get('year')),
						paperCount: num(r.get('paperCount')),
						aliases: r.get('aliases') as string[] | null
					})
				);
				const relations = new RelationColumns();
				await stream(tx.run(RELATIONS, { cue: CUE_CONFIDENCE }), (r) =>
					relations.push({
						ref: num(r.get('ref')),
						from: num(r.get('from')),
						to: num(r.get('to')),
						type: r.get('type') as RelationType,
						support: num(r.get('support') ?? 1),
						curated: r.get('curated') as SnapshotRelationRow['curated'],
						cueless: r.get('cueless') === true
					})
				);
				const mentions: MentionColumns = { paper: [], entity: [] };
				await stream(tx.run(MENTIONS), (r) => {
					mentions.paper.push(num(r.get('paper')));
					mentions.entity.push(num(r.get('entity')));
				});
				const supports: SupportColumns = { year: [], keys: [] };
				await stream(tx.run(SUPPORTS), (r) => {
					supports.year.push(num(r.get('year')));
					supports.keys.push(r.get('keys') as string[]);
				});
				const after = (await tx.run(VERSION)).records[0]?.get('version') ?? 'empty';
				return { version, after, nodes, relations, mentions, supports };
			},
			{ timeout: options.timeoutMs }
		);
	} finally {
		await session.close();
	}
	// Built once the transaction is closed: it holds nothing open in Neo4j meanwhile.
	const { version, after, nodes, relations, mentions, supports } = read;
	return {
		snapshot: new GraphSnapshot(version, nodes, relations, mentions, supports),
		consistent: after === version,
		ms: performance.now() - t0
	};
}

function stream(
	result: ReturnType<ManagedTransaction['run']>,
	onRecord: (r: Record) => void
): Promise<void> {
	return new Promise((resolve, reject) =>
		result.subscribe({ onNext: onRecord, onCompleted: () => resolve(), onError: reject })
	);
}
