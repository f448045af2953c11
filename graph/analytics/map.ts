// The map of the field: the most important communities as regions, sized by importance (or by
// their papers of a year range), laid out so that communities with many relations and
// co-mentions between them sit near each other, and never on top of one another. Pure: the
// analytics' input and result in, positions out. The explorer's map (MAP_REGIONS regions) is
// laid out by the analytics job itself, in its worker, so that the first request for a graph
// version answers at once; other sizes once per analytics version, when asked. The year range
// only changes the counts.
import type { EntityType } from '../model.js';
import type { AnalyticsInput, AnalyticsResult } from './compute.js';
import type { AnalyticsIndex, EntityRef } from './view.js';

/** The regions of the explorer's map: laid out with the analytics, in the background. */
export const MAP_REGIONS = 30;

export interface MapRegion {
	/** the community's id (that of the member its name starts with) */
	id: string;
	name: string;
	size: number;
	importance: number;
	/** its most important members, for the label and the tooltip */
	top: EntityRef[];
	/** distinct papers mentioning its MEMBERS_COUNTED most important members (of the year range, when one is given) */
	papers: number;
	/** of all years: the same count without a range */
	papersAll: number;
	/** model coordinates and radius (area ∝ importance); the client fits them to its canvas */
	x: number;
	y: number;
	r: number;
}

export interface MapLink {
	source: string;
	target: string;
	/** relations' support plus co-mentions between the two communities, the strongest 1 */
	weight: number;
}

export interface FieldMap {
	version: string;
	regions: MapRegion[];
	links: MapLink[];
	/** communities of at least MIN_SIZE members in all (the map shows the `limit` most important) */
	total: number;
	/** the corpus's first and last year with papers, null when no paper has a year */
	years: { first: number; last: number } | null;
	range: { from: number | null; to: number | null };
}

/** Communities smaller than this are not regions of the map. */
export const MIN_SIZE = 3;
/**
 * A region's links and papers are counted over its most important members, this many: the big
 * communities of a large graph have tens of thousands, whose long tail changes neither which
 * communities are linked nor how busy each is, and reading all of them took seconds.
 */
export const MEMBERS_COUNTED = 300;
const MIN_R = 14;
const MAX_R = 70;
/** Space kept between two regions, in model units. */
const GAP = 36;

/** A map's layout, as the analytics worker hands it over (plain arrays: cloned, not shared). */
export interface MapLayout {
	limit: number;
	/** community numbers shown, most important first */
	ks: number[];
	x: number[];
	y: number[];
	r: number[];
	links: { a: number; b: number; weight: number }[];
	/** per shown community: its papers per year as [year, count], and its papers without a year */
	years: [number, number][][];
	noYear: number[];
	/** the corpus's first and last year with papers */
	corpus: { first: number; last: number } | null;
}

export function fieldMap(
	index: AnalyticsIndex,
	o: { limit: number; from?: number; to?: number }
): FieldMap {
	const layout = index.mapLayout(o.limit);
	const ranged = o.from != null || o.to != null;
	const inRange = (y: number) => (o.from == null || y >= o.from) && (o.to == null || y <= o.to);
	const regions = layout.ks.map((k, s): MapRegion => {
		const c = index.communities[k]!;
		let all = layout.noYear[s]!;
		let inside = 0;
		for (const [y, n] of layout.years[s]!) {
			all += n;
			if (inRange(y)) inside += n;
		}
		return {
			id: c.id,
			name: c.name,
			size: c.size,
			importance: c.importance,
			top: c.top.map(({ id, name, type }) => ({ id, name, type: type as EntityType })),
			papers: ranged ? inside : all,
			papersAll: all,
			x: round1(layout.x[s]!),
			y: round1(layout.y[s]!),
			r: round1(layout.r[s]!)
		};
	});
	return {
		version: index.version,
		regions,
		links: layout.links.map((l) => ({
			source: regions[l.a]!.id,
			target: regions[l.b]!.id,
			weight: Number(l.weight.toPrecision(3))
		})),
		total: index.communities.filter((c) => c.size >= MIN_SIZE).length,
		years: layout.corpus,
		range: { from: o.from ?? null, to: o.to ?? null }
	};
}

