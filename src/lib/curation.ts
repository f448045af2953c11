// Corrections as the explorer shows them: a record in words (the history page, the notes on an
// entity), the mark of a checked edge, and who makes corrections in this browser (remembered in
// localStorage). Pure but for the storage, which is passed in.
import type { CurationRecord, EntityDetail, Curated, RelationType } from './types';
import { relationVerb } from './graph/vocabulary';

/** A piece of a sentence: plain words, or an entity or paper to link to. */
export type Words = (string | { id: string; label: string })[];

/** The longest `why` the API takes (graph/curation.ts MAX_WHY). */
export const MAX_WHY = 2000;
export const MAX_BY = 100;

const quote = (s: string) => `“${s}”`;

function edgeWords(head: string, type: RelationType, tail: string): Words {
	return [{ id: head, label: head }, ` ${relationVerb(type)} `, { id: tail, label: tail }];
}

/** What a correction did, in words, its entities and papers to link. */
export function curationWords(r: Pick<CurationRecord, 'args'>): Words {
	const a = r.args;
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
			return ['changed the type of ', { id: a.id, label: a.id }, ` from ${a.from} to ${a.type}`];
		case 'alias':
			return a.op === 'add'
				? [`added the alias ${quote(a.alias)} to `, { id: a.id, label: a.id }]
				: [`removed the alias ${quote(a.alias)} from `, { id: a.id, label: a.id }];
		case 'reject':
			return ['rejected ', ...edgeWords(a.head, a.type, a.tail)];
		case 'confirm':
			return ['confirmed ', ...edgeWords(a.head, a.type, a.tail)];
		case 'add':
			return [
				'added ',
				...edgeWords(a.head, a.type, a.tail),
				...(a.paper ? [' (evidence: ', { id: a.paper, label: a.paper }, ')'] : [])
			];
	}
}

/** The same as plain text; `nameOf` names the ids a record keeps no name for (edges' ends). */
export function describeCuration(
	r: Pick<CurationRecord, 'args'>,
	nameOf: (id: string) => string | undefined = () => undefined
): string {
	return curationWords(r)
		.map((w) => (typeof w === 'string' ? w : w.label === w.id ? (nameOf(w.id) ?? w.id) : w.label))
		.join('');
}

/**
 * What corrections made an entity what it is, one short phrase each, for the note on its card:
 * "merged with SDXL", "renamed from “A-SDM”", "type changed from Model", "alias “X” added".
 */
export function entityNotes(entity: Pick<EntityDetail, 'curations'>): string[] {
	const notes: string[] = [];
	const merged = (entity.curations ?? []).flatMap((r) =>
		r.args.kind === 'merge' ? [r.args.otherName] : []
	);
	if (merged.length) notes.push(`merged with ${merged.join(', ')}`);
	for (const r of entity.curations ?? []) {
		const a = r.args;
		if (a.kind === 'rename') notes.push(`renamed from ${quote(a.from)}`);
		else if (a.kind === 'retype') notes.push(`type changed from ${a.from}`);
		else if (a.kind === 'alias')
			notes.push(`alias ${quote(a.alias)} ${a.op === 'add' ? 'added' : 'removed'}`);
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
