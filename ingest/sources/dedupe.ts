// Merges duplicate papers as they stream past: the same work read twice, from two sources,
// or in two arXiv versions. Two papers are the same when they share an arXiv id (version
// ignored), a DOI, or a normalised title. The newest wins: the higher arXiv version when both
// have one, else the record seen later. Fields the winner lacks (DOI, year, url, authors) are
// filled in from the loser, and the merged paper's id follows the strongest identifier
// (arXiv, then DOI), so reading arXiv + Crossref exports together gives one `arxiv:` paper.
//
//   const dedupe = new Deduper();
//   for await (const r of readPapers(file)) if (r.ok) {
//     const { outcome, paper, previousIds } = dedupe.addDetailed(r.paper);
//     // 'new' → load paper; 'replaced' → load paper, delete previousIds; 'duplicate' → skip
//   }
//   dedupe.papers(); // the merged set, first-seen order
//
// Memory: one small entry per distinct paper, plus the paper itself unless
// `{ keepPapers: false }` (then fields are not merged and papers() is empty).
import { createHash } from 'node:crypto';
import type { Paper } from '../types.js';
import { parseArxivId, titleKey } from './normalise.js';

export type DedupeOutcome = 'new' | 'duplicate' | 'replaced';

export interface DedupeResult {
	outcome: DedupeOutcome;
	/** The paper to keep, with its final id. Absent for a duplicate when papers are not kept. */
	paper?: Paper;
	/** Id of the kept paper. */
	id: string;
	/** Ids that no longer name a kept paper (the id changed, or two entries were joined). */
	previousIds: string[];
}

export interface DeduperOptions {
	/** Keep every winning paper in memory for `papers()` and field merging (default true). */
	keepPapers?: boolean;
}

interface Entry {
	id: string;
	seq: number;
	version: number | null;
	fingerprint: string;
	keys: Set<string>;
	paper?: Paper;
}

export class Deduper {
	private readonly byKey = new Map<string, Entry>();
	private readonly entries = new Set<Entry>();
	private readonly keepPapers: boolean;
	private seq = 0;
	readonly counts = { new: 0, duplicate: 0, replaced: 0 };

	constructor(opts: DeduperOptions = {}) {
		this.keepPapers = opts.keepPapers ?? true;
	}

	/** Adds a paper; says whether it was new, a duplicate that lost, or replaced an earlier one. */
	add(paper: Paper): DedupeOutcome {
		return this.addDetailed(paper).outcome;
	}

	addDetailed(paper: Paper): DedupeResult {
		const keys = keysOf(paper);
		const hits = [
			...new Set(keys.map((k) => this.byKey.get(k)).filter((e): e is Entry => !!e))
		].sort((a, b) => a.seq - b.seq);
		if (hits.length === 0) {
			const entry: Entry = {
				id: paper.id,
				seq: this.seq++,
				version: versionOf(paper),
				fingerprint: fingerprint(paper),
				keys: new Set(keys),
				paper: this.keepPapers ? paper : undefined
			};
			this.entries.add(entry);
			for (const k of keys) this.byKey.set(k, entry);
			this.counts.new++;
			return { outcome: 'new', paper, id: paper.id, previousIds: [] };
		}

		// Fold every matching entry into the oldest one, so one work ends as one entry.
		const [entry, ...others] = hits;
		const previousIds = new Set<string>();
		for (const o of others) {
			previousIds.add(o.id);
			this.absorb(entry, o.paper, o.version, o.keys);
			this.entries.delete(o);
		}
		const oldId = entry.id;
		const incomingWins = wins(versionOf(paper), entry.version);
		const before = entry.fingerprint;
		this.absorb(entry, paper, versionOf(paper), new Set(keys), incomingWins);
		if (entry.id !== oldId) previousIds.add(oldId);
		previousIds.delete(entry.id);
		const changed = entry.fingerprint !== before || previousIds.size > 0;
		const outcome: DedupeOutcome = incomingWins && changed ? 'replaced' : 'duplicate';
		this.counts[outcome]++;
		const kept = entry.paper ?? (incomingWins ? { ...paper, id: entry.id } : undefined);
		return { outcome, paper: kept, id: entry.id, previousIds: [...previousIds] };
	}

	/** The merged set, in first-seen order (empty when papers are not kept). */
	papers(): Paper[] {
		return [...this.entries].flatMap((e) => (e.paper ? [e.paper] : []));
	}

	get size(): number {
		return this.entries.size;
	}

	/** Merges a paper into an entry; `winner` says whose fields take precedence. */
	private absorb(
		entry: Entry,
		paper: Paper | undefined,
		version: number | null,
		keys: Set<string>,
		winner = false
	): void {
		for (const k of keys) {
			entry.keys.add(k);
			this.byKey.set(k, entry);
		}
		if (winner) entry.version = version ?? entry.version;
		if (!paper) return;
		const merged = entry.paper
			? winner
				? fill(paper, entry.paper)
				: fill(entry.paper, paper)
			: { ...paper };
		merged.id = strongestId(merged, entry.id);
		entry.id = merged.id;
		entry.fingerprint = fingerprint(merged);
		if (this.keepPapers) entry.paper = merged;
	}
}

/** The incoming paper wins unless both carry arXiv versions and its is older. */
function wins(incoming: number | null, existing: number | null): boolean {
	return incoming === null || existing === null || incoming >= existing;
}

function fill(winner: Paper, loser: Paper): Paper {
	const p: Paper = { ...winner, source: winner.source };
	if (p.year == null && loser.year != null) p.year = loser.year;
	if (!p.url && loser.url) p.url = loser.url;
	if (!p.doi && loser.doi) p.doi = loser.doi;
	if (!p.arxivId && loser.arxivId) p.arxivId = loser.arxivId;
	if (p.authors.length === 0 && loser.authors.length > 0) p.authors = loser.authors;
	return p;
}

function strongestId(p: Paper, current: string): string {
	const arxiv = parseArxivId(p.arxivId);
	if (arxiv) return `arxiv:${arxiv.id}`;
	if (p.doi) return `doi:${p.doi.toLowerCase()}`;
	return current;
}

function keysOf(p: Paper): string[] {
	const keys: string[] = [];
	const arxiv =
		parseArxivId(p.arxivId) ?? (p.id.startsWith('arxiv:') ? parseArxivId(p.id.slice(6)) : null);
	if (arxiv) keys.push(`arxiv:${arxiv.id}`);
	if (p.doi) keys.push(`doi:${p.doi.toLowerCase()}`);
	const t = titleKey(p.title);
	if (t) keys.push(`title:${t}`);
	return keys;
}

function versionOf(p: Paper): number | null {
	return parseArxivId(p.arxivId)?.version ?? null;
}

/** A digest, not the text: one is kept per paper read, so it must not hold the abstract. */
function fingerprint(p: Paper): string {
	const text = JSON.stringify([
		p.id,
		p.title,
		p.abstract,
		p.year ?? null,
		p.authors,
		p.url,
		p.arxivId,
		p.doi
	]);
	return createHash('sha1').update(text).digest('base64');
}
