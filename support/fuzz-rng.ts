// The project's PRNG (graph/prng.ts) seeded from (seed, case), so every fuzz input can be
// rebuilt from those alone.
import { prng } from '../graph/prng.js';

export class Rng {
	/** Uniform in [0, 1). */
	readonly next: () => number;

	constructor(...seeds: (number | string)[]) {
		// FNV-1a over the seed parts: cases get independent streams, so any subset of cases
		// (the quick run in `npm test`, one case replayed alone) builds the same inputs.
		let h = 0x811c9dc5;
		for (const part of seeds.map(String).join('\u0000')) {
			h ^= part.charCodeAt(0);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		this.next = prng(h);
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Integer in [lo, hi]. */
	range(lo: number, hi: number): number {
		return lo + this.int(hi - lo + 1);
	}

	/** One of `xs`, which must not be empty. */
	pick<T>(xs: readonly T[]): T {
		return xs[this.int(xs.length)]!;
	}

	chance(p: number): boolean {
		return this.next() < p;
	}
}
