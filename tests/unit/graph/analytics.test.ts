// Analytics on small graphs whose answer is known: two obvious communities, a generic hub that
// importance must discount, related entities by shared neighbours, and what is rising.
import { describe, expect, it } from 'vitest';
import { computeAnalytics } from '../../../graph/analytics/compute.js';
import { analyticsInput } from '../../../graph/analytics/input.js';
import { runAnalytics } from '../../../graph/analytics/run.js';
import {
	AnalyticsIndex,
	AnalyticsNotReadyError,
	entityYears,
	relatedEntities
} from '../../../graph/analytics/view.js';
import { fieldMap, MAP_REGIONS } from '../../../graph/analytics/map.js';
import type { EntityType, RelationType } from '../../../graph/model.js';
import {
	GraphSnapshot,
	RelationColumns,
	type SnapshotNodeRow
} from '../../../graph/projection/snapshot.js';

interface Spec {
	entities: [string, EntityType][];
	/** [head, TYPE, tail, support] */
	relations: [string, RelationType, string, number][];
	/** papers: [year or null, names mentioned] */
	papers: [number | null, string[]][];
}

function snapshot(spec: Spec): GraphSnapshot {
	const nodes: SnapshotNodeRow[] = [];
	const refOf = new Map<string, number>();
	for (const [name, type] of spec.entities) {
		refOf.set(name, nodes.length);
		nodes.push({
			ref: nodes.length,
			id: `e:${name}`,
			type,
			label: name,
			year: null,
			paperCount: 0
		});
	}
	const mentions = { paper: [] as number[], entity: [] as number[] };
	spec.papers.forEach(([year, names], k) => {
		const ref = nodes.length;
		nodes.push({ ref, id: `p${k}`, type: 'Paper', label: `Paper ${k}`, year, paperCount: 1 });
		for (const name of names) {
			mentions.paper.push(ref);
			mentions.entity.push(refOf.get(name)!);
			nodes[refOf.get(name)!]!.paperCount++;
		}
	});
	const relations = new RelationColumns();
	spec.relations.forEach(([a, type, b, support], k) =>
		relations.push({ ref: k, from: refOf.get(a)!, to: refOf.get(b)!, type, support })
	);
	return new GraphSnapshot('v1', nodes, relations, mentions);
}

function analyse(spec: Spec) {
	const snap = snapshot(spec);
	const { input, entities } = analyticsInput(snap);
	const result = computeAnalytics(input);
	return { snap, index: new AnalyticsIndex('v1', snap, entities, result), result };
}

// Two families of methods that never meet: diffusion image models and speech models.
const TWO_FAMILIES: Spec = {
	entities: [
		['Stable Diffusion', 'Model'],
		['SDXL', 'Model'],
		['ControlNet', 'Model'],
		['LoRA', 'Technique'],
		['MS COCO', 'Dataset'],
		['Whisper', 'Model'],
		['wav2vec 2.0', 'Model'],
		['HuBERT', 'Model'],
		['LibriSpeech', 'Dataset'],
		['WER', 'Metric']
	],
	relations: [
		['SDXL', 'BUILDS_ON', 'Stable Diffusion', 4],
		['ControlNet', 'BUILDS_ON', 'Stable Diffusion', 3],
		['ControlNet', 'USES', 'SDXL', 1],
		['LoRA', 'COMPARED_WITH', 'ControlNet', 1],
		['SDXL', 'EVALUATED_ON', 'MS COCO', 2],
		['Stable Diffusion', 'TRAINED_ON', 'MS COCO', 1],
		['HuBERT', 'BUILDS_ON', 'wav2vec 2.0', 3],
		['Whisper', 'COMPARED_WITH', 'wav2vec 2.0', 2],
		['Whisper', 'EVALUATED_ON', 'LibriSpeech', 2],
		['HuBERT', 'EVALUATED_ON', 'LibriSpeech', 2],
		['wav2vec 2.0', 'EVALUATED_ON', 'WER', 1],
		['Whisper', 'EVALUATED_ON', 'WER', 2]
	],
	papers: [
		[2022, ['Stable Diffusion', 'MS COCO']],
		[2023, ['SDXL', 'Stable Diffusion', 'MS COCO']],
		[2023, ['ControlNet', 'Stable Diffusion', 'SDXL', 'LoRA']],
		[2021, ['wav2vec 2.0', 'HuBERT', 'LibriSpeech']],
		[2023, ['Whisper', 'wav2vec 2.0', 'LibriSpeech', 'WER']],
		// a real corpus has many more papers: none of these entities is generic
		...Array.from({ length: 25 }, (): [number, string[]] => [2023, []])
	]
};

