import { describe, expect, it } from 'vitest';
import {
	overlaps,
	placeLabels,
	shorten,
	wrap,
	type LabelRequest
} from '../../../src/lib/graph/map-labels';
import { lineageTimeline } from '../../../src/lib/graph/layouts';
import { place } from '../../../graph/analytics/map';
import type { GraphNode } from '../../../src/lib/types';

// Seven pixels per character, bold or not: enough to reason about boxes.
const measure = (t: string) => t.length * 7;

function seeded(seed: number) {
	let a = seed;
	return () => {
		a = (a * 1664525 + 1013904223) % 4294967296;
		return a / 4294967296;
	};
}

describe('map labels', () => {
	it('never overlap, whatever crowds them', () => {
		const rnd = seeded(7);
		let smallest = Infinity;
		for (let round = 0; round < 20; round++) {
			const requests: LabelRequest[] = Array.from({ length: 40 }, (_, i) => ({
				id: `r${i}`,
				variants: [['a long first name', 'second name', 'third'], ['a long first name'], ['x']],
				fontSize: 12 + (i % 3),
				bold: i < 5,
				cx: rnd() * 600,
				cy: rnd() * 400,
				r: 5 + rnd() * 40,
				inside: true
			}));
			const placed = placeLabels(requests, measure, { width: 600, height: 400 });
			expect(placed.length).toBeGreaterThan(5);
			// A phone keeps every label at 12 px or more.
			const phone = requests.map((q) => ({ ...q, minFontSize: 12 }));
			const sizes = placeLabels(phone, measure, { width: 600, height: 400 }).map((l) => l.fontSize);
			expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
			smallest = Math.min(smallest, ...placed.map((l) => l.fontSize));
			for (let i = 0; i < placed.length; i++) {
				const a = placed[i]!;
				expect(a.x).toBeGreaterThanOrEqual(0);
				expect(a.x + a.w).toBeLessThanOrEqual(600);
				for (let j = i + 1; j < placed.length; j++)
					expect(overlaps(a, placed[j]!), `${a.id} over ${placed[j]!.id}`).toBe(false);
			}
		}
		// Elsewhere a crowded label may take a smaller type.
		expect(smallest).toBe(10);
	});

	it('names a big circle inside it, a small one beside it, and keeps off other cores', () => {
		const big: LabelRequest = {
			id: 'big',
			variants: [['Stable Diffusion', 'SDXL']],
			fontSize: 12,
			cx: 200,
			cy: 200,
			r: 80,
			inside: true
		};
		const small: LabelRequest = { ...big, id: 'small', cx: 400, cy: 200, r: 6 };
		const [a, b] = placeLabels([big, small], measure, { width: 600, height: 400 });
		expect(a!.lines).toEqual(['Stable Diffusion', 'SDXL']);
		expect(a!.x).toBeGreaterThan(120);
		expect(a!.x + a!.w).toBeLessThan(280);
		expect(b!.y).toBeGreaterThan(206); // below the small circle
		// Another region's core in the way: the label goes elsewhere.
		const core = { owner: 'other', x: 280, y: 200, w: 240, h: 60 };
		const [c] = placeLabels([small], measure, { width: 600, height: 400 }, [core]);
		expect(overlaps(c!, core)).toBe(false);
	});

	it('keeps every line within a phone’s width, shortened with an ellipsis', () => {
		const request: LabelRequest = {
			id: 'llm',
			variants: [['large language model', 'retrieval-augmented generation'], ['LLM']],
			fontSize: 12,
			cx: 100,
			cy: 100,
			r: 6,
			maxWidth: 70
		};
		const [label] = placeLabels([request], measure, { width: 390, height: 400 });
		expect(label!.lines).toEqual(['large lan…', 'retrieval…']);
		expect(label!.w).toBeLessThanOrEqual(72);
		// Too narrow for a legible start of the long names: the short name, never "lar…".
		const [short] = placeLabels([{ ...request, maxWidth: 35 }], measure, {
			width: 390,
			height: 400
		});
		expect(short!.lines).toEqual(['LLM']);
		// Without a limit the whole name is written.
		const [wide] = placeLabels([{ ...request, maxWidth: undefined }], measure, {
			width: 390,
			height: 400
		});
		expect(wide!.lines).toEqual(['large language model', 'retrieval-augmented generation']);
		// Inside a circle it would wrap to three lines; two at most, it is written beside it.
		const big = {
			...request,
			maxWidth: undefined,
			r: 50,
			inside: true,
			variants: [['large language model tuning']]
		};
		const [wrapped] = placeLabels([big], measure, { width: 390, height: 400 });
		expect(wrapped!.lines).toHaveLength(3);
		const [two] = placeLabels([{ ...big, maxLines: 2 }], measure, { width: 390, height: 400 });
		expect(two!.lines.length).toBeLessThanOrEqual(2);
	});

	it('wraps at spaces and hyphens, and shortens with an ellipsis', () => {
		const fits = (t: string) => t.length <= 10;
		expect(wrap(['image-to-video generation'], fits)).toEqual(['image-to-', 'video', 'generation']);
		expect(shorten('Stochastic Consistency', fits)).toBe('Stochasti…');
		expect(shorten('LoRA', fits)).toBe('LoRA');
		// Never a fragment too short to read: whole words, or six characters at least.
		const tiny = (t: string) => t.length <= 5;
		expect(shorten('classification', tiny)).toBeNull();
		expect(shorten('LoRA fine-tuning', tiny)).toBe('LoRA…');
		expect(shorten('classification', (t) => t.length <= 7)).toBe('classi…');
	});
});

