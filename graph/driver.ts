// One neo4j-driver per process, created lazily from the resolved config and closed on exit.
// Integers leave this module as JS numbers; callers never see neo4j Integer objects.
import neo4j, {
	type Driver,
	type ManagedTransaction,
	type QueryResult,
	type RecordShape,
	isInt,
	isNode,
	isPath,
	isRelationship
} from 'neo4j-driver';
import { resolveDbConfig, type DbConfig } from './config.js';

/**
 * What every query function takes first: the driver and the database name to use, made once
 * (the server's and each CLI command's `sharedDb()`, a test's own) and passed explicitly.
 */
export interface Db {
	driver: Driver;
	database?: string;
}

let shared: { db: Db; config: DbConfig } | undefined;

export function createDriver(config: DbConfig): Driver {
	const auth =
		config.kind === 'external' ? neo4j.auth.basic(config.user, config.password) : undefined;
	return neo4j.driver(config.uri, auth, {
		// Integers decode straight to JS numbers (counts, years, offsets: all far below 2^53),
		// sparing an object per integer on large results.
		disableLosslessIntegers: true,
		maxConnectionPoolSize: 50,
		connectionAcquisitionTimeout: 10_000,
		connectionTimeout: 5_000,
		// A web read fails fast (503) rather than retry for the default 30 s; ingest retries longer.
		maxTransactionRetryTime: config.retryMs,
		// Keep the console clean: notifications (deprecations, cartesian products) are for developers.
		notificationFilter: { minimumSeverityLevel: 'OFF' },
		logging: { level: 'error', logger: () => {} }
	});
}

/** A Db of its own (closed by the caller): `db.driver.close()`. */
export function openDb(config: DbConfig): Db {
	return { driver: createDriver(config), database: config.database };
}

/** The process-wide Db; the config is resolved on first use (or is the one given then). */
export function sharedDb(config?: DbConfig): Db {
	if (!shared) {
		const resolved = config ?? resolveDbConfig();
		shared = { db: openDb(resolved), config: resolved };
		process.once('beforeExit', () => void closeDriver());
	}
	return shared.db;
}

/** The process-wide driver (for statements that are not query functions, e.g. in tests). */
export function getDriver(config?: DbConfig): Driver {
	return sharedDb(config).driver;
}

export function getDbConfig(): DbConfig {
	if (!shared) sharedDb();
	return shared!.config;
}

export async function closeDriver(): Promise<void> {
	const current = shared;
	shared = undefined;
	await current?.db.driver.close();
}

/** Recursively turns driver values (Integer, Node, Relationship, Path) into plain JSON-able data. */
export function toNative(value: unknown): unknown {
	if (value === null || typeof value !== 'object') {
		return typeof value === 'bigint' ? Number(value) : value;
	}
	if (Array.isArray(value)) return value.map(toNative);
	// Maps arrive as plain objects: most of a large result, so they skip the graph-type checks.
	const proto = Object.getPrototypeOf(value);
	if (proto === Object.prototype || proto === null) {
		const out: Record<string, unknown> = {};
		for (const k in value) out[k] = toNative((value as Record<string, unknown>)[k]);
		return out;
	}
	if (isInt(value)) return value.toNumber();
	if (isNode(value as never)) {
		const node = value as unknown as { elementId: string; labels: string[]; properties: object };
		return {
			elementId: node.elementId,
			labels: node.labels,
			properties: toNative(node.properties)
		};
	}
	if (isRelationship(value as never)) {
		const rel = value as unknown as {
			elementId: string;
			type: string;
			startNodeElementId: string;
			endNodeElementId: string;
			properties: object;
		};
		return {
			elementId: rel.elementId,
			type: rel.type,
			start: rel.startNodeElementId,
			end: rel.endNodeElementId,
			properties: toNative(rel.properties)
		};
	}
	if (isPath(value as never)) {
		const p = value as unknown as { segments: { relationship: unknown }[]; start: unknown };
		return {
			start: toNative(p.start),
			relationships: p.segments.map((s) => toNative(s.relationship))
		};
	}
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as object)) out[k] = toNative(v);
		return out;
	}
	return value;
}

/** JS numbers that are integers go to Cypher as Integers (LIMIT needs one; stored ints stay ints). */
export function cypherParams<T>(value: T): T {
	if (typeof value === 'number')
		return (Number.isSafeInteger(value) ? neo4j.int(value) : value) as T;
	if (Array.isArray(value)) return value.map(cypherParams) as T;
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = cypherParams(v);
		return out as T;
	}
	return value;
}

export interface ReadOptions {
	timeoutMs?: number;
}

/**
 * Statements Neo4j has planned since this process started. Planning a large statement takes
 * Neo4j seconds on a cold JVM, and it plans once per caller: sixteen requests arriving together
 * after a restart would each plan it, and time out. So the first run of a statement goes alone
 * and callers arriving meanwhile wait for it. Bounded: statements are built from fixed text.
 */
const planned = new Set<string>();
const planning = new Map<string, Promise<unknown>>();

/** A READ-routed query; rows come back as plain objects with native numbers. */
export async function readRows<T = Record<string, unknown>>(
	db: Db,
	query: string,
	params: Record<string, unknown> = {},
	options: ReadOptions = {}
): Promise<T[]> {
	const run = async () => {
		const result: QueryResult<RecordShape> = await db.driver.executeQuery(
			query,
			cypherParams(params),
			{
				routing: neo4j.routing.READ,
				database: db.database,
				transactionConfig: options.timeoutMs ? { timeout: options.timeoutMs } : undefined
			}
		);
		return result.records.map((r) => toNative(r.toObject()) as T);
	};
	if (planned.has(query)) return run();
	const first = planning.get(query);
	if (first) {
		await first.catch(() => {});
		return run();
	}
	const rows = run();
	planning.set(query, rows);
	try {
		const out = await rows;
		if (planned.size >= 2000) planned.clear();
		planned.add(query);
		return out;
	} finally {
		planning.delete(query);
	}
}

/**
 * How long a write keeps retrying a transient failure. Writers that run at once (an ingest
 * batch and a correction re-loading the papers it touches, two shards) take locks in different
 * orders, and Neo4j breaks each deadlock by failing one of them: that one must go again, longer
 * than the driver's 3 s meant for web reads allows.
 */
const WRITE_RETRY_MS = 120_000;

function isTransient(err: unknown): boolean {
	const code = (err as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('Neo.TransientError.');
}

/** A write unit of work in its own session, retried on transient errors (deadlocks). */
export async function writeTx<T>(
	db: Db,
	work: (tx: ManagedTransaction) => Promise<T>,
	options: { timeoutMs?: number } = {}
): Promise<T> {
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		const session = db.driver.session({
			database: db.database,
			defaultAccessMode: neo4j.session.WRITE
		});
		try {
			return await session.executeWrite(work, {
				timeout: options.timeoutMs
			});
		} catch (err) {
			// only the server's transient failures (a deadlock, a lock timeout): a database that
			// is down fails after the driver's own short retries, as before
			if (!isTransient(err) || Date.now() - started > WRITE_RETRY_MS) throw err;
			// back off with jitter so the two writers do not meet again at once
			const wait = Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
			await new Promise((resolve) => setTimeout(resolve, wait));
		} finally {
			await session.close();
		}
	}
}

/** Integers must reach Cypher as neo4j Integers where a property is compared to stored ints. */
export const int = neo4j.int;
