// Opens a file as decoded text, turning every "cannot read this" case into a reason, so
// readers only ever see text. Streaming: one chunk in memory at a time. Gzip-compressed files
// (found by their magic bytes, whatever the name) are decompressed on the way, chunk by chunk,
// so a gzip bomb costs time, not memory: the readers' record bound applies to what comes out.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { TextInput } from './types.js';

/** Thrown by a text stream mid-way (e.g. an I/O error); readPapers turns it into a reject. */
export class InputError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(message);
		this.name = 'InputError';
	}
}

export type OpenResult = { ok: true; input: TextInput } | { ok: false; reason: string };

const CHUNK = 64 * 1024;

/** The name a format is guessed from: without a trailing `.gz` (`papers.jsonl.gz` → `papers.jsonl`). */
export const withoutGz = (path: string): string => path.replace(/\.gz$/i, '');

/** Other compressions we do not read, by magic bytes, so the reason says what to do. */
const UNSUPPORTED: [string, number[]][] = [
	['bzip2', [0x42, 0x5a, 0x68]],
	['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
	['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
	['zip', [0x50, 0x4b, 0x03, 0x04]]
];

/**
 * Text compresses 3–15-fold; deflate at most about 1,000-fold (long runs of one byte). Past
 * 16 MB of output, more than this ratio is a gzip bomb: the record bound already keeps memory
 * flat, this keeps the time short (a gigabyte of newlines is a billion empty lines).
 */
export const MAX_GZIP_RATIO = 200;
const isBomb = (out: number, read: number) => out > 16 * 1024 * 1024 && out > MAX_GZIP_RATIO * read;

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

export async function openText(path: string): Promise<OpenResult> {
	try {
		const info = await stat(path);
		if (info.isDirectory()) return { ok: false, reason: 'is a directory, not a file' };
		if (info.size === 0) return { ok: false, reason: 'empty file' };
	} catch (err) {
		return { ok: false, reason: describeFsError(err) };
	}
	const file = createReadStream(path, { highWaterMark: CHUNK });
	let stream: Readable = file;
	let it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	let first: Buffer;
	let gzip = false;
	let gunzip: ReturnType<typeof createGunzip> | undefined;
	try {
		const r = await it.next();
		first = r.done ? Buffer.alloc(0) : r.value;
	} catch (err) {
		file.destroy();
		return { ok: false, reason: describeFsError(err) };
	}
	for (const [name, magic] of UNSUPPORTED) {
		if (magic.every((byte, i) => first[i] === byte)) {
			file.destroy();
			return { ok: false, reason: `${name}-compressed file: decompress it first (gzip is read)` };
		}
	}
	if (isGzip(first)) {
		// Re-read from the start through gunzip; its output comes in CHUNK-sized pieces and the
		// async iterator applies backpressure, so at most a few chunks are in memory at once.
		file.destroy();
		gzip = true;
		// pipeline() passes a read error on to gunzip and destroys both when either is destroyed.
		gunzip = createGunzip({ chunkSize: CHUNK });
		stream = pipeline(
			createReadStream(path, { highWaterMark: CHUNK }),
			gunzip,
			() => {} // errors surface through the iterator below
		);
		it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
		try {
			const r = await it.next();
			first = r.done ? Buffer.alloc(0) : r.value;
		} catch (err) {
			stream.destroy();
			return { ok: false, reason: describeGzipError(err) };
		}
		if (first.length === 0) {
			stream.destroy();
			return { ok: false, reason: 'empty file (gzip-compressed, nothing inside)' };
		}
	}
	const { encoding, bomLength } = detectEncoding(first);
	if (gzip && isGzip(first)) {
		stream.destroy();
		return { ok: false, reason: 'gzip inside gzip: decompress the outer layer first' };
	}
	if (encoding === 'utf-8' && looksBinary(first)) {
		stream.destroy();
		return { ok: false, reason: 'binary file (not text): no papers can be read from it' };
	}
	// Not fatal: invalid bytes become U+FFFD and the record holding them is rejected, so one
	// stray Latin-1 byte costs one record, not the file (see record.ts).
	const decoder = new TextDecoder(encoding, { fatal: false });
	const head = decoder.decode(first.subarray(bomLength), { stream: true });
	let used = false;
	async function* chunks(): AsyncGenerator<string> {
		if (used) throw new Error('TextInput.chunks() may be iterated once');
		used = true;
		let lines = 0;
		let expanded = first.length;
		try {
			if (head) yield head;
			lines += countNewlines(head);
			for (;;) {
				let r: IteratorResult<Buffer>;
				try {
					r = await it.next();
				} catch (err) {
					throw new InputError(
						lines + 1,
						gzip ? describeGzipError(err) : `read failed: ${describeFsError(err)}`
					);
				}
				if (r.done) break;
				expanded += r.value.length;
				if (gunzip && isBomb(expanded, gunzip.bytesWritten)) {
					throw new InputError(
						lines + 1,
						`gzip data expands more than ${MAX_GZIP_RATIO}-fold (a gzip bomb?): the rest is skipped; decompress the file yourself if it is real`
					);
				}
				const text = decoder.decode(r.value, { stream: true });
				lines += countNewlines(text);
				if (text) yield text;
			}
			const rest = decoder.decode();
			if (rest) yield rest;
		} finally {
			stream.destroy();
		}
	}
	return { ok: true, input: { uri: path, head, chunks } };
}

/**
 * Longest record (line, entry, array element, paragraph) a reader holds in memory, in
 * characters. Real abstracts are a few KB; anything this long is broken input (an unclosed quote
 * or brace swallowing the file) and becomes a reject instead of growing without bound.
 */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export const tooLongReason = (what: string) =>
	`${what} longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters: skipped`;

export interface Line {
	text: string;
	line: number;
	/** Set when the line was over MAX_RECORD_CHARS: `text` is then empty, the length is this. */
	tooLong?: number;
}

/** Splits decoded chunks into lines, numbered from 1, without the line terminator. */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
	// The unfinished line is kept as parts and only the new chunk is searched, so a file without
	// newlines costs linear time; past MAX_RECORD_CHARS the line is counted, not kept.
	let parts: string[] = [];
	let pending = 0;
	let line = 0;
	const take = (tail: string): Line => {
		const length = pending + tail.length;
		const text = length > MAX_RECORD_CHARS ? '' : parts.join('') + tail;
		parts = [];
		pending = 0;
		const out: Line = { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: ++line };
		if (length > MAX_RECORD_CHARS) out.tooLong = length;
		return out;
	};
	for await (const chunk of chunks) {
		let start = 0;
		for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
			yield take(chunk.slice(start, nl));
			start = nl + 1;
		}
		const rest = chunk.slice(start);
		if (!rest) continue;
		if (pending + rest.length <= MAX_RECORD_CHARS) parts.push(rest);
		else parts = [];
		pending += rest.length;
	}
	if (pending) yield take('');
}

