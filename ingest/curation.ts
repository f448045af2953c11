// Making, undoing, importing corrections (graph/curation.ts), each in one transaction: the
// request checked against the graph (an unknown id, a merge into itself, … is a CurationError
// and nothing is written), the record stored, and the graph brought into line at once with a
// one-off pass — the papers a merge touches loaded again from their stored text under the new
// corrections, names, types and aliases set, edges recounted. After that the loader applies the
// corrections to every paper it writes (graph/curation-apply.ts), so they survive any re-ingest.
import { randomBytes } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { writeTx, type Db } from '../graph/driver.js';
import {
	CurationError,
	CurationState,
	curationRecord,
	type CurationArgs,
	type CurationRecord,
	type CurationRequest
} from '../graph/curation.js';
import type { RelationType } from '../graph/model.js';
import {
	curationsIn,
	listCurations,
	dropIfOrphan,
	edgeExists,
	ensureAddedEdges,
	entitiesById,
	insertCuration,
	lockCuration,
	markUndone,
	paperExists,
	papersMentioning,
	reconcileEntityEdge,
	setEntity,
	storedPapers,
	type StoredPaper
} from '../graph/queries/curation.js';
import { writeBatch } from '../graph/queries/load.js';
import type { PaperFacts } from '../graph/rows.js';
import { toFacts } from './load/facts.js';
import type { Paper } from './types.js';

export interface CurateOptions {
	/** for tests: the time the correction is made */
	now?: Date;
}

/** Papers loaded again per transaction statement batch. */
const REDERIVE_BATCH = 500;

