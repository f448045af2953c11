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
// Memory: with `{ keepPapers: false }` (the ingest pipeline) each distinct paper costs its id
// string and ~100 bytes of typed arrays: keys and contents are kept as 64-bit digests, not
// text, so a million papers fit in ~150 MB. The default keeps every merged paper as well.
import { hash } from 'node:crypto';
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

const NONE = -1;

export class Deduper {
	private readonly keys = new DigestIndex();
	private readonly ids: string[] = []; // per entry: the kept paper's id
	private readonly kept: (Paper | undefined)[] = [];
	// Per entry, in growable typed arrays. An entry joined into another points to it (`parent`),
	// so the keys that led to it lead to the survivor without being rewritten.
	private parent = new Int32Array(1024);
	private version = new Int32Array(1024); // arXiv version of the winner, NONE without
	private digestHi = new Uint32Array(1024); // digest of the winner's fields
	private digestLo = new Uint32Array(1024);
	private wonAt = new Int32Array(1024); // add() call that made the current winner
	private record = new Int32Array(1024); // caller's record number of the winner
	private count = 0;
	private alive = 0;
	private calls = 0;
	private readonly keepPapers: boolean;
	readonly counts = { new: 0, duplicate: 0, replaced: 0 };

	constructor(opts: DeduperOptions = {}) {
		this.keepPapers = opts.keepPapers ?? true;
	}

	/** Adds a paper; says whether it was new, a duplicate that lost, or replaced an earlier one. */
	add(paper: Paper): DedupeOutcome {
		return this.addDetailed(paper).outcome;
	}

	/** `record` numbers the input (e.g. its position) for `winnerIds()`. */
	addDetailed(paper: Paper, record = NONE): DedupeResult {
		const call = this.calls++;
		const digests = keysOf(paper).map(digestOf);
		const hits = [
			...new Set(
				digests.map((d) => this.keys.get(d)).flatMap((e) => (e === NONE ? [] : [this.root(e)]))
			)
		].sort((a, b) => a - b);
		const v = versionOf(paper) ?? NONE;

		if (hits.length === 0) {
			const e = this.grow();
			this.ids[e] = paper.id;
			this.kept[e] = this.keepPapers ? paper : undefined;
			this.parent[e] = e;
			this.version[e] = v;
			this.setDigest(e, fingerprint(paper));
			this.wonAt[e] = call;
			this.record[e] = record;
			for (const d of digests) this.keys.set(d, e);
			this.counts.new++;
			return { outcome: 'new', paper, id: paper.id, previousIds: [] };
		}

		// Fold every matching entry into the oldest one, so one work ends as one entry.
		const [e, ...others] = hits as [number, ...number[]];
		const previousIds = new Set<string>();
		for (const o of others) {
			previousIds.add(this.ids[o]!);
			this.join(e, o);
		}
		for (const d of digests) this.keys.set(d, e);
		const oldId = this.ids[e]!;
		const before = this.digestKey(e);
		const incomingWins = wins(v, this.version[e]!);
		let kept: Paper | undefined;
		if (this.keepPapers) {
			const current = this.kept[e]!;
			kept = incomingWins ? fill(paper, current) : fill(current, paper);
			kept.id = strongestId(kept, oldId);
			this.kept[e] = kept;
			this.setDigest(e, fingerprint(kept));
		} else {
			const id = stronger(oldId, strongestId(paper, oldId));
			if (incomingWins) {
				kept = { ...paper, id };
				this.setDigest(e, fingerprint(kept));
			}
		}
		this.ids[e] = kept?.id ?? stronger(oldId, strongestId(paper, oldId));
		if (this.ids[e] !== oldId) previousIds.add(oldId);
		previousIds.delete(this.ids[e]!);
		const changed = this.digestKey(e) !== before || previousIds.size > 0;
		const outcome: DedupeOutcome = incomingWins && changed ? 'replaced' : 'duplicate';
		if (outcome === 'replaced') {
			if (v !== NONE) this.version[e] = v;
			this.wonAt[e] = call;
			this.record[e] = record;
		}
		this.counts[outcome]++;
		return {
			outcome,
			paper: this.keepPapers || incomingWins ? kept : undefined,
			id: this.ids[e]!,
			previousIds: [...previousIds]
		};
	}

	/** The merged set, in first-seen order (empty when papers are not kept). */
	papers(): Paper[] {
		const out: Paper[] = [];
		for (let e = 0; e < this.count; e++) {
			const p = this.parent[e] === e ? this.kept[e] : undefined;
			if (p) out.push(p);
		}
		return out;
	}

	/**
	 * For records numbered 0…n-1 through `addDetailed(paper, record)`: the final id of each
	 * record that won its duplicate set, undefined for the others.
	 */
	winnerIds(n: number): (string | undefined)[] {
		const out = new Array<string | undefined>(n).fill(undefined);
		for (let e = 0; e < this.count; e++) {
			const r = this.record[e]!;
			if (this.parent[e] === e && r >= 0 && r < n) out[r] = this.ids[e];
		}
		return out;
	}

