// Gold annotations (GUIDELINES.md "Gold file format") and the extractor's printed document.
import type { EntityType, RelationType } from '../types.js';

export interface GoldEntity {
	name: string;
	type: EntityType;
	aliases?: string[];
	core: boolean;
}

export interface GoldRelation {
	head: string;
	type: RelationType;
	tail: string;
	core: boolean;
}

export interface GoldPaper {
	id: string;
	title: string;
	abstract?: string;
	entities: GoldEntity[];
	relations: GoldRelation[];
}

export interface PredictedPaper {
	id?: string;
	title: string;
	entities?: { name: string; type: string }[];
	relations?: { head: string; type: string; tail: string }[];
}

/** Parses gold JSON Lines; blank lines are skipped, a broken line names its number. */
export function parseGold(text: string): GoldPaper[] {
	const out: GoldPaper[] = [];
	text.split('\n').forEach((line, i) => {
		if (!line.trim()) return;
		try {
			const g = JSON.parse(line) as GoldPaper;
			out.push({ ...g, entities: g.entities ?? [], relations: g.relations ?? [] });
		} catch (err) {
			throw new Error(`gold line ${i + 1}: ${err instanceof Error ? err.message : String(err)}`, {
				cause: err
			});
		}
	});
	return out;
}

/** The printed document is `{ papers: [...] }`; a bare array is accepted too. */
export function parsePredicted(json: unknown): PredictedPaper[] {
	if (Array.isArray(json)) return json as PredictedPaper[];
	const papers = (json as { papers?: unknown } | null)?.papers;
	return Array.isArray(papers) ? (papers as PredictedPaper[]) : [];
}