export function newCurationId(): string {
	return `c-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Records strictly ordered in time: a correction made in the same millisecond as the last comes after it. */
function nextTime(records: CurationRecord[], now: Date): string {
	let t = now.getTime();
	for (const r of records) t = Math.max(t, Date.parse(r.at) + 1);
	return new Date(t).toISOString();
}

/** Makes a correction; returns its record. */
export async function curate(
	db: Db,
	request: CurationRequest,
	meta: { by: string; why: string },
	options: CurateOptions = {}
): Promise<CurationRecord> {
	if (request.kind === 'add' && !meta.why.trim())
		throw new CurationError('An added edge needs a note: say why (--why).', 400, 'why');
	const id = newCurationId();
	return writeTx(
		db,
		async (tx) => {
			const version = await lockCuration(tx);
			const records = await curationsIn(tx);
			const before = new CurationState(records, version);
			const args = await checkedArgs(tx, request, before);
			const record: CurationRecord = {
				id,
				kind: request.kind,
				args,
				by: meta.by,
				at: nextTime(records, options.now ?? new Date()),
				why: meta.why,
				undone: false,
				undoneAt: null,
				undoneBy: null
			};
			await insertCuration(tx, record);
			const after = new CurationState([...records, record], version);
			await bringIntoLine(tx, record, before, after, 'do');
			return record;
		},
		{ timeoutMs: 600_000 }
	);
}

/** Undoes a correction: the graph as if it had never been made. */
export async function undoCuration(
	db: Db,
	id: string,
	by: string,
	options: CurateOptions = {}
): Promise<CurationRecord> {
	return writeTx(
		db,
		async (tx) => {
			const version = await lockCuration(tx);
			const records = await curationsIn(tx);
			const record = records.find((r) => r.id === id);
			if (!record) throw new CurationError(`No correction has the id ${id}.`, 404, 'id');
			if (record.undone)
				throw new CurationError(
					`Correction ${id} was undone already (${record.undoneAt} by ${record.undoneBy}).`
				);
			const undone: CurationRecord = {
				...record,
				undone: true,
				undoneAt: (options.now ?? new Date()).toISOString(),
				undoneBy: by
			};
			await markUndone(tx, id, by, undone.undoneAt!);
			const before = new CurationState(records, version);
			const after = new CurationState(
				records.map((r) => (r.id === id ? undone : r)),
				version
			);
			await bringIntoLine(tx, record, before, after, 'undo');
			return undone;
		},
		{ timeoutMs: 600_000 }
	);
}

export interface ImportReport {
	added: number;
	undone: number;
	unchanged: number;
}

/**
 * JSON Lines of records (as `curate export` writes them) → parsed and checked, every line
 * before anything is written. A line names where a bad record is.
 */
export function parseCurationLines(text: string, file = 'input'): CurationRecord[] {
	const out: CurationRecord[] = [];
	const lines = text.split('\n');
	lines.forEach((line, i) => {
		if (!line.trim()) return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			throw new CurationError(`${file}:${i + 1}: not JSON`);
		}
		const parsed = curationRecord.safeParse(value);
		if (!parsed.success) {
			const issue = parsed.error.issues[0]!;
			throw new CurationError(
				`${file}:${i + 1}: ${issue.path.join('.') || 'record'} ${issue.message}`
			);
		}
		if (parsed.data.kind !== parsed.data.args.kind)
			throw new CurationError(`${file}:${i + 1}: kind and args.kind differ`);
		out.push(parsed.data);
	});
	return out;
}

/**
 * Adds the records not stored yet (by id) and puts them in force; a record undone in the file
 * and in force here is undone. Importing the same file again changes nothing. Records naming
 * entities this graph does not have are kept: they apply when those entities arrive.
 */
export async function importCurations(db: Db, records: CurationRecord[]): Promise<ImportReport> {
	const report: ImportReport = { added: 0, undone: 0, unchanged: 0 };
	const ordered = [...records].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
	// What is here already, as here, is left alone without a write (no new graph version).
	const here = new Map((await listCurations(db)).map((r) => [r.id, r]));
	for (const incoming of ordered) {
		const known = here.get(incoming.id);
		if (known && (!incoming.undone || known.undone)) {
			report.unchanged++;
			continue;
		}
		const outcome = await writeTx(
			db,
			async (tx) => {
				const version = await lockCuration(tx);
				const stored = await curationsIn(tx);
				const known = stored.find((r) => r.id === incoming.id);
				if (known) {
					if (!incoming.undone || known.undone) return 'unchanged' as const;
					const undone = {
						...known,
						undone: true,
						undoneAt: incoming.undoneAt,
						undoneBy: incoming.undoneBy
					};
					await markUndone(
						tx,
						known.id,
						incoming.undoneBy ?? 'import',
						incoming.undoneAt ?? new Date().toISOString()
					);
					await bringIntoLine(
						tx,
						known,
						new CurationState(stored, version),
						new CurationState(
							stored.map((r) => (r.id === known.id ? undone : r)),
							version
						),
						'undo'
					);
					return 'undone' as const;
				}
				await insertCuration(tx, incoming);
				if (!incoming.undone) {
					await bringIntoLine(
						tx,
						incoming,
						new CurationState(stored, version),
						new CurationState([...stored, incoming], version),
						'do'
					);
				}
				return 'added' as const;
			},
			{ timeoutMs: 600_000 }
		);
		report[outcome]++;
	}
	return report;
}

// ---- checks: what a request means for this graph, or why it cannot be done ----

async function checkedArgs(
	tx: ManagedTransaction,
	request: CurationRequest,
	state: CurationState
): Promise<CurationArgs> {
	// An id merged away (a page or script of before the merge): say into what, by whom, when.
	const live = async (id: string, param: string) => {
		const into = state.resolve(id);
		if (into === id) return;
		const name = (await entitiesById(tx, [into])).get(into)?.name;
		const merge = state.records.find((r) => r.args.kind === 'merge' && r.args.other === id);
		const who = merge ? ` by ${merge.by} on ${merge.at.slice(0, 10)}` : '';
		throw new CurationError(
			`${id} was merged into ${into}${name ? ` (${name})` : ''}${who}: correct ${into} instead.`,
			400,
			param
		);
	};
	const entity = async (id: string, param: string) => {
		await live(id, param);
		const found = (await entitiesById(tx, [id])).get(id);
		if (!found) throw new CurationError(`No entity has the id ${id}.`, 404, param);
		return found;
	};
	const head = async (id: string) => {
		await live(id, 'head');
		if ((await entitiesById(tx, [id])).has(id) || (await paperExists(tx, id))) return;
		throw new CurationError(`No entity or paper has the id ${id}.`, 404, 'head');
	};
	switch (request.kind) {
		case 'merge': {
			if (request.keep === request.other)
				throw new CurationError(
					`An entity cannot be merged into itself (${request.keep}).`,
					400,
					'other'
				);
			if (state.mergedInto.has(request.other))
				throw new CurationError(
					`${request.other} was merged into ${state.resolve(request.other)} already.`,
					400,
					'other'
				);
			const keep = await entity(request.keep, 'keep');
			const other = await entity(request.other, 'other');
			const known = new Set([keep.name, ...keep.aliases]);
			return {
				kind: 'merge',
				keep: keep.id,
				other: other.id,
				keepName: keep.name,
				keepType: keep.type,
				otherName: other.name,
				otherType: other.type,
				otherAliases: other.aliases,
				joined: [...new Set([other.name, ...other.aliases])].filter((a) => !known.has(a))
			};
		}
		case 'rename': {
			const e = await entity(request.id, 'id');
			if (e.name === request.name)
				throw new CurationError(`${request.id} is named "${request.name}" already.`, 400, 'name');
			return {
				kind: 'rename',
				id: e.id,
				name: request.name,
				from: e.name,
				aliasAdded: !e.aliases.includes(e.name)
			};
		}
		case 'retype': {
			const e = await entity(request.id, 'id');
			if (e.type === request.type)
				throw new CurationError(`${request.id} is a ${request.type} already.`, 400, 'type');
			return { kind: 'retype', id: e.id, type: request.type, from: e.type };
		}
		case 'alias': {
			const e = await entity(request.id, 'id');
			const has = e.aliases.includes(request.alias);
			if (request.op === 'add' && (has || e.name === request.alias))
				throw new CurationError(
					`${request.id} has the alias "${request.alias}" already.`,
					400,
					'alias'
				);
			if (request.op === 'remove' && !has)
				throw new CurationError(`${request.id} has no alias "${request.alias}".`, 404, 'alias');
			return { kind: 'alias', id: e.id, op: request.op, alias: request.alias, had: has };
		}
		case 'reject':
		case 'confirm':
		case 'add': {
			await head(request.head);
			await entity(request.tail, 'tail');
			if (request.head === request.tail)
				throw new CurationError('An edge from an entity to itself says nothing.', 400, 'tail');
			const key = state.edgeKey(request.head, request.type, request.tail);
			const edge = `${request.head} ${request.type} ${request.tail}`;
			const prior = state.edges.get(key);
			if (prior?.verdict === request.kind)
				throw new CurationError(
					`The edge ${edge} was ${pastTense(request.kind)} already, by ${prior.record.by} on ${prior.record.at.slice(0, 10)} (${prior.record.id}).`,
					400
				);
			if (request.kind === 'add') {
				if (request.paper && !(await paperExists(tx, request.paper)))
					throw new CurationError(`No paper has the id ${request.paper}.`, 404, 'paper');
				return {
					kind: 'add',
					head: request.head,
					type: request.type,
					tail: request.tail,
					paper: request.paper ?? null,
					sentence: request.sentence ?? null
				};
			}
			if (!(await edgeExists(tx, request.head, request.type, request.tail)))
				throw new CurationError(
					prior?.verdict === 'reject'
						? `The graph has no edge ${edge}: ${prior.record.by} rejected it on ${prior.record.at.slice(0, 10)} (${prior.record.id}); undo that first.`
						: `The graph has no edge ${edge}.`,
					404
				);
			return { kind: request.kind, head: request.head, type: request.type, tail: request.tail };
		}
	}
}

function pastTense(kind: 'reject' | 'confirm' | 'add'): string {
	return kind === 'add' ? 'added' : `${kind}ed`;
}

// ---- the one-off pass ----

/**
 * Brings the graph in line with `after` after `record` was made ('do') or undone ('undo'):
 * what the loader would have written had `after` always been in force.
 */
async function bringIntoLine(
	tx: ManagedTransaction,
	record: CurationRecord,
	before: CurationState,
	after: CurationState,
	direction: 'do' | 'undo'
): Promise<void> {
	const a = record.args;
	const papers = new Set<string>();
	if (a.kind === 'merge') {
		if (direction === 'do') {
			for (const p of await papersMentioning(tx, a.other)) papers.add(p);
		} else {
			// the papers whose mentions the merge (or one it chained into) pointed away from `other`
			const through = before.mergedThrough(a.other);
			for (const p of await papersMentioning(tx, before.resolve(a.other), through)) papers.add(p);
		}
	}
	if (a.kind === 'add' && a.paper) papers.add(a.paper);
	if (
		(a.kind === 'add' || a.kind === 'reject' || a.kind === 'confirm') &&
		(await paperExists(tx, a.head))
	)
		papers.add(a.head);
	await rederive(tx, [...papers], after);

	switch (a.kind) {
		case 'merge':
			if (direction === 'do') await dropIfOrphan(tx, a.other);
			else await unmerge(tx, a, after);
			break;
		case 'rename': {
			const e = (await entitiesById(tx, [a.id])).get(a.id);
			if (!e) break;
			if (direction === 'do') {
				await setEntity(tx, a.id, {
					name: a.name,
					aliases: a.aliasAdded && !e.aliases.includes(a.from) ? [...e.aliases, a.from] : e.aliases
				});
			} else {
				const name = after.identity.get(a.id)?.name ?? a.from;
				const keep = new Set([
					...(after.identity.get(a.id)?.formerNames ?? []),
					...(after.aliasAdd.get(a.id) ?? [])
				]);
				await setEntity(tx, a.id, {
					name,
					aliases: e.aliases.filter((x) => !(a.aliasAdded && x === a.from) || keep.has(x))
				});
			}
			break;
		}
		case 'retype':
			await setEntity(tx, a.id, {
				type: direction === 'do' ? a.type : (after.identity.get(a.id)?.type ?? a.from)
			});
			break;
		case 'alias': {
			const e = (await entitiesById(tx, [a.id])).get(a.id);
			if (!e) break;
			// undoing an addition removes it; undoing a removal puts it back
			const aliases = e.aliases.filter((x) => x !== a.alias);
			if (direction === 'do' ? a.op === 'add' : a.op === 'remove') aliases.push(a.alias);
			await setEntity(tx, a.id, { aliases });
			break;
		}
		default:
			break;
	}

	// Every edge a correction speaks of, under the old and the new corrections: a merge moves
	// their keys, an undone rejection brings one back.
	const keys = new Map<string, { head: string; type: RelationType; tail: string }>();
	for (const r of [...before.records, ...after.records, record]) {
		const x = r.args;
		if (x.kind !== 'reject' && x.kind !== 'confirm' && x.kind !== 'add') continue;
		for (const s of [before, after]) {
			const edge = { head: s.resolve(x.head), type: x.type, tail: s.resolve(x.tail) };
			keys.set(`${edge.head}|${edge.type}|${edge.tail}`, edge);
		}
	}
	for (const [key, edge] of keys) {
		if (await paperExists(tx, edge.head)) continue; // a paper's own edges: its re-load set them
		const verdict = after.verdict(key);
		const added = verdict === 'add' ? after.added.find((x) => x.key === key) : undefined;
		await reconcileEntityEdge(tx, edge, verdict, added?.paper ?? null);
	}
	await ensureAddedEdges(
		tx,
		after.added.filter((x) => papers.has(x.head))
	);
}

async function unmerge(
	tx: ManagedTransaction,
	a: Extract<CurationArgs, { kind: 'merge' }>,
	after: CurationState
): Promise<void> {
	const keepId = after.resolve(a.keep);
	const found = await entitiesById(tx, [keepId, a.other]);
	const keep = found.get(keepId);
	if (keep) {
		const wanted = after.aliasAdd.get(keepId) ?? new Set<string>();
		const joined = new Set(a.joined);
		await setEntity(tx, keepId, {
			aliases: keep.aliases.filter((x) => !joined.has(x) || wanted.has(x))
		});
	}
	const other = found.get(a.other);
	if (other) {
		const identity = after.identity.get(a.other);
		// names that merges into `other` gave it, merges no longer in force
		const stale = new Set<string>();
		for (const r of after.all) {
			if (r.args.kind !== 'merge' || r.args.keep !== a.other) continue;
			if (after.mergedInto.get(r.args.other) !== a.other)
				for (const x of r.args.joined) stale.add(x);
		}
		await setEntity(tx, a.other, {
			name: identity?.name ?? a.otherName,
			type: identity?.type ?? a.otherType,
			aliases: [
				...a.otherAliases.filter((x) => !after.aliasDrop.get(a.other)?.has(x) && !stale.has(x)),
				...other.aliases.filter((x) => !a.otherAliases.includes(x))
			]
		});
	}
}

/** A paper as stored → the Paper the extractor reads (the same fields it read when ingested). */
function toPaper(p: StoredPaper): Paper {
	const colon = p.source.indexOf(':');
	const hash = p.source.lastIndexOf('#');
	return {
		id: p.id,
		title: p.title,
		abstract: p.abstract,
		year: p.year,
		authors: p.authors,
		...(p.url !== null ? { url: p.url } : {}),
		...(p.arxivId !== null ? { arxivId: p.arxivId } : {}),
		...(p.doi !== null ? { doi: p.doi } : {}),
		source: {
			kind: colon > 0 ? p.source.slice(0, colon) : 'graph',
			uri: colon > 0 && hash > colon ? p.source.slice(colon + 1, hash) : p.source,
			line: hash > 0 ? Number(p.source.slice(hash + 1)) || 0 : 0
		}
	};
}

/**
 * Loads papers again from their stored title and abstract, through the extractor and the
 * loader, under the given corrections: exactly what a fresh ingest of them would write.
 */
export async function rederive(
	tx: ManagedTransaction,
	ids: string[],
	state: CurationState
): Promise<number> {
	if (ids.length === 0) return 0;
	const { extractPaper } = await import('./extract/index.js');
	let done = 0;
	for (let i = 0; i < ids.length; i += REDERIVE_BATCH) {
		const stored = await storedPapers(tx, ids.slice(i, i + REDERIVE_BATCH));
		const facts: PaperFacts[] = [];
		for (const p of stored) {
			try {
				facts.push(toFacts(extractPaper(toPaper(p))));
			} catch {
				// a paper the extractor cannot read now keeps what it has
			}
		}
		await writeBatch(tx, facts, { curation: state, force: true });
		done += facts.length;
	}
	return done;
}
