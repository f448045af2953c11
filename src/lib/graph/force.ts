// A force-directed layout for big views (thousands of nodes, tens of thousands of edges), in the
// manner of ForceAtlas2: repulsion scaled by degree (hubs push apart, their papers gather around
// them), linear attraction along edges, gravity for loose parts, Barnes–Hut for the repulsion.
// Pure and deterministic; fCoSE's preprocessing is quadratic in edges, so it cannot do these.

export interface ForceOptions {
	iterations?: number;
	/** Seed for the starting positions, so the same graph lays out the same way. */
	seed?: number;
	/** Barnes–Hut accuracy: a cell this much smaller than its distance counts as one body. */
	theta?: number;
	/** Room per node in the result: linked nodes fill a disc of radius √n · spacing. */
	spacing?: number;
}

interface Cell {
	x0: number;
	y0: number;
	size: number;
	mass: number;
	cx: number;
	cy: number;
	body: number; // a single body's index, -1 when empty or split
	kids: (Cell | null)[] | null;
}

function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const newCell = (x0: number, y0: number, size: number): Cell => ({
	x0,
	y0,
	size,
	mass: 0,
	cx: 0,
	cy: 0,
	body: -1,
	kids: null
});

function insert(
	cell: Cell,
	i: number,
	xs: Float64Array,
	ys: Float64Array,
	ms: Float64Array,
	depth = 0
) {
	const m = ms[i]!;
	if (cell.mass === 0 && cell.kids === null) {
		cell.body = i;
		cell.mass = m;
		cell.cx = xs[i]!;
		cell.cy = ys[i]!;
		return;
	}
	// Coincident points would split forever; past a depth they share the cell.
	if (cell.kids === null && depth < 40) {
		cell.kids = [null, null, null, null];
		const j = cell.body;
		cell.body = -1;
		if (j >= 0) place(cell, j, xs, ys, ms, depth);
	}
	cell.cx = (cell.cx * cell.mass + xs[i]! * m) / (cell.mass + m);
	cell.cy = (cell.cy * cell.mass + ys[i]! * m) / (cell.mass + m);
	cell.mass += m;
	if (cell.kids) place(cell, i, xs, ys, ms, depth);
}

function place(
	cell: Cell,
	i: number,
	xs: Float64Array,
	ys: Float64Array,
	ms: Float64Array,
	depth: number
) {
	const half = cell.size / 2;
	const right = xs[i]! >= cell.x0 + half ? 1 : 0;
	const down = ys[i]! >= cell.y0 + half ? 1 : 0;
	const k = right + 2 * down;
	const kids = cell.kids!;
	kids[k] ??= newCell(cell.x0 + right * half, cell.y0 + down * half, half);
	insert(kids[k]!, i, xs, ys, ms, depth + 1);
}

/**
 * Positions for `count` nodes linked by `edges` (pairs of indices). Returns x and y arrays,
 * centred on the origin.
 */
export function forceLayout(
	count: number,
	edges: [number, number][],
	options: ForceOptions = {}
): { x: Float64Array; y: Float64Array } {
	const iterations = options.iterations ?? 120;
	const theta2 = (options.theta ?? 1.2) ** 2;
	const random = prng(options.seed ?? 1);
	const xs = new Float64Array(count);
	const ys = new Float64Array(count);
	const mass = new Float64Array(count).fill(1);
	for (const [a, b] of edges) {
		mass[a]! += 1;
		mass[b]! += 1;
	}
	// Start close to the answer, so few iterations suffice: nodes with the most links spread
	// over a disc sized for the node count, every other node next to its heaviest neighbour.
	const radius = Math.sqrt(count) * 10;
	const heaviest = new Int32Array(count).fill(-1);
	for (const [a, b] of edges) {
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

	const push = (i: number, cell: Cell) => {
		if (cell.mass === 0 || cell.body === i) return;
		const dx = xs[i]! - cell.cx;
		const dy = ys[i]! - cell.cy;
		const d2 = dx * dx + dy * dy + 0.01;
		if (cell.kids === null || (cell.size * cell.size) / d2 < theta2) {
			// F = k · m_i · m_cell / d, along the unit vector: (dx, dy) · k · m_i · m_cell / d².
			const f = (repulsion * mass[i]! * cell.mass) / d2;
			fx[i]! += dx * f;
			fy[i]! += dy * f;
			return;
		}
		for (const kid of cell.kids) if (kid) push(i, kid);
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
		const root = newCell(minX, minY, Math.max(maxX - minX, maxY - minY, 1) + 1);
		for (let i = 0; i < count; i++) insert(root, i, xs, ys, mass);
		for (let i = 0; i < count; i++) push(i, root);
		for (const [a, b] of edges) {
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