describe('the map layout', () => {
	it('keeps regions apart and linked ones closer than unlinked ones', () => {
		const r = Float64Array.from([40, 30, 30, 20, 20, 10]);
		const { x, y } = place(r, [
			{ a: 0, b: 5, weight: 1 },
			{ a: 1, b: 2, weight: 1 }
		]);
		const d = (i: number, j: number) => Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!);
		for (let i = 0; i < r.length; i++)
			for (let j = i + 1; j < r.length; j++) expect(d(i, j)).toBeGreaterThanOrEqual(r[i]! + r[j]!);
		expect(d(0, 5)).toBeLessThan(d(0, 4));
		expect(d(1, 2)).toBeLessThan(d(1, 3));
	});
});

describe('a lineage on a time axis', () => {
	const node = (id: string, year: number | null, depth: number) =>
		({
			id,
			label: id,
			kind: 'Entity',
			type: 'Model',
			year,
			paperCount: 1,
			degree: 1,
			depth
		}) as GraphNode & { depth: number };

	it('puts older years left, unknown years after them by generation, with headings', () => {
		const t = lineageTimeline([
			node('root', 2021, 0),
			node('a', 2023, 1),
			node('b', 2022, 1),
			node('c', null, 1),
			node('d', null, 2),
			node('e', 2023, 2)
		])!;
		expect(t.years).toEqual([2021, 2022, 2023]);
		const x = (id: string) => t.positions[id]!.x;
		expect(x('root')).toBeLessThan(x('b'));
		expect(x('b')).toBeLessThan(x('a'));
		expect(x('a')).toBe(x('e'));
		expect(x('a')).toBeLessThan(x('c'));
		expect(x('c')).toBeLessThan(x('d'));
		expect(t.axis.map((a) => a.label)).toEqual([
			'2021',
			'2022',
			'2023',
			'year unknown\ngeneration 1',
			'year unknown\ngeneration 2'
		]);
		expect(t.undated).toBe(2);
	});

	it('falls back to generations with fewer than two years', () => {
		expect(lineageTimeline([node('root', null, 0), node('a', 2023, 1)])).toBeNull();
		expect(lineageTimeline([node('a', 2023, 1), node('b', 2023, 1)])).toBeNull();
	});
});
