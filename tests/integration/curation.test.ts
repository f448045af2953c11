// Corrections (issue 19) against the real Neo4j: each kind survives a re-ingest, a changed
// abstract and a reset followed by a full ingest; a rejected edge stays rejected whatever new
// papers say; a merge and its undo leave the graph exactly as it was; bad requests change
// nothing; import is idempotent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDriver, readRows } from '../../graph/driver.js';
import { CurationError, type CurationRequest } from '../../graph/curation.js';
import { entityDetail } from '../../graph/queries/entity.js';
import { deleteCurations, listCurations } from '../../graph/queries/curation.js';
import { graphChecksum, graphFingerprint, resetGraph } from '../../graph/queries/stats.js';
import {
	curate,
	importCurations,
	parseCurationLines,
	undoCuration
} from '../../ingest/curation.js';
import { ingest } from '../../ingest/pipeline.js';
import { EDITED, INSTAFLOW, KOALA } from '../fixtures/curation.js';
import { noNeo4j, graphDb } from '../helpers/db.js';

const SAMPLE_CORPUS = fileURLToPath(
	new URL('../../ingest/sample/sample-corpus.txt', import.meta.url)
);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-curation-'));
const file = (name: string, lines: object[]) => {
	const p = path.join(tmp, name);
	fs.writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
	return p;
};

const TWIN = {
	...KOALA,
	id: 'koala-twin',
	title: 'KOALA: Fast Image Synthesis by Knowledge Distillation'
};

const by = { by: 'tester', why: 'checked by hand' };

/**
 * Everything of the extracted graph (not the corrections), independent of element ids and of
 * the order of lists that are sets (aliases, an edge's listed papers).
 */
async function snapshot(): Promise<string[]> {
	const canonical = (props: Record<string, unknown>) =>
		JSON.stringify(
			Object.fromEntries(
				Object.entries(props)
					// where a paper was read from is no part of the graph's content
					.filter(([k]) => k !== 'source')
					.sort(([a], [b]) => a.localeCompare(b))
					.map(([k, v]) => [
						k,
						(k === 'aliases' || k === 'papers') && Array.isArray(v) ? [...v].sort() : v
					])
			)
		);
	const nodes = await readRows<{ labels: string[]; props: Record<string, unknown> }>(
		graphDb(),
		`MATCH (n) WHERE n:Paper OR n:Entity OR n:Evidence RETURN labels(n) AS labels, properties(n) AS props`
	);
	const rels = await readRows<{
		a: string;
		type: string;
		b: string;
		props: Record<string, unknown>;
	}>(
		graphDb(),
		`MATCH (a)-[r]->(b) WHERE (a:Paper OR a:Entity) AND b:Entity
		 RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props`
	);
	return [
		...nodes.map((n) => `n ${[...n.labels].sort().join(':')} ${canonical(n.props)}`),
		...rels.map((r) => `r ${r.a} ${r.type} ${r.b} ${canonical(r.props)}`)
	].sort();
}

async function entity(id: string) {
	const [row] = await readRows<{
		name: string;
		type: string;
		labels: string[];
		aliases: string[];
		paperCount: number;
	}>(
		graphDb(),
		`MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.type AS type, labels(e) AS labels,
		        e.aliases AS aliases, e.paperCount AS paperCount`,
		{ id }
	);
	return row;
}

async function edge(head: string, type: string, tail: string) {
	const [row] = await readRows<{
		support: number;
		curated: string | null;
		papers: string[] | null;
	}>(
		graphDb(),
		`CALL () { MATCH (a:Entity {id: $head}) RETURN a UNION MATCH (a:Paper {id: $head}) RETURN a }
		 MATCH (a)-[r]->(:Entity {id: $tail}) WHERE type(r) = $type
		 RETURN r.support AS support, r.curated AS curated, r.papers AS papers`,
		{ head, type, tail }
	);
	return row;
}

const K700 = 'model:koala-700m';
const KOALA_ID = 'model:koala';
const SDXL = 'model:sdxl';
const SD = 'model:stable-diffusion';

const CORRECTIONS: CurationRequest[] = [
	{ kind: 'merge', keep: KOALA_ID, other: K700 },
	{ kind: 'rename', id: 'technique:lora', name: 'LoRA (low-rank adaptation)' },
	{ kind: 'retype', id: 'technique:latent-diffusion', type: 'Model' },
	{ kind: 'alias', id: 'model:instaflow', op: 'add', alias: 'Insta-Flow' },
	{ kind: 'alias', id: 'metric:fid', op: 'remove', alias: 'FIDs' },
	{ kind: 'reject', head: KOALA_ID, type: 'BUILDS_ON', tail: 'technique:knowledge-distillation' },
	{ kind: 'reject', head: 'instaflow', type: 'COMPARED_WITH', tail: 'model:stylegan-t' },
	{ kind: 'confirm', head: 'model:instaflow', type: 'BUILDS_ON', tail: SD },
	{
		kind: 'add',
		head: 'model:instaflow',
		type: 'COMPARED_WITH',
		tail: KOALA_ID,
		paper: 'instaflow',
		sentence: 'InstaFlow is compared with KOALA.'
	},
	{ kind: 'add', head: 'model:stylegan-t', type: 'VARIANT_OF', tail: 'technique:rectified-flow' }
];

