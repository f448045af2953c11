// Graph analytics over the in-memory copy of the graph (graph/projection): communities
// (Louvain, graphology), importance (PageRank that discounts generic hubs) and which entities
// are rising. Pure: numbers in, numbers out, so it runs in a worker thread (worker.ts) while
// the server answers, and in unit tests on small known graphs.
//
// The entity graph: papers are left out as nodes. Two entities are linked by the relations
// papers state between them (support = how many papers) and, more weakly, by being mentioned
// in the same paper (each paper of k entities adds 1/(k-1) to each of its pairs, so a paper
// listing thirty names links each pair far less than one naming two). A generic entity, one a
// large share of the papers mention ("large language model", "image generation"), says little
// about what it is linked to: every weight into it is scaled by its specificity, an inverse
// document frequency that leaves entities of up to 2 % of the papers alone (specificity()),
// and its PageRank is scaled by it again. The explorer's map of the communities is laid out
// here too (map.ts), so that its first request for a graph version costs nothing.
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { RELATION_TYPES } from '../model.js';
import { prng } from '../prng.js';
import { layoutMap, MAP_REGIONS, type MapLayout } from './map.js';

/** The graph as the analytics read it: entities 0 … n-1 (papers only as lists of mentions). */
export interface AnalyticsInput {
	/** entities */
	n: number;
	/** papers mentioning each entity (its document frequency) */
	df: Uint32Array;
	/** papers in the corpus */
	papers: number;
	/** relations between entities: from[k] -TYPE-> to[k], stated by support[k] papers */
	relFrom: Uint32Array;
	relTo: Uint32Array;
	relType: Uint8Array; // into RELATION_TYPES
	relSupport: Uint32Array;
	/** each paper's year (0 when unknown) and the entities it mentions: paperStart[p] … paperStart[p+1]-1 */
	paperYear: Uint16Array;
	paperStart: Uint32Array;
	paperEntities: Uint32Array;
	/** each entity's place in the graph's id order: ties of importance are broken by it */
	idRank?: Uint32Array;
}

export interface AnalyticsOptions {
	/** weight of a co-mention pair from a paper of two entities, against 1 for a stated relation */
	coMention?: number;
	/** papers naming more entities than this link none of them by co-mention */
	maxMentionsPerPaper?: number;
	/** Louvain's resolution: higher, smaller communities */
	resolution?: number;
	/** the most recent years compared against the rest for "rising" */
	recentYears?: number;
	/** an entity rises only with at least this many papers in the recent years */
	minRecentPapers?: number;
	seed?: number;
	/** the regions of the map laid out with the analytics (map.ts); 0: none */
	mapRegions?: number;
}

export interface RisingRow {
	entity: number;
	recentPapers: number;
	pastPapers: number;
	recentShare: number;
	pastShare: number;
	/** log2 of the recent share over the past one (the past smoothed by one paper) */
	growth: number;
}

export interface AnalyticsResult {
	/** each entity's community (-1: linked to nothing), numbered 0 … by total importance */
	community: Int32Array;
	communityCount: number;
	/** PageRank × specificity, the largest 1 */
	importance: Float64Array;
	specificity: Float64Array;
	modularity: number;
	/** the corpus's papers per year: years[k] had yearTotals[k] papers */
	years: number[];
	yearTotals: number[];
	rising: { rows: RisingRow[]; recentFrom: number | null; recentTo: number | null; note?: string };
	/** the explorer's map, laid out here so that its first request needs no work */
	map: MapLayout | null;
	ms: { graph: number; louvain: number; pagerank: number; rising: number; map: number };
}

export type Progress = (stage: string, fraction: number) => void;

const DIRECTED_BOTH = new Set(['COMPARED_WITH']);

/** Entities mentioned by at most this share of the papers are not discounted. */
export const GENERIC_SHARE = 0.02;

/**
 * 1 for an entity of at most GENERIC_SHARE of the papers, then falling as an inverse document
 * frequency does: ln(1/share) / ln(1/GENERIC_SHARE), so 0.6 at a tenth of the papers, 0.3 at a
 * third and 0.06 at 80 %.
 */
export function specificity(df: number, papers: number): number {
	if (papers <= 0) return 1;
	const share = df / papers;
	if (share <= GENERIC_SHARE) return 1;
	return Math.max(0.02, Math.log(1 / share) / Math.log(1 / GENERIC_SHARE));
}

/**
 * The weighted links among entities: each pair once, `forEach(a, b, undirected, ab, ba)` with
 * the undirected weight and the weight of each direction for PageRank (credit flows to what is
 * built on, used, evaluated on; both ways for comparisons and co-mentions).
 */
class PairWeights {
	private readonly index = new Map<number, number>();
	readonly a: number[] = [];
	readonly b: number[] = [];
	readonly ab: number[] = [];
	readonly ba: number[] = [];

	constructor(private readonly n: number) {}

