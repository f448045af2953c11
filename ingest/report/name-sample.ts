// A uniform random sample of extracted names across a corpus, for judging by hand: each item
// is one (paper, entity) pair with the sentence of its first mention, so a person can tell
// whether the name is a name and its type right. `extract --sample-names N --seed S`.
import { extractPaper } from '../extract/index.js';
import { readPapers } from '../sources/index.js';
import { Reservoir } from './corpus-report.js';

export interface SampledName {
	paperId: string;
	title: string;
	name: string;
	type: string;
	typeRule: string;
	/** the sentence of the entity's first mention, for the judge; never stored in fixtures */
	sentence: string;
}

export interface NameSampleOptions {
	size: number;
	seed: number;
	format?: string;
}

export async function sampleNames(
	files: string[],
	options: NameSampleOptions
): Promise<{ sample: SampledName[]; papers: number; names: number }> {
	const reservoir = new Reservoir<SampledName>(options.size, options.seed);
	let papers = 0;
	for (const file of files) {
		for await (const r of readPapers(file, { format: options.format })) {
			if (!r.ok) continue;
			papers++;
			const x = extractPaper(r.paper);
			for (const e of x.entities) {
				const m = x.mentions.find((m) => m.entityId === e.id);
				reservoir.offer({
					paperId: r.paper.id,
					title: r.paper.title,
					name: e.name,
					type: e.type,
					typeRule: e.typeRule ?? '',
					sentence: m ? (x.sentences[m.sentence]?.text ?? '') : ''
				});
			}
		}
	}
	return { sample: reservoir.sample(), papers, names: reservoir.offered };
}
