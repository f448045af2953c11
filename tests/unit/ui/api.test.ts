import { describe, expect, it } from 'vitest';
import { apiUrl, createApi } from '../../../src/lib/api';

const respond = (status: number, body: unknown) => async () =>
	new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText: 'X' });

describe('the API client', () => {
	it('builds URLs, dropping empty parameters and joining lists', () => {
		expect(
			apiUrl('neighbourhood', { ids: ['model:a', 'b'], depth: 1, rel: [], from: null, q: '' })
		).toBe('/api/neighbourhood?ids=model%3Aa%2Cb&depth=1');
	});

	it('encodes ids in paths', async () => {
		const seen: string[] = [];
		const api = createApi((async (url: string) => {
			seen.push(url);
			return new Response('{}');
		}) as unknown as typeof fetch);
		await api.entity('model:a/b');
		await api.lineage('model:x', { direction: 'ancestors' });
		await api.entityRelations('model:a/b', { rel: 'USES', dir: 'in', offset: 20 });
		expect(seen).toEqual([
			'/api/entities/model%3Aa%2Fb',
			'/api/lineage/model%3Ax?direction=ancestors',
			'/api/entities/model%3Aa%2Fb/relations?rel=USES&dir=in&offset=20'
		]);
	});

	it('returns API errors as values', async () => {
		const api = createApi(
			respond(503, {
				error: 'The graph database is not reachable.',
				code: 'unavailable'
			}) as unknown as typeof fetch
		);
		expect(await api.stats()).toEqual({
			ok: false,
			status: 503,
			error: { error: 'The graph database is not reachable.', code: 'unavailable' }
		});
	});

	it('turns non-JSON failures and network errors into messages', async () => {
		const html = await createApi(
			respond(502, '<html>bad gateway</html>') as unknown as typeof fetch
		).stats();
		expect(html).toMatchObject({ ok: false, status: 502, error: { code: 'internal' } });
		const down = await createApi((async () => {
			throw new TypeError('fetch failed');
		}) as unknown as typeof fetch).stats();
		expect(down).toMatchObject({ ok: false, status: 0, error: { code: 'unavailable' } });
	});

	it("sends corrections as JSON and returns refusals as values, with the API's words", async () => {
		const seen: { url: string; init: RequestInit }[] = [];
		const refusal = {
			error: 'Corrections can be made from other machines only with an access token.',
			code: 'forbidden'
		};
		const api = createApi((async (url: string, init: RequestInit) => {
			seen.push({ url, init });
			return new Response(JSON.stringify(refusal), { status: 403 });
		}) as unknown as typeof fetch);
		const r = await api.curate(
			{ kind: 'merge', keep: 'model:a', other: 'model:b' },
			{ why: 'same', by: 'ada' }
		);
		expect(r).toEqual({ ok: false, status: 403, error: refusal });
		expect(seen[0]!.url).toBe('/api/curations');
		expect(seen[0]!.init.method).toBe('POST');
		expect((seen[0]!.init.headers as Record<string, string>)['content-type']).toBe(
			'application/json'
		);
		expect(JSON.parse(seen[0]!.init.body as string)).toEqual({
			kind: 'merge',
			keep: 'model:a',
			other: 'model:b',
			why: 'same',
			by: 'ada'
		});
		await api.undoCuration('c-1/2', 'ada');
		expect(seen[1]!.url).toBe('/api/curations/c-1%2F2?by=ada');
		expect(seen[1]!.init.method).toBe('DELETE');
		// A refusal without a JSON body (a proxy's 401) still reads as a refusal.
		const bare = createApi(
			(async () =>
				new Response('no', { status: 401, statusText: 'Unauthorized' })) as unknown as typeof fetch
		);
		expect(await bare.undoCuration('c-1')).toMatchObject({
			ok: false,
			status: 401,
			error: { code: 'forbidden', error: 'The server answered 401 Unauthorized' }
		});
	});
});
