// Corrections made by people (issue 19), as records: merge two entities, rename one, retype
// one, add or remove an alias, reject, confirm or add an edge. Each is stored as a
// (:Curation) node (graph/queries/curation.ts) and never edited, only marked undone; the
// corrections in force at any time are the records not undone, in order. CurationState is
// what the loader needs of them: cheap lookups (id → kept id, id → name and type, edge key →
// verdict), applied to every paper's facts (graph/curation-apply.ts).
import { z } from 'zod';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from './model.js';

export const CURATION_KINDS = [
	'merge',
	'rename',
	'retype',
	'alias',
	'reject',
	'confirm',
	'add'
] as const;
export type CurationKind = (typeof CURATION_KINDS)[number];

/** Limits on what people type: a `why` is a sentence or a paragraph, not a file. */
export const MAX_WHY = 2000;
export const MAX_NAME = 200;
export const MAX_BY = 100;
export const MAX_SENTENCE = 2000;

const id = z.string().trim().min(1).max(300);
const name = z
	.string()
	.trim()
	.min(1, 'must not be empty')
	.max(MAX_NAME, `must be at most ${MAX_NAME} characters`);
const entityType = z.enum(ENTITY_TYPES, {
	error: `must be one of ${ENTITY_TYPES.join(', ')}`
});
const relationType = z.enum(RELATION_TYPES, {
	error: `must be one of ${RELATION_TYPES.join(', ')}`
});
const edge = { head: id, type: relationType, tail: id };

/** What a person asks for: the arguments of each kind, as the CLI and the API take them. */
export const curationRequest = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('merge'), keep: id, other: id }),
	z.object({ kind: z.literal('rename'), id, name }),
	z.object({ kind: z.literal('retype'), id, type: entityType }),
	z.object({ kind: z.literal('alias'), id, op: z.enum(['add', 'remove']), alias: name }),
	z.object({ kind: z.literal('reject'), ...edge }),
	z.object({ kind: z.literal('confirm'), ...edge }),
	z.object({
		kind: z.literal('add'),
		...edge,
		paper: id.optional(),
		sentence: z.string().trim().min(1).max(MAX_SENTENCE).optional()
	})
]);
export type CurationRequest = z.output<typeof curationRequest>;

export const curationMeta = z.object({
	why: z.string().trim().max(MAX_WHY, `must be at most ${MAX_WHY} characters`).default(''),
	by: z.string().trim().min(1).max(MAX_BY, `must be at most ${MAX_BY} characters`)
});

/**
 * The arguments as stored: the request plus what was there before, so the correction can be
 * applied to papers loaded later and undone exactly.
 */
export const curationArgs = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('merge'),
		keep: id,
		other: id,
		// the kept entity's name and type: a paper naming only the other entity creates it so
		keepName: name,
		keepType: entityType,
		// the other entity as it was, and the aliases the kept one gained
		otherName: name,
		otherType: entityType,
		otherAliases: z.array(z.string()).max(10_000),
		joined: z.array(z.string()).max(10_000)
	}),
	z.object({ kind: z.literal('rename'), id, name, from: name, aliasAdded: z.boolean() }),
	z.object({ kind: z.literal('retype'), id, type: entityType, from: entityType }),
	z.object({
		kind: z.literal('alias'),
		id,
		op: z.enum(['add', 'remove']),
		alias: name,
		had: z.boolean()
	}),
	z.object({ kind: z.literal('reject'), ...edge }),
	z.object({ kind: z.literal('confirm'), ...edge }),
	z.object({
		kind: z.literal('add'),
		...edge,
		paper: id.nullable().default(null),
		sentence: z.string().max(MAX_SENTENCE).nullable().default(null)
	})
]);
export type CurationArgs = z.output<typeof curationArgs>;

/** The entity and paper ids a correction speaks of (to name them for people). */
export function idsOf(a: CurationArgs): string[] {
	switch (a.kind) {
		case 'merge':
			return [a.keep, a.other];
		case 'rename':
		case 'retype':
		case 'alias':
			return [a.id];
		case 'add':
			return a.paper ? [a.head, a.tail, a.paper] : [a.head, a.tail];
		default:
			return [a.head, a.tail];
	}
}

/** One stored correction, as `curate list --json`, `curate export` and the API give it. */
export const curationRecord = z.object({
	id: z
		.string()
		.regex(/^c-[0-9a-z-]{4,64}$/, 'must look like c-… (letters, digits, hyphens)')
		.max(70),
	kind: z.enum(CURATION_KINDS),
	args: curationArgs,
	by: curationMeta.shape.by,
	at: z.iso.datetime(),
	why: curationMeta.shape.why,
	undone: z.boolean().default(false),
	undoneAt: z.iso.datetime().nullable().default(null),
	undoneBy: z.string().max(MAX_BY).nullable().default(null)
});
export type CurationRecord = z.output<typeof curationRecord>;

/** A bad correction: unknown id, a merge into itself, … Nothing was written (CLI exit 2, HTTP 400/404). */
export class CurationError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 404 = 400,
		readonly param?: string
	) {
		super(message);
	}
}

