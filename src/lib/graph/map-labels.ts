// Labels of the map that never overlap: placed greedily, most important first, each at the
// first free spot among a few around its circle (inside, below, above, right, left), its full
// text first, then shorter ones; a label with no free spot is left out (its region still names
// itself on hover and to screen readers). Screen pixels; the text widths are measured by the
// caller (a canvas with the page's font), so the boxes are the boxes the browser draws.

export interface LabelRequest {
	id: string;
	/** ways to write it, best first: each a list of lines */
	variants: string[][];
	fontSize: number;
	bold?: boolean;
	/** the circle it names, in screen pixels */
	cx: number;
	cy: number;
	r: number;
	/** try the spot inside the circle first (big regions name themselves inside) */
	inside?: boolean;
}

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface PlacedLabel extends Box {
	id: string;
	lines: string[];
	fontSize: number;
	bold: boolean;
	/** the baseline of the first line, and the distance between lines */
	baseline: number;
	lineHeight: number;
}

/** Something a label must not cover (a region's core); its own region's may be. */
export interface Obstacle extends Box {
	owner?: string;
}

export type Measure = (text: string, fontSize: number, bold: boolean) => number;

/** Space kept around each label. */
const PAD = 3;
export const LINE_HEIGHT = 1.25;

export const overlaps = (a: Box, b: Box, pad = 0) =>
	a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;

export function placeLabels(
	requests: readonly LabelRequest[],
	measure: Measure,
	bounds: { width: number; height: number },
	/** boxes taken already: other regions' cores, controls drawn over the map */
	obstacles: readonly Obstacle[] = []
): PlacedLabel[] {
	const placed: PlacedLabel[] = [];
	const boxes: Box[] = [];
	for (const q of requests) {
		const bold = q.bold ?? false;
		const lh = q.fontSize * LINE_HEIGHT;
		let done: PlacedLabel | null = null;
		for (const lines of q.variants) {
			const w = Math.ceil(Math.max(...lines.map((l) => measure(l, q.fontSize, bold)))) + 2;
			const h = Math.ceil(lines.length * lh);
			// Inside when it (nearly) fits the circle; then beside it, nearest first.
			const fitsInside = q.inside && w <= 2.2 * q.r && h <= 1.6 * q.r;
			const d = q.r * 0.72; // a diagonal spot's offset: just off the rim
			const spots: [number, number][] = [
				...(fitsInside ? [[q.cx - w / 2, q.cy - h / 2] as [number, number]] : []),
				[q.cx - w / 2, q.cy + q.r + 2],
				[q.cx - w / 2, q.cy - q.r - 2 - h],
				[q.cx + q.r + 4, q.cy - h / 2],
				[q.cx - q.r - 4 - w, q.cy - h / 2],
				[q.cx + d, q.cy + d],
				[q.cx + d, q.cy - d - h],
				[q.cx - d - w, q.cy + d],
				[q.cx - d - w, q.cy - d - h]
			];
			for (const [x, y] of spots) {
				const box = { x, y, w, h };
				if (x < 0 || y < 0 || x + w > bounds.width || y + h > bounds.height) continue;
				if (boxes.some((b) => overlaps(b, box, PAD))) continue;
				if (obstacles.some((b) => b.owner !== q.id && overlaps(b, box))) continue;
				done = {
					id: q.id,
					lines,
					fontSize: q.fontSize,
					bold,
					...box,
					// Glyphs sit about 0.8 em below the top of their line box.
					baseline: y + (lh - q.fontSize) / 2 + q.fontSize * 0.8,
					lineHeight: lh
				};
				break;
			}
			if (done) break;
		}
		if (done) {
			placed.push(done);
			boxes.push(done);
		}
	}
	return placed;
}
