import { describe, expect, it } from 'vitest';
import {
	curatedMark,
	curationWords,
	describeCuration,
	entityNotes,
	rememberBy,
	rememberedBy,
	whyProblem
} from '../../../src/lib/curation';
import type { CurationRecord } from '../../../src/lib/types';

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
