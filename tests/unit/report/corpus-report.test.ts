// The corpus report's figures on a few hand-built extractions, the junk signs, the seeded
// sample, the printed tables, and the reading/worker half on small files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	CorpusTally,
	digestExtraction,
	formatCorpusReport,
	junkSigns,
	Reservoir,
	spread,
	typedByLexicon,
	vocabularyGrowth
} from '../../../ingest/report/corpus-report.js';
import { reportFiles } from '../../../ingest/report/run-report.js';
import type {
	Entity,
	EntityType,
	Extraction,
	Mention,
	RelationType
} from '../../../ingest/types.js';

interface E {
	name: string;
	type: EntityType;
	rules: string[]; // one mention per rule, of the entity's type unless `mentionType` says
	mentionType?: EntityType;
	typeRule?: string;
}

/** A hand-built extraction: entities with mentions by rule, relations by type. */
function extraction(
	id: string,
	entities: E[],
	relations: RelationType[] = [],
	warnings?: string[]
) {
	const ents: Entity[] = entities.map((e) => ({
		id: `${e.type}:${e.name.toLowerCase()}`,
		type: e.type,
		name: e.name,
		aliases: [e.name],
		...(e.typeRule ? { typeRule: e.typeRule } : {})
	}));
	const mentions: Mention[] = entities.flatMap((e, i) =>
		e.rules.map((rule) => ({
			paperId: id,
			sentence: 0,
			start: 0,
			end: e.name.length,
			text: e.name,
			type: e.mentionType ?? e.type,
			entityId: ents[i]!.id,
			rule
		}))
	);
	const x: Extraction = {
		paper: {
			id,
			title: id,
			abstract: '',
			authors: [],
			source: { kind: 'test', uri: 't', line: 1 }
		},
		text: id,
		sentences: [],
		mentions,
		entities: ents,
		relations: relations.map((type) => ({
			paperId: id,
			head: '@paper',
			type,
			tail: ents[0]?.id ?? '@paper',
			sentence: 0,
			rule: 'test',
			confidence: 1
		})),
		...(warnings ? { warnings } : {})
	};
	return x;
}

const lex = (name: string, type: EntityType, n = 1): E => ({
	name,
	type,
	rules: Array<string>(n).fill('lexicon')
});
const ctx = (name: string, type: EntityType, rule = 'name.we-propose'): E => ({
	name,
	type,
	rules: [rule]
});

describe('typedByLexicon', () => {
	const e = (typeRule?: string): Entity =>
		({ id: 'Model:x', type: 'Model', name: 'X', aliases: [], typeRule }) as Entity;
	const m = (rule: string, type: EntityType = 'Model'): Mention => ({
		paperId: 'p',
		sentence: 0,
		start: 0,
		end: 1,
		text: 'X',
		type,
		entityId: 'Model:x',
		rule
	});

	it('without typeRule: a lexicon or variant mention of the same type', () => {
		expect(typedByLexicon(e(), [m('name.shape'), m('lexicon')])).toBe(true);
		expect(typedByLexicon(e(), [m('variant.bare-version')])).toBe(true);
		expect(typedByLexicon(e(), [m('name.shape'), m('name.called')])).toBe(false);
		// The lexicon said Technique, the entity ended up a Model: typed by context.
		expect(typedByLexicon(e(), [m('lexicon', 'Technique')])).toBe(false);
		expect(typedByLexicon(e(), [{ ...m('lexicon'), entityId: 'Model:y' }])).toBe(false);
	});

	it('with typeRule: the field decides, whatever the mentions', () => {
		expect(typedByLexicon(e('lexicon'), [m('name.shape')])).toBe(true);
		expect(typedByLexicon(e('type.head'), [m('lexicon')])).toBe(false);
	});
});

