// The read-only Cypher console for power users. Three locks: the statement is planned first
// (EXPLAIN) and must be a pure read with no LOAD CSV and only allow-listed procedures; it then
// runs in a READ transaction (the server refuses writes there) with a timeout and a row cap.
import neo4j, { isNode, isPath, isRelationship } from 'neo4j-driver';
import { toNative, type Db } from '../driver.js';
import { ForbiddenQueryError } from './errors.js';

export const READ_PROCEDURES = new Set([
	'db.index.fulltext.querynodes',
	'db.index.fulltext.queryrelationships',
	'db.labels',
	'db.relationshiptypes',
	'db.propertykeys',
	'db.schema.visualization',
	'db.schema.nodetypeproperties',
	'db.schema.reltypeproperties'
]);

const ADMIN_COMMAND =
	/^\s*(?:CYPHER\b[^\n]*?\s+)?(?:USE\s+\S+\s+)?(SHOW|TERMINATE|CREATE|DROP|ALTER|GRANT|DENY|REVOKE|START|STOP|ENABLE|DEALLOCATE|REALLOCATE|RENAME|DRYRUN)\b/i;

// Plan operators of administration commands (SHOW TRANSACTIONS, TERMINATE TRANSACTIONS, SHOW
// SETTINGS…): the planner calls them reads, so the query type alone does not catch them.
const ADMIN_OPERATOR = /^(Show|Terminate|Create|Drop|Alter|Grant|Deny|Revoke|Start|Stop)[A-Z]/;

/**
 * The statement with comments and string literals blanked out (same length), so keyword checks
 * see code only: a comment cannot hide a keyword, and a string that mentions one is no reason
 * to refuse a read.
 */
export function codeOnly(query: string): string {
	let out = '';
	let i = 0;
	while (i < query.length) {
		const c = query[i]!;
		const two = query.slice(i, i + 2);
		let end: number;
		if (two === '//') {
			end = query.indexOf('\n', i);
			if (end < 0) end = query.length;
		} else if (two === '/*') {
			end = query.indexOf('*/', i + 2);
			end = end < 0 ? query.length : end + 2;
		} else if (c === "'" || c === '"' || c === '`') {
			end = i + 1;
			while (end < query.length && query[end] !== c) end += query[end] === '\\' ? 2 : 1;
			end = Math.min(end + 1, query.length);
			// A back-quoted name stays a name; only its text is hidden.
			out += c === '`' ? `\`${'x'.repeat(Math.max(0, end - i - 2))}\`` : ' '.repeat(end - i);
			i = end;
			continue;
		} else {
			out += c;
			i++;
			continue;
		}
		// A comment separates tokens: keep it as white space.
		out += query.slice(i, end).replace(/[^\n]/g, ' ');
		i = end;
	}
	return out;
}

export interface ConsoleResult {
	columns: string[];
	rows: Record<string, unknown>[];
	truncated: boolean;
	nodes: { id: string; labels: string[]; properties: Record<string, unknown> }[];
	edges: {
		id: string;
		source: string;
		target: string;
		type: string;
		properties: Record<string, unknown>;
	}[];
}

interface PlanNode {
	operatorType: string;
	arguments: Record<string, unknown>;
	children: PlanNode[];
}

function operators(plan: PlanNode | false | undefined, out: PlanNode[] = []): PlanNode[] {
	if (!plan) return out;
	out.push(plan);
	for (const child of plan.children ?? []) operators(child, out);
	return out;
}

