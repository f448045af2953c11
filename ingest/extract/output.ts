// The printed form of an extraction (GUIDELINES.md "What the extractor prints"): names instead
// of ids, plus evidence — the sentence, its offsets, the rule and a confidence.
import type { Extraction } from '../types.js';

export interface PrintedEntity {
	name: string;
	type: string;
	id: string;
	aliases: string[];
	mentions: number;
}

export interface PrintedRelation {
	head: string;
	type: string;
	tail: string;
	sentence: number;
	rule: string;
	confidence: number;
	evidence: string | null;
	start: number | null;
	end: number | null;
}

export interface PrintedPaper {
	id: string;
	title: string;
	year?: number | null;
	entities: PrintedEntity[];
	relations: PrintedRelation[];
	warnings?: string[];
}

export function toPrinted(x: Extraction): PrintedPaper {
	const names = new Map(x.entities.map((e) => [e.id, e.name]));
	const counts = new Map<string, number>();
	for (const m of x.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
	const nameOf = (id: string) => (id === '@paper' ? '@paper' : (names.get(id) ?? id));
	return {
		id: x.paper.id,
		title: x.paper.title,
		year: x.paper.year ?? null,
		entities: x.entities.map((e) => ({
			name: e.name,
			type: e.type,
			id: e.id,
			aliases: e.aliases,
			mentions: counts.get(e.id) ?? 0
		})),
		relations: x.relations.map((r) => {
			const s = r.sentence >= 0 ? x.sentences[r.sentence] : undefined;
			return {
				head: nameOf(r.head),
				type: r.type,
				tail: nameOf(r.tail),
				sentence: r.sentence,
				rule: r.rule,
				confidence: r.confidence,
				evidence: s?.text ?? null,
				start: s?.start ?? null,
				end: s?.end ?? null
			};
		}),
		...(x.warnings?.length ? { warnings: x.warnings } : {})
	};
}
