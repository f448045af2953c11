// How paths are ranked, the same whether the in-memory copy (graph/projection/paths.ts) or Neo4j
// (graph/queries/paths.ts) found them. A path costs one per hop, plus, for each node it passes
// through, how generic that node is: an entity that a large share of the papers mention ("large
// language model") says little about how its two neighbours are connected, a specific method
// says much. Among paths of equal cost: fewer mere comparisons, then the stronger weakest hop
// (support: how many papers state it), then the stronger in all, then by ids.
import type { RelationType } from '../model.js';

/** At most this share of the papers mention a specific entity: passing through it costs nothing extra. */
export const SPECIFIC_SHARE = 0.002;
/** A generic hub: mentioned by at least this share of the papers … */
export const HUB_SHARE = 0.01;
/** … and by at least this many (in a small graph every entity is a large share of it). */
export const HUB_MIN_PAPERS = 20;
/** Below this many papers an entity is never penalised, whatever its share. */
export const PENALTY_MIN_PAPERS = 10;
/**
 * Passing through a paper costs half a hop: "A ←uses— a paper —uses→ B" says only that one
 * paper names both, "A ←builds on— DropLoRA —builds on→ B" what one method does with each, so
 * between equally short paths the one through an entity comes first.
 */
export const PAPER_PENALTY_HALVES = 1;

/**
 * What passing through a node costs beyond its hop, in halves (integers, so that paths of the
 * same specificity tie and their support decides): half a hop for a paper, 0 for a specific entity, else
 * log2 of its share of the papers over SPECIFIC_SHARE. On the 32,945 real papers "large language
 * model" (≈ 8 %) costs 5.5 hops' worth, a method a hundred papers mention 1.
 */
export function penaltyHalves(isPaper: boolean, paperCount: number, papers: number): number {
	if (isPaper) return PAPER_PENALTY_HALVES;
	if (paperCount < PENALTY_MIN_PAPERS || papers <= 0) return 0;
	const share = paperCount / papers;
	if (share <= SPECIFIC_SHARE) return 0;
	return Math.round(2 * Math.log2(share / SPECIFIC_SHARE));
}

export function isHub(isPaper: boolean, paperCount: number, papers: number): boolean {
	return !isPaper && paperCount >= HUB_MIN_PAPERS && paperCount >= HUB_SHARE * papers;
}

export interface RankedPath {
	ids: string[];
	rels: { type: RelationType; support: number }[];
	/** hops plus the penalties of the nodes passed through */
	cost: number;
}

/** The same for a path read either way, so A → B and B → A choose the same paths. */
export function tieKey(ids: string[]): string {
	const [there, back] = [ids.join('>'), [...ids].reverse().join('>')];
	return there < back ? there : back;
}

const weak = (p: RankedPath) => p.rels.filter((r) => r.type === 'COMPARED_WITH').length;
const weakest = (p: RankedPath) => Math.min(...p.rels.map((r) => r.support));
const total = (p: RankedPath) => p.rels.reduce((n, r) => n + r.support, 0);

export function comparePaths(a: RankedPath, b: RankedPath): number {
	return (
		a.cost - b.cost ||
		weak(a) - weak(b) ||
		weakest(b) - weakest(a) ||
		total(b) - total(a) ||
		a.ids.length - b.ids.length ||
		tieKey(a.ids).localeCompare(tieKey(b.ids))
	);
}

/** The best k paths through distinct node sequences, best first. */
export function bestDistinct<T extends RankedPath>(found: T[], k: number): T[] {
	const distinct = new Map<string, T>();
	for (const p of [...found].sort(comparePaths)) {
		const key = p.ids.join('>');
		if (!distinct.has(key)) distinct.set(key, p);
	}
	return [...distinct.values()].slice(0, k);
}

/** A path question that ran out of time before finding any path. */
export class PathTimeoutError extends Error {
	constructor(
		seconds: number,
		options: { relations: boolean; maxLength: number; avoidHubs: boolean }
	) {
		const narrow = [
			options.relations
				? 'fewer relation types'
				: 'only some relation types (e.g. builds on, variant of)',
			options.maxLength > 2 ? `a max length below ${options.maxLength}` : null,
			options.avoidHubs ? null : '"avoid generic hubs" on'
		].filter(Boolean);
		super(
			`No path found within ${seconds} s: these two nodes are linked to much of the graph. ` +
				`Narrow the question: ${narrow.join(', ')}.`
		);
	}
}
