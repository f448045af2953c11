// The map of the field: the most important communities as regions, sized by importance (or by
// their papers of a year range), laid out so that communities with many relations and
// co-mentions between them sit near each other, and never on top of one another. Pure: the
// analytics (view.ts) and the in-memory copy of the graph in, positions out; computed once per
// analytics version and size, the year range only changing the counts.
import { NODE_TYPES, type EntityType } from '../model.js';
import type { GraphSnapshot } from '../projection/snapshot.js';
import type { AnalyticsIndex, EntityRef } from './view.js';

const PAPER = NODE_TYPES.indexOf('Paper');

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

interface Layout {
	ks: number[]; // community numbers shown, most important first
	x: Float64Array;
	y: Float64Array;
	r: Float64Array;
	links: { a: number; b: number; weight: number }[];
	/** per shown community: papers per year (year → count), papers without a year */
	years: Map<number, number>[];
	noYear: number[];
	top: EntityRef[][];
	corpus: { first: number; last: number } | null;
}

const cache = new WeakMap<AnalyticsIndex, Map<string, Layout>>();

export function fieldMap(
	index: AnalyticsIndex,
	snap: GraphSnapshot,
	o: { limit: number; from?: number; to?: number }
): FieldMap {
	let byKey = cache.get(index);
	if (!byKey) cache.set(index, (byKey = new Map()));
	const key = `${snap.version}|${o.limit}`;
	let layout = byKey.get(key);
	if (!layout) {
		// Layouts of an older copy of the graph are not asked again; a few sizes are kept.
		for (const k of byKey.keys())
			if (!k.startsWith(`${snap.version}|`) || byKey.size > 4) byKey.delete(k);
		layout = computeLayout(index, snap, o.limit);
		byKey.set(key, layout);
	}
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
			top: layout.top[s]!,
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

function computeLayout(index: AnalyticsIndex, snap: GraphSnapshot, limit: number): Layout {
	// Communities are numbered by total importance already: the first ones big enough.
	const ks: number[] = [];
	for (let k = 0; k < index.communities.length && ks.length < limit; k++)
		if (index.communities[k]!.size >= MIN_SIZE) ks.push(k);
	const n = ks.length;
	// Each entity of the graph copy → its slot on the map (-1: none shown).
	const slotOf = new Int32Array(snap.nodeCount).fill(-1);
	const top: EntityRef[][] = [];
	const counted = (k: number) => index.members[k]!.slice(0, MEMBERS_COUNTED);
	ks.forEach((k, s) => {
		for (const m of counted(k)) {
			const i = snap.index.get(m.id);
			if (i !== undefined) slotOf[i] = s;
		}
		top.push(
			index.communities[k]!.top.map(({ id, name, type }) => ({
				id,
				name,
				type: type as EntityType
			}))
		);
	});

	// Links: relations between members of two shown communities (each counted from both ends,
	// which doubles all of them alike), and papers mentioning members of both.
	const pair = new Map<number, number>();
	const add = (a: number, b: number, w: number) => {
		if (a === b) return;
		const key = a < b ? a * n + b : b * n + a;
		pair.set(key, (pair.get(key) ?? 0) + w);
	};
	for (let i = 0; i < snap.nodeCount; i++) {
		const a = slotOf[i]!;
		if (a < 0) continue;
		for (let h = snap.start[i]!; h < snap.start[i + 1]!; h++) {
			const b = slotOf[snap.other[h]!]!;
			if (b >= 0 && b !== a) add(a, b, snap.support[h]! / 2);
		}
	}
	// Papers: each shown community's distinct papers by year, and the communities of each paper.
	const years: Map<number, number>[] = Array.from({ length: n }, () => new Map());
	const noYear = new Array<number>(n).fill(0);
	const seenBy = new Int32Array(snap.nodeCount).fill(-1);
	const paperSlots = new Map<number, number[]>();
	ks.forEach((k, s) => {
		for (const m of counted(k)) {
			const i = snap.index.get(m.id);
			if (i === undefined) continue;
			for (const p of snap.mentionedBy.get(i) ?? []) {
				if (seenBy[p] === s) continue;
				seenBy[p] = s;
				const y = snap.years[p]!;
				if (y > 0) years[s]!.set(y, (years[s]!.get(y) ?? 0) + 1);
				else noYear[s]!++;
				const list = paperSlots.get(p);
				if (list) list.push(s);
				else paperSlots.set(p, [s]);
			}
		}
	});
	for (const list of paperSlots.values()) {
		if (list.length < 2) continue;
		const w = 0.25 / (list.length - 1);
		for (let x = 0; x < list.length; x++)
			for (let y = x + 1; y < list.length; y++) add(list[x]!, list[y]!, w);
	}
	let first = Infinity;
	let last = -Infinity;
	for (let i = 0; i < snap.nodeCount; i++) {
		if (snap.types[i] !== PAPER) continue;
		const y = snap.years[i]!;
		if (y > 0) {
			first = Math.min(first, y);
			last = Math.max(last, y);
		}
	}

	const strongest = Math.max(1e-9, ...pair.values());
	const links = [...pair.entries()]
		.map(([key, w]) => ({ a: Math.floor(key / n), b: key % n, weight: w / strongest }))
		.sort((p, q) => q.weight - p.weight || p.a - q.a || p.b - q.b);
	const biggest = Math.max(1e-9, ...ks.map((k) => index.communities[k]!.importance));
	const r = Float64Array.from(ks, (k) =>
		Math.max(MIN_R, MAX_R * Math.sqrt(index.communities[k]!.importance / biggest))
	);
	const { x, y } = place(r, links);
	return {
		ks,
		x,
		y,
		r,
		links,
		years,
		noYear,
		top,
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
