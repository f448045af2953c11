// `lineage curate …` as a user runs it: corrections made, listed, undone, shared as a file;
// bad requests exit 2 and change nothing; `reset --yes` keeps corrections unless --with-curation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver, readRows } from '../../graph/driver.js';
import { deleteCurations, listCurations } from '../../graph/queries/curation.js';
import { graphFingerprint, resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { runCli } from '../../support/cli.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-curate-cli-'));
const PAPERS = path.join(tmp, 'papers.jsonl');
fs.writeFileSync(
	PAPERS,
	[
		{
			id: 'koala',
			title: 'KOALA: Knowledge Distillation of Latent Diffusion Models for Fast Image Synthesis',
			abstract:
				'We propose KOALA, an efficient text-to-image model distilled from SDXL. KOALA-700M is built upon Stable Diffusion XL and uses LoRA. We evaluate on MS COCO with FID.',
			year: 2023
		}
	]
		.map((p) => JSON.stringify(p))
		.join('\n') + '\n'
);

const names = async () =>
	(await readRows<{ id: string }>(graphDb(), 'MATCH (e:Entity) RETURN e.id AS id ORDER BY id')).map(
		(r) => r.id
	);

describe.skipIf(noNeo4j)('lineage curate', () => {
	beforeAll(async () => {
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await ingest(graphDb(), { files: [PAPERS], workers: 0 });
	});
	afterAll(async () => {
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('makes, lists, exports, undoes and imports corrections', async () => {
		const merged = await runCli(
			[
				'curate',
				'merge',
				'model:koala',
				'model:koala-700m',
				'--why',
				'KOALA-700M is a size of KOALA',
				'--by',
				'ada'
			],
			{ env: testEnv() }
		);
		expect(merged.stderr).toBe('');
		expect(merged.code).toBe(0);
		expect(merged.stdout).toMatch(/^c-\S+ {2}merge model:koala-700m into model:koala/);
		expect(await names()).not.toContain('model:koala-700m');

		const list = await runCli(['curate', 'list', '--json'], { env: testEnv() });
		expect(list.code).toBe(0);
		const [record] = list.stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(record).toMatchObject({
			kind: 'merge',
			by: 'ada',
			why: 'KOALA-700M is a size of KOALA',
			undone: false,
			args: { keep: 'model:koala', other: 'model:koala-700m' }
		});
		expect((await runCli(['curate', 'list'], { env: testEnv() })).stdout).toContain(
			'why: KOALA-700M is a size of KOALA'
		);

		const exported = path.join(tmp, 'corrections.jsonl');
		expect((await runCli(['curate', 'export', exported], { env: testEnv() })).code).toBe(0);
		expect(fs.readFileSync(exported, 'utf8').trim().split('\n')).toHaveLength(1);

		const undone = await runCli(['curate', 'undo', record.id, '--by', 'bob'], { env: testEnv() });
		expect(undone.code).toBe(0);
		expect(await names()).toContain('model:koala-700m');
		expect((await listCurations(graphDb()))[0]).toMatchObject({ undone: true, undoneBy: 'bob' });

		// Shared elsewhere: a graph with no corrections imports the file once.
		await deleteCurations(graphDb());
		const first = await runCli(['curate', 'import', exported], { env: testEnv() });
		expect(first.stdout).toContain('1 added');
		expect(await names()).not.toContain('model:koala-700m');
		const fingerprint = await graphFingerprint(graphDb());
		const second = await runCli(['curate', 'import', exported], { env: testEnv() });
		expect(second.stdout).toContain('0 added, 0 undone, 1 already here');
		expect(await graphFingerprint(graphDb())).toBe(fingerprint);
	});

	it('exits 2 on a bad request and changes nothing', async () => {
		const fingerprint = await graphFingerprint(graphDb());
		for (const args of [
			['merge', 'model:koala', 'model:nope'],
			['retype', 'model:koala', 'Planet'],
			['reject', 'model:koala', 'LIKES', 'technique:lora'],
			['rename', 'model:koala', 'K', '--why', 'x'.repeat(100_000)],
			['alias', 'model:koala', 'replace', 'K'],
			['add', 'model:koala', 'USES', 'technique:lora'],
			['undo', 'c-nope-0000']
		]) {
			const res = await runCli(['curate', ...args], { env: testEnv() });
			expect(res.code, args.join(' ').slice(0, 80)).toBe(2);
			expect(res.stderr).toMatch(/Nothing was changed/);
		}
		expect(await graphFingerprint(graphDb())).toBe(fingerprint);
		const unknown = await runCli(['curate', 'merge', 'model:koala', 'model:nope'], {
			env: testEnv()
		});
		expect(unknown.stderr).toContain('No entity has the id model:nope');
		const type = await runCli(['curate', 'retype', 'model:koala', 'Planet'], { env: testEnv() });
		expect(type.stderr).toContain('Model, Technique, Dataset, Metric, Task');
	});

	it('reset --yes keeps the corrections, --with-curation deletes them', async () => {
		expect((await listCurations(graphDb())).length).toBeGreaterThan(0);
		const kept = await runCli(['reset', '--yes'], { env: testEnv() });
		expect(kept.code).toBe(0);
		expect(kept.stdout).toMatch(/Kept \d+ corrections/);
		expect((await listCurations(graphDb())).length).toBeGreaterThan(0);
		await ingest(graphDb(), { files: [PAPERS], workers: 0 });
		expect(await names()).not.toContain('model:koala-700m');
		const gone = await runCli(['reset', '--yes', '--with-curation'], { env: testEnv() });
		expect(gone.stdout).toMatch(/Deleted \d+ corrections/);
		expect(await listCurations(graphDb())).toEqual([]);
	});
	it('exports the corrected papers as gold, and eval scores the extractor against them', async () => {
		await deleteCurations(graphDb());
		await resetGraph(graphDb());
		await ingest(graphDb(), { files: [PAPERS], workers: 0 });
		for (const args of [
			// the edge the explorer shows: KOALA (the paper's method) uses LoRA
			['reject', 'model:koala', 'USES', 'technique:lora', '--why', 'LoRA is only mentioned'],
			['reject', 'model:koala-700m', 'VARIANT_OF', 'model:koala', '--why', 'test'],
			['rename', 'model:koala', 'KOALA-Net', '--why', 'the authors spell it so']
		]) {
			const res = await runCli(['curate', ...args], { env: testEnv() });
			expect(res.stderr, args.join(' ')).toBe('');
		}
		const file = path.join(tmp, 'gold.jsonl');
		const exported = await runCli(['curate', 'export', file, '--as-gold'], { env: testEnv() });
		expect(exported.code).toBe(0);
		expect(exported.stdout).toContain('Wrote 1 corrected papers (3 corrections in force)');
		const [paper, ...more] = fs
			.readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(more).toEqual([]);
		expect(paper.id).toBe('koala');
		expect(paper.abstract).toContain('We propose KOALA');
		expect(paper.entities).toContainEqual(
			expect.objectContaining({ name: 'KOALA-Net', type: 'Model', core: true })
		);
		const koala = paper.entities.find((e: { name: string }) => e.name === 'KOALA-Net');
		expect(koala.aliases).toContain('KOALA');
		const edges = paper.relations.map(
			(r: { head: string; type: string; tail: string }) => `${r.head} ${r.type} ${r.tail}`
		);
		expect(edges).toContain('@paper EVALUATED_ON MS COCO');
		expect(edges).not.toContain('@paper USES LoRA');
		expect(edges).not.toContain('KOALA-Net USES LoRA');
		expect(edges).not.toContain('KOALA-700M VARIANT_OF KOALA-Net');

		// the extractor still states both rejected edges: eval counts them as false positives
		const scored = await runCli(['eval', file, '--details'], { env: testEnv() });
		expect(scored.code).toBe(0);
		const misses = scored.stdout
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l));
		expect(misses).toContainEqual(
			expect.objectContaining({ kind: 'relation-fp', type: 'USES', tail: 'LoRA' })
		);
		expect(misses).toContainEqual(
			expect.objectContaining({ kind: 'relation-fp', type: 'VARIANT_OF', head: 'KOALA-700M' })
		);
		expect(scored.stdout).toMatch(/relations\s+P 0\.\d+/);
	});

	it('exports a paper with no relation between entities without empty relations', async () => {
		// On the real corpus, a corrected paper that supports no entity edge got a relation of
		// nulls in its gold, which eval then counted as a miss.
		await deleteCurations(graphDb());
		await resetGraph(graphDb());
		const lone = path.join(tmp, 'lone.jsonl');
		fs.writeFileSync(
			lone,
			JSON.stringify({
				id: 'fid-study',
				title: 'How stable is FID?',
				abstract: 'We measure FID on MS COCO.',
				year: 2024
			}) + '\n'
		);
		await ingest(graphDb(), { files: [lone], workers: 0 });
		const alias = await runCli(['curate', 'alias', 'metric:fid', 'add', 'FID-2024', '--why', 'x'], {
			env: testEnv()
		});
		expect(alias.stderr).toBe('');
		const file = path.join(tmp, 'lone-gold.jsonl');
		expect((await runCli(['curate', 'export', file, '--as-gold'], { env: testEnv() })).code).toBe(
			0
		);
		const [paper] = fs
			.readFileSync(file, 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(paper.relations.length).toBeGreaterThan(0);
		for (const r of paper.relations)
			expect(r, JSON.stringify(r)).toMatchObject({
				type: expect.any(String),
				tail: expect.any(String)
			});
		const scored = await runCli(['eval', file, '--details']);
		expect(scored.stdout).not.toMatch(/"type":null/);
	});
});
