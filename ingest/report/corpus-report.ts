// Why this exists: corpus-level figures (`extract --report`) judge the rules on a real corpus.
//
// Pure: an Extraction becomes a small PaperDigest (what a worker thread sends back), digests
// are summed by CorpusTally, and the resulting CorpusReport is plain JSON data that
// formatCorpusReport prints as tables. Nothing here reads files or depends on the order of
// worker results beyond the order digests are added in.
import { ENTITY_TYPES, RELATION_TYPES } from '../../graph/model.js';
import { prng } from '../../graph/prng.js';
import type { Entity, EntityType, Extraction, Mention, RelationType } from '../types.js';

/** What the report needs of one paper's extraction. */
export interface PaperDigest {
	mentions: number;
	entities: { name: string; type: EntityType; lexicon: boolean; typeRule?: string }[];
	relations: Partial<Record<RelationType, number>>;
	warnings: string[];
}

/**
 * Whether an entity's type comes from the lexicon (rather than from its context). The extractor
 * may say so itself in `typeRule` ('lexicon' or a rule id such as 'type.head'); without that
 * field, an entity is lexicon-typed when one of its mentions was found by the lexicon (rule
 * 'lexicon' or a 'variant…' rule of a lexicon family) with the entity's type.
 */
export function typedByLexicon(entity: Entity, mentions: readonly Mention[]): boolean {
	const rule = typeRuleOf(entity);
	if (rule !== undefined) return isLexiconRule(rule);
	return mentions.some(
		(m) => m.entityId === entity.id && m.type === entity.type && isLexiconRule(m.rule)
	);
}

const isLexiconRule = (rule: string) => rule === 'lexicon' || rule.startsWith('variant');

/** `Entity.typeRule` when the extractor provides it (an optional field, newer than this code). */
function typeRuleOf(entity: Entity): string | undefined {
	const rule = (entity as Entity & { typeRule?: unknown }).typeRule;
	return typeof rule === 'string' && rule ? rule : undefined;
}

export function digestExtraction(x: Extraction): PaperDigest {
	const relations: Partial<Record<RelationType, number>> = {};
	for (const r of x.relations) relations[r.type] = (relations[r.type] ?? 0) + 1;
	return {
		mentions: x.mentions.length,
		entities: x.entities.map((e) => {
			const typeRule = typeRuleOf(e);
			return {
				name: e.name,
				type: e.type,
				lexicon: typedByLexicon(e, x.mentions),
				...(typeRule ? { typeRule } : {})
			};
		}),
		relations,
		warnings: x.warnings ?? []
	};
}

// ---------------------------------------------------------------------------------------------
// Junk signs: shapes of names that are usually extraction mistakes (signs, not verdicts).

export const JUNK_SIGNS = [
	'number or version',
	'unbalanced brackets or quotes',
	'ends with a hyphen-adjective',
	'starts or ends with a stop word',
	'longer than 6 words',
	'sentence-like (finite verb)'
] as const;
export type JunkSign = (typeof JUNK_SIGNS)[number];

const NUMBER_OR_VERSION = /^(?:v|ver\.?\s*|version\s*)?\d+(?:[.,]\d+)*%?$/i;
const HYPHEN_ADJECTIVE =
	/-(?:based|powered|driven|aware|free|guided|conditioned|specific|agnostic|oriented|enhanced|augmented|assisted|centric|like)$/i;
const STOP_WORDS = new Set(
	(
		'of and the for with a an in on to by via from or at as into using over under than ' +
		'is are we our this that which its their between through versus vs'
	).split(' ')
);
// Finite verbs that abstracts use in sentences and names never hold (a word list, not a parser:
// fast and deterministic; "-s" forms of method verbs and the auxiliaries).
const FINITE_VERBS = new Set(
	(
		'is are was were has have had does did can could will would should may might must shall ' +
		'achieves outperforms improves proposes presents introduces demonstrates shows enables ' +
		'allows requires leverages provides yields remains makes performs reduces increases ' +
		'achieve outperform improve propose present introduce demonstrate show enable allow ' +
		'leverage yield reduce consists contains learns generates produces uses employs exhibits ' +
		'suffers relies depends becomes remain'
	).split(' ')
);

