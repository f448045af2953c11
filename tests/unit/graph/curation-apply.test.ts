// Corrections applied to a paper's rows on their way in (graph/curation-apply.ts).
import { describe, expect, it } from 'vitest';
import { CurationState, type CurationRecord } from '../../../graph/curation';
import { applyCuration } from '../../../graph/curation-apply';
import type { PaperFacts } from '../../../graph/rows';

const paper: PaperFacts['paper'] = {
	id: 'p1',
	title: 'T',
	abstract: 'A',
	year: 2025,
	url: null,
	authors: [],
	arxivId: null,
	doi: null,
	source: 'test',
	contentHash: 'h',
	textOffset: 3,
	text: null,
	evidence: [],
	supports: []
};

const merge = (other: string, otherName: string): CurationRecord => ({
	id: 'c-0001',
	kind: 'merge',
	args: {
		kind: 'merge',
		keep: 'dataset:sharegpt',
		other,
		keepName: 'ShareGPT',
		keepType: 'Dataset',
		otherName,
		otherType: 'Model',
		otherAliases: [],
		joined: [otherName]
	},
	by: 'ada',
	at: '2026-01-02T03:04:05.000Z',
	why: 'one data set',
	undone: false,
	undoneAt: null,
	undoneBy: null
});

function aliasesAfter(record: CurationRecord, name: string): string[] {
	const facts: PaperFacts = {
		paper,
		entities: [
			{
				id: record.args.kind === 'merge' ? record.args.other : '',
				type: 'Model',
				name,
				aliases: [],
				year: 2025
			}
		],
		mentions: [],
		edges: [],
		evidence: []
	};
	const [row] = applyCuration(facts, new CurationState([record])).entities;
	expect(row?.id).toBe('dataset:sharegpt');
	return row!.aliases;
}

describe('a merged entity on its way in', () => {
	it('brings its name as an alias of the kept one', () => {
		expect(aliasesAfter(merge('model:share-gpt', 'Share-GPT'), 'Share-GPT')).toEqual(['Share-GPT']);
	});

	it('never makes the kept name an alias of itself (one name split by type, merged)', () => {
		// On the real corpus: "ShareGPT" the model merged into "ShareGPT" the data set showed
		// "Also written: ShareGPT".
		expect(aliasesAfter(merge('model:sharegpt', 'ShareGPT'), 'ShareGPT')).toEqual([]);
	});
});
