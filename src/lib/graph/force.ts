// A force-directed layout for big views (thousands of nodes, tens of thousands of edges), in the
// manner of ForceAtlas2: repulsion scaled by degree (hubs push apart, their papers gather around
// them), linear attraction along edges, gravity for loose parts, Barnes–Hut for the repulsion.
// Pure and deterministic; fCoSE's preprocessing is quadratic in edges, so it cannot do these.
import { prng } from '../prng';

export interface ForceOptions {
	iterations?: number;
	/** Seed for the starting positions, so the same graph lays out the same way. */
	seed?: number;
	/** Barnes–Hut accuracy: a cell this much smaller than its distance counts as one body. */
	theta?: number;
	/** Room per node in the result: linked nodes fill a disc of radius √n · spacing. */
	spacing?: number;
}

/**
 * The Barnes–Hut quadtree as flat typed arrays, reused across iterations: one object per cell
 * and iteration made the garbage collector a third of the layout's time.
 */
class QuadTree {
	cap = 0;
	used = 0;
	x0 = new Float64Array(0);
	y0 = new Float64Array(0);
	size = new Float64Array(0);
	mass = new Float64Array(0);
	cx = new Float64Array(0);
	cy = new Float64Array(0);
	/** A single body's index; -1 when empty or split. */
	body = new Int32Array(0);
	/** Four children per cell, -1 for none; `split` says whether a cell has children at all. */
	kids = new Int32Array(0);
	split = new Uint8Array(0);

	constructor(cap: number) {
		this.grow(Math.max(16, cap));
	}

	private grow(cap: number) {
		const copy = <T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T => {
			const b = new (a.constructor as new (n: number) => T)(n);
			b.set(a);
			return b;
		};
		this.x0 = copy(this.x0, cap);
		this.y0 = copy(this.y0, cap);
		this.size = copy(this.size, cap);
		this.mass = copy(this.mass, cap);
		this.cx = copy(this.cx, cap);
		this.cy = copy(this.cy, cap);
		this.body = copy(this.body, cap);
		this.kids = copy(this.kids, cap * 4);
		this.split = copy(this.split, cap);
		this.cap = cap;
	}

	cell(x0: number, y0: number, size: number): number {
		if (this.used === this.cap) this.grow(this.cap * 2);
		const c = this.used++;
		this.x0[c] = x0;
		this.y0[c] = y0;
		this.size[c] = size;
		this.mass[c] = 0;
		this.cx[c] = 0;
		this.cy[c] = 0;
		this.body[c] = -1;
		this.split[c] = 0;
		return c;
	}

	/** The child of `c` on the side of (x, y), made when missing. */
	private child(c: number, x: number, y: number): number {
		const half = this.size[c]! / 2;
		const right = x >= this.x0[c]! + half ? 1 : 0;
		const down = y >= this.y0[c]! + half ? 1 : 0;
		const k = 4 * c + right + 2 * down;
		if (this.kids[k]! < 0) {
			const kid = this.cell(this.x0[c]! + right * half, this.y0[c]! + down * half, half);
			this.kids[k] = kid;
		}
		return this.kids[k]!;
	}

	insert(i: number, xs: Float64Array, ys: Float64Array, ms: Float64Array) {
		const m = ms[i]!;
		const x = xs[i]!;
		const y = ys[i]!;
		let c = 0;
		for (let depth = 0; ; depth++) {
			if (this.mass[c] === 0 && !this.split[c]) {
				this.body[c] = i;
				this.mass[c] = m;
				this.cx[c] = x;
				this.cy[c] = y;
				return;
			}
			// Coincident points would split forever; past a depth they share the cell.
			if (!this.split[c] && depth < 40) {
				this.split[c] = 1;
				this.kids.fill(-1, 4 * c, 4 * c + 4);
				const j = this.body[c]!;
				this.body[c] = -1;
				if (j >= 0) {
					// An empty child takes the body as it is.
					const kid = this.child(c, xs[j]!, ys[j]!);
					this.body[kid] = j;
					this.mass[kid] = ms[j]!;
					this.cx[kid] = xs[j]!;
					this.cy[kid] = ys[j]!;
				}
			}
			const mass = this.mass[c]!;
			this.cx[c] = (this.cx[c]! * mass + x * m) / (mass + m);
			this.cy[c] = (this.cy[c]! * mass + y * m) / (mass + m);
			this.mass[c] = mass + m;
			if (!this.split[c]) return;
			c = this.child(c, x, y);
		}
	}
}

/** Index pairs as one flat array (a0, b0, a1, b1, …), the form the worker receives them in. */
export function flatPairs(edges: [number, number][] | Int32Array): Int32Array {
	if (edges instanceof Int32Array) return edges;
	const flat = new Int32Array(edges.length * 2);
	edges.forEach(([a, b], k) => {
		flat[2 * k] = a;
		flat[2 * k + 1] = b;
	});
	return flat;
}

