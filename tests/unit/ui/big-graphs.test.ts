import { describe, expect, it } from 'vitest';
import { fitViewport, flatPairs, forceLayout } from '../../../src/lib/graph/force';
import {
	answerForceRequest,
	forceRequest,
	isForceReply,
	startLayout,
	takeLayout
} from '../../../src/lib/graph/force-job';
import {
	isSoftwareGpu,
	parseRendererChoice,
	rendererOptions,
	useWebgl
} from '../../../src/lib/graph/renderer';
import { STRONG_SUPPORT } from '../../../src/lib/graph/looks';
import { graphStyle } from '../../../src/lib/graph/style';

/** Hubs with papers around them: h0…h9 linked in a ring, each with 30 papers of its own. */
function hubsAndPapers() {
	const edges: [number, number][] = [];
	for (let h = 0; h < 10; h++) edges.push([h, (h + 1) % 10]);
	for (let p = 10; p < 310; p++) edges.push([p, Math.floor((p - 10) / 30)]);
	return { count: 310, edges };
}

describe('force layout for big views', () => {
	it('is deterministic, finite and sized for the node count', () => {
		const { count, edges } = hubsAndPapers();
		const a = forceLayout(count, edges, { seed: 7 });
		const b = forceLayout(count, edges, { seed: 7 });
		expect([...a.x]).toEqual([...b.x]);
		expect([...a.x, ...a.y].every(Number.isFinite)).toBe(true);
		// 90 % of the linked nodes within √n · 9 of the centre.
		const radii = [...a.x].map((x, i) => Math.hypot(x, a.y[i]!)).sort((p, q) => p - q);
		expect(radii[Math.floor(count * 0.9)]).toBeCloseTo(Math.sqrt(count) * 9, -1);
	});

	it('puts nodes without links on a ring outside the rest', () => {
		const at = forceLayout(5, [[0, 1]]);
		const r = (i: number) => Math.hypot(at.x[i]!, at.y[i]!);
		expect(r(2)).toBeCloseTo(r(3), 5);
		expect(r(2)).toBeGreaterThan(Math.max(r(0), r(1)));
	});

	it('keeps papers next to their hub rather than next to other hubs', () => {
		const { count, edges } = hubsAndPapers();
		const at = forceLayout(count, edges);
		const dist = (i: number, j: number) => Math.hypot(at.x[i]! - at.x[j]!, at.y[i]! - at.y[j]!);
		let closer = 0;
		for (let p = 10; p < 310; p++) {
			const own = Math.floor((p - 10) / 30);
			const other = (own + 5) % 10; // the hub across the ring
			if (dist(p, own) < dist(p, other)) closer++;
		}
		expect(closer / 300).toBeGreaterThan(0.95);
	});

	it('lays out 3,000 nodes and 10,000 edges', { timeout: 60_000 }, () => {
		const count = 3000;
		const edges: [number, number][] = [];
		for (let i = 60; i < count; i++) {
			for (let k = 0; k < 3; k++) edges.push([i, (i * 7 + k * 13) % 60]);
		}
		for (let i = 0; i < 60; i++) for (let k = 1; k < 15; k++) edges.push([i, (i + k) % 60]);
		const started = performance.now();
		const at = forceLayout(count, edges);
		const ms = performance.now() - started;
		expect(at.x).toHaveLength(count);
		// Generous: shared CI machines are slow. bench:ui measures the real budget (3 s).
		expect(ms).toBeLessThan(45_000);
	});

	it('takes the edges as pairs or flat, with the same result', () => {
		const { count, edges } = hubsAndPapers();
		expect([
			...flatPairs([
				[1, 2],
				[3, 4]
			])
		]).toEqual([1, 2, 3, 4]);
		const a = forceLayout(count, edges, { iterations: 30 });
		const b = forceLayout(count, flatPairs(edges), { iterations: 30 });
		expect([...b.x]).toEqual([...a.x]);
		expect([...b.y]).toEqual([...a.y]);
	});

	it('survives many coincident nodes (cells past the depth limit share)', () => {
		// Every node starts next to the one hub; 2,000 in a tiny disc stress the quadtree.
		const edges: [number, number][] = [];
		for (let i = 1; i < 2000; i++) edges.push([i, 0]);
		const at = forceLayout(2000, edges, { iterations: 5 });
		expect([...at.x, ...at.y].every(Number.isFinite)).toBe(true);
	});

	it('handles no edges, one node and coincident starting points', () => {
		expect(forceLayout(0, []).x).toHaveLength(0);
		const one = forceLayout(1, []);
		expect([one.x[0], one.y[0]]).toEqual([0, 0]);
		const pair = forceLayout(2, [[0, 1]]);
		expect(Number.isFinite(pair.x[0]!)).toBe(true);
	});

	it('fits positions into the viewport', () => {
		const at = { x: Float64Array.from([-100, 100]), y: Float64Array.from([0, 50]) };
		const v = fitViewport(at, { width: 600, height: 400 });
		// The left node lands inside the padding, the centre in the middle.
		const left = -100 * v.zoom + v.pan.x;
		expect(left).toBeGreaterThanOrEqual(30);
		expect(0 * v.zoom + v.pan.x).toBeCloseTo(300, 5);
		expect(
			fitViewport({ x: new Float64Array(), y: new Float64Array() }, { width: 10, height: 10 })
		).toMatchObject({ zoom: 1 });
	});
});

