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
	/**
	 * No line wider than this many pixels: longer ones are shortened with an ellipsis (a phone's
	 * map; the full name stays in the region's title and aria-label).
	 */
	maxWidth?: number;
	/** No more lines than this, wrapped or not. */
	maxLines?: number;
	/** The smaller type of the second pass no smaller than this (default 10 px). */
	minFontSize?: number;
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
	// Passes, each in the callers' order (most important first): every label that fits inside its
	// circle, as many of its lines as fit; then inside in a smaller type; then the rest beside
	// their circles, nearest spots first; then inside, a first line shortened. Inside its circle
	// a label is unmistakable.
	const found = new Map<LabelRequest, { lines: string[]; box: Box; fontSize: number }>();
	for (const pass of ['inside', 'smaller', 'beside', 'shortened'] as const) {
		for (const request of requests) {
			if (found.has(request)) continue;
			// The second pass tries the inside again in a smaller type.
			const q =
				pass === 'smaller'
					? {
							...request,
							fontSize: Math.min(
								request.fontSize,
								Math.max(request.minFontSize ?? 10, request.fontSize - 2)
							)
						}
					: request;
			const take = (lines: string[], box: Box) => {
				found.set(request, { lines, box, fontSize: q.fontSize });
				boxes.push(box);
			};
			const bold = q.bold ?? false;
			const variants = q.maxWidth
				? narrowed(q.variants, q.maxWidth, (t) => measure(t, q.fontSize, bold))
				: q.variants;
			const lh = q.fontSize * LINE_HEIGHT;
			const size = (lines: string[]) => ({
				w: Math.ceil(Math.max(...lines.map((l) => measure(l, q.fontSize, bold)))) + 2,
				h: Math.ceil(lines.length * lh)
			});
			const free = (box: Box) =>
				box.x >= 0 &&
				box.y >= 0 &&
				box.x + box.w <= bounds.width &&
				box.y + box.h <= bounds.height &&
				!boxes.some((b) => overlaps(b, box, PAD)) &&
				!obstacles.some((b) => b.owner !== q.id && overlaps(b, box));
			const inside = (lines: string[]): Box | null => {
				if (lines.length > (q.maxLines ?? Infinity)) return null;
				const { w, h } = size(lines);
				if (!q.inside || w > 2 * q.r * 0.95 || h > 1.6 * q.r) return null;
				return { x: q.cx - w / 2, y: q.cy - h / 2, w, h };
			};
			const fitsWidth = (t: string) => measure(t, q.fontSize, bold) <= 2 * q.r * 0.9;
			if (pass === 'inside' || pass === 'smaller') {
				for (const lines of q.inside ? variants.flatMap((v) => [v, wrap(v, fitsWidth)]) : []) {
					const box = inside(lines);
					if (box && free(box)) {
						take(lines, box);
						break;
					}
				}
			} else if (pass === 'beside') {
				for (const lines of variants) {
					const { w, h } = size(lines);
					const d = q.r * 0.72; // a diagonal spot's offset: just off the rim
					const spots: [number, number][] = [
						[q.cx - w / 2, q.cy + q.r + 2],
						[q.cx - w / 2, q.cy - q.r - 2 - h],
						[q.cx + q.r + 4, q.cy - h / 2],
						[q.cx - q.r - 4 - w, q.cy - h / 2],
						[q.cx + d, q.cy + d],
						[q.cx + d, q.cy - d - h],
						[q.cx - d - w, q.cy + d],
						[q.cx - d - w, q.cy - d - h]
					];
					const spot = spots.map(([x, y]) => ({ x, y, w, h })).find(free);
					if (spot) {
						take(lines, spot);
						break;
					}
				}
			} else {
				const first = variants.at(-1)?.[0];
				const short = first && q.inside ? shorten(first, fitsWidth) : null;
				const box = short ? inside([short]) : null;
				if (short && box && free(box)) take([short], box);
			}
		}
	}
	for (const q of requests) {
		const f = found.get(q);
		if (!f) continue;
		const lh = f.fontSize * LINE_HEIGHT;
		placed.push({
			id: q.id,
			lines: f.lines,
			fontSize: f.fontSize,
			bold: q.bold ?? false,
			...f.box,
			// Glyphs sit about 0.8 em below the top of their line box.
			baseline: f.box.y + (lh - f.fontSize) / 2 + f.fontSize * 0.8,
			lineHeight: lh
		});
	}
	return placed;
}

/**
 * Each line of each variant no wider than `max` (shortened with an ellipsis), repeats dropped;
 * a variant with a line that cannot be shortened legibly is dropped (a shorter one may remain,
 * else the label is left out: its region still names itself on tap and to screen readers).
 */
function narrowed(variants: string[][], max: number, width: (t: string) => number): string[][] {
	const seen = new Set<string>();
	return variants.flatMap((v) => {
		const lines = v.map((l) => shorten(l, (t) => width(t) <= max));
		if (lines.some((l) => l === null)) return [];
		const key = lines.join('\n');
		if (seen.has(key)) return [];
		seen.add(key);
		return [lines as string[]];
	});
}

/** Fewer characters than this before an ellipsis read as a fragment ("clas…"), unless whole words. */
const MIN_CUT = 6;

/**
 * The longest start of `text`, then "…", that `fits`: at least MIN_CUT characters, or whole
 * words ("LoRA…" of "LoRA fine-tuning"); null if none is.
 */
export function shorten(text: string, fits: (t: string) => boolean): string | null {
	if (fits(text)) return text;
	for (let n = text.length - 1; n >= 2; n--) {
		const atWordEnd = /\s/.test(text[n]!) || text[n - 1] === '-';
		if (n < MIN_CUT && !atWordEnd) continue;
		const t = `${text.slice(0, n).trimEnd()}…`;
		if (fits(t)) return t;
	}
	return null;
}

/** Lines broken at spaces (and after hyphens) so that each `fits`, where a break can. */
export function wrap(lines: string[], fits: (t: string) => boolean): string[] {
	return lines.flatMap((line) => {
		if (fits(line)) return [line];
		const words = line.split(/(?<=[\s-])/);
		const out: string[] = [];
		let current = '';
		for (const w of words) {
			if (current && !fits((current + w).trim())) {
				out.push(current.trim());
				current = w;
			} else current += w;
		}
		if (current.trim()) out.push(current.trim());
		return out;
	});
}
