// Search over the copy: its one-typo look-up reads a few small buckets and sorted lists instead
// of every word of a first letter and length, and must find exactly what a full scan finds;
// equal hits are ranked in one order, whatever order the store gives them in.
import { describe, expect, it } from 'vitest';
import { oneEditApart, WordIndex } from '../../../graph/projection/search.js';
import { rankHits, searchPlan, type EntityCandidate } from '../../../graph/queries/search.js';
import { prng } from '../../../graph/prng.js';

describe('the search index’s typo matches', () => {
	it('finds every word one edit away, as a scan of all words does', () => {
		const rand = prng(7);
		const letters = 'abcde'; // few letters: many words one edit apart
		const word = (n: number) =>
			Array.from({ length: n }, () => letters[Math.floor(rand() * letters.length)]).join('');
		const vocabulary = [
			...new Set(Array.from({ length: 3000 }, () => word(3 + Math.floor(rand() * 5))))
		];
		const index = new WordIndex(
			vocabulary.length,
			vocabulary.map((w, i) => [i, [w]] as [number, string[]])
		);
		let fuzzy = 0;
		for (let q = 0; q < 400; q++) {
			// a word of the vocabulary with one edit anywhere, or a fresh one
			const base = q % 4 === 0 ? word(4 + Math.floor(rand() * 4)) : vocabulary[q]!;
			const at = Math.floor(rand() * base.length);
			const c = letters[Math.floor(rand() * letters.length)]!;
			const edits = [
				base.slice(0, at) + c + base.slice(at + 1),
				base.slice(0, at) + c + base.slice(at),
				base.slice(0, at) + base.slice(at + 1),
				base.slice(0, at) + (base[at + 1] ?? '') + base[at] + base.slice(at + 2)
			];
			const t = edits[q % 4]!;
			if (t.length < 4) continue;
			const { nodes, score } = index.match([t], { joined: false });
			const typos = nodes.filter((n) => score[n] === 1).sort((a, b) => a - b);
			const expected = vocabulary
				.map((w, i) => [w, i] as const)
				.filter(([w]) => !w.startsWith(t) && oneEditApart(t, w))
				.map(([, i]) => i);
			expect(typos, t).toEqual(expected);
			fuzzy += expected.length;
		}
		expect(fuzzy).toBeGreaterThan(400);
	});

	it('ranks two entities of one name and weight by id, whatever order they come in', () => {
		const koala = (type: EntityCandidate['type']): EntityCandidate => ({
			id: `${type.toLowerCase()}:koala`,
			type,
			label: 'KOALA',
			aliases: null,
			year: 2024,
			paperCount: 3,
			score: 2
		});
		const plan = searchPlan("KOALA's");
		const ids = (list: EntityCandidate[]) => rankHits(plan, list, []).map((h) => h.id);
		expect(ids([koala('Model'), koala('Technique')])).toEqual(['model:koala', 'technique:koala']);
		expect(ids([koala('Technique'), koala('Model')])).toEqual(['model:koala', 'technique:koala']);
	});
});
