// Test helper: read a whole file into papers and rejects.
import type { Paper } from '../../../ingest/types.js';
import { readPapers, type ReadOptions, type Reject } from '../../../ingest/sources/index.js';

export const FIXTURES = new URL('../../fixtures/sources/', import.meta.url).pathname;

export async function collect(
	path: string,
	opts?: ReadOptions
): Promise<{ papers: Paper[]; rejects: Reject[] }> {
	const papers: Paper[] = [];
	const rejects: Reject[] = [];
	for await (const r of readPapers(path, opts)) {
		if (r.ok) papers.push(r.paper);
		else rejects.push(r.reject);
	}
	return { papers, rejects };
}

export const fixture = (name: string) => FIXTURES + name;
