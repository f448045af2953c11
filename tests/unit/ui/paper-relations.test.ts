import { describe, expect, it } from 'vitest';
import { paperRelationRows } from '../../../src/lib/graph/paper-relations';
import type { PaperDetail } from '../../../src/lib/types';

const paper = { id: 'p1', label: 'KOALA: fast', kind: 'Paper' as const };
const koala = { id: 'model:koala', label: 'KOALA', kind: 'Entity' as const };
const sdxl = { id: 'model:sdxl', label: 'SDXL', type: 'Model' as const };
const s1 = 'We distil SDXL into KOALA.';
const detail = (relations: PaperDetail['relations']): PaperDetail => ({
	id: 'p1',
	title: 'KOALA: fast',
	abstract: s1,
	year: 2024,
	url: null,
	arxivId: null,
	doi: null,
	authors: [],
	mentions: [],
	relations
});

describe("a paper's relations, each once", () => {
	it("folds the paper's statement and its method's copy into one row headed by the method", () => {
		const rows = paperRelationRows(
			detail([
				{
					head: paper,
					type: 'PROPOSES',
					tail: { id: 'model:koala', label: 'KOALA', type: 'Model' },
					sentence: s1,
					rule: 'proposes.title',
					confidence: 0.9
				},
				{ head: paper, type: 'BUILDS_ON', tail: sdxl, sentence: s1, rule: 'b.x', confidence: 0.5 },
				{
					head: koala,
					type: 'BUILDS_ON',
					tail: sdxl,
					sentence: s1,
					rule: 'b.x+proposed',
					confidence: 0.5
				}
			])
		);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ type: 'PROPOSES', methods: [], statedHead: null });
		expect(rows[1]).toMatchObject({
			type: 'BUILDS_ON',
			methods: [{ id: 'model:koala', label: 'KOALA' }],
			why: [
				{ head: 'this paper', rule: 'b.x', confidence: 0.5 },
				{ head: 'KOALA', rule: 'b.x+proposed', confidence: 0.5 }
			]
		});
	});

	it('keeps what only the paper says, and statements between other entities, as rows', () => {
		const rows = paperRelationRows(
			detail([
				{ head: paper, type: 'USES', tail: sdxl, sentence: s1, rule: 'u', confidence: 0.4 },
				{
					head: { id: 'model:sd', label: 'SD', kind: 'Entity' },
					type: 'VARIANT_OF',
					tail: sdxl,
					sentence: s1,
					rule: 'v',
					confidence: 0.8
				}
			])
		);
		expect(rows.map((r) => [r.methods, r.statedHead?.label ?? null, r.type])).toEqual([
			[[], null, 'USES'],
			[[], 'SD', 'VARIANT_OF']
		]);
	});
});
