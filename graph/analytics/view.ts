// What the API serves of the analytics: communities by id with names and members, each
// entity's importance and community, the rising list (an AnalyticsIndex, kept by entity id so
// that it answers while a newer copy of the graph is analysed), and, straight from the current
// copy of the graph, an entity's papers per year and its related entities.
import { NODE_TYPES, type EntityType } from '../model.js';
import { NotFoundError } from '../queries/errors.js';
import type { GraphSnapshot } from '../projection/snapshot.js';
import type { AnalyticsInput, AnalyticsResult } from './compute.js';
import { layoutMap, type MapLayout } from './map.js';

const PAPER = NODE_TYPES.indexOf('Paper');

/** Analytics are unavailable (off, or not computed yet): the API answers 503 with the reason. */
export class AnalyticsNotReadyError extends Error {}

export interface EntityRef {
	id: string;
	name: string;
	type: EntityType;
}

export interface RankedEntity extends EntityRef {
	/** PageRank discounting generic entities, relative to the graph's most important (1) */
	importance: number;
	/** 1 = the most important entity of the graph */
	rank: number;
	paperCount: number;
}

export interface CommunitySummary {
	/** the id of the first member its name gives: stable while that one leads it */
	id: string;
	/** three of its six most important members, methods (models, techniques) first: "Stable Diffusion · SDXL · ControlNet" */
	name: string;
	size: number;
	/** the sum of its members' importance */
	importance: number;
	top: RankedEntity[];
}

export interface CommunityDetail extends CommunitySummary {
	members: RankedEntity[];
	total: number;
	truncated: boolean;
}

export interface EntityAnalytics {
	importance: number;
	rank: number;
	community: { id: string; name: string; size: number } | null;
}

export interface RisingEntity extends EntityRef {
	recentPapers: number;
	pastPapers: number;
	recentShare: number;
	pastShare: number;
	growth: number;
}

export interface RisingList {
	recent: { from: number; to: number } | null;
	note?: string;
	entities: RisingEntity[];
	version: string;
}

export interface YearsView {
	id: string;
	name: string;
	/** every year of the corpus from its first to its last, with the corpus's papers that year */
	years: { year: number; papers: number; total: number; share: number }[];
	/** papers mentioning the entity */
	papers: number;
	/** of those, papers whose year is unknown */
	papersWithoutYear: number;
}

export interface RelatedEntity extends EntityRef {
	/** Adamic–Adar: the shared neighbours, each weighing 1 / ln(1 + its neighbours) */
	score: number;
	shared: EntityRef[];
	sharedCount: number;
	/** a relation links the two directly */
	linked: boolean;
}

const TOP_MEMBERS = 5;
/** A community's name is chosen among its this many most important members. */
const NAME_POOL = 6;

export class AnalyticsIndex {
	readonly byId = new Map<string, { community: number; importance: number; rank: number }>();
	readonly communities: CommunitySummary[] = [];
	/** each community's members, most important first */
	readonly members: RankedEntity[][] = [];
	readonly rising: RisingList;
	readonly computedAt = new Date().toISOString();
	/** Map layouts by size: the explorer's from the analytics job, others once asked. */
	private readonly layouts = new Map<number, MapLayout>();