	add(x: number, y: number, toY: number, toX: number): void {
		if (x === y) return;
		const [a, b, wab, wba] = x < y ? [x, y, toY, toX] : [y, x, toX, toY];
		const key = a * this.n + b;
		let k = this.index.get(key);
		if (k === undefined) {
			k = this.a.length;
			this.index.set(key, k);
			this.a.push(a);
			this.b.push(b);
			this.ab.push(0);
			this.ba.push(0);
		}
		this.ab[k]! += wab;
		this.ba[k]! += wba;
	}

	get length(): number {
		return this.a.length;
	}
}

export function computeAnalytics(
	input: AnalyticsInput,
	options: AnalyticsOptions = {},
	progress: Progress = () => {}
): AnalyticsResult {
	const {
		coMention = 0.25,
		maxMentionsPerPaper = 40,
		resolution = 1,
		recentYears = 1,
		minRecentPapers = 3,
		seed = 17,
		mapRegions = MAP_REGIONS
	} = options;
	const { n } = input;
	const t0 = performance.now();
	progress('graph', 0);
	const spec = new Float64Array(n);
	for (let i = 0; i < n; i++) spec[i] = specificity(input.df[i]!, input.papers);

	// Stated relations: credit to the target, scaled by how specific it is.
	const pairs = new PairWeights(n);
	for (let k = 0; k < input.relFrom.length; k++) {
		const a = input.relFrom[k]!;
		const b = input.relTo[k]!;
		const w = input.relSupport[k]!;
		const both = DIRECTED_BOTH.has(RELATION_TYPES[input.relType[k]!]!);
		pairs.add(a, b, w * spec[b]!, both ? w * spec[a]! : 0);
	}
	// Co-mentions, both ways.
	const papers = input.paperStart.length - 1;
	for (let p = 0; p < papers; p++) {
		const s = input.paperStart[p]!;
		const e = input.paperStart[p + 1]!;
		const k = e - s;
		if (k < 2 || k > maxMentionsPerPaper) continue;
		const w = coMention / (k - 1);
		for (let x = s; x < e; x++)
			for (let y = x + 1; y < e; y++) {
				const a = input.paperEntities[x]!;
				const b = input.paperEntities[y]!;
				pairs.add(a, b, w * spec[b]!, w * spec[a]!);
			}
		if (p % 20000 === 0) progress('graph', (0.5 * p) / papers);
	}
	const tGraph = performance.now();

	// Communities: Louvain over the undirected weights (a pair's two directions summed, each
	// end's specificity counted once more so hub links glue communities less).
	progress('communities', 0);
	const graph = new UndirectedGraph({ allowSelfLoops: false });
	const linked = new Uint8Array(n);
	for (let k = 0; k < pairs.length; k++) {
		linked[pairs.a[k]!] = 1;
		linked[pairs.b[k]!] = 1;
	}
	for (let i = 0; i < n; i++) if (linked[i]) graph.addNode(i);
	for (let k = 0; k < pairs.length; k++) {
		const a = pairs.a[k]!;
		const b = pairs.b[k]!;
		const w = (pairs.ab[k]! + pairs.ba[k]!) * Math.sqrt(spec[a]! * spec[b]!);
		if (w > 0) graph.addUndirectedEdge(a, b, { weight: w });
	}
	let raw: Record<string, number> = {};
	let modularity = 0;
	if (graph.size > 0) {
		const detailed = louvain.detailed(graph, {
			getEdgeWeight: 'weight',
			resolution,
			rng: prng(seed) // seeded: the same graph gives the same communities
		});
		raw = detailed.communities;
		modularity = detailed.modularity;
	}
	const tLouvain = performance.now();

	// Importance: weighted PageRank over the directed weights, then × specificity.
	progress('importance', 0);
	const pr = pagerank(n, pairs, (i, k) => progress('importance', k / i));
	const importance = new Float64Array(n);
	let top = 0;
	for (let i = 0; i < n; i++) {
		importance[i] = pr[i]! * spec[i]!;
		top = Math.max(top, importance[i]!);
	}
	if (top > 0) for (let i = 0; i < n; i++) importance[i]! /= top;
	const tPagerank = performance.now();

	// Communities numbered by their total importance, largest first.
	const community = new Int32Array(n).fill(-1);
	const total = new Map<number, number>();
	for (const [node, c] of Object.entries(raw)) {
		const i = Number(node);
		total.set(c, (total.get(c) ?? 0) + importance[i]!);
	}
	const order = [...total.keys()].sort((x, y) => total.get(y)! - total.get(x)! || x - y);
	const renumber = new Map(order.map((c, k) => [c, k]));
	for (const [node, c] of Object.entries(raw)) community[Number(node)] = renumber.get(c)!;

	progress('rising', 0);
	const { years, yearTotals, rising } = risingEntities(input, recentYears, minRecentPapers);
	const tRising = performance.now();
	progress('map', 0);
	const map =
		mapRegions > 0
			? layoutMap(input, { community, communityCount: order.length, importance }, mapRegions)
			: null;
	const tMap = performance.now();
	progress('done', 1);
	return {
		community,
		communityCount: order.length,
		importance,
		specificity: spec,
		modularity,
		years,
		yearTotals,
		rising,
		map,
		ms: {
			graph: tGraph - t0,
			louvain: tLouvain - tGraph,
			pagerank: tPagerank - tLouvain,
			rising: tRising - tPagerank,
			map: tMap - tRising
		}
	};
}

