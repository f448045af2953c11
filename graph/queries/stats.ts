// Counts of what the graph holds, and emptying it.
import { createHash } from 'node:crypto';
import { ENTITY_TYPES, RELATION_TYPES } from '../model.js';
import { readRows, type Db } from '../driver.js';

export interface GraphStats {
	papers: number;
	entities: number;
	entitiesByType: Record<string, number>;
	relations: number;
	relationsByType: Record<string, number>;
	mentions: number;
	evidence: number;
}

export async function graphStats(db: Db): Promise<GraphStats> {
	const labels = ['Paper', 'Entity', 'Evidence', ...ENTITY_TYPES];
	const types = [...RELATION_TYPES, 'MENTIONS'];
	// Separate label/type literals keep the count store usable: one tiny query each.
	const rows = await Promise.all([
		...labels.map(async (label) => {
			const [row] = await readRows<{ n: number }>(
				db,
				`MATCH (n:\`${label}\`) RETURN count(n) AS n`,
				{},
				{}
			);
			return { kind: 'label', name: label, n: row?.n ?? 0 };
		}),
		...types.map(async (type) => {
			const [row] = await readRows<{ n: number }>(
				db,
				`MATCH ()-[r:\`${type}\`]->() RETURN count(r) AS n`,
				{},
				{}
			);
			return { kind: 'type', name: type, n: row?.n ?? 0 };
		}),
		// A paper's own edges each carry one evidence record, stored on the paper.
		...RELATION_TYPES.map(async (type) => {
			const [row] = await readRows<{ n: number }>(
				db,
				`MATCH (:Paper)-[r:\`${type}\`]->() RETURN count(r) AS n`,
				{},
				{}
			);
			return { kind: 'paper', name: type, n: row?.n ?? 0 };
		})
	]);
	const get = (kind: string, name: string) =>
		rows.find((r) => r.kind === kind && r.name === name)?.n ?? 0;
	return {
		papers: get('label', 'Paper'),
		entities: get('label', 'Entity'),
		entitiesByType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, get('label', t)])),
		relations: RELATION_TYPES.reduce((sum, t) => sum + get('type', t), 0),
		relationsByType: Object.fromEntries(RELATION_TYPES.map((t) => [t, get('type', t)])),
		mentions: get('type', 'MENTIONS'),
		evidence: get('label', 'Evidence') + RELATION_TYPES.reduce((sum, t) => sum + get('paper', t), 0)
	};
}

/**
 * Deletes every Lineage node in batches (large graphs would not fit one transaction). Each
 * batch writes a new graph version: readers caching answers or a copy of the graph must never
 * take a half-deleted graph for a finished one.
 */
export async function resetGraph(db: Db): Promise<number> {
	let deleted = 0;
	for (;;) {
		const res = await db.driver.executeQuery(
			`MATCH (n) WHERE n:Paper OR n:Entity OR n:Evidence
			 WITH n LIMIT 10000 DETACH DELETE n
			 WITH count(*) AS n
			 MERGE (m:LineageMeta {id: 'graph'}) SET m.version = randomUUID()
			 RETURN n`,
			{},
			{ database: db.database }
		);
		const n = Number(res.records[0]?.get('n') ?? 0);
		deleted += n;
		if (n === 0) return deleted;
	}
}

/**
 * A fingerprint of the graph's content (node ids, edges with support, evidence keys), for
 * proving two runs built the same graph. Ordered, so independent of write order.
 */
export async function graphChecksum(db: Db): Promise<string> {
	const rows = await readRows<{ line: string }>(
		db,
		`CALL () {
		   MATCH (n) WHERE n:Paper OR n:Entity
		   RETURN 'n ' + n.id + ' ' + coalesce(n.contentHash, '') + ' ' + coalesce(toString(n.paperCount), '') +
		          reduce(s = '', x IN coalesce(n.evidence, []) | s + ' ' + x) AS line
		   UNION ALL
		   MATCH (a)-[r]->(b:Entity) WHERE a:Paper OR a:Entity
		   RETURN 'r ' + a.id + ' ' + type(r) + ' ' + b.id + ' ' + coalesce(toString(r.support), toString(r.count)) AS line
		   UNION ALL
		   MATCH (ev:Evidence)
		   RETURN 'e ' + ev.key + ' ' + ev.paperId + ' ' + ev.rule AS line
		 }
		 RETURN line ORDER BY line`,
		{},
		{}
	);
	const hash = createHash('sha256');
	for (const row of rows) hash.update(`${row.line}\n`);
	return hash.digest('hex');
}

/**
 * A fingerprint of everything stored: every node's labels and properties, every relationship's
 * type, ends and properties, the labels, types and property keys known, indexes and
 * constraints. Stricter than graphChecksum (a changed name or an added label shows), for
 * proving that hostile requests wrote nothing; meant for small test graphs.
 */
export async function graphFingerprint(db: Db): Promise<string> {
	const parts = await Promise.all([
		readRows(
			db,
			'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props'
		),
		readRows(
			db,
			`MATCH (a)-[r]->(b)
			 RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props`
		),
		readRows(db, 'CALL db.labels() YIELD label RETURN label'),
		readRows(db, 'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType'),
		readRows(db, 'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey'),
		readRows(db, 'SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN *'),
		readRows(db, 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *')
	]);
	// Sorted keys and rows, so the fingerprint depends on content only.
	const canonical = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(canonical)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.entries(v)
							.sort(([a], [b]) => a.localeCompare(b))
							.map(([k, x]) => [k, canonical(x)])
					)
				: v;
	const hash = createHash('sha256');
	for (const rows of parts) {
		for (const line of rows.map((r) => JSON.stringify(canonical(r))).sort()) {
			hash.update(`${line}\n`);
		}
	}
	return hash.digest('hex');
}
