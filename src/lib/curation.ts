// Corrections as the explorer shows them: a record in words (the history page, the notes on an
// entity), the mark of a checked edge, and who makes corrections in this browser (remembered in
// localStorage). Pure but for the storage, which is passed in.
import type {
	CurationArgs,
	CurationRecord,
	EntityDetail,
	Curated,
	RelationType,
	SearchHit
} from './types';
import { relationVerb } from './graph/vocabulary';

/** A piece of a sentence: plain words, or an entity or paper to link to. */
export type Words = (string | { id: string; label: string })[];

/** The longest `why` the API takes (graph/curation.ts MAX_WHY). */
export const MAX_WHY = 2000;
export const MAX_BY = 100;

const quote = (s: string) => `“${s}”`;

/** An id's name for people, when known; else the id itself. */
export type NameOf = (id: string) => string | undefined;

/** What a correction did, in words, its entities and papers to link (named by `nameOf`). */
export function curationWords(
	r: Pick<CurationRecord, 'args'>,
	nameOf: NameOf = () => undefined
): Words {
	const a = r.args;
	const named = (id: string) => ({ id, label: nameOf(id) ?? id });
	const edgeWords = (head: string, type: RelationType, tail: string): Words => [
		named(head),
		` ${relationVerb(type)} `,
		named(tail)
	];
	switch (a.kind) {
		case 'merge':
			return [
				'merged ',
				{ id: a.other, label: a.otherName },
				' into ',
				{ id: a.keep, label: a.keepName }
			];
		case 'rename':
			return ['renamed ', { id: a.id, label: a.from }, ` to ${quote(a.name)}`];
		case 'retype':
			return ['changed the type of ', named(a.id), ` from ${a.from} to ${a.type}`];
		case 'alias':
			return a.op === 'add'
				? [`added the alias ${quote(a.alias)} to `, named(a.id)]
				: [`removed the alias ${quote(a.alias)} from `, named(a.id)];
		case 'reject':
			return ['rejected ', ...edgeWords(a.head, a.type, a.tail)];
		case 'confirm':
			return ['confirmed ', ...edgeWords(a.head, a.type, a.tail)];
		case 'add':
			return [
				'added ',
				...edgeWords(a.head, a.type, a.tail),
				...(a.paper ? [' (evidence: ', named(a.paper), ')'] : [])
			];
	}
}

/** The same as plain text; `nameOf` names the ids a record keeps no name for (edges' ends). */
export function describeCuration(r: Pick<CurationRecord, 'args'>, nameOf?: NameOf): string {
	return curationWords(r, nameOf)
		.map((w) => (typeof w === 'string' ? w : w.label))
		.join('');
}

/**
 * Names for the history: what the graph calls each id now (`names`, from the API), else the name
 * a merge recorded for an id it merged away (no longer in the graph).
 */
export function historyNames(
	records: Pick<CurationRecord, 'args'>[],
	names: Record<string, string>
): NameOf {
	const former = new Map<string, string>();
	for (const r of records) if (r.args.kind === 'merge') former.set(r.args.other, r.args.otherName);
	return (id) => (Object.hasOwn(names, id) ? names[id] : former.get(id));
}

/** What undoing a correction brings back, said before it is done (the history's confirmation). */
export function undoEffect(
	r: Pick<CurationRecord, 'args'>,
	nameOf: NameOf = () => undefined
): string {
	const a = r.args;
	const name = (id: string) => nameOf(id) ?? id;
	const edge = (head: string, type: RelationType, tail: string) =>
		`${name(head)} ${relationVerb(type)} ${name(tail)}`;
	switch (a.kind) {
		case 'merge':
			return `${a.otherName} and ${a.keepName} become two entities again, each with its own papers and relations.`;
		case 'rename':
			return `${name(a.id)} is named ${quote(a.from)} again.`;
		case 'retype':
			return `${name(a.id)} is a ${a.from} again.`;
		case 'alias':
			return a.op === 'add'
				? `${name(a.id)} loses the alias ${quote(a.alias)}.`
				: `${name(a.id)} gets the alias ${quote(a.alias)} back.`;
		case 'reject':
			return `${edge(a.head, a.type, a.tail)} comes back, as its papers state it.`;
		case 'confirm':
			return `${edge(a.head, a.type, a.tail)} stays, no longer marked as checked.`;
		case 'add':
			return `${edge(a.head, a.type, a.tail)} leaves the graph, unless papers state it.`;
	}
}

/**
 * What corrections made an entity what it is, one short phrase each, for the note on its card:
 * "merged with SDXL", "renamed from “A-SDM”", "type changed from Model", "alias “X” added". Only
 * the net effect: an alias added and then removed again, or a name changed and changed back,
 * leaves the entity as the papers made it and says nothing.
 */
