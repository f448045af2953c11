// Runs one fuzz input through the public APIs — readPapers() for files, extractPaper() (and the
// loader's toFacts) for papers — and reports what came out. Anything thrown out of those APIs is
// a crash; so is a reader error caught only by readPapers' safety net ("internal error").
import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { extractPaper } from '../../ingest/extract/index.js';
import { toFacts } from '../../ingest/load/facts.js';
import { readPapers, type Reject } from '../../ingest/sources/index.js';
import type { Paper } from '../../ingest/types.js';
import type { Built } from '../../support/fuzz-cases.js';

export interface CaseResult {
	bytes: number;
	lines: number;
	records: number; // papers read (files) or extracted (extractor row)
	rejects: number;
	bad: number; // rejects (or papers) without a usable file, line and reason
	badRejects: string[]; // the first few of them
	crashes: string[];
	expanded: string | null; // more text out than the file holds: entity expansion
	extracted: number;
	ms: number;
}

/** Papers per file input sent on to the extractor (a million-line file has 200k). */
const EXTRACT_PER_FILE = 20;

export function writeInput(
	built: Built & { kind: 'file' },
	path: string
): { bytes: number; lines: number } {
	const fd = openSync(path, 'w');
	// The highest line number a reader may report: every LF and every CR counted, since readers
	// differ on CR-only and CRLF line ends (csv-parse, in a file mixing them, counts some CRLFs twice).
	let breaks = 0;
	try {
		for (const chunk of built.chunks()) {
			const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			for (let i = 0; i < b.length; i++) if (b[i] === 10 || b[i] === 13) breaks++;
			writeSync(fd, b);
		}
	} finally {
		closeSync(fd);
	}
	return { bytes: statSync(path).size, lines: breaks };
}

/** A result with nothing counted yet. */
function emptyResult(size: { bytes: number; lines: number }): CaseResult {
	return {
		...size,
		records: 0,
		rejects: 0,
		bad: 0,
		badRejects: [],
		crashes: [],
		expanded: null,
		extracted: 0,
		ms: 0
	};
}

export async function runFileInput(
	path: string,
	built: Built & { kind: 'file' },
	size: { bytes: number; lines: number }
): Promise<CaseResult> {
	const r = emptyResult(size);
	const t0 = performance.now();
	let textOut = 0;
	try {
		for await (const res of readPapers(path, built.format ? { format: built.format } : {})) {
			if (res.ok) {
				r.records++;
				const problem = paperProblem(res.paper, path);
				if (problem) {
					r.bad++;
					note(r.badRejects, `paper ${problem}`);
				}
				textOut += res.paper.title.length + res.paper.abstract.length;
				if (r.extracted < EXTRACT_PER_FILE) {
					r.extracted++;
					extractInto(r, res.paper);
				}
			} else {
				r.rejects++;
				const problem = rejectProblem(
					res.reject,
					path,
					Math.max(size.lines + 1, r.records + r.rejects)
				);
				if (problem) {
					r.bad++;
					note(r.badRejects, `${problem}: ${JSON.stringify(res.reject).slice(0, 200)}`);
				}
				if (res.reject.reason.includes('internal error'))
					note(r.crashes, `reader threw: ${res.reject.reason.slice(0, 300)}`);
			}
		}
	} catch (err) {
		note(r.crashes, `readPapers threw: ${describe(err)}`);
	}
	// Decoding only shrinks text (entities, markup, UTF-16): more characters out than bytes in
	// means something was expanded.
	if (textOut > size.bytes + 1000)
		r.expanded = `${textOut} characters of title and abstract from a ${size.bytes}-byte file`;
	r.ms = performance.now() - t0;
	return r;
}

export function runPapers(papers: Paper[]): CaseResult {
	const r = emptyResult({ bytes: 0, lines: 0 });
	const t0 = performance.now();
	for (const p of papers) {
		r.bytes += p.title.length + p.abstract.length;
		r.records++;
		r.extracted++;
		extractInto(r, p);
	}
	r.ms = performance.now() - t0;
	return r;
}

function extractInto(r: CaseResult, paper: Paper): void {
	try {
		toFacts(extractPaper(paper));
	} catch (err) {
		note(r.crashes, `extractPaper threw: ${describe(err)}`);
	}
}

export function rejectProblem(reject: Reject, path: string, maxLine: number): string | null {
	if (reject.uri !== path) return 'reject without the file';
	if (!Number.isInteger(reject.line) || reject.line < 0 || reject.line > maxLine)
		return 'reject without a valid line';
	if (typeof reject.reason !== 'string' || reject.reason.trim().length < 5)
		return 'reject without a reason';
	return null;
}

function paperProblem(p: Paper, path: string): string | null {
	if (p.source.uri !== path) return 'without the file';
	if (!Number.isInteger(p.source.line) || p.source.line < 1) return 'without a valid line';
	if (!p.title || !p.abstract || !p.id) return 'without title, abstract or id';
	return null;
}

function note(list: string[], msg: string): void {
	if (list.length < 3) list.push(msg);
	else if (list.length === 3) list.push('…');
}

function describe(err: unknown): string {
	return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : String(err);
}

export function removeQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// already gone
	}
}
