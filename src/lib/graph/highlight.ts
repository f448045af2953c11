// Text split into plain and marked segments from character offsets, so the page renders
// highlights as text nodes inside <mark> elements and never as HTML built from user text.
export interface Span<M> {
	start: number;
	end: number;
	mark: M;
}

export interface Segment<M> {
	text: string;
	mark: M | null;
}

/** Overlapping spans: the earlier-starting (then longer) one wins; bad offsets are dropped. */
export function segments<M>(text: string, spans: Span<M>[]): Segment<M>[] {
	const valid = spans
		.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
		.filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
		.sort((a, b) => a.start - b.start || b.end - a.end);
	const out: Segment<M>[] = [];
	let at = 0;
	for (const s of valid) {
		if (s.start < at) continue;
		if (s.start > at) out.push({ text: text.slice(at, s.start), mark: null });
		out.push({ text: text.slice(s.start, s.end), mark: s.mark });
		at = s.end;
	}
	if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: null });
	return out;
}