	constructor(
		readonly version: string,
		snap: GraphSnapshot,
		entities: Uint32Array,
		private readonly result: AnalyticsResult,
		/** the analytics' input, kept for maps of other sizes (none: only the job's map) */
		private readonly input?: AnalyticsInput
	) {
		if (result.map) this.layouts.set(result.map.limit, result.map);
		const n = entities.length;
		const order = Array.from({ length: n }, (_, k) => k).sort(
			(a, b) =>
				result.importance[b]! - result.importance[a]! ||
				snap.idRank[entities[a]!]! - snap.idRank[entities[b]!]!
		);
		const rankOf = new Uint32Array(n);
		order.forEach((k, r) => (rankOf[k] = r + 1));
		const ref = (k: number): EntityRef => {
			const i = entities[k]!;
			return { id: snap.ids[i]!, name: snap.labels[i]!, type: snap.type(i) as EntityType };
		};
		const ranked = (k: number): RankedEntity => ({
			...ref(k),
			importance: round(result.importance[k]!),
			rank: rankOf[k]!,
			paperCount: snap.paperCounts[entities[k]!]!
		});
		for (let c = 0; c < result.communityCount; c++) this.members.push([]);
		for (const k of order) {
			const c = result.community[k]!;
			this.byId.set(snap.ids[entities[k]!]!, {
				community: c,
				importance: round(result.importance[k]!),
				rank: rankOf[k]!
			});
			if (c >= 0) this.members[c]!.push(ranked(k));
		}
		for (const members of this.members) {
			const top = members.slice(0, TOP_MEMBERS);
			// Named by its most important members, methods first (tasks and metrics are shared by
			// many families); an obscure method does not push out an important task.
			const leading = members.slice(0, NAME_POOL);
			const named = [
				...leading.filter((m) => isMethod(m.type)),
				...leading.filter((m) => !isMethod(m.type))
			].slice(0, 3);
			this.communities.push({
				id: named[0]!.id,
				name: named.map((m) => m.name).join(' · '),
				size: members.length,
				importance: round(members.reduce((s, m) => s + m.importance, 0)),
				top
			});
		}
		const { rows, recentFrom, recentTo, note } = result.rising;
		this.rising = {
			recent: recentFrom === null || recentTo === null ? null : { from: recentFrom, to: recentTo },
			...(note ? { note } : {}),
			version,
			entities: rows.map((r) => ({
				...ref(r.entity),
				recentPapers: r.recentPapers,
				pastPapers: r.pastPapers,
				recentShare: round(r.recentShare),
				pastShare: round(r.pastShare),
				growth: Math.round(r.growth * 100) / 100
			}))
		};
	}

	private communityIndex = new Map<string, number>();

	community(id: string, limit: number, offset = 0): CommunityDetail {
		if (this.communityIndex.size === 0)
			this.communities.forEach((c, k) => this.communityIndex.set(c.id, k));
		const k = this.communityIndex.get(id);
		if (k === undefined) throw new NotFoundError('community', id);
		const all = this.members[k]!;
		const members = all.slice(offset, offset + limit);
		return {
			...this.communities[k]!,
			members,
			total: all.length,
			truncated: offset + members.length < all.length
		};
	}

	list(minSize: number, limit: number): { communities: CommunitySummary[]; total: number } {
		const big = this.communities.filter((c) => c.size >= minSize);
		return { communities: big.slice(0, limit), total: big.length };
	}

	/** The map of the `limit` most important communities, laid out once per size. */
	mapLayout(limit: number): MapLayout {
		let layout = this.layouts.get(limit);
		if (!layout) {
			if (!this.input) throw new AnalyticsNotReadyError(`No map of ${limit} regions was laid out.`);
			// A few sizes are kept besides the explorer's.
			if (this.layouts.size > 4)
				for (const k of this.layouts.keys())
					if (k !== this.result.map?.limit) this.layouts.delete(k);
			layout = layoutMap(this.input, this.result, limit);
			this.layouts.set(limit, layout);
		}
		return layout;
	}

	entity(id: string): EntityAnalytics | null {
		const e = this.byId.get(id);
		if (!e) return null;
		const c = e.community >= 0 ? this.communities[e.community]! : null;
		return {
			importance: e.importance,
			rank: e.rank,
			community: c ? { id: c.id, name: c.name, size: c.size } : null
		};
	}
}

function round(x: number): number {
	return Number(x.toPrecision(4));
}

function entityIndex(snap: GraphSnapshot, id: string): number {
	const i = snap.index.get(id);
	if (i === undefined || snap.types[i] === PAPER) throw new NotFoundError('entity', id);
	return i;
}

const corpusYears = new WeakMap<GraphSnapshot, Map<number, number>>();

/** Papers per year of the whole corpus, once per copy of the graph. */
function yearTotals(snap: GraphSnapshot): Map<number, number> {
	let totals = corpusYears.get(snap);
	if (!totals) {
		totals = new Map();
		for (let i = 0; i < snap.nodeCount; i++) {
			const y = snap.years[i]!;
			if (snap.types[i] === PAPER && y > 0) totals.set(y, (totals.get(y) ?? 0) + 1);
		}
		corpusYears.set(snap, totals);
	}
	return totals;
}

