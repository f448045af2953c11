// The project's one seeded PRNG: the same seed gives the same layout, communities, sample,
// corpus or fuzz input every run. Pure and framework-free, so the browser can use it too.

/** mulberry32: uniform in [0, 1). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
