// A paper's relations as a reader wants them: each once. The API lists a relation the paper
// states for itself and again for the method it proposes (which inherits it, rule `…+proposed`);
// here they are one row, headed by the methods when the paper proposes some.
import type { PaperDetail } from '../types';

type Relation = PaperDetail['relations'][number];

export interface PaperRelationRow {
	type: Relation['type'];
	/** What the paper proposes that this holds for too (empty: the paper alone says it). */
	methods: { id: string; label: string }[];
	/** A statement between two entities made in the paper (not about the paper's own work). */
	statedHead: Relation['head'] | null;
	tail: Relation['tail'];
	sentence: string;
	/** How it was found, for the "why" toggle: one entry per record folded into the row. */
	why: { head: string; rule: string; confidence: number }[];
}

export function paperRelationRows(paper: PaperDetail): PaperRelationRow[] {
	const proposed = new Set(
		paper.relations
			.filter((r) => r.type === 'PROPOSES' && r.head.id === paper.id)
			.map((r) => r.tail.id)
	);
	const rows = new Map<string, PaperRelationRow>();
	for (const r of paper.relations) {
		const own = r.head.id === paper.id;
		const inherited = !own && proposed.has(r.head.id) && r.tail.id !== r.head.id;
		const key = own || inherited ? `own|${r.type}|${r.tail.id}|${r.sentence}` : null;
		const row = key ? rows.get(key) : undefined;
		const why = {
			head: own ? 'this paper' : r.head.label,
			rule: r.rule,
			confidence: r.confidence
		};
		if (row) {
			row.why.push(why);
			if (inherited && !row.methods.some((m) => m.id === r.head.id))
				row.methods.push({ id: r.head.id, label: r.head.label });
			continue;
		}
		rows.set(key ?? `stated|${rows.size}`, {
			type: r.type,
			methods: inherited ? [{ id: r.head.id, label: r.head.label }] : [],
			statedHead: own || inherited ? null : r.head,
			tail: r.tail,
			sentence: r.sentence,
			why: [why]
		});
	}
	return [...rows.values()];
}