/** Throws ForbiddenQueryError with the reason when the statement could change anything. */
export async function assertReadOnly(
	db: Db,
	query: string,
	params: Record<string, unknown>
): Promise<void> {
	const code = codeOnly(query);
	if (/\bLOAD\s+CSV\b/i.test(code))
		throw new ForbiddenQueryError(
			'LOAD CSV is not allowed: the console is read-only and reads no files.'
		);
	if (/^\s*(?:CYPHER\b[^\n]*?\s+)?(EXPLAIN|PROFILE)\b/i.test(code))
		throw new ForbiddenQueryError('Send the statement without EXPLAIN or PROFILE.');
	if (/(^|[\s;{}()])USE\s/i.test(code))
		throw new ForbiddenQueryError('USE is not allowed: the console reads the Lineage graph only.');
	// Administration commands (users, transactions, settings, databases) are not graph reads.
	const admin = ADMIN_COMMAND.exec(code);
	if (admin)
		throw new ForbiddenQueryError(
			`${admin[1]!.toUpperCase()} commands are not allowed in the console.`
		);
	const session = db.driver.session({
		defaultAccessMode: neo4j.session.READ,
		database: db.database
	});
	let summary;
	try {
		const result = await session.run(`EXPLAIN ${query}`, params);
		summary = result.summary;
	} finally {
		await session.close();
	}
	if (summary.queryType !== 'r') {
		const kind =
			{ w: 'writes', rw: 'reads and writes', s: 'changes the schema' }[summary.queryType] ??
			'is not a plain read';
		throw new ForbiddenQueryError(
			`The statement ${kind}; the console only runs read-only queries.`
		);
	}
	for (const op of operators(summary.plan as unknown as PlanNode)) {
		if (/LoadCSV/i.test(op.operatorType)) throw new ForbiddenQueryError('LOAD CSV is not allowed.');
		if (ADMIN_OPERATOR.test(op.operatorType))
			throw new ForbiddenQueryError(
				`Administration commands (${op.operatorType.split('@')[0]}) are not allowed in the console.`
			);
		if (/ProcedureCall/i.test(op.operatorType)) {
			const signature = String(op.arguments?.Details ?? op.arguments?.Signature ?? '');
			const name = /([\w.]+)\s*\(/.exec(signature)?.[1]?.toLowerCase() ?? signature.toLowerCase();
			if (!READ_PROCEDURES.has(name)) {
				throw new ForbiddenQueryError(
					`Procedure ${name || '(unknown)'} is not allowed in the console.`
				);
			}
		}
	}
}

export async function runConsole(
	db: Db,
	query: string,
	params: Record<string, unknown>,
	options: { timeoutMs?: number; rowCap?: number } = {}
): Promise<ConsoleResult> {
	await assertReadOnly(db, query, params);
	const rowCap = options.rowCap ?? 1000;
	const session = db.driver.session({
		defaultAccessMode: neo4j.session.READ,
		database: db.database
	});
	const nodes = new Map<string, ConsoleResult['nodes'][number]>();
	const edges = new Map<string, ConsoleResult['edges'][number]>();
	const collect = (value: unknown): void => {
		if (isNode(value as never)) {
			const n = value as unknown as {
				elementId: string;
				labels: string[];
				properties: Record<string, unknown>;
			};
			const id = String(n.properties.id ?? n.elementId);
			nodes.set(n.elementId, {
				id,
				labels: n.labels,
				properties: toNative(n.properties) as Record<string, unknown>
			});
		} else if (isRelationship(value as never)) {
			const r = value as unknown as {
				elementId: string;
				type: string;
				startNodeElementId: string;
				endNodeElementId: string;
				properties: Record<string, unknown>;
			};
			edges.set(r.elementId, {
				id: r.elementId,
				source: r.startNodeElementId,
				target: r.endNodeElementId,
				type: r.type,
				properties: toNative(r.properties) as Record<string, unknown>
			});
		} else if (isPath(value as never)) {
			const p = value as unknown as {
				start: unknown;
				segments: { relationship: unknown; end: unknown }[];
			};
			collect(p.start);
			for (const s of p.segments) {
				collect(s.relationship);
				collect(s.end);
			}
		} else if (Array.isArray(value)) value.forEach(collect);
	};
	try {
		return await session.executeRead(
			async (tx) => {
				const result = tx.run(query, params);
				const rows: Record<string, unknown>[] = [];
				let columns: string[] = [];
				let truncated = false;
				for await (const record of result) {
					columns = record.keys as string[];
					if (rows.length >= rowCap) {
						truncated = true;
						break;
					}
					for (const v of record.values()) collect(v);
					rows.push(toNative(record.toObject()) as Record<string, unknown>);
				}
				// Edges refer to element ids; point them at the node ids the explorer uses.
				const idOf = (elementId: string) => nodes.get(elementId)?.id ?? elementId;
				return {
					columns,
					rows,
					truncated,
					nodes: [...nodes.values()],
					edges: [...edges.values()].map((e) => ({
						...e,
						source: idOf(e.source),
						target: idOf(e.target)
					}))
				};
			},
			{ timeout: options.timeoutMs ?? 5000 }
		);
	} finally {
		await session.close();
	}
}
