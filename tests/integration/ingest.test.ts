import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../graph/config.js';
import { closeDriver, readRows } from '../../graph/driver.js';
import { entityId } from '../../graph/model.js';
import { entityDetail } from '../../graph/queries/entity.js';
import { paperDetail } from '../../graph/queries/paper.js';
import { graphChecksum, graphStats, resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { writeCorpus } from '../../support/corpus.js';
import { runCli } from '../../support/cli.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-ingest-'));
const file = (name: string, lines: object[]) => {
	const p = path.join(tmp, name);
	fs.writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
	return p;
};

const KOALA = {
	id: 'koala',
	title: 'KOALA: Knowledge Distillation of Latent Diffusion Models for Fast Image Synthesis',
	abstract:
		'We propose KOALA, an efficient text-to-image model distilled from SDXL. KOALA-700M is built upon Stable Diffusion XL and uses LoRA. We evaluate on MS COCO with FID.',
	year: 2023
};
const EDITED = {
	...KOALA,
	abstract:
		'We propose KOALA, an efficient text-to-image model distilled from SDXL. KOALA-700M is built upon Stable Diffusion XL and uses ControlNet. We evaluate on MS COCO with FID.'
};
const OTHER = {
	id: 'instaflow',
	title: 'InstaFlow: One Step is Enough for High-Quality Diffusion-Based Text-to-Image Generation',
	abstract:
		'We propose InstaFlow, a one-step text-to-image generator built on Stable Diffusion using rectified flow. InstaFlow reaches an FID of 23.3 on MS COCO 2017-5k, outperforming StyleGAN-T.',
	year: 2023
};

async function entityNames(): Promise<string[]> {
	const rows = await readRows<{ name: string }>(
		graphDb(),
		'MATCH (e:Entity) RETURN e.name AS name ORDER BY name'
	);
	return rows.map((r) => r.name);
}

