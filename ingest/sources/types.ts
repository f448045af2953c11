// Shapes shared by the source readers. A reader turns text into RawRecords; record.ts turns a
// RawRecord into a normalised Paper (or a reject), so every format gets the same cleaning.
import type { Paper } from '../types.js';

export interface Reject {
	uri: string;
	line: number; // 1-based line (or record number); 0 when the whole file is unreadable
	reason: string;
}

export type ReadResult = { ok: true; paper: Paper } | { ok: false; reject: Reject };

/** A record as a reader found it: fields still raw (markup, entities, odd spacing). */
export interface RawRecord {
	id?: string;
	title?: string;
	abstract?: string;
	year?: unknown;
	date?: string; // any date-ish string; used for the year when nothing better is known
	authors?: string[];
	url?: string;
	arxivId?: string; // any arXiv spelling: 2309.06380v2, arXiv:2309.06380, an abs/pdf URL
	doi?: string; // bare or as a doi.org URL
}

/** What a reader yields: a record at a line, or a problem at a line. */
export type RawResult =
	| { ok: true; line: number; record: RawRecord; kind?: string }
	| { ok: false; line: number; reason: string };

/** Decoded text of one file; `chunks()` may be iterated once and starts with `head`. */
export interface TextInput {
	uri: string;
	head: string;
	chunks: () => AsyncIterable<string>;
}

export type Reader = (input: TextInput) => AsyncIterable<RawResult>;
