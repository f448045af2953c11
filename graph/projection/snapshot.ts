// An in-memory copy of the graph's nodes and relations (and which papers mention each entity),
// built
// once per graph version so the questions that read thousands of relationships per answer
// (a neighbourhood among 100 nodes of a dense core reads ~28,000) cost microseconds of the
// app's CPU instead of tens of milliseconds of Neo4j's. Typed arrays in compressed-sparse-row
// form: ~30 bytes per relation and ~150 per node, strings included.
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from '../model.js';
import { compareStrings } from '../queries/shared.js';
import type { Curated, GraphNode } from '../views.js';

export interface SnapshotNodeRow {
	ref: number; // Neo4j's internal id, only to join the relation rows
	id: string;
	type: NodeType;
	label: string;
	year: number | null;
	paperCount: number;
	aliases?: string[] | null; // an entity's other names (search reads them)
}

export interface SnapshotRelationRow {
	ref: number; // Neo4j's internal id of the relationship: finds it again for its evidence
	from: number; // refs
	to: number;
	type: RelationType;
	support: number;
	curated?: Curated | null;
	/** a paper's BUILDS_ON without a cue (it names a base model, no more): not a lineage step */
	cueless?: boolean;
}

/**
 * Relations (and mentions) are gathered as columns of numbers: 600,000 row objects would take
 * ~50 MB more while the copy is built.
 */
export class RelationColumns {
	readonly ref: number[] = [];
	readonly from: number[] = [];
	readonly to: number[] = [];
	readonly type: number[] = []; // into RELATION_TYPES
	readonly support: number[] = [];
	/** the few relations a person confirmed or added, by position */
	readonly curated = new Map<number, Curated>();
	/** the positions of cueless relations */
	readonly cueless: number[] = [];

	push(r: SnapshotRelationRow): void {
		if (r.curated) this.curated.set(this.ref.length, r.curated);
		if (r.cueless) this.cueless.push(this.ref.length);
		this.ref.push(r.ref);
		this.from.push(r.from);
		this.to.push(r.to);
		this.type.push(RELATION_TYPES.indexOf(r.type));
		this.support.push(r.support);
	}

	get length(): number {
		return this.ref.length;
	}
}

/** Papers mentioning entities: paper[k] mentions entity[k] (refs). */
export interface MentionColumns {
	paper: number[];
	entity: number[];
}

/**
 * The papers stating relations between entities, by year: paper k (of year[k]) counts towards
 * the relations keyed `source|TYPE|target` in keys[k] (its `supports`, graph/rows.ts).
 * A paper's own relations need none: the paper is their one source.
 */
export interface SupportColumns {
	year: number[];
	keys: string[][];
}

/** Papers kept per entity: the newest, as an entity's detail lists them. */
export const PAPERS_PER_ENTITY = 50;

const NO_YEAR = -1;
const PAPER = NODE_TYPES.indexOf('Paper');
const MAX_SUPPORT = 2 ** 22 - 1;
/** Id ranks take 23 bits of a sort key (sortHalves). */
export const MAX_NODES = 2 ** 23;

export class SnapshotTooLargeError extends Error {}

export class GraphSnapshot {
	readonly index = new Map<string, number>();
	readonly ids: string[];
	readonly labels: string[];
	readonly types: Uint8Array; // into NODE_TYPES
	readonly years: Int32Array; // NO_YEAR when unknown
	readonly paperCounts: Uint32Array;
	readonly idRank: Uint32Array;
	/** The entities' aliases, for the few that have any. */
	readonly aliases = new Map<number, string[]>();
	// Node i's relations are half-edges start[i] … start[i + 1] - 1, those pointing away from i
	// before outEnd[i]: the node at the other end, the relation type (into RELATION_TYPES),
	// whether it points away from i, its support.
	readonly start: Uint32Array;
	readonly outEnd: Uint32Array;
	readonly other: Uint32Array;
	readonly relType: Uint8Array;
	readonly outward: Uint8Array;
	readonly support: Uint32Array;
	readonly relation: Uint32Array; // which relation: both halves of one share the number
	readonly relationRef: Float64Array; // per relation: the relationship's internal id
	readonly curated: Map<number, Curated>; // per relation (the few a person confirmed or added)
	/** Per relation, 1 for a paper's BUILDS_ON without a cue: lineages leave it out. */
	readonly cueless: Uint8Array;
	/** Per node, 1 when a relation goes from it to itself (rare: a walk need not look for one). */
	readonly selfLoop: Uint8Array;
	// Per relation between entities, the years of the papers stating it: yearsStart[k] …
	// yearsStart[k + 1] - 1 in `paperYears` (papers without a year are not listed).
	readonly yearsStart: Uint32Array;
	readonly paperYears: Uint16Array;
	/** Relations stored (each once, not per end). */
	relationCount = 0;

	// Per entity, the newest papers mentioning it (year, newest first, then title), at most
	// PAPERS_PER_ENTITY.
	readonly papersOf = new Map<number, Uint32Array>();
	// Per entity, every paper mentioning it, in the same order: a year range picks among them.
	readonly mentionedBy = new Map<number, Uint32Array>();

