import { describe, expect, it } from 'vitest';
import {
	curatedMark,
	curationWords,
	describeCuration,
	duplicateQueries,
	entityNotes,
	historyNames,
	mergeCandidates,
	rememberBy,
	rememberedBy,
	undoEffect,
	whyProblem
} from '../../../src/lib/curation';
import type { CurationRecord, SearchHit } from '../../../src/lib/types';

const base = {
	by: 'ada',
	at: '2026-01-02T03:04:05.000Z',
	why: 'x',
	undone: false,
	undoneAt: null,
	undoneBy: null
};
const merge: CurationRecord = {
	...base,
	id: 'c-0001',
	kind: 'merge',
	args: {
		kind: 'merge',
		keep: 'model:sdm',
		other: 'model:a-sdm',
		keepName: 'SDM',
		keepType: 'Model',
		otherName: 'A-SDM',
		otherType: 'Technique',
		otherAliases: [],
		joined: ['A-SDM']
	}
};
const rename: CurationRecord = {
	...base,
	id: 'c-0002',
	kind: 'rename',
	args: {
		kind: 'rename',
		id: 'model:sdm',
		name: 'Stable Diffusion Model',
		from: 'SDM',
		aliasAdded: true
	}
};
const retype: CurationRecord = {
	...base,
	id: 'c-0003',
	kind: 'retype',
	args: { kind: 'retype', id: 'model:sdm', type: 'Technique', from: 'Model' }
};
const alias: CurationRecord = {
	...base,
	id: 'c-0004',
	kind: 'alias',
	args: { kind: 'alias', id: 'model:sdm', op: 'remove', alias: 'SD-M', had: true }
};

