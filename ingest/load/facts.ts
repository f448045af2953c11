// Extraction → the rows the loader writes: papers, entities, mentions, edges with evidence.
// Pure. A relation from '@paper' becomes an edge from the Paper node and, for every entity the
// paper proposes, the same edge from that entity — so "what builds on X" finds the methods too.
// Evidence for the paper's own edges is stored on the paper (see encodePaperEvidence); the
// evidence of those copies is the paper's record, found through PROPOSES, so it is not stored
// twice; only statements between two entities get (:Evidence) nodes of their own.
import { createHash } from 'node:crypto';
import { analysedText, encodePaperEvidence } from '../../graph/model.js';
import {
	edgeKey,
	type EdgeRef,
	type EntityRow,
	type EvidenceRow,
	type MentionRow,
	type PaperFacts,
	type PaperRow
} from '../../graph/rows.js';
import type { Extraction, RelationCandidate } from '../types.js';

/** Bump when extraction or storage changes meaningfully: stored papers re-load on next ingest. */
export const FACTS_VERSION = 2;

export function contentHash(title: string, abstract: string, extractorVersion: string): string {
	return createHash('sha1')
		.update(`${FACTS_VERSION}\u0000${extractorVersion}\u0000${title}\u0000${abstract}`)
		.digest('hex');
}

export function toFacts(extraction: Extraction, extractorVersion = '1'): PaperFacts {
	const { paper, sentences, mentions, entities, relations, text } = extraction;
	const year = paper.year ?? null;
	const abstractStart = extraction.abstractStart ?? Math.max(0, text.indexOf(paper.abstract));
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
		textOffset: abstractStart,
		text: text === analysedText(paper.title, paper.abstract) ? null : text,
		evidence: [],
		supports: []
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

	const proposed = primaryProposal(
		relations.filter((r) => r.head === '@paper' && known.has(r.tail))
	);

	// Best evidence per edge key: highest confidence, then earliest sentence.
	const best = new Map<string, EvidenceRow>();
	const offer = (row: EvidenceRow) => {
		const current = best.get(row.key);
		if (!current || row.confidence > current.confidence) best.set(row.key, row);
	};
	const edges = new Map<string, EdgeRef>();
	const support = (ref: EdgeRef) => {
		if (!edges.has(ref.key)) edges.set(ref.key, ref);
	};

	// Lookups by sentence index and entity id: an abstract has dozens of relations and mentions.
	const sentenceAt = new Map(sentences.map((s) => [s.index, s]));
	const mentionsOf = new Map<string, typeof mentions>();
	for (const m of mentions) {
		const list = mentionsOf.get(m.entityId);
		if (list) list.push(m);
		else mentionsOf.set(m.entityId, [m]);
	}

	// Relations with no sentence of their own (a lexicon family link) borrow the first sentence
	// mentioning their head, so every edge has words to show.
	const sentenceOf = (r: RelationCandidate) => {
		const own = sentenceAt.get(r.sentence);
		if (own) return own;
		const mention = mentionsOf.get(r.head)?.[0] ?? mentionsOf.get(r.tail)?.[0];
		return mention ? sentenceAt.get(mention.sentence) : undefined;
	};
	const spanOf = (entityId: string, sentence: { start: number; end: number } | undefined) => {
		if (!sentence) return [];
		const m = mentionsOf
			.get(entityId)
			?.find((x) => x.start >= sentence.start && x.end <= sentence.end);
		return m ? [m.start - sentence.start, m.end - sentence.start] : [];
	};

	for (const r of relations) {
		if (r.head !== '@paper' && !known.has(r.head)) continue;
		if (!known.has(r.tail)) continue;
		const s = sentenceOf(r);
		const source = r.head === '@paper' ? paper.id : r.head;
		const sourceKind = r.head === '@paper' ? 'Paper' : 'Entity';
		const ref: EdgeRef = {
			key: edgeKey(source, r.type, r.tail),
			source,
			sourceKind,
			type: r.type,
			target: r.tail
		};
		support(ref);
		// Fields written out: an object spread here was most of toFacts' time.
		offer({
			key: ref.key,
			source,
			sourceKind,
			type: r.type,
			target: r.tail,
			paperId: paper.id,
			sentence: s?.text ?? '',
			start: s?.start ?? 0,
			end: s?.end ?? 0,
			headSpan: sourceKind === 'Entity' ? spanOf(r.head, s) : [],
			tailSpan: spanOf(r.tail, s),
			rule: r.rule,
			confidence: r.confidence
		});
		// The copies for what the paper proposes: supported here, their evidence is the paper's.
		// Only for what a sentence about the paper's own work states by a cue: a model merely
		// mentioned, or one that "other models fine-tune", is not what the proposal builds on.
		if (r.head === '@paper' && r.type !== 'PROPOSES' && inheritable(r)) {
			for (const p of proposed) {
				if (p === r.tail) continue;
				const key = edgeKey(p, r.type, r.tail);
				support({ key, source: p, sourceKind: 'Entity', type: r.type, target: r.tail });
			}
		}
	}

	const rows = [...best.values()];
	paperRow.evidence = rows
		.filter((e) => e.sourceKind === 'Paper')
		.map((e) =>
			encodePaperEvidence({
				type: e.type,
				target: e.target,
				start: e.start,
				end: e.end,
				tailSpan: e.tailSpan.length === 2 ? [e.tailSpan[0]!, e.tailSpan[1]!] : null,
				rule: e.rule,
				confidence: e.confidence
			})
		);
	const refs = [...edges.values()];
	// A paper's edge is as sure as its best statement about the paper's own work; one stated
	// only in background ("Existing models, including GPT-4, …") stays below the cue threshold.
	const ownBest = new Map<string, number>();
	for (const r of relations) {
		if (r.head !== '@paper') continue;
		const key = edgeKey(paper.id, r.type, r.tail);
		const c = r.ownWork === false ? Math.min(r.confidence, BACKGROUND_CONFIDENCE) : r.confidence;
		if (c > (ownBest.get(key) ?? -1)) ownBest.set(key, c);
	}
	for (const e of refs) if (e.sourceKind === 'Paper') e.confidence = ownBest.get(e.key);
	paperRow.supports = refs.filter((e) => e.sourceKind === 'Entity').map((e) => e.key);

	return {
		paper: paperRow,
		entities: entityRows,
		mentions: [...mentionRows.values()],
		edges: refs,
		evidence: rows.filter((e) => e.sourceKind === 'Entity')
	};
}

/** A relation of the paper that what it proposes inherits (see the copies in toFacts). */
function inheritable(r: RelationCandidate): boolean {
	return r.ownWork !== false && !r.rule.endsWith('-mention') && r.confidence >= INHERIT_CONFIDENCE;
}

/** What a relation stated only in a background sentence is worth on the paper's edge. */
const BACKGROUND_CONFIDENCE = 0.55;

/** Below this a cue is too loose ("existing", "apply … to") to credit the paper's method. */
const INHERIT_CONFIDENCE = 0.7;

/**
 * The method the paper is about: the name before its title's colon, else the first it
 * introduces. Only it inherits the paper's relations: the parts of a recipe ("Normal Parameter
 * Mapping (NPM)") do not each build on the base model.
 */
function primaryProposal(relations: RelationCandidate[]): string[] {
	const proposals = relations.filter((r) => r.type === 'PROPOSES');
	const title = proposals.find((r) => r.rule.startsWith('name.title'));
	const first = title ?? [...proposals].sort((a, b) => a.sentence - b.sentence)[0];
	return first ? [first.tail] : [];
}
