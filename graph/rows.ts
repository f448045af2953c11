// The rows the loader writes (graph/queries/load.ts): papers, entities, mentions, edges and
// their evidence. ingest/load/facts.ts makes them from an extraction; graph/curation-apply.ts
// applies the corrections in force to them on their way in.
import type { RelationType } from './model.js';

export interface PaperRow {
	id: string;
	title: string;
	abstract: string;
	year: number | null;
	url: string | null;
	authors: string[];
	arxivId: string | null;
	doi: string | null;
	source: string;
	contentHash: string;
	textOffset: number; // where the abstract starts in the analysed text (title + blank line)
	text: string | null; // the analysed text, only when cleaning made it differ from title + abstract
	evidence: string[]; // the paper's own relations, encoded (graph/model.ts encodePaperEvidence)
	supports: string[]; // keys of the entity → entity edges this paper counts towards
}

export interface EntityRow {
	id: string;
	type: string;
	name: string;
	aliases: string[];
	year: number | null;
	/** name and type set by a correction (graph/curation-apply.ts): written over what is stored */
	fixed?: boolean;
}

export interface MentionRow {
	paperId: string;
	entityId: string;
	count: number;
	spans: number[]; // flattened [start, end, start, end, …] into the analysed text
	/** the ids extraction gave, when a merge (graph/curation-apply.ts) pointed them here */
	via?: string[];
}

/** An edge the paper supports (once, whatever the number of sentences stating it). */
export interface EdgeRef {
	key: string; // `${source}|${type}|${target}`
	source: string;
	sourceKind: 'Paper' | 'Entity';
	type: RelationType;
	target: string;
	/** a paper's own edge: the confidence of its best evidence (a cue, or a default at 0.5) */
	confidence?: number;
	/** a person confirmed it (graph/curation-apply.ts) */
	curated?: 'confirmed';
}

/** A statement between two entities in the paper's words: an (:Evidence) node. */
export interface EvidenceRow extends EdgeRef {
	paperId: string;
	sentence: string;
	start: number;
	end: number;
	headSpan: number[]; // [start, end] relative to the sentence, or []
	tailSpan: number[];
	rule: string;
	confidence: number;
}

export interface PaperFacts {
	paper: PaperRow;
	entities: EntityRow[];
	mentions: MentionRow[];
	edges: EdgeRef[];
	evidence: EvidenceRow[];
}

export function edgeKey(source: string, type: string, target: string): string {
	return `${source}|${type}|${target}`;
}
