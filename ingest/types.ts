// The types that flow through the pipeline: sources → extract (with resolve) → load.
import type { EntityType, RelationType } from '../graph/model.js';

export type { EntityType, RelationType };

/** Where a record came from, so every error and fact can point back at it. */
export interface SourceRef {
	kind: string; // reader name: 'seed-text', 'jsonl', 'arxiv-atom', …
	uri: string; // file path or URL
	line: number; // 1-based line (or record number where lines mean nothing)
}

export interface Paper {
	id: string;
	title: string;
	abstract: string;
	year?: number | null;
	authors: string[];
	url?: string;
	arxivId?: string;
	doi?: string;
	source: SourceRef;
}

export interface Sentence {
	index: number;
	start: number; // offsets into Extraction.text (title + '\n\n' + abstract)
	end: number;
	text: string;
}

export interface Mention {
	paperId: string;
	sentence: number; // Sentence.index
	start: number;
	end: number;
	text: string;
	type: EntityType;
	entityId: string;
	rule: string;
}

export interface Entity {
	id: string; // `<type>:<key>`, see graph/model.ts entityId()
	type: EntityType;
	name: string; // canonical name
	aliases: string[]; // every surface form seen plus lexicon spellings
	/** what chose the type: 'lexicon', or the rule that typed a new name ('type.name-head', …) */
	typeRule?: string;
}

/** head/tail are '@paper' or an Entity id of the same extraction. */
export interface RelationCandidate {
	paperId: string;
	head: string;
	type: RelationType;
	tail: string;
	sentence: number; // Sentence.index (-1 when derived from no single sentence, e.g. lexicon families)
	rule: string;
	confidence: number; // 0..1
	/**
	 * Stated about the paper's own work (the title, or a sentence with "we", "our", "this paper"),
	 * so what the paper proposes inherits it; "other models fine-tune SD" is not.
	 */
	ownWork?: boolean;
}

export interface Extraction {
	paper: Paper;
	/** The analysed text: title, a blank line, the abstract. Offsets point into it. */
	text: string;
	/** Where the abstract starts in `text` (0 without a title); absent in hand-built extractions. */
	abstractStart?: number;
	sentences: Sentence[];
	mentions: Mention[];
	entities: Entity[];
	relations: RelationCandidate[];
	/** Why little or nothing was extracted (empty, not English, truncated), for people and tests. */
	warnings?: string[];
}
