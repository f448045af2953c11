// Types for names the lexicon does not know, from the name itself and the words around it. Each
// guess carries the rule that made it and a strength, so that when one entity is found several
// times ("LIFELONG-SOTOPIA:" in the title, "a novel benchmark, LIFELONG-SOTOPIA" in the abstract)
// the best-founded guess wins.
import type { EntityType } from '../types.js';
import type { SentenceCtx } from './sentences.js';

export interface TypeGuess {
	type: EntityType;
	rule: string;
	/** 1 default, 2 nearby words, 3 a head noun or apposition, 4 the name's own head or suffix */
	strength: number;
}

/** Head nouns of task phrases: "crime data analysis", "deceptive path planning". */
export const TASK_HEAD_WORDS = new Set(
	(
		'generation synthesis estimation reconstruction detection segmentation editing translation ' +
		'captioning recognition classification inpainting super-resolution prediction tracking ' +
		'answering retrieval completion restoration analysis forecasting planning control making ' +
		'assessment evaluation generalization generalisation automation interpretation understanding ' +
		'navigation manipulation summarization summarisation localization localisation grounding ' +
		'parsing tagging labeling labelling annotation diagnosis discovery imputation denoising ' +
		'deblurring dehazing matching registration alignment verification identification ' +
		'extraction recommendation ranking search mining clustering compression exploration ' +
		'locomotion grasping driving dialog dialogue conversation reasoning modeling modelling linking ' +
		'creation design querying monitoring screening triage decision-making'
	).split(' ')
);

/**
 * Task heads that stay tasks even in a coined or introduced name ("Deceptive Path Planning");
 * the others ("compression", "matching", "modeling") name methods as often as problems.
 */
const NAME_TASK_HEAD_WORDS = new Set(
	(
		'generation synthesis estimation detection segmentation recognition classification ' +
		'prediction forecasting planning answering making navigation manipulation summarization ' +
		'summarisation translation captioning tracking localization localisation retrieval editing ' +
		'inpainting understanding diagnosis recommendation dialog dialogue decision-making linking ' +
		'labeling labelling parsing tagging assessment interpretation'
	).split(' ')
);

/** Head words that make a name a method rather than a task ("Particle Swarm Optimization"). */
const TECHNIQUE_HEAD_WORDS = new Set(
	(
		'protocol framework method methods algorithm loss attention optimizer optimization ' +
		'optimisation learning prompting tuning fine-tuning decoding sampling sampler solver ' +
		'distillation regularization regularisation architecture mechanism module strategy approach ' +
		'scheme paradigm procedure objective equilibrium game process embedding embeddings encoding ' +
		'quantization pruning augmentation pretraining pre-training training inference layer ' +
		'transform technique prompt prompts policy'
	).split(' ')
);

const METRIC_HEAD =
	/(?:score|distance|error|rate|accuracy|deviation|discrepancy|ratio|precision|recall|metric|index)$/i;
// "USEbench", "SWE-bench", "τ²-Bench", "ScienceQA", "D3Sim dataset"
const DATASET_HEAD = /(?:dataset|data ?set|benchmark|bench|corpus|suite|testbed|[a-z0-9]-?QA)$/i;
// "Spec2RTL-Agent", "USEagent", "Mistral-7B", "-Instruct", "-Chat"
const MODEL_HEAD = /(?:agent|LLM|-\d+(?:\.\d+)?[BM]|-instruct|-chat)$/i;
// "Foundation Models", "Embodied Web Agents", "Human-Agent Systems": a kind of system, not one
const CLASS_HEAD = /\s(?:models|networks|agents|systems|llms|transformers)$/i;

/** What a name's own last word or suffix says about its type; null when it says nothing. */
export function typeFromName(name: string): TypeGuess | null {
	const last = (name.split(/\s+/).pop() ?? '').toLowerCase();
	if (DATASET_HEAD.test(name)) return guess('Dataset', 'type.name-head', 4);
	if (METRIC_HEAD.test(last)) return guess('Metric', 'type.name-head', 4);
	if (CLASS_HEAD.test(name)) return guess('Technique', 'type.name-class', 4);
	if (MODEL_HEAD.test(name)) return guess('Model', 'type.name-head', 4);
	if (TECHNIQUE_HEAD_WORDS.has(last)) return guess('Technique', 'type.name-head', 4);
	if (/\s/.test(name) && NAME_TASK_HEAD_WORDS.has(last)) return guess('Task', 'type.name-head', 4);
	return null;
}

/** Words describing a name: "a benchmark, X", "X dataset", "the X framework". */
const DESCRIBING = new Map<string, EntityType>();
for (const w of 'dataset datasets benchmark benchmarks corpus corpora suite testbed collection leaderboard'.split(
	' '
))
	DESCRIBING.set(w, 'Dataset');
for (const w of 'model models network networks generator generators system systems pipeline detector estimator llm llms transformer family agent agents assistant chatbot vlm mllm encoder'.split(
	' '
))
	DESCRIBING.set(w, 'Model');