/** Weighted PageRank (damping 0.85); a node with no outgoing weight spreads its rank evenly. */
function pagerank(
	n: number,
	pairs: PairWeights,
	progress: (iterations: number, k: number) => void
): Float64Array {
	// Out-weights as compressed rows: node → (target, weight).
	const outSum = new Float64Array(n);
	const count = new Uint32Array(n + 1);
	for (let k = 0; k < pairs.length; k++) {
		if (pairs.ab[k]! > 0) count[pairs.a[k]! + 1]!++;
		if (pairs.ba[k]! > 0) count[pairs.b[k]! + 1]!++;
	}
	for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
	const fill = count.slice(0, n);
	const target = new Uint32Array(count[n]!);
	const weight = new Float64Array(count[n]!);
	for (let k = 0; k < pairs.length; k++) {
		const a = pairs.a[k]!;
		const b = pairs.b[k]!;
		if (pairs.ab[k]! > 0) {
			const j = fill[a]!++;
			target[j] = b;
			weight[j] = pairs.ab[k]!;
			outSum[a]! += pairs.ab[k]!;
		}
		if (pairs.ba[k]! > 0) {
			const j = fill[b]!++;
			target[j] = a;
			weight[j] = pairs.ba[k]!;
			outSum[b]! += pairs.ba[k]!;
		}
	}
	const d = 0.85;
	const iterations = 60;
	let rank = new Float64Array(n).fill(1 / Math.max(1, n));
	let next = new Float64Array(n);
	for (let it = 0; it < iterations; it++) {
		let dangling = 0;
		for (let i = 0; i < n; i++) if (outSum[i] === 0) dangling += rank[i]!;
		next.fill((1 - d) / n + (d * dangling) / n);
		for (let i = 0; i < n; i++) {
			const s = outSum[i]!;
			if (s === 0) continue;
			const share = (d * rank[i]!) / s;
			for (let j = count[i]!; j < count[i + 1]!; j++) next[target[j]!]! += share * weight[j]!;
		}
		let delta = 0;
		for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - rank[i]!);
		[rank, next] = [next, rank];
		if (it % 10 === 0) progress(iterations, it);
		if (delta < 1e-10) break;
	}
	return rank;
}

/**
 * Each entity's share of the recent years' papers against its share of the years before: the
 * corpus is uneven (a real one had 903 papers of 2024 and 17,010 of 2025), so counts alone
 * would call everything rising.
 */
function risingEntities(
	input: AnalyticsInput,
	recentYears: number,
	minRecentPapers: number
): Pick<AnalyticsResult, 'years' | 'yearTotals' | 'rising'> {
	const perYear = new Map<number, number>();
	for (let p = 0; p < input.paperYear.length; p++) {
		const y = input.paperYear[p]!;
		if (y) perYear.set(y, (perYear.get(y) ?? 0) + 1);
	}
	const years = [...perYear.keys()].sort((a, b) => a - b);
	const yearTotals = years.map((y) => perYear.get(y)!);
	if (years.length === 0)
		return {
			years,
			yearTotals,
			rising: { rows: [], recentFrom: null, recentTo: null, note: 'No paper has a known year.' }
		};
	const recentTo = years[years.length - 1]!;
	const recentFrom = recentTo - recentYears + 1;
	let recentTotal = 0;
	let pastTotal = 0;
	years.forEach((y, k) =>
		y >= recentFrom ? (recentTotal += yearTotals[k]!) : (pastTotal += yearTotals[k]!)
	);
	if (pastTotal === 0)
		return {
			years,
			yearTotals,
			rising: {
				rows: [],
				recentFrom,
				recentTo,
				note: `Every paper with a known year is from ${recentFrom === recentTo ? recentTo : `${recentFrom}–${recentTo}`}: there is no past to compare with.`
			}
		};
	const recent = new Uint32Array(input.n);
	const past = new Uint32Array(input.n);
	for (let p = 0; p < input.paperYear.length; p++) {
		const y = input.paperYear[p]!;
		if (!y) continue;
		const into = y >= recentFrom ? recent : past;
		for (let j = input.paperStart[p]!; j < input.paperStart[p + 1]!; j++)
			into[input.paperEntities[j]!]!++;
	}
	const rows: RisingRow[] = [];
	for (let i = 0; i < input.n; i++) {
		if (recent[i]! < minRecentPapers) continue;
		const recentShare = recent[i]! / recentTotal;
		const pastShare = past[i]! / pastTotal;
		// The past smoothed by one paper: an entity new this year is not infinitely rising.
		const growth = Math.log2(recentShare / ((past[i]! + 1) / (pastTotal + 1)));
		if (growth <= 0) continue;
		rows.push({
			entity: i,
			recentPapers: recent[i]!,
			pastPapers: past[i]!,
			recentShare,
			pastShare,
			growth
		});
	}
	rows.sort(
		(x, y) => y.growth - x.growth || y.recentPapers - x.recentPapers || x.entity - y.entity
	);
	return { years, yearTotals, rising: { rows: rows.slice(0, 500), recentFrom, recentTo } };
}