describe('communities', () => {
	it('finds two obvious communities, each named by its most important members', () => {
		const { index } = analyse(TWO_FAMILIES);
		const of = (name: string) => index.entity(`e:${name}`)!.community!.id;
		const image = ['Stable Diffusion', 'SDXL', 'ControlNet', 'LoRA', 'MS COCO'];
		const speech = ['Whisper', 'wav2vec 2.0', 'HuBERT', 'LibriSpeech', 'WER'];
		for (const name of image) expect(of(name)).toBe(of('Stable Diffusion'));
		for (const name of speech) expect(of(name)).toBe(of('wav2vec 2.0'));
		expect(of('Stable Diffusion')).not.toBe(of('wav2vec 2.0'));
		expect(index.communities).toHaveLength(2);
		const image0 = index.communities.find((c) => c.id === of('Stable Diffusion'))!;
		expect(image0.size).toBe(5);
		expect(image0.name.split(' · ')).toHaveLength(3);
		expect(image0.name.startsWith('Stable Diffusion')).toBe(true);
		const detail = index.community(image0.id, 10);
		expect(detail.members.map((m) => m.name).sort()).toEqual([...image].sort());
		// Members come most important first.
		const imp = detail.members.map((m) => m.importance);
		expect([...imp].sort((a, b) => b - a)).toEqual(imp);
	});

	it('gives the same answer twice (seeded), and none for an empty graph', () => {
		const a = analyse(TWO_FAMILIES).result.community;
		const b = analyse(TWO_FAMILIES).result.community;
		expect([...a]).toEqual([...b]);
		const empty = analyse({ entities: [], relations: [], papers: [] });
		expect(empty.index.communities).toEqual([]);
	});

	it('runs in a worker thread with the same result', async () => {
		const snap = snapshot(TWO_FAMILIES);
		const { input } = analyticsInput(snap);
		const stages: string[] = [];
		const result = await runAnalytics(input, {}, (stage) => stages.push(stage));
		expect([...result.community]).toEqual([...computeAnalytics(input).community]);
		expect(stages).toContain('communities');
		// The explorer's map comes laid out with them, from the worker.
		expect(stages).toContain('map');
		expect(result.map).toEqual(computeAnalytics(input).map);
	});
});

describe('the map, laid out with the analytics', () => {
	it('answers the explorer’s map from the analytics job’s layout, other sizes when asked', () => {
		const { snap, result } = analyse(TWO_FAMILIES);
		expect(result.map?.limit).toBe(MAP_REGIONS);
		// Without the input kept, only the job's map can be answered: it needs no more work.
		const { entities, input } = analyticsInput(snap);
		const bare = new AnalyticsIndex('v1', snap, entities, result);
		const map = fieldMap(bare, { limit: MAP_REGIONS });
		expect(map.regions.map((r) => [r.x, r.y, r.r])).toEqual(
			result
				.map!.ks.map((_, s) => [result.map!.x[s], result.map!.y[s], result.map!.r[s]])
				.map((v) => v.map((z) => Math.round(z! * 10) / 10))
		);
		const image = map.regions.find((r) => r.name.startsWith('Stable Diffusion'))!;
		const speech = map.regions.find((r) => r !== image)!;
		expect(map.regions).toHaveLength(2);
		// Each paper of the image family mentions its members; the speech papers theirs.
		expect(image.papersAll).toBe(3);
		expect(speech.papersAll).toBe(2);
		expect(Math.hypot(image.x - speech.x, image.y - speech.y)).toBeGreaterThanOrEqual(
			image.r + speech.r
		);
		expect(() => fieldMap(bare, { limit: 1 })).toThrow(AnalyticsNotReadyError);
		// With it, any size: the same layout as the job's for the same size.
		const kept = new AnalyticsIndex('v1', snap, entities, result, input);
		expect(fieldMap(kept, { limit: 1 }).regions).toHaveLength(1);
		expect(fieldMap(kept, { limit: MAP_REGIONS })).toEqual(map);
	});
});