describe('corrections in words', () => {
	it('says what each kind did, with its entities to link', () => {
		expect(curationWords(merge)).toEqual([
			'merged ',
			{ id: 'model:a-sdm', label: 'A-SDM' },
			' into ',
			{ id: 'model:sdm', label: 'SDM' }
		]);
		expect(describeCuration(rename)).toBe('renamed SDM to “Stable Diffusion Model”');
		expect(describeCuration(retype)).toBe('changed the type of model:sdm from Model to Technique');
		expect(describeCuration(alias)).toBe('removed the alias “SD-M” from model:sdm');
		const edge = { head: 'model:gpt', type: 'BUILDS_ON' as const, tail: 'model:sd' };
		expect(describeCuration({ args: { kind: 'reject', ...edge } })).toBe(
			'rejected model:gpt builds on model:sd'
		);
		expect(describeCuration({ args: { kind: 'confirm', ...edge } })).toBe(
			'confirmed model:gpt builds on model:sd'
		);
		// Ends named where the page knows them.
		const names: Record<string, string> = { 'model:gpt': 'GPT' };
		expect(describeCuration({ args: { kind: 'reject', ...edge } }, (id) => names[id])).toBe(
			'rejected GPT builds on model:sd'
		);
		expect(describeCuration(merge, () => 'X')).toBe('merged A-SDM into SDM');
		expect(describeCuration({ args: { kind: 'add', ...edge, paper: 'p-1', sentence: null } })).toBe(
			'added model:gpt builds on model:sd (evidence: p-1)'
		);
		expect(describeCuration({ args: { kind: 'add', ...edge, paper: null, sentence: null } })).toBe(
			'added model:gpt builds on model:sd'
		);
	});

	it('notes on an entity what made it what it is', () => {
		expect(entityNotes({})).toEqual([]);
		expect(entityNotes({ curations: [merge, rename, retype, alias] })).toEqual([
			'merged with A-SDM',
			'renamed from “SDM”',
			'type changed from Model',
			'alias “SD-M” removed'
		]);
	});

	it('notes only the net effect: an alias added then removed, a name changed back, say nothing', () => {
		const aliasAgain = (op: 'add' | 'remove', had: boolean): CurationRecord => ({
			...alias,
			args: { kind: 'alias', id: 'model:sdm', op, alias: 'GSM-8K', had }
		});
		const renameTo = (from: string, name: string): CurationRecord => ({
			...rename,
			args: { kind: 'rename', id: 'model:sdm', name, from, aliasAdded: false }
		});
		expect(
			entityNotes({ curations: [aliasAgain('add', false), aliasAgain('remove', true)] })
		).toEqual([]);
		expect(entityNotes({ curations: [renameTo('SDM', 'X'), renameTo('X', 'SDM')] })).toEqual([]);
		expect(entityNotes({ curations: [renameTo('SDM', 'X'), renameTo('X', 'Y')] })).toEqual([
			'renamed from “SDM”'
		]);
		expect(entityNotes({ curations: [aliasAgain('remove', true)] })).toEqual([
			'alias “GSM-8K” removed'
		]);
	});

	it('names the type of an entity merged in under the same name', () => {
		const split: CurationRecord = {
			...merge,
			args: {
				...merge.args,
				kind: 'merge',
				otherName: 'SDM',
				otherType: 'Dataset'
			} as CurationRecord['args']
		};
		expect(entityNotes({ curations: [split] })).toEqual(['merged with SDM (the Dataset)']);
	});

	it('names ids in the history: by the graph, else by the merge that removed them', () => {
		const edge = { head: 'model:a-sdm', type: 'USES' as const, tail: 'technique:lora' };
		const nameOf = historyNames([merge], { 'technique:lora': 'LoRA', 'model:sdm': 'SDM' });
		expect(describeCuration({ args: { kind: 'reject', ...edge } }, nameOf)).toBe(
			'rejected A-SDM uses LoRA'
		);
		expect(describeCuration(retype, nameOf)).toBe(
			'changed the type of SDM from Model to Technique'
		);
		expect(nameOf('model:unknown')).toBeUndefined();
	});

	it('says what an undo brings back', () => {
		const nameOf = (id: string) => ({ 'model:sdm': 'SDM' })[id];
		expect(undoEffect(merge)).toMatch(/A-SDM and SDM become two entities again/);
		expect(undoEffect(rename, () => 'Stable Diffusion Model')).toBe(
			'Stable Diffusion Model is named “SDM” again.'
		);
		expect(undoEffect(retype, nameOf)).toBe('SDM is a Model again.');
		expect(undoEffect(alias, nameOf)).toBe('SDM gets the alias “SD-M” back.');
		const edge = { head: 'model:sdm', type: 'USES' as const, tail: 'technique:lora' };
		expect(undoEffect({ args: { kind: 'reject', ...edge } }, nameOf)).toMatch(/comes back/);
	});

	it('suggests as duplicates the entities written the same but for case, hyphens and spaces', () => {
		const hit = (id: string, label: string, paperCount: number, matched = label): SearchHit => ({
			id,
			kind: 'Entity',
			type: id.startsWith('model') ? 'Model' : 'Dataset',
			label,
			matched,
			year: null,
			paperCount,
			score: 1
		});
		const gsm = { id: 'dataset:gsm8k', name: 'GSM8K', aliases: [] };
		const hits = [
			hit('dataset:gsm8k', 'GSM8K', 10),
			hit('model:gsm8k', 'GSM8k', 1),
			hit('dataset:gsm8k-plus', 'GSM8K-Plus', 3),
			hit('model:gsm-8k', 'GSM 8K', 2),
			hit('model:gsm8k', 'GSM8k', 1),
			{ ...hit('p-1', 'GSM8K', 0), kind: 'Paper' as const, type: 'Paper' as const }
		];
		expect(mergeCandidates(gsm, hits).map((h) => h.id)).toEqual(['model:gsm-8k', 'model:gsm8k']);
		// matched by an alias of the other entity
		expect(
			mergeCandidates({ id: 'model:x', name: 'Llama 2-7B', aliases: [] }, [
				hit('model:meta-llama', 'Meta Llama', 5, 'Llama2-7B')
			]).map((h) => h.id)
		).toEqual(['model:meta-llama']);
		expect(duplicateQueries('Llama 2-7B')).toEqual([
			'Llama 2-7B',
			'Llama 2 7B',
			'Llama-2-7B',
			'Llama2-7B'
		]);
		// run together: its words apart, as search matches words
		expect(duplicateQueries('ZebraGen')).toEqual(['ZebraGen', 'Zebra Gen']);
	});

	it('marks confirmed and added edges only', () => {
		expect(curatedMark('confirmed')?.badge).toBe('✓ confirmed');
		expect(curatedMark('added')?.badge).toBe('✓ added');
		expect(curatedMark(undefined)).toBeNull();
	});

	it('asks for a short why', () => {
		expect(whyProblem('  ')).toMatch(/Say why/);
		expect(whyProblem('same model')).toBeNull();
		expect(whyProblem('x'.repeat(2001))).toMatch(/under 2000/);
	});

	it('remembers who, and survives a storage that refuses', () => {
		const data = new Map<string, string>();
		const store = {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => void data.set(k, v),
			removeItem: (k: string) => void data.delete(k)
		};
		expect(rememberedBy(store)).toBe('');
		rememberBy(store, '  ada  ');
		expect(rememberedBy(store)).toBe('ada');
		rememberBy(store, '');
		expect(rememberedBy(store)).toBe('');
		const refusing = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('denied');
			},
			removeItem: () => {}
		};
		expect(rememberedBy(refusing)).toBe('');
		expect(() => rememberBy(refusing, 'ada')).not.toThrow();
		expect(rememberedBy(null)).toBe('');
	});
});
