// Extraction → the rows the loader writes: papers, entities, mentions, edges with evidence.
// Pure. A relation from '@paper' becomes an edge from the Paper node and, for every entity the
// paper proposes, the same edge from that entity — so "what builds on X" finds the methods too.
import { createHash } from 'node:crypto';
import type { Extraction, RelationCandidate } from '../types.js';

/** Bump when extraction changes meaningfully: stored papers re-extract on the next ingest. */
export const FACTS_VERSION = 1;

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
}

export interface EntityRow {
	id: string;
	type: string;
	name: string;
	aliases: string[];
	year: number | null;
}

export interface MentionRow {
	paperId: string;
	entityId: string;
	count: number;
	spans: number[]; // flattened [start, end, start, end, …] into the analysed text
}

export interface EdgeRow {
	key: string; // `${source}|${type}|${target}`: one evidence per paper and key
	source: string;
	sourceKind: 'Paper' | 'Entity';
	type: string;
	target: string;
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
	edges: EdgeRow[];
}

export function contentHash(title: string, abstract: string, extractorVersion: string): string {
	return createHash('sha1')
		.update(`${FACTS_VERSION}\u0000${extractorVersion}\u0000${title}\u0000${abstract}`)
		.digest('hex');
}

export function edgeKey(source: string, type: string, target: string): string {
	return `${source}|${type}|${target}`;
}

export function toFacts(extraction: Extraction, extractorVersion = '1'): PaperFacts {
	const { paper, sentences, mentions, entities, relations } = extraction;
	const year = paper.year ?? null;
	const textOffset = extraction.text.indexOf(paper.abstract);
	const paperRow: PaperRow = {
		id: paper.id,
		title: paper.title,
		abstract: paper.abstract,
		year,
		url: paper.url ?? null,
		authors: paper.authors ?? [],
		arxivId: paper.arxivId ?? null,
		doi: paper.doi ?? null,
		source: `${paper.source.kind}:${paper.source.uri}#${paper.source.line}`,
		contentHash: contentHash(paper.title, paper.abstract, extractorVersion),
		textOffset: textOffset < 0 ? 0 : textOffset
	};

	const mentionRows = new Map<string, MentionRow>();
	for (const m of mentions) {
		const row = mentionRows.get(m.entityId) ?? {
			paperId: paper.id,
			entityId: m.entityId,
			count: 0,
			spans: []
		};
		row.count += 1;
		row.spans.push(m.start, m.end);
		mentionRows.set(m.entityId, row);
	}

	const entityRows: EntityRow[] = entities.map((e) => ({
		id: e.id,
		type: e.type,
		name: e.name,
		aliases: [...new Set(e.aliases)],
		year
	}));
	const known = new Set(entities.map((e) => e.id));

	const proposed = relations
		.filter((r) => r.head === '@paper' && r.type === 'PROPOSES' && known.has(r.tail))
		.map((r) => r.tail);

	// Best evidence per edge key: highest confidence, then earliest sentence.
	const best = new Map<string, EdgeRow>();
	const offer = (row: EdgeRow) => {
		const current = best.get(row.key);
		if (!current || row.confidence > current.confidence) best.set(row.key, row);
	};

	// Relations with no sentence of their own (a lexicon family link) borrow the first sentence
	// mentioning their head, so every edge has words to show.
	const sentenceOf = (r: RelationCandidate) => {
		const own = sentences.find((s) => s.index === r.sentence);
		if (own) return own;
		const mention =
			mentions.find((m) => m.entityId === r.head) ?? mentions.find((m) => m.entityId === r.tail);
		return mention ? sentences.find((s) => s.index === mention.sentence) : undefined;
	};
	const spanOf = (entityId: string, sentence: { start: number; end: number } | undefined) => {
		if (!sentence) return [];
		const m = mentions.find(
			(x) => x.entityId === entityId && x.start >= sentence.start && x.end <= sentence.end
		);
		return m ? [m.start - sentence.start, m.end - sentence.start] : [];
	};

	for (const r of relations) {
		if (r.head !== '@paper' && !known.has(r.head)) continue;
		if (!known.has(r.tail)) continue;
		const s = sentenceOf(r);
		const base = {
			type: r.type,
			target: r.tail,
			paperId: paper.id,
			sentence: s?.text ?? '',
			start: s?.start ?? 0,
			end: s?.end ?? 0,
			tailSpan: spanOf(r.tail, s),
			rule: r.rule,
			confidence: r.confidence
		};
		const heads: { id: string; kind: 'Paper' | 'Entity'; rule: string }[] =
			r.head === '@paper'
				? [
						{ id: paper.id, kind: 'Paper', rule: r.rule },
						...(r.type === 'PROPOSES'
							? []
							: proposed
									.filter((p) => p !== r.tail)
									.map((p) => ({ id: p, kind: 'Entity' as const, rule: `${r.rule}+proposed` })))
					]
				: [{ id: r.head, kind: 'Entity', rule: r.rule }];
		for (const head of heads) {
			offer({
				...base,
				key: edgeKey(head.id, r.type, r.tail),
				source: head.id,
				sourceKind: head.kind,
				headSpan: head.kind === 'Entity' ? spanOf(head.id, s) : [],
				rule: head.rule
			});
		}
	}

	return {
		paper: paperRow,
		entities: entityRows,
		mentions: [...mentionRows.values()],
		edges: [...best.values()]
	};
}