describe('renderer choice', () => {
	const gpu = { ok: true, gpu: 'ANGLE (NVIDIA GeForce RTX 3060)' };
	const swift = {
		ok: true,
		gpu: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'
	};
	const none = { ok: false, gpu: null };

	it('uses WebGL for big views on a real GPU only, unless told', () => {
		expect(useWebgl('auto', true, gpu)).toBe(true);
		expect(useWebgl('auto', false, gpu)).toBe(false);
		expect(useWebgl('auto', true, swift)).toBe(false);
		expect(useWebgl('webgl', false, swift)).toBe(true);
		expect(useWebgl('canvas', true, gpu)).toBe(false);
		expect(useWebgl('webgl', true, none)).toBe(false);
		expect(isSoftwareGpu('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
		expect(isSoftwareGpu(null)).toBe(false);
	});

	it('reads the URL value and gives each renderer its options', () => {
		expect(parseRendererChoice('webgl')).toBe('webgl');
		expect(parseRendererChoice('nonsense')).toBe('auto');
		expect(rendererOptions(true)).toMatchObject({
			renderer: { name: 'canvas', webgl: true },
			pixelRatio: 1
		});
		expect(rendererOptions(false)).toEqual({ pixelRatio: 'auto' });
	});

	it('draws big views with haystack edges and no paper titles, setting little', () => {
		type Block = { selector: string; style: Record<string, unknown> };
		const big = graphStyle('light', { big: true }) as unknown as Block[];
		// Haystack, without arrows, is Cytoscape's default edge: big views set neither.
		const edgeBlocks = big.filter((b) => b.selector.startsWith('edge[') || b.selector === 'edge');
		expect(edgeBlocks.length).toBeGreaterThan(1);
		for (const b of edgeBlocks) {
			expect(b.style['curve-style']).toBeUndefined();
			expect(b.style['target-arrow-shape']).toBeUndefined();
		}
		// Cheap to rasterise: solid lines, 1 px (2 px when several papers state it), no mappers.
		for (const b of edgeBlocks) {
			expect(b.style['line-style']).toBeUndefined();
			if ('width' in b.style) expect(typeof b.style.width).toBe('number');
		}
		expect(big.find((b) => b.selector === 'edge')?.style.width).toBe(1);
		expect(big.find((b) => b.selector === `edge[support >= ${STRONG_SUPPORT}]`)?.style.width).toBe(
			2
		);
		// Entity labels only once zoomed in far enough to read them.
		const entities = big.find((b) => b.selector === 'node[type != "Paper"]');
		expect(entities?.style['min-zoomed-font-size']).toBeGreaterThanOrEqual(10);
		// Labels (and every text property) only for entities; papers are 7 px dots.
		const labelled = big.filter((b) => 'label' in b.style).map((b) => b.selector);
		expect(labelled).toEqual(['node[type != "Paper"]']);
		expect(
			big.find((b) => b.selector === 'node[type = "Paper"]' && b.style.width === 7)
		).toBeTruthy();
		// Selection still shows: its block comes after the big-view blocks.
		const sel = big.findIndex((b) => b.selector === 'node:selected');
		expect(sel).toBeGreaterThan(big.findIndex((b) => b.selector === 'edge[type = "USES"]'));
		const small = graphStyle('light') as unknown as Block[];
		expect(small.some((b) => b.style['curve-style'] === 'bezier')).toBe(true);
		expect(small.some((b) => b.style['curve-style'] === 'haystack')).toBe(false);
	});
});

describe('force layout in a worker: the messages', () => {
	const nodes = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
	const edges = [
		{ id: 'a|USES|b', source: 'a', target: 'b' },
		{ id: 'b|USES|c', source: 'b', target: 'c' },
		{ id: 'a|USES|gone', source: 'a', target: 'gone' }
	];

	it('sends node count and flat index pairs, without edges to missing nodes', () => {
		const { ids, request } = forceRequest(nodes, edges, { seed: 3 });
		expect(ids).toEqual(['a', 'b', 'c']);
		expect(request.count).toBe(3);
		expect([...request.edges]).toEqual([0, 1, 1, 2]);
		expect(request.options).toEqual({ seed: 3 });
	});

	it('answers with the same positions as laying out here, and its time', () => {
		const { request } = forceRequest(nodes, edges);
		const reply = answerForceRequest(request);
		const here = forceLayout(3, [
			[0, 1],
			[1, 2]
		]);
		expect([...reply.x]).toEqual([...here.x]);
		expect([...reply.y]).toEqual([...here.y]);
		expect(reply.ms).toBeGreaterThanOrEqual(0);
		expect(isForceReply(reply, 3)).toBe(true);
	});

	it('refuses replies of the wrong shape', () => {
		const x = new Float64Array(3);
		expect(isForceReply(null, 3)).toBe(false);
		expect(isForceReply({ x, y: new Float64Array(2), ms: 1 }, 3)).toBe(false);
		expect(isForceReply({ x: [0, 0, 0], y: x, ms: 1 }, 3)).toBe(false);
		expect(isForceReply({ x, y: x }, 3)).toBe(false);
	});

	it('hands an early layout to the graph it was started for, once', async () => {
		// No Worker in Node: the job runs on this thread, which is the fallback path.
		const graph = { nodes, edges };
		startLayout(graph);
		const first = await takeLayout({ nodes: [...nodes], edges: [...edges] });
		expect(first.ids).toEqual(['a', 'b', 'c']);
		// A different graph gets its own layout rather than the early one.
		startLayout(graph);
		const other = await takeLayout({ nodes: nodes.slice(0, 2), edges: edges.slice(0, 1) });
		expect(other.ids).toEqual(['a', 'b']);
		expect(other.x).toHaveLength(2);
	});
});