for (const w of 'method methods technique techniques approach approaches strategy strategies algorithm algorithms sampler samplers solver solvers loss scheme module modules mechanism training distillation guidance regularization paradigm procedure objective framework plug-in adapter protocol prompt prompts prompting attack defense architecture'.split(
	' '
))
	DESCRIBING.set(w, 'Technique');
for (const w of 'metric measure'.split(' ')) DESCRIBING.set(w, 'Metric');

const APPOSITION_SKIP = new Set(['a', 'an', 'the', 'our', 'new', 'novel', 'first', 'large-scale']);

/**
 * Model, Technique or Dataset from the words around a name's first mention in a sentence:
 * the word right after it ("D3Sim dataset"), an apposition ("a novel benchmark, X"), then
 * describing words nearby. Null when nothing nearby says.
 */
export function typeFromContext(s: SentenceCtx, first: number, last: number): TypeGuess | null {
	const w0 = s.wordOf[first]!;
	const w1 = s.wordOf[last]!;
	// "MCP-Powered Agent Systems": the word after an adjective made of the name describes
	// something else
	const glued = s.words[w1]!.last > last;
	const next = s.words[w1 + 1];
	const nextType = next && !next.punct && !glued ? DESCRIBING.get(next.text) : undefined;
	if (nextType) return guess(nextType, 'type.head-after', 3);
	// "a novel benchmark, X" / "a … language agent, X"
	if (s.words[w0 - 1]?.text === ',') {
		const before = s.words[w0 - 2];
		const t = before ? DESCRIBING.get(before.text) : undefined;
		if (t && isDescribedPhrase(s, w0 - 2)) return guess(t, 'type.apposition', 3);
	}
	// "X, a benchmark of …" / "X is a framework"
	let k = w1 + 1;
	if (s.words[k]?.text === ',' || s.words[k]?.text === 'is') k++;
	if (k > w1 + 1 && ARTICLES.has(s.words[k]?.text ?? '')) {
		while (k < s.words.length && k <= w1 + 6 && APPOSITION_SKIP.has(s.words[k]!.text)) k++;
		for (let j = k; j < s.words.length && j <= k + 3; j++) {
			const t = DESCRIBING.get(s.words[j]!.text);
			if (t) return guess(t, 'type.apposition', 3);
			if (s.words[j]!.punct) break;
		}
	}
	for (const j of clauseAround(s, w0, w1)) {
		const t = DESCRIBING.get(s.words[j]!.text);
		// "over ADAS on the TravelPlanner benchmark": that word describes another name
		if (t && t !== 'Metric' && !headsAnotherName(s, j, w1)) return guess(t, 'type.context', 2);
	}
	return null;
}

const ARTICLES = new Set(['a', 'an', 'the', 'our']);
const CLAUSE_END = new Set([';', ':', '.', '?', '!']);
const NEW_CLAUSE = new Set(['we', 'our', 'which', 'that', 'this', 'it', 'they', 'where', 'while']);

/**
 * Up to 4 words before and 8 after a name, nearest first on each side, within its clause: a
 * comma opening a new clause (", we …") ends it, a bracket right after the name ("(fNIRS)") is skipped.
 */
function clauseAround(s: SentenceCtx, w0: number, w1: number): number[] {
	const out: number[] = [];
	for (let k = w0 - 1; k >= 0 && k >= w0 - 4; k--) {
		if (CLAUSE_END.has(s.words[k]!.text)) break;
		out.push(k);
	}
	let k = w1 + 1;
	if (s.words[k]?.text === '(') {
		while (k < s.words.length && s.words[k]!.text !== ')' && k < w1 + 8) k++;
		k++;
	}
	for (let n = 0; k < s.words.length && n < 8; k++, n++) {
		if (CLAUSE_END.has(s.words[k]!.text)) break;
		// "Using fNIRS, we design a dataset": a new clause
		if (s.words[k]!.text === ',' && NEW_CLAUSE.has(s.words[k + 1]?.text ?? '')) break;
		out.push(k);
	}
	return out;
}

/** A default for a name nothing describes: acronyms ("HLS", "Dec-POMDP") are mostly methods. */
export function defaultType(name: string, proposed: boolean): TypeGuess {
	if (proposed) return guess('Technique', 'type.default', 1);
	const acronym = name.split(/[-_]/).some((p) => /^\p{Lu}{3,}s?$/u.test(p));
	return guess(acronym ? 'Technique' : 'Model', 'type.default', 1);
}

/** The word at `k` follows a capitalised name other than the one ending at word `own`. */
function headsAnotherName(s: SentenceCtx, k: number, own: number): boolean {
	if (k - 1 === own || k === 0) return false;
	const prev = s.words[k - 1]!;
	return !prev.punct && /\p{Lu}/u.test(s.tokens[prev.first]!.text);
}

/** The describing word at `w` is the head of a noun phrase opened by an article or "our". */
function isDescribedPhrase(s: SentenceCtx, w: number): boolean {
	for (let k = w - 1; k >= 0 && k >= w - 6; k--) {
		const t = s.words[k]!.text;
		if (t === 'a' || t === 'an' || t === 'the' || t === 'our') return true;
		if (s.words[k]!.punct) return false;
	}
	return false;
}

function guess(type: EntityType, rule: string, strength: number): TypeGuess {
	return { type, rule, strength };
}
