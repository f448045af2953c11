// The only module that imports compromise. Extraction tokenises by hand (text.ts) and asks
// compromise only small questions: is this an ordinary English word, and which words of a short
// phrase are verbs. Tagging whole abstracts would cost ~15 ms each; these cost microseconds.
import nlp from 'compromise';

let lexicon: Record<string, unknown> | undefined;

function commonWords(): Record<string, unknown> {
	lexicon ??= (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
	return lexicon;
}

/** True for words in compromise's English lexicon ("stable", "diffusion", "koala" is not). */
export function isCommonWord(word: string): boolean {
	return Object.prototype.hasOwnProperty.call(commonWords(), word.toLowerCase());
}

export interface TaggedTerm {
	text: string;
	tags: string[];
}

// Every hook nlp() runs but the last, the chunker: it only groups terms into noun and verb
// chunks after tagging is done, which tagPhrase does not read (about a tenth of its cost).
const TAG_HOOKS = nlp.hooks().filter((h) => h !== 'chunks');

/** Part-of-speech tags for a short phrase (a title prefix, a candidate name). */
export function tagPhrase(phrase: string): TaggedTerm[] {
	const world = nlp.world() as { hooks: string[] };
	const all = world.hooks;
	world.hooks = TAG_HOOKS;
	let doc;
	try {
		doc = nlp(phrase);
	} finally {
		world.hooks = all;
	}
	const out: TaggedTerm[] = [];
	for (const sentence of doc.json() as { terms: { text: string; tags: string[] }[] }[]) {
		for (const t of sentence.terms) out.push({ text: t.text, tags: t.tags });
	}
	return out;
}

/** Does the phrase contain a finite verb ("Traces Hide Real Content", "Prompts Are Made")? */
export function hasFiniteVerb(phrase: string): boolean {
	return tagPhrase(phrase).some(
		(t) =>
			t.tags.includes('Verb') &&
			!t.tags.includes('Gerund') &&
			!t.tags.includes('Participle') &&
			!t.tags.includes('Adjective')
	);
}

/** The work plain compromise does per text, for the benchmark baseline: parse and tag. */
export function compromiseBaseline(text: string): number {
	return nlp(text).terms().json().length;
}