export interface ForcePositions {
	x: Float64Array;
	y: Float64Array;
}

/**
 * Positions for `count` nodes linked by `edges` (pairs of indices, or flat as from flatPairs).
 * Returns x and y arrays, centred on the origin.
 */
export function forceLayout(
	count: number,
	edgeList: [number, number][] | Int32Array,
	options: ForceOptions = {}
): ForcePositions {
	const steps = forceSteps(count, edgeList, options);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * forceLayout for a server: the same positions, with the event loop given back about every
 * `sliceMs` so that other requests are answered while a big view is laid out.
 */
export async function forceLayoutAsync(
	count: number,
	edgeList: [number, number][] | Int32Array,
	options: ForceOptions = {},
	sliceMs = 20
): Promise<ForcePositions> {
	const steps = forceSteps(count, edgeList, options);
	let slice = performance.now();
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		if (performance.now() - slice > sliceMs) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			slice = performance.now();
		}
	}
}

/** The layout one iteration at a time (it yields after each), returning the positions. */
function* forceSteps(
	count: number,
	edgeList: [number, number][] | Int32Array,
	options: ForceOptions
): Generator<void, ForcePositions> {
	const edges = flatPairs(edgeList);
	const pairs = edges.length / 2;
	const iterations = options.iterations ?? 120;
	const theta2 = (options.theta ?? 1.2) ** 2;
	const random = prng(options.seed ?? 1);
	const xs = new Float64Array(count);
	const ys = new Float64Array(count);
	const mass = new Float64Array(count).fill(1);
	for (let k = 0; k < pairs; k++) {
		mass[edges[2 * k]!]! += 1;
		mass[edges[2 * k + 1]!]! += 1;
	}
	// Start close to the answer, so few iterations suffice: nodes with the most links spread
	// over a disc sized for the node count, every other node next to its heaviest neighbour.
	const radius = Math.sqrt(count) * 10;
	const heaviest = new Int32Array(count).fill(-1);
	for (let k = 0; k < pairs; k++) {
		const a = edges[2 * k]!;
		const b = edges[2 * k + 1]!;
		if (heaviest[a]! < 0 || mass[b]! > mass[heaviest[a]!]!) heaviest[a] = b;
		if (heaviest[b]! < 0 || mass[a]! > mass[heaviest[b]!]!) heaviest[b] = a;
	}
	const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => mass[b]! - mass[a]!);
	const placed = new Uint8Array(count);
	for (const i of order) {
		const h = heaviest[i]!;
		if (h >= 0 && placed[h] && mass[h]! > mass[i]!) {
			const a = 2 * Math.PI * random();
			const r = 5 + 10 * random();
			xs[i] = xs[h]! + r * Math.cos(a);
			ys[i] = ys[h]! + r * Math.sin(a);
		} else {
			const r = radius * Math.sqrt(random());
			const a = 2 * Math.PI * random();
			xs[i] = r * Math.cos(a);
			ys[i] = r * Math.sin(a);
		}
		placed[i] = 1;
	}
	const fx = new Float64Array(count);
	const fy = new Float64Array(count);
	// ForceAtlas2's scaling for graphs of thousands of nodes; gravity only gathers loose parts.
	const repulsion = 10;
	const gravity = 1;

	const tree = new QuadTree(count * 3);
	// Depth-first over the tree with an explicit stack, children in order 0–3 as pushed back.
	let stack = new Int32Array(256);
	const push = (i: number) => {
		const { mass: cm, body, cx, cy, size, split, kids } = tree;
		const xi = xs[i]!;
		const yi = ys[i]!;
		const mi = mass[i]!;
		let fxi = fx[i]!;
		let fyi = fy[i]!;
		let top = 0;
		stack[top++] = 0;
		while (top > 0) {
			const c = stack[--top]!;
			if (cm[c] === 0 || body[c] === i) continue;
			const dx = xi - cx[c]!;
			const dy = yi - cy[c]!;
			const d2 = dx * dx + dy * dy + 0.01;
			if (!split[c] || (size[c]! * size[c]!) / d2 < theta2) {
				// F = k · m_i · m_cell / d, along the unit vector: (dx, dy) · k · m_i · m_cell / d².
				const f = (repulsion * mi * cm[c]!) / d2;
				fxi += dx * f;
				fyi += dy * f;
				continue;
			}
			if (top + 4 > stack.length) {
				const bigger = new Int32Array(stack.length * 2);
				bigger.set(stack);
				stack = bigger;
			}
			for (let k = 3; k >= 0; k--) {
				const kid = kids[4 * c + k]!;
				if (kid >= 0) stack[top++] = kid;
			}
		}
		fx[i] = fxi;
		fy[i] = fyi;
	};

	for (let it = 0; it < iterations; it++) {
		fx.fill(0);
		fy.fill(0);
		let minX = Infinity;
		let minY = Infinity;
		let maxX = -Infinity;
		let maxY = -Infinity;
		for (let i = 0; i < count; i++) {
			minX = Math.min(minX, xs[i]!);
			minY = Math.min(minY, ys[i]!);
			maxX = Math.max(maxX, xs[i]!);
			maxY = Math.max(maxY, ys[i]!);
		}
		tree.used = 0;
		tree.cell(minX, minY, Math.max(maxX - minX, maxY - minY, 1) + 1);
		for (let i = 0; i < count; i++) tree.insert(i, xs, ys, mass);
		for (let i = 0; i < count; i++) push(i);
		for (let k = 0; k < pairs; k++) {
			const a = edges[2 * k]!;
			const b = edges[2 * k + 1]!;
			const dx = xs[b]! - xs[a]!;
			const dy = ys[b]! - ys[a]!;
			fx[a]! += dx;
			fy[a]! += dy;
			fx[b]! -= dx;
			fy[b]! -= dy;
		}
		// Cooling: steps start long enough to untangle and shrink so the picture settles.
		const cap = radius * 0.1 * (1 - it / iterations) + 1;
		for (let i = 0; i < count; i++) {
			const d = Math.sqrt(xs[i]! * xs[i]! + ys[i]! * ys[i]!) + 0.01;
			const gx = fx[i]! - (gravity * mass[i]! * xs[i]!) / d;
			const gy = fy[i]! - (gravity * mass[i]! * ys[i]!) / d;
			// Heavier nodes move less for the same force, as in ForceAtlas2.
			let sx = (0.1 * gx) / mass[i]!;
			let sy = (0.1 * gy) / mass[i]!;
			const s = Math.sqrt(sx * sx + sy * sy);
			if (s > cap) {
				sx *= cap / s;
				sy *= cap / s;
			}
			xs[i]! += sx;
			ys[i]! += sy;
		}
		yield;
	}

	// Scale so the linked nodes fill a disc with room for each (the picture's density does not
	// depend on how tight the simulation ended), and centre on them.
	const linked: number[] = [];
	const loose: number[] = [];
	for (let i = 0; i < count; i++) (mass[i]! > 1 ? linked : loose).push(i);
	let mx = 0;
	let my = 0;
	for (const i of linked) {
		mx += xs[i]!;
		my += ys[i]!;
	}
	mx = linked.length ? mx / linked.length : 0;
	my = linked.length ? my / linked.length : 0;
	const radii = linked.map((i) => Math.sqrt((xs[i]! - mx) ** 2 + (ys[i]! - my) ** 2));
	radii.sort((a, b) => a - b);
	const r90 = radii.length ? radii[Math.floor(radii.length * 0.9)]! : 0;
	const want = Math.sqrt(linked.length) * (options.spacing ?? 9);
	const scale = r90 > 0 ? want / r90 : 1;
	for (const i of linked) {
		xs[i] = (xs[i]! - mx) * scale;
		ys[i] = (ys[i]! - my) * scale;
	}
	// Nodes without a link in view would drift to the far edge of the picture and shrink the
	// rest when fitted: they go on a ring just outside the linked ones, in their given order.
	const ring = (radii.length ? radii[radii.length - 1]! * scale : 0) + 40;
	loose.forEach((i, k) => {
		const a = (2 * Math.PI * k) / loose.length;
		xs[i] = loose.length === 1 && !linked.length ? 0 : ring * Math.cos(a);
		ys[i] = loose.length === 1 && !linked.length ? 0 : ring * Math.sin(a);
	});
	return { x: xs, y: ys };
}

/** Zoom and pan that fit the positions into a viewport, as cy.fit() would for the nodes. */
export function fitViewport(
	at: { x: Float64Array; y: Float64Array },
	viewport: { width: number; height: number },
	padding = 30
): { zoom: number; pan: { x: number; y: number } } {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let i = 0; i < at.x.length; i++) {
		minX = Math.min(minX, at.x[i]!);
		maxX = Math.max(maxX, at.x[i]!);
		minY = Math.min(minY, at.y[i]!);
		maxY = Math.max(maxY, at.y[i]!);
	}
	if (!Number.isFinite(minX))
		return { zoom: 1, pan: { x: viewport.width / 2, y: viewport.height / 2 } };
	// Room for the nodes' own size at the edges.
	const w = maxX - minX + 40;
	const h = maxY - minY + 40;
	const zoom = Math.min((viewport.width - 2 * padding) / w, (viewport.height - 2 * padding) / h, 4);
	const cx = (minX + maxX) / 2;
	const cy = (minY + maxY) / 2;
	return { zoom, pan: { x: viewport.width / 2 - cx * zoom, y: viewport.height / 2 - cy * zoom } };
}