const round1 = (v: number) => Math.round(v * 10) / 10;
/** As the index rounds importance (view.ts), so that radii follow the importance it serves. */
const round4 = (x: number) => Number(x.toPrecision(4));

/**
 * The map of the `limit` most important communities of MIN_SIZE or more, from the analytics'
 * input and result: sizes, links, papers per year and positions.
 */
export function layoutMap(
	input: AnalyticsInput,
	result: Pick<AnalyticsResult, 'community' | 'communityCount' | 'importance'>,
	limit: number
): MapLayout {
	const { community, communityCount, importance } = result;
	// Members per community, most important first (ties: the graph's id order, as view.ts).
	const members: number[][] = Array.from({ length: communityCount }, () => []);
	for (let e = 0; e < input.n; e++) if (community[e]! >= 0) members[community[e]!]!.push(e);
	// Communities are numbered by total importance already: the first ones big enough.
	const ks: number[] = [];
	for (let k = 0; k < communityCount && ks.length < limit; k++)
		if (members[k]!.length >= MIN_SIZE) ks.push(k);
	const n = ks.length;
	const tie = input.idRank;
	const slotOf = new Int32Array(input.n).fill(-1);
	const weight = ks.map((k, s) => {
		const m = members[k]!;
		m.sort((a, b) => importance[b]! - importance[a]! || (tie ? tie[a]! - tie[b]! : a - b));
		// Links and papers are counted over its most important members (see MEMBERS_COUNTED).
		for (const e of m.slice(0, MEMBERS_COUNTED)) slotOf[e] = s;
		return round4(m.reduce((sum, e) => sum + round4(importance[e]!), 0));
	});

	// Links: relations between members of two shown communities, and papers mentioning both.
	const pair = new Map<number, number>();
	const add = (a: number, b: number, w: number) => {
		if (a === b) return;
		const key = a < b ? a * n + b : b * n + a;
		pair.set(key, (pair.get(key) ?? 0) + w);
	};
	for (let h = 0; h < input.relFrom.length; h++) {
		const a = slotOf[input.relFrom[h]!]!;
		const b = slotOf[input.relTo[h]!]!;
		if (a >= 0 && b >= 0) add(a, b, input.relSupport[h]!);
	}
	// Papers: each shown community's distinct papers by year; a paper of several links them.
	const years: Map<number, number>[] = Array.from({ length: n }, () => new Map());
	const noYear = new Array<number>(n).fill(0);
	let first = Infinity;
	let last = -Infinity;
	const slots: number[] = [];
	for (let p = 0; p < input.papers; p++) {
		const year = input.paperYear[p]!;
		if (year > 0) {
			first = Math.min(first, year);
			last = Math.max(last, year);
		}
		slots.length = 0;
		for (let x = input.paperStart[p]!; x < input.paperStart[p + 1]!; x++) {
			const s = slotOf[input.paperEntities[x]!]!;
			if (s >= 0 && !slots.includes(s)) slots.push(s);
		}
		for (const s of slots) {
			if (year > 0) years[s]!.set(year, (years[s]!.get(year) ?? 0) + 1);
			else noYear[s]!++;
		}
		if (slots.length < 2) continue;
		slots.sort((a, b) => a - b);
		const w = 0.25 / (slots.length - 1);
		for (let x = 0; x < slots.length; x++)
			for (let y = x + 1; y < slots.length; y++) add(slots[x]!, slots[y]!, w);
	}

	const strongest = Math.max(1e-9, ...pair.values());
	const links = [...pair.entries()]
		.map(([key, w]) => ({ a: Math.floor(key / n), b: key % n, weight: w / strongest }))
		.sort((p, q) => q.weight - p.weight || p.a - q.a || p.b - q.b);
	const biggest = Math.max(1e-9, ...weight);
	const r = Float64Array.from(weight, (w) => Math.max(MIN_R, MAX_R * Math.sqrt(w / biggest)));
	const { x, y } = place(r, links);
	return {
		limit,
		ks,
		x: [...x],
		y: [...y],
		r: [...r],
		links,
		years: years.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0])),
		noYear,
		corpus: Number.isFinite(first) ? { first, last } : null
	};
}