/**
 * An entity's papers per year as a share of the corpus's papers that year, for every year from
 * the corpus's first to its last (years with no paper at all are left out).
 */
export function entityYears(snap: GraphSnapshot, id: string): YearsView {
	const i = entityIndex(snap, id);
	const totals = yearTotals(snap);
	const counts = new Map<number, number>();
	let withoutYear = 0;
	const papers = snap.mentionedBy.get(i) ?? new Uint32Array(0);
	for (const p of papers) {
		const y = snap.years[p]!;
		if (y > 0) counts.set(y, (counts.get(y) ?? 0) + 1);
		else withoutYear++;
	}
	return yearsView(snap.ids[i]!, snap.labels[i]!, totals, counts, papers.length, withoutYear);
}

export function yearsView(
	id: string,
	name: string,
	totals: Map<number, number>,
	counts: Map<number, number>,
	papers: number,
	papersWithoutYear: number
): YearsView {
	const years = [...totals.keys()]
		.sort((a, b) => a - b)
		.map((year) => {
			const total = totals.get(year)!;
			const n = counts.get(year) ?? 0;
			return { year, papers: n, total, share: round(n / total) };
		});
	return { id, name, years, papers, papersWithoutYear };
}

const isMethod = (type: string) => type === 'Model' || type === 'Technique';

/** Methods are compared with methods; datasets, metrics and tasks each with their own kind. */
function family(type: string): string {
	return isMethod(type) ? 'method' : type;
}

// A hub's neighbours are read up to this many relations: its weight as a shared neighbour is
// tiny (1 / ln of its neighbours) and reading all of a hub's would cost every question.
const HUB_READ_CAP = 20_000;

/** The distinct entities linked to node i by a relation, in either direction. */
function entityNeighbours(snap: GraphSnapshot, i: number, cap = Infinity): Set<number> {
	const out = new Set<number>();
	const end = Math.min(snap.start[i + 1]!, snap.start[i]! + cap);
	for (let h = snap.start[i]!; h < end; h++) {
		const o = snap.other[h]!;
		if (o !== i && snap.types[o] !== PAPER) out.add(o);
	}
	return out;
}

/**
 * The entities sharing most neighbours with an entity (Adamic–Adar: a shared neighbour counts
 * 1 / ln(1 + its own neighbours), so sharing a generic hub counts little), of the same kind
 * (methods with methods), with the shared neighbours that weigh most as the why. Among equals,
 * the entity more papers mention comes first.
 */
export function relatedEntities(snap: GraphSnapshot, id: string, limit: number): RelatedEntity[] {
	const i = entityIndex(snap, id);
	const mine = entityNeighbours(snap, i);
	const kind = family(snap.type(i));
	const score = new Map<number, number>();
	const via = new Map<number, { z: number; w: number }[]>();
	for (const z of mine) {
		const theirs = entityNeighbours(snap, z, HUB_READ_CAP);
		const w = 1 / Math.log(1 + theirs.size);
		for (const x of theirs) {
			if (x === i || family(snap.type(x)) !== kind) continue;
			score.set(x, (score.get(x) ?? 0) + w);
			const list = via.get(x);
			if (list) list.push({ z, w });
			else via.set(x, [{ z, w }]);
		}
	}
	const ref = (k: number): EntityRef => ({
		id: snap.ids[k]!,
		name: snap.labels[k]!,
		type: snap.type(k) as EntityType
	});
	return [...score.entries()]
		.sort(
			(a, b) =>
				b[1] - a[1] ||
				snap.paperCounts[b[0]]! - snap.paperCounts[a[0]]! ||
				snap.idRank[a[0]]! - snap.idRank[b[0]]!
		)
		.slice(0, limit)
		.map(([x, s]) => {
			const shared = via.get(x)!.sort((a, b) => b.w - a.w || snap.idRank[a.z]! - snap.idRank[b.z]!);
			return {
				...ref(x),
				score: round(s),
				shared: shared.slice(0, 5).map((v) => ref(v.z)),
				sharedCount: shared.length,
				linked: mine.has(x)
			};
		});
}
