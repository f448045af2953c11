// The lexicon data itself: well-formed entries, families that exist, no plain English aliases that
// would match everywhere, and names from outside the diffusion world found with the right type.
import { describe, expect, it } from 'vitest';
import { LEXICON_FILES, lexiconEntities } from '../../../ingest/extract/lexicon.js';
import { defaultLexicon } from '../../../ingest/extract/matcher.js';
import { isCommonWord } from '../../../ingest/extract/nlp.js';
import { isCaseSensitiveAlias, nameKey } from '../../../ingest/extract/resolve/name-key.js';
import { entities, extract } from './helpers.js';

const KNOWN_KEYS = new Set([
	'name',
	'aliases',
	'family',
	'role',
	'generic',
	'broad',
	'cs',
	'sizes',
	'type',
	'versionPrefix',
	'notBefore'
]);

// ML terms that compromise also lists as ordinary English words, kept on purpose
const TECHNICAL_WORDS = new Set(['pruning']);

describe('lexicon data', () => {
	const all = lexiconEntities();

	it('has only known fields, a name, and no duplicate alias within an entry', () => {
		const problems: string[] = [];
		for (const file of LEXICON_FILES) {
			for (const e of file.entries) {
				for (const k of Object.keys(e)) if (!KNOWN_KEYS.has(k)) problems.push(`${e.name}: ${k}`);
				if (!e.name?.trim()) problems.push(`entry without a name in ${file.type}`);
				const keys = [e.name, ...(e.aliases ?? [])].map(nameKey);
				if (new Set(keys).size !== keys.length) {
					// the same key twice is fine only when the spellings differ in case (cs aliases)
					const spelled = [e.name, ...(e.aliases ?? [])];
					if (new Set(spelled).size !== spelled.length) problems.push(`${e.name}: repeated alias`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('has no canonical name used twice', () => {
		const seen = new Map<string, string>();
		const dupes: string[] = [];
		for (const e of all) {
			const k = nameKey(e.name);
			if (seen.has(k)) dupes.push(`${e.name} / ${seen.get(k)}`);
			seen.set(k, e.name);
		}
		expect(dupes).toEqual([]);
	});

	it('names an existing entry of the same type as every family', () => {
		const byName = new Map(all.map((e) => [e.name, e]));
		const missing: string[] = [];
		for (const e of all) {
			if (!e.family) continue;
			const f = byName.get(e.family);
			if (!f) missing.push(`${e.name} → ${e.family} (no such entry)`);
			else if (f.type !== e.type) missing.push(`${e.name} → ${e.family} (${f.type})`);
			else if (f === e) missing.push(`${e.name} is its own family`);
		}
		expect(missing).toEqual([]);
	});

	it('has no alias that is a plain English word unless it is case-sensitive', () => {
		const plain: string[] = [];
		for (const e of all) {
			for (const a of [e.name, ...e.aliases]) {
				if (e.caseSensitive || isCaseSensitiveAlias(a)) continue;
				// capitalised common words only match capitalised (matcher.ts); lower case ones match anywhere
				if (/\p{Lu}/u.test(a)) continue;
				if (/^[a-z]+$/.test(a) && isCommonWord(a) && !TECHNICAL_WORDS.has(a)) {
					plain.push(`${e.name}: ${a}`);
				}
			}
		}
		expect(plain).toEqual([]);
	});
});

const LOOKUPS: [string, string, string][] = [
	// spelling, canonical name, type
	['Llama-2', 'Llama 2', 'Model'],
	['LLaMA 3.1', 'Llama 3.1', 'Model'],
	['Qwen2.5', 'Qwen2.5', 'Model'],
	['Qwen-2.5-VL', 'Qwen2.5-VL', 'Model'],
	['GPT-4o-mini', 'GPT-4o mini', 'Model'],
	['Gemini-2.5-Pro', 'Gemini 2.5 Pro', 'Model'],
	['Claude-3.5-Sonnet', 'Claude 3.5 Sonnet', 'Model'],
	['DeepSeek R1', 'DeepSeek-R1', 'Model'],
	['ResNet18', 'ResNet-18', 'Model'],
	['wav2vec2', 'wav2vec 2.0', 'Model'],
	['YOLOv8', 'YOLOv8', 'Model'],
	['low-rank adaptation', 'LoRA', 'Technique'],
	['Low-Rank Adaptation', 'LoRA', 'Technique'],
	['retrieval-augmented generation', 'retrieval-augmented generation', 'Technique'],
	['GRPO', 'Group Relative Policy Optimization', 'Technique'],
	['Monte Carlo tree search', 'Monte Carlo tree search', 'Technique'],
	['graph attention networks', 'graph attention network', 'Technique'],
	['Sharpness-Aware Minimization', 'sharpness-aware minimization', 'Technique'],
	['Massive Multitask Language Understanding', 'MMLU', 'Dataset'],
	['MMLU-Pro', 'MMLU-Pro', 'Dataset'],
	['MATH500', 'MATH-500', 'Dataset'],
	['SWE-Bench Verified', 'SWE-bench Verified', 'Dataset'],
	['nuScenes', 'nuScenes', 'Dataset'],
	['ROUGE-L', 'ROUGE-L', 'Metric'],
	['pass@1', 'pass@k', 'Metric'],
	['automatic speech recognition', 'speech recognition', 'Task'],
	['robotic manipulation', 'robot manipulation', 'Task'],
	['text-to-SQL', 'text-to-SQL', 'Task']
];

// Short and word-like names only count with their own capitalisation.
const NOT_FOUND = [
	'math',
	'Math',
	'arc',
	'pile',
	'glue',
	'Glue',
	'sam',
	'spider',
	'atari',
	'O1',
	'O3'
];

describe('lexicon lookups beyond diffusion', () => {
	const lex = defaultLexicon();
	for (const [spelling, name, type] of LOOKUPS) {
		it(`"${spelling}" is ${name} (${type})`, () => {
			const e = lex.lookup(spelling);
			expect(e?.name).toBe(name);
			expect(e?.type).toBe(type);
		});
	}
	for (const spelling of NOT_FOUND) {
		it(`"${spelling}" is no entity`, () => {
			expect(lex.lookup(spelling)).toBeUndefined();
		});
	}
	it('keeps Segment Anything and sharpness-aware minimization apart', () => {
		expect(lex.lookup('SAM')?.name).toBe('Segment Anything');
		expect(lex.lookup('SVD')?.name).toBe('Stable Video Diffusion');
		expect(lex.lookup('singular value decomposition')?.name).toBe('singular value decomposition');
	});
});

describe('extraction with the broader lexicon', () => {
	it('types LLMs, benchmarks, metrics and tasks in an LLM abstract', () => {
		const x = extract(
			'Math reasoning with small models',
			'We fine-tune Qwen2.5-7B with GRPO and evaluate on GSM8K, MATH-500 and AIME 2024, ' +
				'reporting pass@1 and comparing with GPT-4o and DeepSeek-R1.'
		);
		const found = entities(x);
		for (const e of [
			'Qwen2.5-7B (Model)',
			'Group Relative Policy Optimization (Technique)',
			'GSM8K (Dataset)',
			'MATH-500 (Dataset)',
			'AIME 2024 (Dataset)',
			'GPT-4o (Model)',
			'DeepSeek-R1 (Model)'
		]) {
			expect(found).toContain(e);
		}
	});

	it('types robotics, RL and driving names', () => {
		const x = extract(
			'Vision-language-action policies for robot manipulation',
			'We train OpenVLA with PPO and behavior cloning on LIBERO and evaluate in CARLA on nuScenes.'
		);
		const found = entities(x);
		for (const e of [
			'robot manipulation (Task)',
			'OpenVLA (Model)',
			'PPO (Technique)',
			'behavior cloning (Technique)',
			'LIBERO (Dataset)',
			'CARLA (Dataset)',
			'nuScenes (Dataset)'
		]) {
			expect(found).toContain(e);
		}
	});
});