/** The junk signs a name shows (none for an ordinary name). */
export function junkSigns(name: string): JunkSign[] {
	const signs: JunkSign[] = [];
	const trimmed = name.trim();
	const words = trimmed.split(/\s+/).filter(Boolean);
	const lower = words.map((w) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
	if (NUMBER_OR_VERSION.test(trimmed)) signs.push('number or version');
	if (unbalanced(trimmed)) signs.push('unbalanced brackets or quotes');
	if (HYPHEN_ADJECTIVE.test(trimmed)) signs.push('ends with a hyphen-adjective');
	if (lower.length > 0 && (STOP_WORDS.has(lower[0]!) || STOP_WORDS.has(lower[lower.length - 1]!))) {
		signs.push('starts or ends with a stop word');
	}
	if (words.length > 6) signs.push('longer than 6 words');
	if (lower.some((w) => FINITE_VERBS.has(w))) signs.push('sentence-like (finite verb)');
	return signs;
}

const PAIRS: [string, string][] = [
	['(', ')'],
	['[', ']'],
	['{', '}'],
	['“', '”'],
	['‘', '’']
];

function unbalanced(s: string): boolean {
	for (const [open, close] of PAIRS) {
		let depth = 0;
		for (const ch of s) {
			if (ch === open) depth++;
			else if (ch === close && --depth < 0) {
				// ’ is also an apostrophe ("Bayes’ rule"): only an unmatched ‘ counts for that pair.
				if (open === '‘') depth = 0;
				else return true;
			}
		}
		if (depth !== 0) return true;
	}
	if ((s.match(/"/g)?.length ?? 0) % 2 === 1) return true;
	// A straight ' is an apostrophe inside a word; as the first character it opens a quote.
	return s.startsWith("'") && !/'\s*$/.test(s.slice(1));
}

// ---------------------------------------------------------------------------------------------
// The report.

export interface Spread {
	mean: number;
	median: number;
}

export interface TypeFigures {
	type: EntityType;
	/** Entities found, counted once per paper. */
	count: number;
	share: number;
	distinctNames: number;
	/** Share of `count` typed by the lexicon (the rest by context). */
	lexiconShare: number;
}

export interface RelationFigures {
	type: RelationType;
	count: number;
	perPaper: number;
	/** Share of papers with at least one. */
	papersShare: number;
}

export interface TopName {
	name: string;
	papers: number;
	lexiconShare: number;
}

export interface JunkFigures {
	sign: JunkSign;
	/** Distinct names (type and name) showing the sign, and the papers they were found in. */
	names: number;
	papers: number;
	examples: { name: string; type: EntityType; papers: number }[];
}

export interface CorpusReport {
	papers: number;
	rejects: number;
	rejectExamples: { uri: string; line: number; reason: string }[];
	extractionFailures: number;
	papersWithNoEntity: number;
	warnings: { warning: string; papers: number }[];
	mentionsPerPaper: Spread;
	entitiesPerPaper: Spread;
	distinctNamesPerPaper: Spread;
	entities: number;
	distinctNames: number;
	byType: TypeFigures[];
	typing: {
		lexicon: number;
		context: number;
		lexiconShare: number;
		/** From Entity.typeRule, when the extractor gives it: rule → entities. */
		byRule?: Record<string, number>;
	};
	relationsPerPaper: number;
	relations: RelationFigures[];
	topNames: Record<EntityType, TopName[]>;
	junk: JunkFigures[];
	/** Names with at least one junk sign, as a share of all distinct names. */
	junkShare: number;
	vocabulary: VocabularyGrowth;
}

/**
 * How the vocabulary grows with the corpus, in input order: distinct (type, name) pairs after
 * 500, 1,000, 2,000, 5,000… papers. Real corpora follow Heaps' law (distinct ≈ k·papers^β);
 * `heapsExponent` is β fitted over those points, `newPerPaper` the new names per paper over
 * the last half of the corpus — the figures an open-vocabulary generator is matched to.
 */
export interface VocabularyGrowth {
	points: { papers: number; distinct: number }[];
	heapsExponent: number;
	newPerPaper: number;
}

export interface TallyOptions {
	topNames?: number; // per type (default 15)
	examples?: number; // per junk sign (default 5)
	rejectExamples?: number; // default 5
}

interface NameStats {
	name: string;
	type: EntityType;
	papers: number;
	lexicon: number;
}

/** Sums digests; `report()` gives the figures. Add digests in input order for stable ties. */
export class CorpusTally {
	private papers = 0;
	private rejects = 0;
	private readonly rejectExamples: CorpusReport['rejectExamples'] = [];
	private failures = 0;
	private noEntity = 0;
	private readonly mentionCounts: number[] = [];
	private readonly entityCounts: number[] = [];
	private readonly distinctCounts: number[] = [];
	private readonly names = new Map<string, NameStats>();
	private readonly warnings = new Map<string, number>();
	private readonly relationTotals = new Map<RelationType, number>();
	private readonly relationPapers = new Map<RelationType, number>();
	private readonly typeRules = new Map<string, number>();
	/** distinct (type, name) pairs after each paper, for the growth curve */
	private readonly distinctSoFar: number[] = [];

	constructor(private readonly options: TallyOptions = {}) {}

	reject(reject: { uri: string; line: number; reason: string }): void {
		this.rejects++;
		if (this.rejectExamples.length < (this.options.rejectExamples ?? 5)) {
			this.rejectExamples.push(reject);
		}
	}

	/** A paper the extractor threw on: counted as read, with no entities. */
	failure(): void {
		this.failures++;
	}

	add(d: PaperDigest): void {
		this.papers++;
		this.mentionCounts.push(d.mentions);
		this.entityCounts.push(d.entities.length);
		this.distinctCounts.push(new Set(d.entities.map((e) => e.name.toLowerCase())).size);
		if (d.entities.length === 0) this.noEntity++;
		for (const e of d.entities) {
			const key = `${e.type}\u0000${e.name}`;
			let s = this.names.get(key);
			if (!s) this.names.set(key, (s = { name: e.name, type: e.type, papers: 0, lexicon: 0 }));
			s.papers++;
			if (e.lexicon) s.lexicon++;
			if (e.typeRule) this.typeRules.set(e.typeRule, (this.typeRules.get(e.typeRule) ?? 0) + 1);
		}
		this.distinctSoFar.push(this.names.size);
		for (const [type, n] of Object.entries(d.relations) as [RelationType, number][]) {
			if (!n) continue;
			this.relationTotals.set(type, (this.relationTotals.get(type) ?? 0) + n);
			this.relationPapers.set(type, (this.relationPapers.get(type) ?? 0) + 1);
		}
		// "abstract longer than 6000 characters: analysed the first 5990" → the part before ':'.
		for (const w of new Set(d.warnings.map((w) => w.split(':')[0]!.trim()))) {
			this.warnings.set(w, (this.warnings.get(w) ?? 0) + 1);
		}
	}

	report(): CorpusReport {
		const o = { topNames: 15, examples: 5, ...this.options };
		const papers = this.papers + this.failures;
		const all = [...this.names.values()];
		const entities = all.reduce((a, s) => a + s.papers, 0);
		const lexicon = all.reduce((a, s) => a + s.lexicon, 0);
		const byPapers = (a: NameStats, b: NameStats) =>
			b.papers - a.papers || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
		all.sort(byPapers);

		const byType = ENTITY_TYPES.map((type): TypeFigures => {
			const of = all.filter((s) => s.type === type);
			const count = of.reduce((a, s) => a + s.papers, 0);
			const lex = of.reduce((a, s) => a + s.lexicon, 0);
			return {
				type,
				count,
				share: ratio(count, entities),
				distinctNames: of.length,
				lexiconShare: ratio(lex, count)
			};
		});
		const topNames = Object.fromEntries(
			ENTITY_TYPES.map((type) => [
				type,
				all
					.filter((s) => s.type === type)
					.slice(0, o.topNames)
					.map((s) => ({
						name: s.name,
						papers: s.papers,
						lexiconShare: ratio(s.lexicon, s.papers)
					}))
			])
		) as Record<EntityType, TopName[]>;

		const junk = JUNK_SIGNS.map((sign): JunkFigures => ({
			sign,
			names: 0,
			papers: 0,
			examples: []
		}));
		let junkNames = 0;
		for (const s of all) {
			const signs = junkSigns(s.name);
			if (signs.length) junkNames++;
			for (const sign of signs) {
				const j = junk[JUNK_SIGNS.indexOf(sign)]!;
				j.names++;
				j.papers += s.papers;
				if (j.examples.length < o.examples) {
					j.examples.push({ name: s.name, type: s.type, papers: s.papers });
				}
			}
		}

		const relations = RELATION_TYPES.map((type): RelationFigures => {
			const count = this.relationTotals.get(type) ?? 0;
			return {
				type,
				count,
				perPaper: ratio(count, papers),
				papersShare: ratio(this.relationPapers.get(type) ?? 0, papers)
			};
		});
		const relationCount = relations.reduce((a, r) => a + r.count, 0);
		// Failed papers count as papers with nothing found.
		const pad = (xs: number[]) => [...xs, ...new Array<number>(this.failures).fill(0)];

		return {
			papers,
			rejects: this.rejects,
			rejectExamples: this.rejectExamples,
			extractionFailures: this.failures,
			papersWithNoEntity: this.noEntity + this.failures,
			warnings: [...this.warnings]
				.map(([warning, n]) => ({ warning, papers: n }))
				.sort((a, b) => b.papers - a.papers || (a.warning < b.warning ? -1 : 1)),
			mentionsPerPaper: spread(pad(this.mentionCounts)),
			entitiesPerPaper: spread(pad(this.entityCounts)),
			distinctNamesPerPaper: spread(pad(this.distinctCounts)),
			entities,
			distinctNames: all.length,
			byType,
			typing: {
				lexicon,
				context: entities - lexicon,
				lexiconShare: ratio(lexicon, entities),
				...(this.typeRules.size
					? { byRule: Object.fromEntries([...this.typeRules].sort((a, b) => b[1] - a[1])) }
					: {})
			},
			relationsPerPaper: ratio(relationCount, papers),
			relations,
			topNames,
			junk,
			junkShare: ratio(junkNames, all.length),
			vocabulary: vocabularyGrowth(this.distinctSoFar)
		};
	}
}

/** 500, 1,000, 2,000, 5,000, 10,000… up to n, and n itself. */
function checkpoints(n: number): number[] {
	const out: number[] = [];
	for (let base = 100; base < n; base *= 10)
		for (const k of [1, 2, 5]) if (base * k >= 500 && base * k < n) out.push(base * k);
	if (n > 0) out.push(n);
	return out;
}

export function vocabularyGrowth(distinctSoFar: readonly number[]): VocabularyGrowth {
	const n = distinctSoFar.length;
	const points = checkpoints(n).map((papers) => ({ papers, distinct: distinctSoFar[papers - 1]! }));
	// least squares of log(distinct) on log(papers)
	const xy = points
		.filter((p) => p.distinct > 0)
		.map((p): [number, number] => [Math.log(p.papers), Math.log(p.distinct)]);
	let heapsExponent = 0;
	if (xy.length >= 2) {
		const mx = xy.reduce((a, [x]) => a + x, 0) / xy.length;
		const my = xy.reduce((a, [, y]) => a + y, 0) / xy.length;
		const sxx = xy.reduce((a, [x]) => a + (x - mx) ** 2, 0);
		const sxy = xy.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
		heapsExponent = sxx > 0 ? sxy / sxx : 0;
	}
	const half = Math.floor(n / 2);
	const newPerPaper =
		n - half > 0
			? ((distinctSoFar[n - 1] ?? 0) - (half > 0 ? distinctSoFar[half - 1]! : 0)) / (n - half)
			: 0;
	return { points, heapsExponent, newPerPaper };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function spread(xs: readonly number[]): Spread {
	if (xs.length === 0) return { mean: 0, median: 0 };
	const sorted = [...xs].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
	return { mean: sorted.reduce((a, x) => a + x, 0) / sorted.length, median };
}

// ---------------------------------------------------------------------------------------------
// Choosing papers: the first N, or a deterministic random sample of N.

/**
 * Reservoir sampling (algorithm R): keeps a uniform sample of `size` items from a stream of
 * unknown length; the same seed and stream give the same sample, returned in stream order.
 */
export class Reservoir<T> {
	private readonly items: { index: number; item: T }[] = [];
	private seen = 0;
	private readonly random: () => number;

	constructor(
		private readonly size: number,
		seed: number
	) {
		this.random = prng(seed);
	}

	offer(item: T): void {
		const index = this.seen++;
		if (this.items.length < this.size) this.items.push({ index, item });
		else {
			const j = Math.floor(this.random() * this.seen);
			if (j < this.size) this.items[j] = { index, item };
		}
	}

	/** How many items were offered. */
	get offered(): number {
		return this.seen;
	}

	sample(): T[] {
		return [...this.items].sort((a, b) => a.index - b.index).map((x) => x.item);
	}
}

// ---------------------------------------------------------------------------------------------
// Printing.

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number) => x.toLocaleString('en');
const dec = (x: number, digits = 2) => x.toFixed(digits);

function table(head: string[], rows: (string | number)[][], right = new Set<number>()): string[] {
	const cells = [head, ...rows.map((r) => r.map(String))];
	const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
	return cells.map((r) =>
		r
			.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
			.join('  ')
			.trimEnd()
	);
}

export function formatCorpusReport(r: CorpusReport, header?: string): string {
	const out: string[] = [];
	const section = (title: string) => out.push('', `## ${title}`);
	if (header) out.push(header);
	out.push(
		...table(
			['papers', 'value'],
			[
				['papers read', num(r.papers)],
				['rejects', num(r.rejects)],
				['extraction failures', num(r.extractionFailures)],
				[
					'papers with no entity',
					`${num(r.papersWithNoEntity)} (${pct(ratio(r.papersWithNoEntity, r.papers))})`
				],
				...r.warnings.map((w) => [`warning: ${w.warning}`, num(w.papers)])
			],
			new Set([1])
		)
	);
	for (const x of r.rejectExamples) out.push(`  reject ${x.uri}:${x.line}: ${x.reason}`);

	section('per paper');
	out.push(
		...table(
			['', 'mean', 'median'],
			[
				['entity mentions', dec(r.mentionsPerPaper.mean), dec(r.mentionsPerPaper.median, 1)],
				['entities', dec(r.entitiesPerPaper.mean), dec(r.entitiesPerPaper.median, 1)],
				[
					'distinct entity names',
					dec(r.distinctNamesPerPaper.mean),
					dec(r.distinctNamesPerPaper.median, 1)
				],
				['relations', dec(r.relationsPerPaper), '']
			],
			new Set([1, 2])
		)
	);

	section('entities by type (once per paper)');
	out.push(
		...table(
			['type', 'count', 'share', 'distinct names', 'typed by lexicon'],
			[
				...r.byType.map((t) => [
					t.type,
					num(t.count),
					pct(t.share),
					num(t.distinctNames),
					pct(t.lexiconShare)
				]),
				['all', num(r.entities), '', num(r.distinctNames), pct(r.typing.lexiconShare)]
			],
			new Set([1, 2, 3, 4])
		)
	);
	out.push(
		`typed by the lexicon ${num(r.typing.lexicon)} (${pct(r.typing.lexiconShare)}), by context ${num(r.typing.context)} (${pct(1 - r.typing.lexiconShare)})`
	);
	if (r.typing.byRule) {
		out.push(
			`type rules: ${Object.entries(r.typing.byRule)
				.map(([rule, n]) => `${rule} ${num(n)}`)
				.join(' · ')}`
		);
	}

	section('relations by type');
	out.push(
		...table(
			['type', 'count', 'per paper', 'papers with one'],
			r.relations.map((x) => [x.type, num(x.count), dec(x.perPaper, 3), pct(x.papersShare)]),
			new Set([1, 2, 3])
		)
	);

	for (const type of ENTITY_TYPES) {
		section(`most frequent ${type} names (papers, typed by lexicon)`);
		const top = r.topNames[type];
		if (top.length === 0) out.push('(none)');
		else
			out.push(
				...table(
					['#', 'name', 'papers', 'lexicon'],
					top.map((t, i) => [i + 1, t.name, num(t.papers), pct(t.lexiconShare)]),
					new Set([0, 2, 3])
				)
			);
	}

	section('vocabulary growth (distinct names as papers are read, in input order)');
	out.push(
		...table(
			['papers', 'distinct names'],
			r.vocabulary.points.map((p) => [num(p.papers), num(p.distinct)]),
			new Set([0, 1])
		)
	);
	out.push(
		`Heaps' law exponent ${dec(r.vocabulary.heapsExponent, 2)} (distinct ≈ k · papers^β), new names per paper over the second half ${dec(r.vocabulary.newPerPaper, 2)}`
	);

	section(`names with junk signs: ${pct(r.junkShare)} of ${num(r.distinctNames)} distinct names`);
	const [head, ...rows] = table(
		['sign', 'names', 'papers'],
		r.junk.map((j) => [j.sign, num(j.names), num(j.papers)]),
		new Set([1, 2])
	);
	// the table's first line is its header
	out.push(head!);
	r.junk.forEach((j, i) => {
		out.push(rows[i]!);
		if (j.examples.length) {
			out.push(
				`    e.g. ${j.examples.map((e) => `${quote(e.name)} ${e.type} ${e.papers}`).join(' · ')}`
			);
		}
	});
	return out.join('\n');
}

const quote = (name: string) => `«${name.length > 60 ? name.slice(0, 57) + '…' : name}»`;
