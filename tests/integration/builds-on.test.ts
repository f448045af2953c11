// "What builds on X" on a graph shaped like real extractions: a paper whose edge to the root is
// its own but too weak for its method to inherit, and an edge between two entities stated by a
// paper that proposes neither. One row per method either way, each with a paper as evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver, readRows } from '../../graph/driver.js';
import { writeBatch } from '../../graph/queries/load.js';
import { buildsOn, lineage } from '../../graph/queries/lineage.js';
import { loadSnapshot } from '../../graph/projection/load.js';
import { snapshotFoldedLineage } from '../../graph/projection/lineage.js';
import { resetGraph } from '../../graph/queries/stats.js';
import { toFacts } from '../../ingest/load/facts.js';
import { extraction, ID, PAPERS, type PaperSpec } from '../fixtures/known-graph.js';
import { noNeo4j, graphDb } from '../helpers/db.js';

const EXTRA: PaperSpec[] = [
	{
		id: 'p-quantx',
		title: 'QuantX: Rotation for Quantization-Friendly Diffusion',
		year: 2025,
		sentences: [
			'We propose QuantX.',
			'Experiments on Stable Diffusion v1.5 and SDXL show smaller errors.'
		],
		// evaluated on two variants: the paper's own edges, too weak for QuantX to inherit
		facts: [
			['@paper', 'PROPOSES', 'QUANTX', 0],
			['@paper', 'BUILDS_ON', 'SD15', 1, 0.65],
			['@paper', 'BUILDS_ON', 'SDXL', 1, 0.65]
		]
	},
	{
		// names the base model it measures, no cue: not a lineage step
		id: 'p-mention',
		title: 'A Benchmark of Image Generators',
		year: 2025,
		sentences: ['We measure Stable Diffusion on our benchmark.'],
		facts: [['@paper', 'BUILDS_ON', 'SD', 0, 0.5]]
	},
	{
		// proposes a method typed as a dataset, which inherits the paper's cued edge to LoRA
		id: 'p-cloq',
		title: 'CLoQ: Calibrated Initialization for Quantized Fine-Tuning',
		year: 2025,
		sentences: ['We propose CLoQ.', 'CLoQ builds on LoRA.'],
		facts: [
			['@paper', 'PROPOSES', 'CLOQ', 0],
			['@paper', 'BUILDS_ON', 'LORA', 1, 0.8]
		]
	},
	{
		id: 'p-background',
		title: 'A Survey of Fast Samplers',
		year: 2025,
		sentences: ['LCM-LoRA has been applied to Stable Diffusion.'],
		facts: [['LCMLORA', 'BUILDS_ON', 'SD', 0]]
	}
];

describe.skipIf(noNeo4j)('buildsOn: one row per method, each with its evidence', () => {
	beforeAll(async () => {
		await resetGraph(graphDb());
		const session = graphDb().driver.session();
		try {
			await session.executeWrite((tx) =>
				writeBatch(
					tx,
					[...PAPERS, ...EXTRA].map((p) => toFacts(extraction(p)))
				)
			);
		} finally {
			await session.close();
		}
	});
	afterAll(async () => {
		await resetGraph(graphDb());
		await closeDriver();
	});

	it('shows a paper that proposes a method as that method, its variants in one row', async () => {
		const { rows } = await buildsOn(graphDb(), ID.SD);
		const quantx = rows.filter((r) => r.label.includes('QuantX'));
		expect(quantx).toHaveLength(1);
		expect(quantx[0]).toMatchObject({
			id: ID.QUANTX,
			kind: 'Entity',
			support: 2,
			paper: { id: 'p-quantx' },
			statedBy: { id: 'p-quantx' }
		});
		expect(quantx[0]!.variants!.map((v) => v.label).sort()).toEqual([
			'SDXL',
			'Stable Diffusion v1.5'
		]);
		expect(rows.some((r) => r.kind === 'Paper' && r.id === 'p-quantx')).toBe(false);
	});

	it('gives a method reached through another paper’s sentence that paper as evidence', async () => {
		const { rows } = await buildsOn(graphDb(), ID.SD);
		const lcm = rows.find((r) => r.id === ID.LCMLORA);
		expect(lcm).toMatchObject({
			paper: { id: 'p-lcm' },
			statedBy: { id: 'p-background', title: 'A Survey of Fast Samplers' }
		});
		for (const r of rows) expect(r.statedBy?.id).toBeTruthy();
	});

	it('locates each row’s evidence sentence in its paper, naming the root or a variant', async () => {
		const { rows } = await buildsOn(graphDb(), ID.SD);
		const located = rows.filter((r) => r.statedBy?.at);
		expect(located.length).toBe(rows.length);
		for (const r of located) {
			const [paper] = await readRows<{ text: string }>(
				graphDb(),
				'MATCH (p:Paper {id: $id}) RETURN p.abstract AS text',
				{ id: r.statedBy!.id }
			);
			const [start, end] = r.statedBy!.at!;
			const sentence = paper!.text.slice(start, end);
			const names = ['Stable Diffusion', 'SD', ...(r.variants ?? []).map((v) => v.label)];
			expect(
				names.some((n) => sentence.includes(n)),
				`${r.label}: «${sentence}»`
			).toBe(true);
		}
	});

	it('leaves a paper that only names the base model out of the table and both lineages', async () => {
		const { rows } = await buildsOn(graphDb(), ID.SD);
		expect(rows.map((r) => r.id)).not.toContain('p-mention');
		const fromNeo4j = await lineage(graphDb(), ID.SD);
		const { snapshot } = await loadSnapshot(graphDb());
		const fromCopy = snapshotFoldedLineage(snapshot, ID.SD);
		for (const result of [fromNeo4j, fromCopy]) {
			const ids = result.nodes.map((n) => n.id);
			expect(ids).not.toContain('p-mention');
			expect(ids).toContain(ID.QUANTX); // a cued paper's method stays
		}
		expect(fromCopy.nodes.map((n) => n.id).sort()).toEqual(fromNeo4j.nodes.map((n) => n.id).sort());
	});

	it('folds a paper into what it proposes when the extractor took the method for a dataset', async () => {
		const fromNeo4j = await lineage(graphDb(), ID.LORA);
		const { snapshot } = await loadSnapshot(graphDb());
		const fromCopy = snapshotFoldedLineage(snapshot, ID.LORA);
		expect(fromCopy).toEqual(fromNeo4j);
		const ids = fromNeo4j.nodes.map((n) => n.id);
		// one node for CLoQ, not the paper beside it
		expect(ids).not.toContain('p-cloq');
		expect(fromNeo4j.nodes.find((n) => n.id === ID.CLOQ)).toMatchObject({
			proposedIn: { id: 'p-cloq', year: 2025 }
		});
		// …and one row in the table, with the paper as its evidence
		const { rows } = await buildsOn(graphDb(), ID.LORA);
		const cloq = rows.filter((r) => r.id === ID.CLOQ || r.id === 'p-cloq');
		expect(cloq).toHaveLength(1);
		expect(cloq[0]).toMatchObject({
			id: ID.CLOQ,
			paper: { id: 'p-cloq' },
			statedBy: { id: 'p-cloq' }
		});
	});
});