export function countNewlines(s: string, end = s.length): number {
	let n = 0;
	for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
	return n;
}

function detectEncoding(b: Buffer): { encoding: string; bomLength: number } {
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
	if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
	if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
	return { encoding: 'utf-8', bomLength: 0 };
}

/** NUL bytes or many control characters in the first chunk: no text format we read has those. */
function looksBinary(b: Buffer): boolean {
	const n = Math.min(b.length, 8192);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const c = b[i]!;
		if (c === 0) return true;
		if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
	}
	return n > 0 && control / n > 0.1;
}

function describeFsError(err: unknown): string {
	const code = (err as NodeJS.ErrnoException)?.code;
	if (code === 'ENOENT') return 'file not found';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'EISDIR') return 'is a directory, not a file';
	return err instanceof Error ? err.message : String(err);
}

/** A gunzip (or underlying read) error, said so that the user knows the file is at fault. */
function describeGzipError(err: unknown): string {
	const code = (err as NodeJS.ErrnoException)?.code;
	if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String(err))) {
		return 'gzip data ends early (the file is truncated)';
	}
	if (typeof code === 'string' && code.startsWith('Z_')) {
		return `corrupt gzip data (${err instanceof Error ? err.message : String(err)})`;
	}
	return `read failed: ${describeFsError(err)}`;
}