	get size(): number {
		return this.alive;
	}

	/** Joins entry `o` into `e`: whichever's winner is newer stays the winner. */
	private join(e: number, o: number): void {
		this.parent[o] = e;
		this.alive--;
		const [later, earlier] = this.wonAt[o]! > this.wonAt[e]! ? [o, e] : [e, o];
		const winner = wins(this.version[later]!, this.version[earlier]!) ? later : earlier;
		const loser = winner === e ? o : e;
		if (this.keepPapers) {
			const merged = fill(this.kept[winner]!, this.kept[loser]!);
			merged.id = strongestId(merged, this.ids[winner]!);
			this.kept[e] = merged;
			this.ids[e] = merged.id;
			this.setDigest(e, fingerprint(merged));
		} else {
			this.ids[e] = stronger(this.ids[winner]!, this.ids[loser]!);
			this.digestHi[e] = this.digestHi[winner]!;
			this.digestLo[e] = this.digestLo[winner]!;
		}
		this.version[e] = this.version[winner]!;
		this.wonAt[e] = this.wonAt[winner]!;
		this.record[e] = this.record[winner]!;
		this.kept[o] = undefined;
	}

	private root(e: number): number {
		while (this.parent[e] !== e) e = this.parent[e]!;
		return e;
	}

	private grow(): number {
		if (this.count === this.parent.length) {
			const bigger = <T extends Int32Array | Uint32Array>(a: T): T => {
				const b = new (a.constructor as new (n: number) => T)(a.length * 2);
				b.set(a);
				return b;
			};
			this.parent = bigger(this.parent);
			this.version = bigger(this.version);
			this.digestHi = bigger(this.digestHi);
			this.digestLo = bigger(this.digestLo);
			this.wonAt = bigger(this.wonAt);
			this.record = bigger(this.record);
		}
		this.alive++;
		return this.count++;
	}

	private setDigest(e: number, d: Digest): void {
		this.digestHi[e] = d[0];
		this.digestLo[e] = d[1];
	}

	private digestKey(e: number): string {
		return `${this.digestHi[e]}:${this.digestLo[e]}`;
	}
}

type Digest = [hi: number, lo: number];

/** 64 bits of SHA-1: a false match needs ~4 billion distinct keys to become likely. */
function digestOf(text: string): Digest {
	const b = hash('sha1', text, 'buffer');
	return [b.readUInt32BE(0), b.readUInt32BE(4)];
}

/** Open-addressing map from 64-bit digests to entry numbers, in two typed arrays. */
class DigestIndex {
	private hi = new Uint32Array(4096);
	private lo = new Uint32Array(4096);
	private value = new Int32Array(4096).fill(NONE);
	private size = 0;

	get(d: Digest): number {
		return this.value[this.slot(d)]!;
	}

	set(d: Digest, entry: number): void {
		let s = this.slot(d);
		if (this.value[s] === NONE) {
			if ((this.size + 1) * 2 > this.value.length) {
				this.rehash();
				s = this.slot(d);
			}
			this.size++;
			this.hi[s] = d[0];
			this.lo[s] = d[1];
		}
		this.value[s] = entry;
	}

	/** The slot holding `d`, or the empty slot where it would go. */
	private slot([hi, lo]: Digest): number {
		const mask = this.value.length - 1;
		let s = lo & mask;
		while (this.value[s] !== NONE && (this.hi[s] !== hi || this.lo[s] !== lo)) s = (s + 1) & mask;
		return s;
	}

	private rehash(): void {
		const { hi, lo, value } = this;
		this.hi = new Uint32Array(hi.length * 2);
		this.lo = new Uint32Array(lo.length * 2);
		this.value = new Int32Array(value.length * 2).fill(NONE);
		for (let s = 0; s < value.length; s++) {
			if (value[s] === NONE) continue;
			const t = this.slot([hi[s]!, lo[s]!]);
			this.hi[t] = hi[s]!;
			this.lo[t] = lo[s]!;
			this.value[t] = value[s]!;
		}
	}
}

/** The incoming paper wins unless both carry arXiv versions and its is older. */
function wins(incoming: number, existing: number): boolean {
	return incoming === NONE || existing === NONE || incoming >= existing;
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

const idRank = (id: string) => (id.startsWith('arxiv:') ? 2 : id.startsWith('doi:') ? 1 : 0);

/** `a` unless `b` is a stronger kind of identifier (arXiv over DOI over anything else). */
function stronger(a: string, b: string): string {
	return idRank(b) > idRank(a) ? b : a;
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
function fingerprint(p: Paper): Digest {
	return digestOf(
		JSON.stringify([p.id, p.title, p.abstract, p.year ?? null, p.authors, p.url, p.arxivId, p.doi])
	);
}