	constructor(
		readonly version: string,
		nodes: SnapshotNodeRow[],
		relations: RelationColumns,
		mentions: MentionColumns = { paper: [], entity: [] },
		supports: SupportColumns = { year: [], keys: [] }
	) {
		const n = nodes.length;
		if (n > MAX_NODES) throw new SnapshotTooLargeError(`${n} nodes is more than ${MAX_NODES}`);
		this.ids = new Array<string>(n);
		this.labels = new Array<string>(n);
		this.types = new Uint8Array(n);
		this.years = new Int32Array(n);
		this.paperCounts = new Uint32Array(n);
		const byRef = new Map<number, number>();
		nodes.forEach((row, i) => {
			byRef.set(row.ref, i);
			this.index.set(row.id, i);
			this.ids[i] = row.id;
			this.labels[i] = row.label;
			this.types[i] = NODE_TYPES.indexOf(row.type);
			this.years[i] = row.year ?? NO_YEAR;
			this.paperCounts[i] = row.paperCount;
			if (row.aliases?.length) this.aliases.set(i, row.aliases);
		});
		// Two passes over the relations: count each node's outgoing and incoming ones, then place
		// them, outgoing first, so "relations among these nodes" reads outgoing ones only.
		const ends = new Int32Array(relations.length * 2).fill(-1);
		const outDegree = new Uint32Array(n);
		const inDegree = new Uint32Array(n);
		for (let k = 0; k < relations.length; k++) {
			const a = byRef.get(relations.from[k]!);
			const b = byRef.get(relations.to[k]!);
			// A relation to a node that is neither a paper nor an entity is not part of the graph.
			if (a === undefined || b === undefined) continue;
			ends[2 * k] = a;
			ends[2 * k + 1] = b;
			outDegree[a]!++;
			// A relation from a node to itself is one half-edge: Cypher's (n)-[r]-(m) meets it once.
			if (a !== b) inDegree[b]!++;
			this.relationCount++;
		}
		this.start = new Uint32Array(n + 1);
		this.outEnd = new Uint32Array(n);
		for (let i = 0; i < n; i++) {
			this.outEnd[i] = this.start[i]! + outDegree[i]!;
			this.start[i + 1] = this.outEnd[i]! + inDegree[i]!;
		}
		const halves = this.start[n]!;
		this.other = new Uint32Array(halves);
		this.relType = new Uint8Array(halves);
		this.outward = new Uint8Array(halves);
		this.support = new Uint32Array(halves);
		this.relation = new Uint32Array(halves);
		this.relationRef = Float64Array.from(relations.ref);
		this.curated = relations.curated;
		this.selfLoop = new Uint8Array(n);
		this.cueless = new Uint8Array(relations.length);
		for (const k of relations.cueless) this.cueless[k] = 1;
		const outFill = this.start.slice(0, n);
		const inFill = this.outEnd.slice();
		for (let k = 0; k < relations.length; k++) {
			const a = ends[2 * k]!;
			const b = ends[2 * k + 1]!;
			if (a < 0) continue;
			const t = relations.type[k]!;
			const ho = outFill[a]!++;
			this.other[ho] = b;
			this.relType[ho] = t;
			this.outward[ho] = 1;
			this.support[ho] = relations.support[k]!;
			this.relation[ho] = k;
			if (a === b) {
				this.selfLoop[a] = 1;
				continue;
			}
			const hi = inFill[b]!++;
			this.other[hi] = a;
			this.relType[hi] = t;
			this.support[hi] = relations.support[k]!;
			this.relation[hi] = k;
		}
		// Each node's place in id order, so ties are broken as Cypher's ORDER BY id breaks them,
		// with integer comparisons.
		const order = [...this.ids.keys()].sort((x, y) => compareStrings(this.ids[x]!, this.ids[y]!));
		this.idRank = new Uint32Array(n);
		order.forEach((node, rank) => (this.idRank[node] = rank));
		for (let i = 0; i < n; i++) {
			this.sortHalves(this.start[i]!, this.outEnd[i]!);
			this.sortHalves(this.outEnd[i]!, this.start[i + 1]!);
		}
		({ start: this.yearsStart, years: this.paperYears } = this.relationYears(
			relations.length,
			supports
		));
		const mentioning = new Map<number, number[]>();
		for (let k = 0; k < mentions.paper.length; k++) {
			const e = byRef.get(mentions.entity[k]!);
			const p = byRef.get(mentions.paper[k]!);
			if (e === undefined || p === undefined) continue;
			const list = mentioning.get(e);
			if (list) list.push(p);
			else mentioning.set(e, [p]);
		}
		// Cypher's `ORDER BY p.year DESC, p.title`: an unknown year sorts first, as null does.
		const year = (p: number) => (this.years[p] === NO_YEAR ? Infinity : this.years[p]!);
		for (const [e, papers] of mentioning) {
			papers.sort((x, y) => year(y) - year(x) || compareStrings(this.labels[x]!, this.labels[y]!));
			const all = Uint32Array.from(papers);
			this.mentionedBy.set(e, all);
			this.papersOf.set(e, all.subarray(0, PAPERS_PER_ENTITY));
		}
	}