describe.skipIf(noNeo4j)('ingest into Neo4j', () => {
	beforeEach(async () => {
		await resetGraph(graphDb());
	});
	afterAll(async () => {
		await resetGraph(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('loads papers, entities, relations with evidence, and a second run changes nothing', async () => {
		const input = file('two.jsonl', [KOALA, OTHER]);
		const first = await ingest(graphDb(), { files: [input], workers: 1 });
		expect(first).toMatchObject({ read: 2, new: 2, updated: 0, unchanged: 0, rejected: 0 });
		expect(first.entitiesCreated).toBeGreaterThan(4);
		expect(first.relationsCreated).toBeGreaterThan(4);
		const stats = await graphStats(graphDb());
		expect(stats.papers).toBe(2);
		const checksum = await graphChecksum(graphDb());

		// The evidence behind an edge: the paper builds on SDXL, said in the paper's own words,
		// and so does KOALA, which the paper proposes.
		const sdxl = await entityDetail(graphDb(), entityId('Model', 'SDXL'));
		const buildsOn = sdxl.relations.BUILDS_ON ?? [];
		const fromPaper = buildsOn.find((r) => r.other.id === 'koala');
		expect(fromPaper?.support).toBe(1);
		expect(fromPaper?.evidence[0]?.sentence).toMatch(
			/distilled from SDXL|built upon Stable Diffusion XL/
		);
		const fromKoala = buildsOn.find((r) => r.other.label === 'KOALA');
		expect(fromKoala?.evidence[0]).toMatchObject({ paperId: 'koala' });
		expect(fromKoala?.evidence[0]?.sentence).toMatch(/SDXL|Stable Diffusion XL/);

		const second = await ingest(graphDb(), { files: [input], workers: 1 });
		expect(second).toMatchObject({ read: 2, new: 0, updated: 0, unchanged: 2 });
		expect(await graphStats(graphDb())).toEqual(stats);
		expect(await graphChecksum(graphDb())).toBe(checksum);
	});

	it('counts support across papers: two papers citing MS COCO give support 2', async () => {
		await ingest(graphDb(), { files: [file('support.jsonl', [KOALA, OTHER])], workers: 0 });
		const rows = await readRows<{ support: number }>(
			graphDb(),
			`MATCH (:Paper)-[r:EVALUATED_ON]->(e:Entity) WHERE e.name STARTS WITH 'MS COCO' RETURN r.support AS support`
		);
		expect(rows.length).toBe(2);
		const [fid] = await readRows<{ paperCount: number }>(
			graphDb(),
			`MATCH (e:Entity) WHERE e.name = 'FID' RETURN e.paperCount AS paperCount`
		);
		expect(fid?.paperCount).toBe(2);
	});

	it('replaces the facts of a paper whose abstract changed, leaving no stale edge or orphan', async () => {
		await ingest(graphDb(), { files: [file('v1.jsonl', [KOALA, OTHER])], workers: 0 });
		expect(await entityNames()).toContain('LoRA');
		const report = await ingest(graphDb(), {
			files: [file('v2.jsonl', [EDITED, OTHER])],
			workers: 0
		});
		expect(report).toMatchObject({ new: 0, updated: 1, unchanged: 1 });
		const names = await entityNames();
		expect(names).not.toContain('LoRA');
		expect(names).toContain('ControlNet');
		const stale = await readRows(
			graphDb(),
			`MATCH (p:Paper {id: 'koala'}) UNWIND p.evidence AS record
			 WITH record WHERE record CONTAINS 'lora' RETURN record
			 UNION ALL
			 MATCH (ev:Evidence {paperId: 'koala'}) WHERE ev.target CONTAINS 'lora' RETURN ev.key AS record`
		);
		expect(stale).toEqual([]);
		expect(
			(await paperDetail(graphDb(), 'koala')).relations.map((r) => r.tail.label)
		).not.toContain('LoRA');
		// Same graph as loading the edited paper into an empty database.
		const updated = await graphChecksum(graphDb());
		await resetGraph(graphDb());
		await ingest(graphDb(), { files: [file('fresh.jsonl', [EDITED, OTHER])], workers: 0 });
		expect(await graphChecksum(graphDb())).toBe(updated);
	});

	it('an entity edge lists papers that support it, and finds its evidence when they go', async () => {
		const TWIN = {
			...KOALA,
			id: 'koala-twin',
			title: 'KOALA: Fast Image Synthesis by Knowledge Distillation'
		};
		await ingest(graphDb(), { files: [file('twins.jsonl', [KOALA, TWIN])], workers: 0 });
		const edge = () =>
			readRows<{ support: number; papers: string[] }>(
				graphDb(),
				`MATCH (:Entity {id: $a})-[r:USES]->(:Entity {id: $b})
				 RETURN r.support AS support, r.papers AS papers`,
				{ a: entityId('Model', 'KOALA'), b: entityId('Technique', 'LoRA') }
			);
		const usesLora = async () =>
			(await entityDetail(graphDb(), entityId('Model', 'KOALA'))).relations.USES?.find(
				(r) => r.other.label === 'LoRA'
			);
		expect(await edge()).toEqual([{ support: 2, papers: ['koala', 'koala-twin'] }]);
		await ingest(graphDb(), { files: [file('edited.jsonl', [EDITED, TWIN])], workers: 0 });
		expect(await edge()).toEqual([{ support: 1, papers: ['koala-twin'] }]);
		expect((await usesLora())?.evidence.map((e) => e.paperId)).toEqual(['koala-twin']);
		// An edge whose listed papers are gone (or a graph stored before the list) is searched.
		await graphDb().driver.executeQuery(`MATCH (:Entity)-[r:USES]->(:Entity) SET r.papers = []`);
		const found = await usesLora();
		expect(found?.evidence[0]?.paperId).toBe('koala-twin');
		expect(found?.evidence[0]?.sentence).toContain('LoRA');
		await ingest(graphDb(), {
			files: [file('both.jsonl', [EDITED, { ...EDITED, id: 'koala-twin', title: TWIN.title }])],
			workers: 0
		});
		expect(await edge()).toEqual([]);
	});

	it('merges duplicates (the newest version wins) and reports rejects with file and line', async () => {
		const input = file('messy.jsonl', [
			{
				...OTHER,
				id: undefined,
				arxivId: '2309.06380v1',
				abstract: 'We propose InstaFlow. Old text.'
			},
			{ ...OTHER, id: undefined, arxivId: '2309.06380v2' },
			{ id: 'no-abstract', title: 'A paper without an abstract' }
		]);
		fs.appendFileSync(input, '{"title": "broken json\n');
		const rejectsFile = path.join(tmp, 'rejects.jsonl');
		const report = await ingest(graphDb(), { files: [input], workers: 0, rejectsFile });
		expect(report).toMatchObject({ read: 2, new: 1, duplicate: 1, rejected: 2 });
		const rejects = fs
			.readFileSync(rejectsFile, 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(rejects.map((r) => r.line)).toEqual([3, 4]);
		for (const r of rejects) expect(r.uri).toBe(input);
		const [paper] = await readRows<{ abstract: string; id: string }>(
			graphDb(),
			`MATCH (p:Paper) RETURN p.abstract AS abstract, p.id AS id`
		);
		expect(paper!.id).toBe('arxiv:2309.06380');
		expect(paper!.abstract).toContain('one-step text-to-image generator');
	});

	it('--dry-run writes nothing', async () => {
		const res = await runCli(['ingest', '--dry-run', file('dry.jsonl', [KOALA, OTHER])], {
			env: testEnv()
		});
		expect(res.code).toBe(0);
		expect(res.stdout).toContain('Dry run: nothing was written.');
		expect((await graphStats(graphDb())).papers).toBe(0);
	});
});

describe.skipIf(noNeo4j)('ingest split across machines with --shard', () => {
	it('shards are disjoint and together make exactly the graph of one run', async () => {
		const corpus = path.join(tmp, 'shard.jsonl');
		await writeCorpus(corpus, 160, { seed: 11, vocabulary: 'closed' });
		// Later records with the titles of earlier ones: duplicates resolve the same way in
		// every shard, because sharding follows the winner's final id.
		const originals = fs
			.readFileSync(corpus, 'utf8')
			.trim()
			.split('\n')
			.slice(0, 12)
			.map((l) => JSON.parse(l) as { title: string; abstract: string });
		const updates = file(
			'shard-updates.jsonl',
			originals.map((o, i) => ({
				id: `update-${i}`,
				title: o.title,
				abstract: `${o.abstract} We also compare with SDXL using LoRA.`
			}))
		);
		const files = [corpus, updates];

		await resetGraph(graphDb());
		const whole = await ingest(graphDb(), { files, batchSize: 40 });
		expect(whole).toMatchObject({ read: 172, new: 160, duplicate: 12, skippedByShard: 0 });
		const expected = await graphChecksum(graphDb());
		await resetGraph(graphDb());

		// The second shard first, the first through the CLI's --shard flag.
		const second = await ingest(graphDb(), { files, batchSize: 40, shard: { index: 2, count: 2 } });
		const cli = await runCli(['ingest', corpus, updates, '--shard', '1/2', '--batch', '40'], {
			env: testEnv()
		});
		expect(cli.code).toBe(0);
		const firstNew = Number(/new\s+(\d+)/.exec(cli.stdout)?.[1]);
		expect(firstNew).toBeGreaterThan(40);
		expect(second.new).toBeGreaterThan(40);
		expect(firstNew + second.new).toBe(160); // disjoint, nothing missing
		expect(second.skippedByShard).toBe(firstNew);
		expect(await graphChecksum(graphDb())).toBe(expected);

		const bad = await runCli(['ingest', corpus, '--shard', '3/2'], { env: testEnv() });
		expect(bad.code).not.toBe(0);
		expect(bad.stderr).toMatch(/--shard must look like i\/n/);
	}, 300_000);
});

describe.skipIf(noNeo4j)('ingest from two processes at once', () => {
	it('two shards written at the same time make exactly the graph of one run', async () => {
		// an open vocabulary: both processes create and update many of the same entities at once
		const corpus = path.join(tmp, 'concurrent.jsonl');
		await writeCorpus(corpus, 300, { seed: 21, vocabulary: 'open' });
		await resetGraph(graphDb());
		const whole = await ingest(graphDb(), { files: [corpus], batchSize: 50 });
		expect(whole.new).toBe(300);
		const expected = await graphChecksum(graphDb());
		await resetGraph(graphDb());

		const [a, b] = await Promise.all([
			runCli(['ingest', corpus, '--shard', '1/2', '--batch', '50'], { env: testEnv() }),
			runCli(['ingest', corpus, '--shard', '2/2', '--batch', '50'], { env: testEnv() })
		]);
		expect(a.code, a.stderr).toBe(0);
		expect(b.code, b.stderr).toBe(0);
		const newOf = (out: string) => Number(/new\s+(\d+)/.exec(out)?.[1]);
		expect(newOf(a.stdout) + newOf(b.stdout)).toBe(300);
		expect(await graphChecksum(graphDb())).toBe(expected);
	}, 600_000);
});

describe.skipIf(noNeo4j)('ingest resumes after being killed', () => {
	let corpus: string;
	beforeAll(async () => {
		corpus = path.join(tmp, 'resume.jsonl');
		await writeCorpus(corpus, 600, { seed: 7, vocabulary: 'closed' });
	});

	it('ends with exactly the graph of an uninterrupted run', async () => {
		await resetGraph(graphDb());
		const clean = await ingest(graphDb(), { files: [corpus], batchSize: 50 });
		expect(clean.new).toBe(600);
		const expected = await graphChecksum(graphDb());
		await resetGraph(graphDb());

		// Kill the CLI as soon as it has committed a couple of batches.
		const child = spawn(
			process.execPath,
			[path.join(PROJECT_ROOT, 'bin', 'lineage.js'), 'ingest', corpus, '--batch', '50'],
			{ cwd: PROJECT_ROOT, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] }
		);
		await new Promise<void>((resolve) => {
			const poll = setInterval(async () => {
				const [counted] = await readRows<{ n: number }>(
					graphDb(),
					'MATCH (p:Paper) RETURN count(p) AS n'
				);
				if (counted!.n >= 100) {
					clearInterval(poll);
					child.kill('SIGKILL');
					resolve();
				}
			}, 50);
		});
		await new Promise((r) => child.on('close', r));
		const partial = (await graphStats(graphDb())).papers;
		expect(partial).toBeGreaterThan(0);
		expect(partial).toBeLessThan(600);
		expect(partial % 50).toBe(0); // whole batches only: no half-written state

		const resumed = await runCli(['ingest', corpus, '--batch', '50'], { env: testEnv() });
		expect(resumed.code).toBe(0);
		expect(resumed.stdout).toMatch(new RegExp(`unchanged\\s+${partial}`));
		expect(await graphChecksum(graphDb())).toBe(expected);
	});
});