describe('CorpusTally', () => {
	function tally() {
		const t = new CorpusTally({ topNames: 2, examples: 2 });
		t.add(
			digestExtraction(
				extraction(
					'p1',
					[lex('SDXL', 'Model', 3), ctx('KOALA', 'Model'), lex('FID', 'Metric')],
					['PROPOSES', 'BUILDS_ON', 'BUILDS_ON']
				)
			)
		);
		t.add(
			digestExtraction(
				extraction('p2', [lex('SDXL', 'Model'), ctx('LoRA-based', 'Technique')], ['USES'])
			)
		);
		t.add(digestExtraction(extraction('p3', [], [], ['not English: skipped'])));
		t.add(
			digestExtraction(
				extraction('p4', [
					lex('SDXL', 'Model'),
					{ ...ctx('KOALA', 'Model'), typeRule: 'type.head' },
					ctx('the proposed method of', 'Technique')
				])
			)
		);
		t.reject({ uri: 'a.jsonl', line: 3, reason: 'malformed JSON line' });
		t.failure();
		return t.report();
	}

	it('papers, rejects, failures, papers with no entity and warnings', () => {
		const r = tally();
		expect(r).toMatchObject({
			papers: 5,
			rejects: 1,
			rejectExamples: [{ uri: 'a.jsonl', line: 3, reason: 'malformed JSON line' }],
			extractionFailures: 1,
			papersWithNoEntity: 2,
			warnings: [{ warning: 'not English', papers: 1 }]
		});
	});

	it('mentions, entities and distinct names per paper: mean and median', () => {
		const r = tally();
		// mentions 5, 2, 0, 3, 0 (the failure); entities 3, 2, 0, 3, 0.
		expect(r.mentionsPerPaper).toEqual({ mean: 2, median: 2 });
		expect(r.entitiesPerPaper).toEqual({ mean: 8 / 5, median: 2 });
		expect(r.distinctNamesPerPaper).toEqual({ mean: 8 / 5, median: 2 });
	});

	it('entities per type with shares, distinct names and lexicon typing', () => {
		const r = tally();
		expect(r.entities).toBe(8);
		expect(r.distinctNames).toBe(5);
		expect(r.byType.find((t) => t.type === 'Model')).toEqual({
			type: 'Model',
			count: 5,
			share: 5 / 8,
			distinctNames: 2,
			lexiconShare: 3 / 5
		});
		expect(r.byType.find((t) => t.type === 'Dataset')).toMatchObject({ count: 0, share: 0 });
		expect(r.typing).toEqual({
			lexicon: 4,
			context: 4,
			lexiconShare: 0.5,
			byRule: { 'type.head': 1 }
		});
	});

	it('relations per paper by type', () => {
		const r = tally();
		expect(r.relationsPerPaper).toBe(4 / 5);
		expect(r.relations.find((x) => x.type === 'BUILDS_ON')).toEqual({
			type: 'BUILDS_ON',
			count: 2,
			perPaper: 2 / 5,
			papersShare: 1 / 5
		});
		expect(r.relations.find((x) => x.type === 'COMPARED_WITH')?.count).toBe(0);
	});

	it('the most frequent names per type, with paper counts', () => {
		const r = tally();
		expect(r.topNames.Model).toEqual([
			{ name: 'SDXL', papers: 3, lexiconShare: 1 },
			{ name: 'KOALA', papers: 2, lexiconShare: 0 }
		]);
		expect(r.topNames.Technique.map((t) => t.name)).toEqual([
			'LoRA-based',
			'the proposed method of'
		]);
		expect(r.topNames.Task).toEqual([]);
	});

	it('junk signs: counts and examples', () => {
		const r = tally();
		const sign = (s: string) => r.junk.find((j) => j.sign === s);
		expect(sign('ends with a hyphen-adjective')).toEqual({
			sign: 'ends with a hyphen-adjective',
			names: 1,
			papers: 1,
			examples: [{ name: 'LoRA-based', type: 'Technique', papers: 1 }]
		});
		expect(sign('starts or ends with a stop word')?.names).toBe(1);
		expect(sign('number or version')?.names).toBe(0);
		expect(r.junkShare).toBe(2 / 5);
	});

	it('without typeRule anywhere there is no rule breakdown; empty tallies give zeros', () => {
		const t = new CorpusTally();
		t.add(digestExtraction(extraction('p', [lex('BERT', 'Model')])));
		expect(t.report().typing).toEqual({ lexicon: 1, context: 0, lexiconShare: 1 });
		const empty = new CorpusTally().report();
		expect(empty).toMatchObject({ papers: 0, entities: 0, relationsPerPaper: 0, junkShare: 0 });
		expect(empty.mentionsPerPaper).toEqual({ mean: 0, median: 0 });
	});

	it("measures the vocabulary's growth: checkpoints, Heaps' exponent and new names per paper", () => {
		// distinct names growing like 10·√papers: exponent 0.5
		const sqrt = Array.from({ length: 20_000 }, (_, i) => Math.round(10 * Math.sqrt(i + 1)));
		const g = vocabularyGrowth(sqrt);
		expect(g.points.map((p) => p.papers)).toEqual([500, 1000, 2000, 5000, 10_000, 20_000]);
		expect(g.points[1]).toEqual({ papers: 1000, distinct: 316 });
		expect(g.heapsExponent).toBeCloseTo(0.5, 2);
		// a closed vocabulary stops growing: no new names in the second half
		const closed = Array.from({ length: 4000 }, (_, i) => Math.min(i + 1, 425));
		expect(vocabularyGrowth(closed).newPerPaper).toBe(0);
		// two new names in every paper
		const open = Array.from({ length: 4000 }, (_, i) => 2 * (i + 1));
		expect(vocabularyGrowth(open)).toMatchObject({ newPerPaper: 2 });
		expect(vocabularyGrowth(open).heapsExponent).toBeCloseTo(1, 5);
		expect(vocabularyGrowth([])).toEqual({ points: [], heapsExponent: 0, newPerPaper: 0 });
	});

	it('prints readable tables', () => {
		const text = formatCorpusReport(tally(), 'Extraction report: test');
		expect(text).toContain('Extraction report: test');
		expect(text).toMatch(/papers with no entity\s+2 \(40\.0 %\)/);
		expect(text).toMatch(/Model\s+5\s+62\.5 %\s+2\s+60\.0 %/);
		expect(text).toMatch(/BUILDS_ON\s+2\s+0\.400\s+20\.0 %/);
		expect(text).toMatch(/1\s+SDXL\s+3\s+100\.0 %/);
		expect(text).toContain('e.g. «LoRA-based» Technique 1');
		expect(text).toContain('type rules: type.head 1');
	});
});

