// `curate export --as-gold`: the papers people corrected, written as gold annotations of what the
// graph now says about them, so that `lineage eval` on the file measures the extractor against
// the group's own judgements (a rejected edge the extractor still states is a false positive).
import neo4j from 'neo4j-driver';
import type { Db } from '../../graph/driver.js';
import { CurationState, type CurationRecord } from '../../graph/curation.js';
import {
	curatedFacts,
	papersMentioning,
	papersStating,
	type CuratedFacts
} from '../../graph/queries/curation.js';
import type { GoldPaper } from './gold.js';

/** The papers whose facts a correction is about. */
async function correctedPapers(
	tx: Parameters<typeof papersMentioning>[0],
	records: CurationRecord[]
): Promise<string[]> {
	const ids = new Set<string>();
	for (const r of records) {
		const a = r.args;
		let found: string[];
		if (a.kind === 'merge') found = await papersMentioning(tx, a.keep);
		else if (a.kind === 'rename' || a.kind === 'retype' || a.kind === 'alias')
			found = await papersMentioning(tx, a.id);
		else if (a.kind === 'add') found = a.paper ? [a.paper] : [];
		else found = [...(await papersStating(tx, a)), a.head];
		for (const id of found) ids.add(id);
	}
	return [...ids].sort();
}

/**
 * The paper's facts as gold. A statement about the method a paper proposes is the paper's own
 * statement to the scorer ("KOALA uses LoRA" is "@paper uses LoRA"), so rejecting either form
 * of it takes out both.
 */
function toGold(f: CuratedFacts, state: CurationState): GoldPaper {
	const proposed = new Set(
		f.relations.filter((r) => r.head === null && r.type === 'PROPOSES').map((r) => r.tail)
	);
	const own = (head: string | null) => head === null || proposed.has(head);
	const rejected = (head: string, type: string, tail: string) =>
		state.verdict(state.edgeKey(head, type, tail)) === 'reject';
	const rejectedOwn = (type: string, tail: string) =>
		[f.id, ...proposed].some((h) => rejected(h, type, tail));
	const kept = f.relations.filter((r) =>
		own(r.head) ? !rejectedOwn(r.type, r.tail) : !rejected(r.head!, r.type, r.tail)
	);
	const key = (r: { head: string; type: string; tail: string }) => `${r.head}|${r.type}|${r.tail}`;
	const relations = new Map(
		kept
			.map((r) => ({ head: r.headName ?? '@paper', type: r.type, tail: r.tailName, core: true }))
			.map((r) => [key(r), r])
	);
	return {
		id: f.id,
		title: f.title,
		abstract: f.abstract,
		entities: f.entities
			.map((e) => ({
				name: e.name,
				type: e.type,
				aliases: [...new Set([e.name, ...e.aliases])],
				core: true
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		relations: [...relations.values()].sort((a, b) => key(a).localeCompare(key(b)))
	};
}

/** Gold records (GUIDELINES.md format) for every paper a correction in force touches. */
export async function curatedGold(db: Db, records: CurationRecord[]): Promise<GoldPaper[]> {
	const inForce = records.filter((r) => !r.undone);
	if (inForce.length === 0) return [];
	const session = db.driver.session({
		database: db.database,
		defaultAccessMode: neo4j.session.READ
	});
	try {
		return await session.executeRead(async (tx) => {
			const ids = await correctedPapers(tx, inForce);
			const state = new CurationState(inForce);
			return (await curatedFacts(tx, ids)).map((f) => toGold(f, state));
		});
	} finally {
		await session.close();
	}
}