export function entityNotes(entity: Pick<EntityDetail, 'curations'>): string[] {
	const records = entity.curations ?? [];
	const notes: string[] = [];
	// A split of one name in two types ("ShareGPT" the model and the dataset) names the type.
	const merged = records.flatMap(({ args: a }) =>
		a.kind !== 'merge'
			? []
			: [a.otherName === a.keepName ? `${a.otherName} (the ${a.otherType})` : a.otherName]
	);
	if (merged.length) notes.push(`merged with ${merged.join(', ')}`);
	// The first and the last change of each thing (a name, a type, an alias of one id), in order.
	const spans = new Map<string, { first: CurationArgs; last: CurationArgs }>();
	for (const { args: a } of records) {
		if (a.kind !== 'rename' && a.kind !== 'retype' && a.kind !== 'alias') continue;
		const key = `${a.kind}|${a.id}|${a.kind === 'alias' ? a.alias : ''}`;
		const span = spans.get(key);
		spans.set(key, { first: span?.first ?? a, last: a });
	}
	for (const { first, last } of spans.values()) {
		if (first.kind === 'rename' && last.kind === 'rename') {
			if (first.from !== last.name) notes.push(`renamed from ${quote(first.from)}`);
		} else if (first.kind === 'retype' && last.kind === 'retype') {
			if (first.from !== last.type) notes.push(`type changed from ${first.from}`);
		} else if (first.kind === 'alias' && last.kind === 'alias') {
			const hasNow = last.op === 'add';
			if (first.had !== hasNow)
				notes.push(`alias ${quote(last.alias)} ${hasNow ? 'added' : 'removed'}`);
		}
	}
	return notes;
}

/** The mark of an edge a person checked, and what it says. */
export function curatedMark(curated: Curated | undefined | null): {
	badge: string;
	title: string;
} | null {
	if (curated === 'confirmed') return { badge: '✓ confirmed', title: 'A person confirmed it' };
	if (curated === 'added') return { badge: '✓ added', title: 'A person added it' };
	return null;
}

/** What is wrong with a `why` before it is sent, or null. */
export function whyProblem(why: string): string | null {
	const w = why.trim();
	if (!w) return 'Say why, in a few words: the history keeps it.';
	if (w.length > MAX_WHY) return `Keep it under ${MAX_WHY} characters (it has ${w.length}).`;
	return null;
}

/**
 * Set at sign-in (a readable cookie, unlike the token's): the name the server records this
 * browser's corrections under, the access token's, whatever a form's "by" says.
 */
export const WRITER_COOKIE = 'lineage_as';

/** The name corrections are recorded under when signed in with the token, else null. */
export function signedInAs(cookie: string): string | null {
	for (const part of cookie.split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k !== WRITER_COOKIE) continue;
		try {
			return decodeURIComponent(v.join('=')) || null;
		} catch {
			return null;
		}
	}
	return null;
}

const BY_KEY = 'lineage.curation.by';
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Who makes corrections in this browser, as last typed ('' when never). */
export function rememberedBy(store: Store | null | undefined): string {
	try {
		return (store?.getItem(BY_KEY) ?? '').slice(0, MAX_BY);
	} catch {
		return ''; // storage refused (privacy mode)
	}
}

export function rememberBy(store: Store | null | undefined, by: string): void {
	try {
		const name = by.trim().slice(0, MAX_BY);
		if (name) store?.setItem(BY_KEY, name);
		else store?.removeItem(BY_KEY);
	} catch {
		// storage full or refused: the name is simply not remembered
	}
}

/** A record's time as people read it: "2026-05-04 14:03" (local time). */
export function when(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A name reduced to its letters and digits, lower case: "Llama 2-7B" and "llama2-7b" agree. */
export function compactName(name: string): string {
	return name
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The searches that find an entity's duplicates: search matches words, so a duplicate written with
 * other hyphens or spaces ("Llama2-7B" beside "Llama 2-7B") is found only by its own spelling, and
 * a name run together ("ZebraGen") only by its words apart ("Zebra Gen" finds "Zebra-Gen").
 */
export function duplicateQueries(name: string): string[] {
	const n = name.trim();
	const apart = n.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{L})(\p{N})/gu, '$1 $2');
	return [
		...new Set([
			n,
			n.replace(/-/g, ' '),
			n.replace(/\s+/g, '-'),
			n.replace(/\s+/g, ''),
			apart.replace(/-/g, ' ')
		])
	].filter((q) => q.length > 0);
}

/**
 * The likely duplicates of an entity among search hits: entities written the same but for case,
 * hyphens and spaces (by name or by the alias that matched), most papers first. The entity
 * itself, papers and merely similar names are left out: a suggestion should be worth merging.
 */
export function mergeCandidates(
	entity: Pick<EntityDetail, 'id' | 'name' | 'aliases'>,
	hits: SearchHit[],
	limit = 5
): SearchHit[] {
	const own = new Set([entity.name, ...entity.aliases].map(compactName).filter(Boolean));
	const same = (h: SearchHit) => [h.label, h.matched ?? ''].some((n) => own.has(compactName(n)));
	const seen = new Set<string>([entity.id]);
	const found: SearchHit[] = [];
	for (const hit of hits) {
		if (hit.kind !== 'Entity' || seen.has(hit.id)) continue;
		seen.add(hit.id);
		if (same(hit)) found.push(hit);
	}
	return found.sort((a, b) => b.paperCount - a.paperCount).slice(0, limit);
}