describe('junkSigns', () => {
	it.each([
		['4.0', ['number or version']],
		['v2', ['number or version']],
		['version 3', ['number or version']],
		['Model (CRM', ['unbalanced brackets or quotes']],
		['"RLDBF', ['unbalanced brackets or quotes']],
		['“Quoted', ['unbalanced brackets or quotes']],
		['LLM-powered', ['ends with a hyphen-adjective']],
		['graph-aware', ['ends with a hyphen-adjective']],
		['classifier-free', ['ends with a hyphen-adjective']],
		['The Pile', ['starts or ends with a stop word']],
		['diffusion for', ['starts or ends with a stop word']],
		['Efficient Personalized Federated Learning with Adaptive LoRA', ['longer than 6 words']],
		['our model achieves', ['starts or ends with a stop word', 'sentence-like (finite verb)']],
		['LoRA is', ['starts or ends with a stop word', 'sentence-like (finite verb)']],
		['diffusion outperforms GANs', ['sentence-like (finite verb)']]
	])('%s → %j', (name, signs) => {
		expect(junkSigns(name)).toEqual(signs);
	});

	it.each([
		'GPT-4',
		'SDXL',
		'Stable Diffusion XL',
		'classifier-free guidance',
		'Llama 3-8B',
		'V2X',
		'PFGM++',
		'Bayes’ rule',
		'SD-v2.1',
		'ResNet (50)',
		'text-to-image generation'
	])('%s has none', (name) => {
		expect(junkSigns(name)).toEqual([]);
	});
});

describe('spread and Reservoir', () => {
	it('mean and median', () => {
		expect(spread([3, 1, 2])).toEqual({ mean: 2, median: 2 });
		expect(spread([4, 1, 2, 10])).toEqual({ mean: 4.25, median: 3 });
	});

	const sample = (seed: number, size = 10, n = 1000) => {
		const r = new Reservoir<number>(size, seed);
		for (let i = 0; i < n; i++) r.offer(i);
		return r.sample();
	};

	it('the same seed gives the same sample, in stream order; another seed another one', () => {
		const a = sample(7);
		expect(a).toHaveLength(10);
		expect(sample(7)).toEqual(a);
		expect([...a].sort((x, y) => x - y)).toEqual(a);
		expect(new Set(a).size).toBe(10);
		expect(sample(8)).not.toEqual(a);
		expect(sample(1, 10, 4)).toEqual([0, 1, 2, 3]);
	});

	it('is uniform: every item about as likely (chi-square over 2,000 seeds)', () => {
		const counts = new Array<number>(20).fill(0);
		for (let seed = 0; seed < 2000; seed++) for (const i of sample(seed, 5, 20)) counts[i]!++;
		const expected = (2000 * 5) / 20;
		const chi = counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
		expect(chi).toBeLessThan(45); // 19 degrees of freedom: p ≈ 0.001
	});
});

describe('reportFiles', () => {
	const dir = mkdtempSync(join(tmpdir(), 'lineage-report-'));
	const fixture = new URL('../../fixtures/sources/papers.jsonl', import.meta.url).pathname;

	it('reads plain and gzip files, counts rejects, extracts on the worker pool', async () => {
		const gz = join(dir, 'papers.jsonl.gz');
		writeFileSync(gz, gzipSync(readFileSync(fixture)));
		const broken = join(dir, 'broken.jsonl');
		writeFileSync(broken, '{"title": "x"\n');
		const inThread = await reportFiles([fixture, gz, broken], { workers: 0 });
		const pooled = await reportFiles([fixture, gz, broken], { workers: 2, batchSize: 2 });
		const plain = await reportFiles([fixture], { workers: 0 });
		expect(inThread.report.papers).toBe(2 * plain.report.papers);
		expect(inThread.report.rejects).toBe(1);
		expect(inThread.report.entities).toBeGreaterThan(0);
		expect(pooled.report).toEqual(inThread.report);
	}, 60_000);

	it('--limit takes the first papers, --sample a seeded sample of them', async () => {
		const all = await reportFiles([fixture], { workers: 0 });
		const first = await reportFiles([fixture], { workers: 0, limit: 2 });
		expect(first.report.papers).toBe(2);
		expect(first.offered).toBe(2);
		const s1 = await reportFiles([fixture], { workers: 0, sample: 2, seed: 5 });
		const s2 = await reportFiles([fixture], { workers: 0, sample: 2, seed: 5 });
		expect(s1.report.papers).toBe(2);
		expect(s1.offered).toBe(all.report.papers);
		expect(s2.report).toEqual(s1.report);
	});
});