/** What the corrections above must leave, however the graph was built. */
async function expectCorrected() {
	expect(await entity(K700)).toBeUndefined();
	const koala = await entity(KOALA_ID);
	expect(koala?.aliases).toContain('KOALA-700M');
	expect(await edge(K700, 'VARIANT_OF', KOALA_ID)).toBeUndefined();
	const mentions = await readRows<{ e: string }>(
		graphDb(),
		`MATCH (:Paper {id: 'koala'})-[:MENTIONS]->(e:Entity) RETURN e.id AS e`
	);
	expect(mentions.map((m) => m.e)).not.toContain(K700);
	const lora = await entity('technique:lora');
	expect(lora?.name).toBe('LoRA (low-rank adaptation)');
	expect(lora?.aliases).toContain('LoRA');
	const ld = await entity('technique:latent-diffusion');
	expect(ld?.type).toBe('Model');
	expect([...(ld?.labels ?? [])].sort()).toEqual(['Entity', 'Model']);
	expect((await entity('model:instaflow'))?.aliases).toContain('Insta-Flow');
	expect((await entity('metric:fid'))?.aliases).not.toContain('FIDs');
	expect(await edge(KOALA_ID, 'BUILDS_ON', 'technique:knowledge-distillation')).toBeUndefined();
	expect(await edge('instaflow', 'COMPARED_WITH', 'model:stylegan-t')).toBeUndefined();
	expect(await edge('model:instaflow', 'BUILDS_ON', SD)).toMatchObject({
		curated: 'confirmed',
		support: 1
	});
	expect(await edge('model:instaflow', 'COMPARED_WITH', KOALA_ID)).toMatchObject({
		curated: 'added',
		support: 1,
		papers: ['instaflow']
	});
	expect(await edge('model:stylegan-t', 'VARIANT_OF', 'technique:rectified-flow')).toMatchObject({
		curated: 'added',
		support: 1
	});
	// The added edge's evidence is the sentence given, on the paper given.
	const detail = await entityDetail(graphDb(), 'model:instaflow');
	const added = detail.relations.COMPARED_WITH?.find((r) => r.other.id === KOALA_ID);
	expect(added?.evidence[0]).toMatchObject({
		paperId: 'instaflow',
		sentence: 'InstaFlow is compared with KOALA.',
		rule: 'curated'
	});
}