	/**
	 * Orders half-edges as an entity's detail lists its relations: by type, then strongest
	 * first, entities before papers, then by id. A (type, direction) group is then one run, and
	 * its strongest relations its first ones.
	 */
	private sortHalves(from: number, to: number): void {
		const count = to - from;
		if (count < 2) return;
		// One number per half-edge: type (3 bits), support inverted (22), paper (1), id rank (23).
		const keys = new Float64Array(count);
		for (let k = 0; k < count; k++) {
			const h = from + k;
			const o = this.other[h]!;
			const weak = MAX_SUPPORT - Math.min(this.support[h]!, MAX_SUPPORT);
			const paper = this.types[o] === PAPER ? 1 : 0;
			keys[k] = ((this.relType[h]! * 2 ** 22 + weak) * 2 + paper) * 2 ** 23 + this.idRank[o]!;
		}
		const order = Uint32Array.from({ length: count }, (_, k) => k).sort(
			(x, y) => keys[x]! - keys[y]!
		);
		for (const column of [this.other, this.relType, this.outward, this.support, this.relation]) {
			const copy = column.slice(from, to);
			for (let pos = 0; pos < count; pos++) column[from + pos] = copy[order[pos]!]!;
		}
	}

	/** The supporting papers' years of each relation between entities, grouped by relation. */
	private relationYears(
		relations: number,
		supports: SupportColumns
	): { start: Uint32Array; years: Uint16Array } {
		const rel: number[] = [];
		const year: number[] = [];
		const count = new Uint32Array(relations + 1);
		supports.keys.forEach((keys, p) => {
			for (const key of keys) {
				const k = this.relationOf(key);
				if (k < 0) continue;
				rel.push(k);
				year.push(supports.year[p]!);
				count[k + 1]!++;
			}
		});
		for (let k = 0; k < relations; k++) count[k + 1]! += count[k]!;
		const fill = count.slice(0, relations);
		const years = new Uint16Array(rel.length);
		rel.forEach((k, j) => (years[fill[k]!++] = year[j]!));
		return { start: count, years };
	}

	/** The relation keyed `source|TYPE|target` (entity ids hold no '|'), or -1. */
	private relationOf(key: string): number {
		const [source, type, target] = key.split('|');
		const a = this.index.get(source!);
		const b = this.index.get(target!);
		const t = RELATION_TYPES.indexOf(type as RelationType);
		if (a === undefined || b === undefined || t < 0) return -1;
		for (let h = this.start[a]!; h < this.outEnd[a]!; h++)
			if (this.other[h] === b && this.relType[h] === t) return this.relation[h]!;
		return -1;
	}

	/**
	 * How many papers of a year in from … to (either may be null) state the relation of half-edge
	 * h of node i: for a paper's own relation the paper, else the papers listing it in `supports`.
	 */
	supportInYears(i: number, h: number, from: number | null, to: number | null): number {
		const inYears = (y: number) =>
			y !== NO_YEAR && (from === null || y >= from) && (to === null || y <= to);
		const source = this.outward[h] ? i : this.other[h]!;
		if (this.types[source] === PAPER) return inYears(this.years[source]!) ? 1 : 0;
		const k = this.relation[h]!;
		let n = 0;
		for (let j = this.yearsStart[k]!; j < this.yearsStart[k + 1]!; j++)
			if (inYears(this.paperYears[j]!)) n++;
		return n;
	}

	get nodeCount(): number {
		return this.ids.length;
	}

	year(i: number): number | null {
		const y = this.years[i]!;
		return y === NO_YEAR ? null : y;
	}

	type(i: number): NodeType {
		return NODE_TYPES[this.types[i]!]!;
	}

	degree(i: number): number {
		return this.start[i + 1]! - this.start[i]!;
	}

	/**
	 * The half-edges of type t among lo … hi - 1, one of a node's two runs (outgoing, incoming),
	 * which are sorted by type: [first, end).
	 */
	typeRun(lo: number, hi: number, t: number): [number, number] {
		const below = (x: number) => {
			let a = lo;
			let b = hi;
			while (a < b) {
				const mid = (a + b) >>> 1;
				if (this.relType[mid]! < x) a = mid + 1;
				else b = mid;
			}
			return a;
		};
		return [below(t), below(t + 1)];
	}

	/** The node as the API's GraphNode, exactly as graph/queries/shared.ts nodeView builds it. */
	node(i: number): GraphNode {
		const type = this.type(i);
		return {
			id: this.ids[i]!,
			kind: type === 'Paper' ? 'Paper' : 'Entity',
			type,
			label: this.labels[i]!,
			year: this.year(i),
			paperCount: this.paperCounts[i]!,
			degree: this.degree(i)
		};
	}
}
