// /api/curations over HTTP, against the production build: corrections made, seen by the read
// endpoints at once (a merged-away id answers for the kept entity, a rejected edge is gone,
// confirmed and added edges are marked), undone; validation (400/404 naming the parameter,
// nothing written); writes need the token when one is set and come only from this machine
// when none is; the Cypher console still cannot write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDriver } from '../../graph/driver.js';
import { deleteCurations, listCurations } from '../../graph/queries/curation.js';
import { graphFingerprint, resetGraph } from '../../graph/queries/stats.js';
import { ingest } from '../../ingest/pipeline.js';
import { projectionReady, startApp, type RunningApp } from '../../support/app.js';
import { noNeo4j, graphDb, testEnv } from '../helpers/db.js';
import { INSTAFLOW, KOALA } from '../fixtures/curation.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineage-curation-api-'));
const enc = encodeURIComponent;

interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

async function call(
	base: string,
	method: string,
	route: string,
	body?: unknown,
	headers: Record<string, string> = {}
): Promise<Answer> {
	const res = await fetch(`${base}${route}`, {
		method,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// SvelteKit's own refusals are plain text
	}
	return { status: res.status, body: parsed };
}

/** The answer once the server has seen the change (its version is re-read once a second). */
async function eventually(ask: () => Promise<Answer>, ok: (a: Answer) => boolean): Promise<Answer> {
	let last = await ask();
	for (let i = 0; i < 40 && !ok(last); i++) {
		await new Promise((r) => setTimeout(r, 150));
		last = await ask();
	}
	return last;
}

describe.skipIf(noNeo4j)('the curation API', () => {
	let app: RunningApp;
	const get = (route: string) => call(app.url, 'GET', route);
	const post = (body: unknown, headers?: Record<string, string>) =>
		call(app.url, 'POST', '/api/curations', body, headers);

	beforeAll(async () => {
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		const input = path.join(tmp, 'papers.jsonl');
		fs.writeFileSync(input, [KOALA, INSTAFLOW].map((p) => JSON.stringify(p)).join('\n') + '\n');
		await ingest(graphDb(), { files: [input], workers: 0 });
		app = await startApp(testEnv());
		await projectionReady(app.url, () => {});
	});
	afterAll(async () => {
		await app?.stop();
		await resetGraph(graphDb());
		await deleteCurations(graphDb());
		await closeDriver();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('makes corrections that the read endpoints show at once, and undoes them', async () => {
		const merge = await post({
			kind: 'merge',
			keep: 'model:stable-diffusion',
			other: 'model:sdxl',
			why: 'one family',
			by: 'ada'
		});
		expect(merge.status).toBe(201);
		expect(merge.body).toMatchObject({
			kind: 'merge',
			by: 'ada',
			why: 'one family',
			undone: false
		});
		const reject = await post({
			kind: 'reject',
			head: 'model:koala',
			type: 'USES',
			tail: 'technique:lora',
			why: 'LoRA is used by KOALA-700M only'
		});
		expect(reject.status).toBe(201);
		const confirm = await post({
			kind: 'confirm',
			head: 'model:instaflow',
			type: 'COMPARED_WITH',
			tail: 'model:stylegan-t'
		});
		expect(confirm.status).toBe(201);
		const add = await post({
			kind: 'add',
			head: 'model:instaflow',
			type: 'COMPARED_WITH',
			tail: 'model:koala',
			paper: 'instaflow',
			why: 'Table 2 compares them'
		});
		expect(add.status).toBe(201);

		// A merged-away id answers for the kept entity, everywhere an id is asked for.
		const sdxl = await eventually(
			() => get(`/api/entities/${enc('model:sdxl')}`),
			(a) => a.body.id === 'model:stable-diffusion'
		);
		expect(sdxl.status).toBe(200);
		expect(sdxl.body.aliases).toContain('SDXL');
		const koalaBuilds = sdxl.body.relations.BUILDS_ON.map(
			(r: { other: { id: string } }) => r.other.id
		);
		expect(koalaBuilds).toContain('model:koala');
		expect((await get(`/api/builds-on/${enc('model:sdxl')}`)).body.root.id).toBe(
			'model:stable-diffusion'
		);
		const hood = await get(`/api/neighbourhood?ids=${enc('model:sdxl')}`);
		expect(hood.body.nodes[0].id).toBe('model:stable-diffusion');

		// The rejected edge is gone; the confirmed and added ones carry their mark.
		const koala = (await get(`/api/entities/${enc('model:koala')}`)).body;
		expect(koala.relations.USES ?? []).toEqual([]);
		const insta = (await get(`/api/entities/${enc('model:instaflow')}`)).body;
		const compared = Object.fromEntries(
			insta.relations.COMPARED_WITH.map((r: { other: { id: string }; curated?: string }) => [
				r.other.id,
				r.curated
			])
		);
		expect(compared).toEqual({ 'model:stylegan-t': 'confirmed', 'model:koala': 'added' });
		const edges = (await get(`/api/neighbourhood?ids=${enc('model:instaflow')}`)).body.edges;
		const marked = edges
			.filter((e: { curated?: string }) => e.curated)
			.map((e: { id: string; curated: string }) => `${e.id} ${e.curated}`)
			.sort();
		expect(marked).toEqual([
			'model:instaflow|COMPARED_WITH|model:koala added',
			'model:instaflow|COMPARED_WITH|model:stylegan-t confirmed'
		]);
		// The same from the server's in-memory copy of the graph, once it has loaded again.
		await projectionReady(app.url, () => {});
		const fromCopy = await eventually(
			() => get(`/api/neighbourhood?ids=${enc('model:instaflow')}`),
			(a) => a.body.edges.some((e: { curated?: string }) => e.curated === 'added')
		);
		expect(
			fromCopy.body.edges
				.filter((e: { curated?: string }) => e.curated)
				.map((e: { id: string; curated: string }) => `${e.id} ${e.curated}`)
				.sort()
		).toEqual(marked);

		const list = await get('/api/curations');
		expect(list.body.curations.map((c: { id: string }) => c.id)).toEqual([
			merge.body.id,
			reject.body.id,
			confirm.body.id,
			add.body.id
		]);

		// Undone, SDXL is itself again and LoRA back.
		for (const c of [merge, reject, confirm, add]) {
			const undone = await call(app.url, 'DELETE', `/api/curations/${c.body.id}`);
			expect(undone.status).toBe(200);
			expect(undone.body.undone).toBe(true);
		}
		const back = await eventually(
			() => get(`/api/entities/${enc('model:sdxl')}`),
			(a) => a.body.id === 'model:sdxl'
		);
		expect(back.body.name).toBe('SDXL');
		expect(
			(await get(`/api/entities/${enc('model:koala')}`)).body.relations.USES.map(
				(r: { other: { id: string } }) => r.other.id
			)
		).toEqual(['technique:lora']);
		expect((await call(app.url, 'DELETE', `/api/curations/${merge.body.id}`)).status).toBe(400);
	});

	it('answers 400 or 404 naming the parameter, and writes nothing', async () => {
		const before = await graphFingerprint(graphDb());
		const cases: [unknown, number, string | undefined][] = [
			[{ kind: 'smash', keep: 'a', other: 'b' }, 400, 'kind'],
			[{ kind: 'merge', keep: 'model:koala' }, 400, 'other'],
			[{ kind: 'merge', keep: 'model:koala', other: 'model:nope' }, 404, 'other'],
			[{ kind: 'merge', keep: 'model:koala', other: 'model:koala' }, 400, 'other'],
			[{ kind: 'retype', id: 'model:koala', type: 'Planet' }, 400, 'type'],
			[{ kind: 'reject', head: 'model:koala', type: 'LIKES', tail: 'technique:lora' }, 400, 'type'],
			[{ kind: 'rename', id: 'model:koala', name: 'K', why: 'x'.repeat(100_000) }, 400, 'why'],
			[{ kind: 'rename', id: 'model:koala', name: '' }, 400, 'name'],
			[{ kind: 'add', head: 'model:koala', type: 'USES', tail: 'technique:lora' }, 400, 'why'],
			['{"kind": "merge",', 400, undefined]
		];
		for (const [body, status, param] of cases) {
			const res = await post(body);
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
			expect(res.body.param, JSON.stringify(body).slice(0, 80)).toBe(param);
			expect(res.body.error).toBeTruthy();
		}
		// A form or plain text (what another site could make a browser send without asking) is
		// refused: SvelteKit's cross-site check, or the JSON content type this endpoint needs.
		const plain = await call(app.url, 'POST', '/api/curations', 'kind=merge', {
			'content-type': 'text/plain'
		});
		expect(plain.status).toBe(403);
		const noType = await fetch(`${app.url}/api/curations`, {
			method: 'POST',
			body: new Blob([JSON.stringify({ kind: 'rename', id: 'model:koala', name: 'K' })])
		});
		expect(noType.status).toBe(400);
		expect((await call(app.url, 'DELETE', '/api/curations/c-nope-0000')).status).toBe(404);
		// The console stays read-only: corrections cannot be written or deleted through it.
		for (const query of ["CREATE (:Curation {id: 'c-x'})", 'MATCH (c:Curation) DETACH DELETE c']) {
			const res = await call(app.url, 'POST', '/api/cypher', { query });
			expect(res.status, query).toBe(403);
		}
		expect(await graphFingerprint(graphDb())).toBe(before);
		const doc = (await get('/api/openapi.json')).body;
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/api/curations', '/api/curations/{id}'])
		);
		expect(Object.keys(doc.paths['/api/curations'])).toEqual(['get', 'post']);
		expect(Object.keys(doc.paths['/api/curations/{id}'])).toEqual(['delete']);
	});

	it('refuses writes from other machines without a token, and needs the token when one is set', async () => {
		const rename = { kind: 'rename', id: 'model:koala', name: 'KOALA (Knowledge Distillation)' };
		// Behind a proxy that names the client: another machine.
		const proxied = await startApp(testEnv({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }));
		try {
			const far = await call(proxied.url, 'POST', '/api/curations', rename, {
				'x-forwarded-for': '203.0.113.9'
			});
			expect(far.status).toBe(403);
			expect(far.body.error).toMatch(/LINEAGE_API_TOKEN/);
			const undo = await call(proxied.url, 'DELETE', '/api/curations/c-nope-0000', undefined, {
				'x-forwarded-for': '203.0.113.9'
			});
			expect(undo.status).toBe(403);
			// Reading stays open.
			const list = await call(proxied.url, 'GET', '/api/curations', undefined, {
				'x-forwarded-for': '203.0.113.9'
			});
			expect(list.status).toBe(200);
		} finally {
			await proxied.stop();
		}
		const count = (await listCurations(graphDb())).length;

		const guarded = await startApp(
			testEnv({
				LINEAGE_API_TOKEN: 's3cret',
				LINEAGE_API_TOKEN_NAME: 'curators',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			})
		);
		try {
			const none = await call(guarded.url, 'POST', '/api/curations', rename);
			expect(none.status).toBe(401);
			const wrong = await call(guarded.url, 'POST', '/api/curations', rename, {
				authorization: 'Bearer nope'
			});
			expect(wrong.status).toBe(401);
			expect((await listCurations(graphDb())).length).toBe(count);
			const ok = await call(
				guarded.url,
				'POST',
				'/api/curations',
				{ ...rename, by: 'mallory' },
				{
					authorization: 'Bearer s3cret',
					'x-forwarded-for': '203.0.113.9'
				}
			);
			expect(ok.status).toBe(201);
			expect(ok.body.by).toBe('curators');
			const undo = await call(guarded.url, 'DELETE', `/api/curations/${ok.body.id}`, undefined, {
				authorization: 'Bearer s3cret'
			});
			expect(undo.status).toBe(200);
			expect(undo.body.undoneBy).toBe('curators');
		} finally {
			await guarded.stop();
		}
	});
});