describe.skipIf(noNeo4j)('corrections', () => {
	beforeEach(async () => {
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
	});
	afterAll(async () => {
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('each kind holds after a re-ingest, a changed abstract, and a reset with a full ingest', async () => {
		const input = file('two.jsonl', [KOALA, INSTAFLOW]);
		await ingest(graphDb(), { files: [input], workers: 0 });
		for (const request of CORRECTIONS) await curate(graphDb(), request, by);
		await expectCorrected();
		const corrected = await snapshot();

		// Unchanged papers are skipped: nothing moves.
		const again = await ingest(graphDb(), { files: [input], workers: 0 });
		expect(again).toMatchObject({ unchanged: 2, new: 0 });
		expect(await snapshot()).toEqual(corrected);

		// A changed abstract re-loads the paper through the corrections.
		await ingest(graphDb(), { files: [file('edited.jsonl', [EDITED, INSTAFLOW])], workers: 0 });
		await expectCorrected();
		await ingest(graphDb(), { files: [input], workers: 0 });
		expect(await snapshot()).toEqual(corrected);

		// A reset keeps the corrections; a full ingest applies them: the very same graph as the
		// one the corrections made one at a time.
		await resetGraph(graphDb());
		expect(await listCurations(graphDb())).toHaveLength(CORRECTIONS.length);
		await ingest(graphDb(), { files: [input], workers: 0 });
		await expectCorrected();
		expect(await snapshot()).toEqual(corrected);
		// Papers in the other order, one per batch: the same graph again.
		await resetGraph(graphDb());
		await ingest(graphDb(), {
			files: [file('reversed.jsonl', [INSTAFLOW, KOALA])],
			workers: 0,
			batchSize: 1
		});
		expect(await snapshot()).toEqual(corrected);
	});

	it('a rejected edge stays rejected when new papers state it, and comes back when undone', async () => {
		await ingest(graphDb(), { files: [file('koala.jsonl', [KOALA])], workers: 0 });
		expect(await edge(KOALA_ID, 'USES', 'technique:lora')).toMatchObject({ support: 1 });
		const rejected = await curate(
			graphDb(),
			{ kind: 'reject', head: KOALA_ID, type: 'USES', tail: 'technique:lora' },
			by
		);
		expect(await edge(KOALA_ID, 'USES', 'technique:lora')).toBeUndefined();
		await ingest(graphDb(), { files: [file('twin.jsonl', [KOALA, TWIN])], workers: 0 });
		expect(await edge(KOALA_ID, 'USES', 'technique:lora')).toBeUndefined();
		// The papers still say it: undone, the edge is back with both.
		await undoCuration(graphDb(), rejected.id, 'tester');
		expect(await edge(KOALA_ID, 'USES', 'technique:lora')).toMatchObject({
			support: 2,
			curated: null
		});
		const fresh = await snapshot();
		await resetGraph(graphDb());
		await ingest(graphDb(), { files: [file('twin.jsonl', [KOALA, TWIN])], workers: 0 });
		expect(await snapshot()).toEqual(fresh);
	});

	it('a merge re-points every relation and mention, and its undo restores the graph exactly', async () => {
		await ingest(graphDb(), { files: [file('three.jsonl', [KOALA, INSTAFLOW, TWIN])], workers: 0 });
		const before = await snapshot();
		const checksum = await graphChecksum(graphDb());
		const merge = await curate(graphDb(), { kind: 'merge', keep: SD, other: SDXL }, by);
		expect(await entity(SDXL)).toBeUndefined();
		const sd = await entity(SD);
		expect(sd?.aliases).toEqual(expect.arrayContaining(['SDXL', 'Stable Diffusion XL']));
		expect(sd?.paperCount).toBe(3);
		expect(await edge(KOALA_ID, 'BUILDS_ON', SD)).toMatchObject({ support: 2 });
		expect(await edge('koala', 'BUILDS_ON', SD)).toMatchObject({ support: 1 });
		const left = await readRows(
			graphDb(),
			`MATCH (n) WHERE (n:Paper OR n:Entity OR n:Evidence) AND (
			   any(x IN coalesce(n.evidence, []) + coalesce(n.supports, []) WHERE x CONTAINS $id)
			   OR n.key CONTAINS $id OR n.source = $id OR n.target = $id)
			 RETURN n`,
			{ id: SDXL }
		);
		expect(left).toEqual([]);
		// A paper arriving later that names SDXL lands on Stable Diffusion too.
		await ingest(graphDb(), {
			files: [file('later.jsonl', [{ ...KOALA, id: 'koala-3', title: 'KOALA again' }])],
			workers: 0
		});
		expect(await entity(SDXL)).toBeUndefined();
		// Built again from scratch with the merge in force, then undone: as before the merge.
		await resetGraph(graphDb());
		await ingest(graphDb(), { files: [file('three.jsonl', [KOALA, INSTAFLOW, TWIN])], workers: 0 });

		await undoCuration(graphDb(), merge.id, 'tester');
		expect(await snapshot()).toEqual(before);
		expect(await graphChecksum(graphDb())).toBe(checksum);
		expect((await entity(SDXL))?.name).toBe('SDXL');
	});

	it('merges chain (B into A, A into C) and undo the middle one cleanly', async () => {
		await ingest(graphDb(), { files: [file('two.jsonl', [KOALA, INSTAFLOW])], workers: 0 });
		const before = await snapshot();
		const first = await curate(graphDb(), { kind: 'merge', keep: SDXL, other: K700 }, by);
		const second = await curate(graphDb(), { kind: 'merge', keep: SD, other: SDXL }, by);
		expect(await entity(K700)).toBeUndefined();
		expect(await entity(SDXL)).toBeUndefined();
		expect((await entity(SD))?.aliases).toEqual(expect.arrayContaining(['KOALA-700M', 'SDXL']));
		await expect(curate(graphDb(), { kind: 'merge', keep: K700, other: SD }, by)).rejects.toThrow(
			/merged into/
		);
		await undoCuration(graphDb(), first.id, 'tester');
		expect((await entity(K700))?.name).toBe('KOALA-700M');
		expect(await entity(SDXL)).toBeUndefined();
		await undoCuration(graphDb(), second.id, 'tester');
		expect(await snapshot()).toEqual(before);
	});

	it('refuses bad corrections with a clear error and writes nothing', async () => {
		await ingest(graphDb(), { files: [file('two.jsonl', [KOALA, INSTAFLOW])], workers: 0 });
		await curate(graphDb(), { kind: 'merge', keep: KOALA_ID, other: K700 }, by);
		const fingerprint = await graphFingerprint(graphDb());
		const bad: [CurationRequest, RegExp, number][] = [
			[
				{ kind: 'merge', keep: KOALA_ID, other: 'model:nope' },
				/No entity has the id model:nope/,
				404
			],
			[{ kind: 'merge', keep: SD, other: SD }, /into itself/, 400],
			[{ kind: 'merge', keep: K700, other: SD }, /merged into model:koala/, 400],
			[{ kind: 'merge', keep: SD, other: K700 }, /already/, 400],
			[{ kind: 'rename', id: 'model:nope', name: 'X' }, /No entity/, 404],
			[{ kind: 'rename', id: SD, name: 'Stable Diffusion' }, /already/, 400],
			[{ kind: 'retype', id: SD, type: 'Model' }, /already/, 400],
			[{ kind: 'alias', id: SD, op: 'remove', alias: 'no such alias' }, /no alias/, 404],
			[{ kind: 'reject', head: SD, type: 'USES', tail: SDXL }, /no edge/, 404],
			[
				{ kind: 'confirm', head: 'paper-nope', type: 'USES', tail: SDXL },
				/No entity or paper/,
				404
			],
			[{ kind: 'add', head: SD, type: 'USES', tail: SDXL, paper: 'paper-nope' }, /No paper/, 404]
		];
		for (const [request, message, status] of bad) {
			const err = await curate(graphDb(), request, by).then(
				() => undefined,
				(e: unknown) => e
			);
			expect(err, JSON.stringify(request)).toBeInstanceOf(CurationError);
			expect((err as CurationError).message).toMatch(message);
			expect((err as CurationError).status).toBe(status);
		}
		await expect(
			curate(graphDb(), { kind: 'add', head: SD, type: 'USES', tail: SDXL }, { by: 'x', why: '' })
		).rejects.toThrow(/note/);
		await expect(undoCuration(graphDb(), 'c-nope-0000', 'x')).rejects.toThrow(/No correction/);
		expect(await graphFingerprint(graphDb())).toBe(fingerprint);
		expect(await listCurations(graphDb())).toHaveLength(1);
	});

	it('corrections made while an ingest runs end in the graph a reset and full ingest make', async () => {
		await ingest(graphDb(), { files: [file('two.jsonl', [KOALA, INSTAFLOW])], workers: 0 });
		// the sample corpus (85 abstracts) mentions LoRA, latent diffusion, FID and Stable
		// Diffusion often: the corrections touch papers the ingest is writing at that moment
		const input = [file('edited.jsonl', [EDITED, INSTAFLOW]), SAMPLE_CORPUS];
		const running = ingest(graphDb(), { files: input, workers: 0, batchSize: 5 });
		const made: string[] = [];
		for (const request of CORRECTIONS) made.push((await curate(graphDb(), request, by)).id);
		const report = await running;
		expect(report.rejected).toBe(0);
		expect(made).toHaveLength(CORRECTIONS.length);
		await expectCorrected();
		const concurrent = await snapshot();

		await resetGraph(graphDb());
		await ingest(graphDb(), { files: input, workers: 0 });
		expect(await snapshot()).toEqual(concurrent);
	});

	it('imports a file of corrections once, however often it is imported', async () => {
		await ingest(graphDb(), { files: [file('two.jsonl', [KOALA, INSTAFLOW])], workers: 0 });
		for (const request of CORRECTIONS.slice(0, 6)) await curate(graphDb(), request, by);
		const undone = await curate(
			graphDb(),
			{ kind: 'alias', id: SD, op: 'add', alias: 'SD-family' },
			by
		);
		await undoCuration(graphDb(), undone.id, 'tester');
		const exported = (await listCurations(graphDb())).map((r) => JSON.stringify(r)).join('\n');
		const corrected = await snapshot();

		// Elsewhere: the same papers, no corrections; importing twice is importing once.
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await ingest(graphDb(), { files: [file('two.jsonl', [KOALA, INSTAFLOW])], workers: 0 });
		const records = parseCurationLines(exported);
		expect(await importCurations(graphDb(), records)).toEqual({
			added: 7,
			undone: 0,
			unchanged: 0
		});
		const once = await snapshot();
		const fingerprint = await graphFingerprint(graphDb());
		expect(await importCurations(graphDb(), records)).toEqual({
			added: 0,
			undone: 0,
			unchanged: 7
		});
		expect(await graphFingerprint(graphDb())).toBe(fingerprint);
		expect(once).toEqual(corrected);
		expect(() => parseCurationLines('{"id": "c-x"}\n', 'f.jsonl')).toThrow(/f.jsonl:1/);
	});
});