/**
 * A small force layout: linked regions pull together in proportion to their link's weight, all
 * push apart, a weak pull keeps them round the centre; then overlaps are resolved outright, so
 * that no two regions (with GAP between them) overlap. Deterministic: a spiral start, most
 * important in the middle.
 */
export function place(
	r: Float64Array,
	links: { a: number; b: number; weight: number }[]
): { x: Float64Array; y: Float64Array } {
	const n = r.length;
	const x = new Float64Array(n);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const d = 40 * Math.sqrt(i);
		x[i] = d * Math.cos(i * 2.39996);
		y[i] = d * Math.sin(i * 2.39996);
	}
	const fx = new Float64Array(n);
	const fy = new Float64Array(n);
	const ITER = 300;
	for (let it = 0; it < ITER; it++) {
		const cool = 1 - it / ITER;
		fx.fill(0);
		fy.fill(0);
		for (let i = 0; i < n; i++)
			for (let j = i + 1; j < n; j++) {
				const dx = x[j]! - x[i]!;
				const dy = y[j]! - y[i]!;
				const d2 = Math.max(1, dx * dx + dy * dy);
				const d = Math.sqrt(d2);
				const reach = r[i]! + r[j]! + GAP;
				// Repulsion, stronger once they touch.
				const push = (reach * reach) / d2 + (d < reach ? (reach - d) / d : 0);
				fx[i]! -= (dx / d) * push;
				fy[i]! -= (dy / d) * push;
				fx[j]! += (dx / d) * push;
				fy[j]! += (dy / d) * push;
			}
		for (const { a, b, weight } of links) {
			const dx = x[b]! - x[a]!;
			const dy = y[b]! - y[a]!;
			const d = Math.max(1, Math.hypot(dx, dy));
			const rest = r[a]! + r[b]! + GAP;
			const pull = (0.08 + 0.6 * weight) * Math.max(0, d - rest) * 0.05;
			fx[a]! += (dx / d) * pull;
			fy[a]! += (dy / d) * pull;
			fx[b]! -= (dx / d) * pull;
			fy[b]! -= (dy / d) * pull;
		}
		for (let i = 0; i < n; i++) {
			fx[i]! -= x[i]! * 0.004;
			fy[i]! -= y[i]! * 0.004;
			const f = Math.hypot(fx[i]!, fy[i]!);
			const step = Math.min(f, 12 * cool + 0.5);
			if (f > 0) {
				x[i]! += (fx[i]! / f) * step;
				y[i]! += (fy[i]! / f) * step;
			}
		}
	}
	// No overlaps, whatever the forces left.
	for (let pass = 0; pass < 200; pass++) {
		let moved = false;
		for (let i = 0; i < n; i++)
			for (let j = i + 1; j < n; j++) {
				let dx = x[j]! - x[i]!;
				let dy = y[j]! - y[i]!;
				let d = Math.hypot(dx, dy);
				const reach = r[i]! + r[j]! + GAP;
				if (d >= reach) continue;
				if (d < 1e-6) {
					dx = 1;
					dy = 0;
					d = 1;
				}
				const over = (reach - d) / 2 + 0.01;
				x[i]! -= (dx / d) * over;
				y[i]! -= (dy / d) * over;
				x[j]! += (dx / d) * over;
				y[j]! += (dy / d) * over;
				moved = true;
			}
		if (!moved) break;
	}
	return { x, y };
}
