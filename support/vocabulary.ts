// An open vocabulary for generated corpora: the names papers introduce and reuse, drawn the way
// real literature draws them. A Pitman–Yor process (the "Chinese restaurant" with a discount)
// gives both laws seen in real corpora: the number of distinct names grows like a power of the
// number of mentions (Heaps' law, exponent ≈ `discount`), and reuse of earlier names follows a
// power law (Zipf: a few names in many papers, most in one). Deterministic for a given random
// source; names are unique, pronounceable coined words that no lexicon holds.

export type OpenType = 'Model' | 'Technique' | 'Dataset';

export interface OpenName {
	index: number; // order of introduction
	type: OpenType;
	name: string;
}

export interface VocabularyOptions {
	/** Pitman–Yor discount d in [0, 1): the Heaps exponent the vocabulary tends to */
	discount: number;
	/** Pitman–Yor strength θ > −d: how many new names the first mentions make */
	strength: number;
	/** share of new names by type (the rest are techniques) */
	modelShare: number;
	datasetShare: number;
}

/**
 * Matched to `../shared/corpus/real-ml-abstracts.jsonl.gz` as the extractor reads it
 * (`npx lineage extract --report`, vocabulary growth): a Heaps exponent near 0.86 and about
 * 1.6 new names per paper. With the slots per paper of `generatePapers` these defaults give
 * the same figures on a generated corpus (see the README's benchmark section).
 */
export const REAL_VOCABULARY: VocabularyOptions = {
	discount: 0.9,
	strength: 3000,
	modelShare: 0.3,
	datasetShare: 0.2
};

const SYLLABLES = (
	'ka lo mi ne ru sa te vo zi da fe gu hi jo ku la me ni po qua re si tu va we xi yo ze ba ce ' +
	'di fo ga ho ji ko lu ma no pe ri so ta ve wi'
).split(' ');

/** A unique coined stem for index i: "KaloMira", "NeruSate" (two camel-case halves). */
export function stemFor(i: number): string {
	const n = SYLLABLES.length;
	const s: string[] = [];
	// a multiplier prime to n^4 spreads neighbouring indexes over the syllables (a bijection)
	const span = n ** 4;
	let k = (((i % span) * 7919 + 104729) % span) + Math.floor(i / span) * span;
	for (let j = 0; j < 4; j++) {
		s.push(SYLLABLES[k % n]!);
		k = Math.floor(k / n);
	}
	const half = (a: string, b: string) => a[0]!.toUpperCase() + a.slice(1) + b;
	// beyond n^4 names a numeric tail keeps them unique
	return half(s[0]!, s[1]!) + half(s[2]!, s[3]!) + (k > 0 ? String(k) : '');
}

const SIZES = ['1B', '3B', '7B', '8B', '13B', '70B'];

function surface(i: number, type: OpenType): string {
	const stem = stemFor(i);
	if (type === 'Model') return `${stem}-${SIZES[i % SIZES.length]}`;
	if (type === 'Dataset') return `${stem}Bench`;
	return stem;
}

/** Draws names: each call is one mention, of a new name or of an earlier one. */
export class OpenVocabulary {
	readonly names: OpenName[] = [];
	/** one entry per mention, holding the name's index: drawing from it is drawing ∝ count */
	private urn = new Int32Array(1024);
	private mentions = 0;
	private readonly counts: number[] = [];

	constructor(
		private readonly random: () => number,
		private readonly options: VocabularyOptions = REAL_VOCABULARY
	) {}

	/** A mention: of a new name, or of an earlier one in proportion to its count less d. */
	draw(): OpenName {
		const { discount: d, strength: theta } = this.options;
		const k = this.names.length;
		const pNew = (theta + d * k) / (theta + this.mentions);
		if (k === 0 || this.random() < pNew) return this.add(this.newType());
		// draw ∝ count, accept with (count − d)/count: ∝ (count − d) without a sum over names
		for (;;) {
			const i = this.urn[Math.floor(this.random() * this.mentions)]!;
			const c = this.counts[i]!;
			if (this.random() * c < c - d) return this.mention(this.names[i]!);
		}
	}

	/** Mentions drawn so far. */
	get mentionCount(): number {
		return this.mentions;
	}

	/** Whether the last draw made a new name. */
	isNew(name: OpenName): boolean {
		return this.counts[name.index] === 1;
	}

	private newType(): OpenType {
		const r = this.random();
		const { modelShare, datasetShare } = this.options;
		return r < modelShare ? 'Model' : r < modelShare + datasetShare ? 'Dataset' : 'Technique';
	}

	private add(type: OpenType): OpenName {
		const index = this.names.length;
		const name = { index, type, name: surface(index, type) };
		this.names.push(name);
		this.counts.push(0);
		return this.mention(name);
	}

	private mention(name: OpenName): OpenName {
		if (this.mentions === this.urn.length) {
			const grown = new Int32Array(this.urn.length * 2);
			grown.set(this.urn);
			this.urn = grown;
		}
		this.urn[this.mentions++] = name.index;
		this.counts[name.index]!++;
		return name;
	}
}