describe('importance', () => {
	// "large language model" is mentioned by every paper and everything uses it; LoRA is
	// what four methods build on in papers of their own.
	const methods = ['QLoRA', 'DoRA', 'LoRA+', 'AdaLoRA'];
	const others = Array.from({ length: 12 }, (_, k) => `Method ${k}`);
	const HUB: Spec = {
		entities: [
			['large language model', 'Model'],
			['LoRA', 'Technique'],
			...methods.map((m) => [m, 'Technique'] as [string, EntityType]),
			...others.map((m) => [m, 'Model'] as [string, EntityType])
		],
		relations: [
			...methods.map((m) => [m, 'BUILDS_ON', 'LoRA', 2] as Spec['relations'][number]),
			...[...methods, ...others].map(
				(m) => [m, 'USES', 'large language model', 2] as Spec['relations'][number]
			)
		],
		papers: [
			...methods.map((m) => [2024, [m, 'LoRA', 'large language model']] as Spec['papers'][number]),
			...others.map((m) => [2024, [m, 'large language model']] as Spec['papers'][number])
		]
	};

	it('ranks a generic hub below the specific method built on', () => {
		const { index } = analyse(HUB);
		const lora = index.entity('e:LoRA')!;
		const llm = index.entity('e:large language model')!;
		expect(lora.rank).toBe(1);
		expect(llm.rank).toBeGreaterThan(lora.rank);
		expect(lora.importance).toBe(1);
		// Without the discount the hub would lead: it has four times LoRA's links.
		expect(llm.importance).toBeLessThan(lora.importance);
	});
});

describe('related entities', () => {
	it('ranks by shared neighbours, rare ones weighing most, and says which', () => {
		const snap = snapshot(TWO_FAMILIES);
		const related = relatedEntities(snap, 'e:HuBERT', 5);
		// HuBERT shares wav2vec 2.0 and LibriSpeech with Whisper; no image model shares any.
		expect(related[0]!.name).toBe('Whisper');
		expect(related[0]!.shared.map((s) => s.name).sort()).toEqual(['LibriSpeech', 'wav2vec 2.0']);
		expect(related[0]!.sharedCount).toBe(2);
		expect(related.map((r) => r.name)).not.toContain('SDXL');
		// Methods are compared with methods: no dataset or metric among them.
		expect(related.every((r) => r.type === 'Model' || r.type === 'Technique')).toBe(true);
		expect(() => relatedEntities(snap, 'e:nothing', 5)).toThrow(/nothing/);
	});
});

describe('time', () => {
	it('counts papers per year as a share of the corpus that year', () => {
		const snap = snapshot({
			...TWO_FAMILIES,
			papers: [...TWO_FAMILIES.papers.slice(0, 5), [null, ['SDXL']], [2023, ['Whisper']]]
		});
		const y = entityYears(snap, 'e:SDXL');
		expect(y.years.map((r) => r.year)).toEqual([2021, 2022, 2023]);
		expect(y.years.find((r) => r.year === 2023)).toEqual({
			year: 2023,
			papers: 2,
			total: 4,
			share: 0.5
		});
		expect(y.papers).toBe(3);
		expect(y.papersWithoutYear).toBe(1);
	});

	it('ranks rising entities by growth of their share, not their count', () => {
		// 2024 has 10 papers, 2025 has 40: "Mamba" goes from 1 in 10 to 12 in 40 (a share
		// 3×), "Transformer" from 5 in 10 to 20 in 40 (the same share: not rising).
		const papers: Spec['papers'] = [];
		for (let k = 0; k < 10; k++)
			papers.push([2024, [...(k < 1 ? ['Mamba'] : []), ...(k < 5 ? ['Transformer'] : [])]]);
		for (let k = 0; k < 40; k++)
			papers.push([2025, [...(k < 12 ? ['Mamba'] : []), ...(k < 20 ? ['Transformer'] : [])]]);
		const { index } = analyse({
			entities: [
				['Mamba', 'Model'],
				['Transformer', 'Model']
			],
			relations: [],
			papers
		});
		expect(index.rising.recent).toEqual({ from: 2025, to: 2025 });
		expect(index.rising.entities.map((e) => e.name)).toEqual(['Mamba']);
		expect(index.rising.entities[0]).toMatchObject({ recentPapers: 12, pastPapers: 1 });
		const one = analyse({ ...TWO_FAMILIES, papers: [[2024, ['SDXL', 'Stable Diffusion']]] });
		expect(one.index.rising.entities).toEqual([]);
		expect(one.index.rising.note).toMatch(/no past/);
	});
});
