// Moving the selection through the graph with the arrow keys: to the neighbour that lies most
// nearly in the key's direction, else to the nearest node that way, so every node is reachable.
export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Placed {
	id: string;
	x: number;
	y: number;
}

export const ARROW_DIRECTIONS: Record<string, Direction> = {
	ArrowLeft: 'left',
	ArrowRight: 'right',
	ArrowUp: 'up',
	ArrowDown: 'down'
};

const UNIT: Record<Direction, [number, number]> = {
	left: [-1, 0],
	right: [1, 0],
	up: [0, -1],
	down: [0, 1]
};

/** The best of `candidates` from `from` in direction `dir` (screen axes: y grows down), or null. */
export function towards(
	from: Placed,
	candidates: readonly Placed[],
	dir: Direction
): string | null {
	const [ux, uy] = UNIT[dir];
	let best: string | null = null;
	let bestScore = Infinity;
	for (const c of candidates) {
		if (c.id === from.id) continue;
		const dx = c.x - from.x;
		const dy = c.y - from.y;
		const along = dx * ux + dy * uy;
		const across = Math.abs(dx * uy - dy * ux);
		// Within about 70° of the direction; nearer and better aligned first.
		if (along <= 0 || across > along * 2.75) continue;
		const score = along + 2 * across;
		if (score < bestScore || (score === bestScore && best != null && c.id < best)) {
			best = c.id;
			bestScore = score;
		}
	}
	return best;
}

/**
 * Where an arrow key moves the selection: among the neighbours first, then among all nodes
 * shown; null when nothing lies that way.
 */
export function nextSelection(
	from: Placed,
	neighbours: readonly Placed[],
	all: readonly Placed[],
	dir: Direction
): string | null {
	return towards(from, neighbours, dir) ?? towards(from, all, dir);
}

/** The node nearest to a point (the middle of the view): where keyboard selection starts. */
export function nearest(at: { x: number; y: number }, nodes: readonly Placed[]): string | null {
	let best: string | null = null;
	let bestD = Infinity;
	for (const n of nodes) {
		const d = (n.x - at.x) ** 2 + (n.y - at.y) ** 2;
		if (d < bestD) {
			best = n.id;
			bestD = d;
		}
	}
	return best;
}
