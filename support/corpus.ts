// Synthetic corpora for benchmarks and tests: abstracts recombined from the bundled sample
// corpus's sentences, plus (by default) names from an open vocabulary that grows the way real
// corpora's does, so that a benchmark's graph has the real shape. Deterministic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_CORPUS } from '../ingest/sample/index.js';
import { readPapers } from '../ingest/sources/index.js';
import { prng } from '../graph/prng.js';
import { OpenVocabulary, type OpenName, type VocabularyOptions } from './vocabulary.js';

export interface SeedPaper {
	title: string;
	sentences: string[];
}

export async function loadSeedPapers(file = SAMPLE_CORPUS): Promise<SeedPaper[]> {
	const papers: SeedPaper[] = [];
	for await (const r of readPapers(file)) {
		if (!r.ok) continue;
		const sentences = r.paper.abstract.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [r.paper.abstract];
		papers.push({
			title: r.paper.title,
			sentences: sentences.map((s) => s.trim()).filter(Boolean)
		});
	}
	return papers;
}

export { prng };

export interface GeneratedPaper {
	id: string;
	title: string;
	abstract: string;
	year: number;
}

export interface GenerateOptions {
	seed?: number;
	/**
	 * 'open' (default): besides the sample corpus's sentences, each paper names things from an
	 * open vocabulary that grows as real literature's does (see vocabulary.ts); 'closed': only
	 * the sample corpus's names, recombined (the corpus every benchmark used before).
	 */
	vocabulary?: 'open' | 'closed';
	open?: VocabularyOptions;
}

/** The i-th generated abstract: a paper's title and opening, then sentences from others. */
export function* generatePapers(
	seeds: SeedPaper[],
	count: number,
	options: GenerateOptions | number = {}
): Generator<GeneratedPaper> {
	const o = typeof options === 'number' ? { seed: options } : options;
	const random = prng(o.seed ?? 42);
	const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
	const open = o.vocabulary === 'closed' ? null : new OpenVocabulary(random, o.open);
	for (let i = 0; i < count; i++) {
		const base = pick(seeds);
		const sentences = [base.sentences[0] ?? ''];
		let title = `${base.title} (variant ${i})`;
		if (open) {
			// one more recombined sentence and one or two names of the open vocabulary: about the
			// real corpus's 3.6 entities per paper, 58 % of them known names
			sentences.push(pick(pick(seeds).sentences));
			const slots = random() < 0.5 ? 1 : 2;
			const first = open.draw();
			let subject = 'Our method';
			if (open.isNew(first) && first.type !== 'Dataset') {
				const topic = base.title.includes(':')
					? base.title.slice(base.title.indexOf(':') + 1).trim()
					: base.title;
				title = `${first.name}: ${topic} (variant ${i})`;
				subject = first.name;
				sentences.push(`We propose ${first.name}.`);
			} else sentences.push(openSentence(first, subject, random));
			for (let k = 1; k < slots; k++) sentences.push(openSentence(open.draw(), subject, random));
		} else {
			const extra = 2 + Math.floor(random() * 4);
			for (let k = 0; k < extra; k++) sentences.push(pick(pick(seeds).sentences));
		}
		yield {
			id: `gen-${i}`,
			title,
			abstract: sentences.join(' '),
			year: 2018 + (i % 8)
		};
	}
}

/** A sentence stating how the paper relates to a name, in words the extractor reads. */
function openSentence(n: OpenName, subject: string, random: () => number): string {
	const two = random() < 0.5;
	if (n.type === 'Dataset')
		return two
			? `Experiments on ${n.name} show consistent gains.`
			: `${subject} outperforms prior work on ${n.name}.`;
	if (n.type === 'Model')
		return two
			? `We fine-tune ${n.name} on curated data.`
			: `${subject} is compared with ${n.name}.`;
	return two ? `${subject} builds on ${n.name}.` : `We combine it with the ${n.name} algorithm.`;
}

/** Writes `count` generated papers as JSON Lines; returns the file size in bytes. */
export async function writeCorpus(
	file: string,
	count: number,
	options: GenerateOptions | number = {}
): Promise<number> {
	const seeds = await loadSeedPapers();
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const fd = fs.openSync(file, 'w');
	let bytes = 0;
	let chunk = '';
	for (const paper of generatePapers(seeds, count, options)) {
		chunk += `${JSON.stringify(paper)}\n`;
		if (chunk.length > 1 << 20) {
			bytes += fs.writeSync(fd, chunk);
			chunk = '';
		}
	}
	bytes += fs.writeSync(fd, chunk);
	fs.closeSync(fd);
	return bytes;
}

/** What a benchmark ingests: a corpus file, or N generated papers of either vocabulary. */
export interface CorpusChoice {
	papers: number;
	vocabulary: 'open' | 'closed';
	/** a corpus file (JSON Lines, .gz, any format `ingest` reads) instead of generated papers */
	file?: string;
}

/** Command-line options every benchmark shares (node:util parseArgs). */
export const CORPUS_OPTIONS = {
	vocabulary: { type: 'string', default: 'open' },
	corpus: { type: 'string' }
} as const;

export function corpusChoice(
	papers: number,
	values: { vocabulary?: string; corpus?: string }
): CorpusChoice {
	const vocabulary = values.vocabulary ?? 'open';
	if (vocabulary !== 'open' && vocabulary !== 'closed')
		throw new Error(`--vocabulary must be open or closed, not "${vocabulary}"`);
	if (values.corpus && !fs.existsSync(values.corpus))
		throw new Error(`--corpus ${values.corpus}: no such file`);
	return { papers, vocabulary, file: values.corpus };
}

/** The file to ingest: the chosen corpus, or generated papers cached in the temp folder. */
export async function corpusFile(c: CorpusChoice): Promise<string> {
	if (c.file) return c.file;
	const file = path.join(os.tmpdir(), `lineage-bench-${c.vocabulary}-${c.papers}.jsonl`);
	if (!fs.existsSync(file)) await writeCorpus(file, c.papers, { vocabulary: c.vocabulary });
	return file;
}

/** How a run's corpus reads in a report line. */
export function describeCorpus(c: CorpusChoice): string {
	return c.file
		? `the corpus ${path.basename(c.file)}`
		: `${c.papers.toLocaleString('en')} generated abstracts (${c.vocabulary} vocabulary)`;
}