export function edgeKeyOf(head: string, type: string, tail: string): string {
	return `${head}|${type}|${tail}`;
}

export type EdgeVerdict = 'reject' | 'confirm' | 'add';

interface Identity {
	name?: string;
	type?: EntityType;
	/** the name a rename replaced, kept as an alias */
	formerNames: string[];
}

export interface AddedEdge {
	curation: string;
	head: string; // resolved ids
	type: RelationType;
	tail: string;
	key: string;
	paper: string | null;
	sentence: string | null;
	why: string;
}

/**
 * The corrections in force, as lookups. Built from the records not undone, oldest first;
 * a later correction of the same thing wins (a rename after a rename, a confirm after a reject).
 */
export class CurationState {
	/** merged-away id → the id it was merged into (one step; resolve() follows the chain) */
	readonly mergedInto = new Map<string, string>();
	readonly identity = new Map<string, Identity>();
	readonly aliasAdd = new Map<string, Set<string>>();
	readonly aliasDrop = new Map<string, Set<string>>();
	/** edge key (resolved ids) → the last verdict on it */
	readonly edges = new Map<string, { verdict: EdgeVerdict; record: CurationRecord }>();
	readonly added: AddedEdge[] = [];
	/** the records in force, oldest first */
	readonly records: CurationRecord[];

	constructor(
		/** every record, undone ones too */
		readonly all: CurationRecord[],
		readonly version: string | null = null
	) {
		this.records = all
			.filter((r) => !r.undone)
			.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
		for (const r of this.records) {
			const a = r.args;
			switch (a.kind) {
				case 'merge': {
					// A merge that would close a cycle (possible only through imports) is ignored.
					if (this.resolve(a.keep) === this.resolve(a.other) || this.mergedInto.has(a.other)) break;
					this.mergedInto.set(a.other, a.keep);
					const e = this.ident(a.keep);
					e.name = a.keepName;
					e.type = a.keepType;
					break;
				}
				case 'rename': {
					const e = this.ident(a.id);
					e.name = a.name;
					if (a.aliasAdded && !e.formerNames.includes(a.from)) e.formerNames.push(a.from);
					break;
				}
				case 'retype':
					this.ident(a.id).type = a.type;
					break;
				case 'alias': {
					const [to, from] =
						a.op === 'add' ? [this.aliasAdd, this.aliasDrop] : [this.aliasDrop, this.aliasAdd];
					setOf(to, a.id).add(a.alias);
					from.get(a.id)?.delete(a.alias);
					break;
				}
				default:
					break;
			}
		}
		for (const r of this.records) {
			const a = r.args;
			if (a.kind !== 'reject' && a.kind !== 'confirm' && a.kind !== 'add') continue;
			const key = this.edgeKey(a.head, a.type, a.tail);
			this.edges.set(key, { verdict: a.kind, record: r });
		}
		for (const [key, { verdict, record }] of this.edges) {
			if (verdict !== 'add' || record.args.kind !== 'add') continue;
			const a = record.args;
			this.added.push({
				curation: record.id,
				head: this.resolve(a.head),
				type: a.type,
				tail: this.resolve(a.tail),
				key,
				paper: a.paper,
				sentence: a.sentence,
				why: record.why
			});
		}
	}

	private ident(id: string): Identity {
		let e = this.identity.get(id);
		if (!e) this.identity.set(id, (e = { formerNames: [] }));
		return e;
	}

	/** The id an entity id stands for now: itself, or the entity it was merged into. */
	resolve(id: string): string {
		let at = id;
		for (let i = 0; i < 1000; i++) {
			const next = this.mergedInto.get(at);
			if (next === undefined) return at;
			at = next;
		}
		return at;
	}

	get empty(): boolean {
		return this.records.length === 0;
	}

	/** Whether any correction touches entities (merges, names, types, aliases). */
	get touchesEntities(): boolean {
		return (
			this.mergedInto.size > 0 ||
			this.identity.size > 0 ||
			this.aliasAdd.size > 0 ||
			this.aliasDrop.size > 0
		);
	}

	edgeKey(head: string, type: string, tail: string): string {
		return edgeKeyOf(this.resolve(head), type, this.resolve(tail));
	}

	verdict(key: string): EdgeVerdict | undefined {
		return this.edges.get(key)?.verdict;
	}

	/** Ids (merged away) whose chain of merges passes through `id`, and `id` itself. */
	mergedThrough(id: string): string[] {
		const out = [id];
		for (const other of this.mergedInto.keys()) {
			let at: string | undefined = other;
			for (let i = 0; i < 1000 && at !== undefined; i++) {
				if (at === id) {
					if (other !== id) out.push(other);
					break;
				}
				at = this.mergedInto.get(at);
			}
		}
		return out;
	}
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
	let s = map.get(key);
	if (!s) map.set(key, (s = new Set()));
	return s;
}

export const NO_CURATION = new CurationState([]);
