// Open-vocabulary tasks from the title: most titles say what problem the work addresses ("… for
// Financial Document Question Answering", "Dreamland: Controllable World Creation with …"). A
// phrase after "for"/"towards", after the colon or at the start of the title, whose head noun is
// a task head ("answering", "planning", "generation"), is a Task the paper addresses.
import type { EntityType } from '../types.js';
import type { NameFinding } from './introduced.js';
import type { LexiconIndex } from './matcher.js';
import { chunks, type Chunk } from './names.js';
import { tagPhrase } from './nlp.js';
import type { SentenceCtx } from './sentences.js';
import { TASK_HEAD_WORDS } from './typing.js';

// Words that end a task phrase (a new clause or a modifier of the method, not of the task).
const PHRASE_END = new Set(
	'with via using from by through in on under over across beyond without and or for to as at vs vs. versus towards toward into within based'.split(
		' '
	)
);
const CLAUSE_VERBS = new Set(
	'is are was were be can could should do does did will may might matters matter'.split(' ')
);
// Words after which a task phrase may start.
const ANCHORS = new Set(['for', 'towards', 'toward']);
// Articles and words that praise the work rather than name the problem ("Improved Analysis").
const LEADING = new Set(
	'a an the fully improved improving systematic comprehensive efficient effective robust scalable fast faster accurate novel new simple better unified general generalized principled practical provable towards toward universal end-to-end consistent reliable lightweight generalizable holistic enhanced optimal near-optimal'.split(
		' '
	)
);
// Second words of two-word adjectives written without their hyphen ("Graph Enhanced").
const PARTICIPLES = new Set(
	'enhanced guided driven aware assisted augmented powered informed conditioned empowered'.split(
		' '
	)
);
// Tasks too general to say what a paper is about.
const TOO_GENERAL = new Set(['decision making', 'decision-making', 'problem solving']);
// Heads that name a task only with a subject: "analysis of X", not "improved analysis".
const WEAK_HEADS = new Set(['analysis', 'evaluation', 'assessment', 'design', 'control']);
const WEAK_PLURALS = new Set(['analyses', 'evaluations', 'assessments', 'designs']);
// Heads too general to make a task with an adjective alone.
const GENERIC_HEADS = new Set(
	'analysis exploration retrieval generalization generalisation search design control evaluation reasoning understanding modeling modelling planning optimization learning'.split(
		' '
	)
);
const BOUNDARY = /^(?:[:;,?!()[\]]|--|—|–)$/;

const TASK: EntityType = 'Task';

/** A mention already found in the title (lexicon or variant), by token range. */
interface Taken {
	first: number;
	last: number;
	entity: { type: EntityType };
}

/** Task phrases of a title sentence, as name findings (rule `task.title`). */
export function titleTasks(
	s: SentenceCtx,
	text: string,
	lexicon: LexiconIndex,
	taken: Taken[] = []
): NameFinding[] {
	if (!s.isTitle) return [];
	const cs = chunks(s.tokens, 0, s.tokens.length, text);
	const out: NameFinding[] = [];
	for (let c = 0; c < cs.length; c++) {
		const starts =
			c === 0 || boundaryBefore(s, cs, c) || ANCHORS.has(cs[c - 1]!.text.toLowerCase());
		if (!starts || ANCHORS.has(cs[c]!.text.toLowerCase())) continue;
		let a = c;
		while (a < cs.length && LEADING.has(cs[a]!.text.toLowerCase()) && a - c < 3) a++;
		// "Improving Image-to-Video Generation": the verb is not part of the task; nor are
		// "LLM-assisted" or "High-Fidelity" before it
		if (a + 1 < cs.length && isLeadingVerb(cs[a]!.text)) a++;
		while (a + 2 < cs.length && isHyphenAdjective(cs[a]!.text)) a++;
		// "Graph Enhanced Tool Planning": a two-word adjective of the method, written apart
		if (a + 3 < cs.length && PARTICIPLES.has(cs[a + 1]!.text.toLowerCase())) a += 2;
		// "What Holds Back Open-Vocabulary Segmentation?": a question
		if (a >= cs.length || QUESTION_WORDS.has(cs[a]!.text.toLowerCase())) continue;
		const phrase = taskPhrase(s, cs, a);
		if (!phrase) continue;
		const first = cs[a]!.first;
		const lastToken = cs[phrase.last]!.last;
		const name = text.slice(s.tokens[first]!.start, s.tokens[lastToken]!.end);
		const inside = taken.filter((m) => m.first <= lastToken && first <= m.last);
		if (!acceptable(name, first, inside, s, lexicon)) continue;
		out.push({
			sent: s.index,
			first: cs[a]!.first,
			last: cs[phrase.last]!.last,
			name: taskName(name),
			rule: 'task.title',
			proposed: false,
			type: TASK
		});
		c = phrase.last;
	}
	return out;
}

/** A clause mark (":", ",", "--") between chunk c-1 and chunk c. */
function boundaryBefore(s: SentenceCtx, cs: Chunk[], c: number): boolean {
	for (let t = cs[c - 1]!.last + 1; t < cs[c]!.first; t++)
		if (BOUNDARY.test(s.tokens[t]!.text)) return true;
	return false;
}

/** The chunks from `a` up to a phrase end whose head is a task word; null otherwise. */
function taskPhrase(
	s: SentenceCtx,
	cs: Chunk[],
	a: number
): { last: number; words: string[] } | null {
	const words: string[] = [];
	let last = -1;
	for (let k = a; k < cs.length && k - a < 7; k++) {
		const w = cs[k]!.text;
		if (k > a && boundaryBefore(s, cs, k)) break;
		const lower = w.toLowerCase();
		// "Optimization of Urban Logistics": a phrase goes on through "of" when words follow
		if (lower === 'of' && k > a && k + 1 < cs.length) {
			words.push(w);
			continue;
		}
		// "Motion Modeling is Easier Than You Think": the subject of a clause, not a task
		if (CLAUSE_VERBS.has(lower)) return null;
		if (PHRASE_END.has(lower) || lower === 'of') break;
		words.push(w);
		last = k;
	}
	while (words.length && words[words.length - 1]!.toLowerCase() === 'of') words.pop();
	if (last < 0 || words.length < 2) return null;
	if (TOO_GENERAL.has(words.join(' ').toLowerCase())) return null;
	const ofAt = words.findIndex((w) => w.toLowerCase() === 'of');
	const head = (ofAt > 0 ? words[ofAt - 1]! : words[words.length - 1]!).toLowerCase();
	if (!isTaskHead(head)) return null;
	// "Audio-Visual Evaluations", "Systematic Evaluation of …", "Generation of Diverse
	// Cooperative Agents": a study or a description, not a task one could look up
	if ((WEAK_HEADS.has(head) && ofAt > 0) || WEAK_PLURALS.has(head) || ofAt === 1) return null;
	// "Sharp Analysis", "Smarter Retrieval", "Test-Time Generalization": a quality of the work
	if (
		words.length === 2 &&
		GENERIC_HEADS.has(head) &&
		!/-to-/i.test(words[0]!) &&
		(/-/.test(words[0]!) || isAdjective(words[0]!))
	)
		return null;
	return { last, words };
}

function isTaskHead(word: string): boolean {
	const forms = [word, word.split('-').pop() ?? word];
	return forms.some(
		(f) => TASK_HEAD_WORDS.has(f) || (f.endsWith('s') && TASK_HEAD_WORDS.has(f.slice(0, -1)))
	);
}

/**
 * Not a known name, not holding a known model or method ("Analysis of Stable Diffusion Image
 * Laundering"), and not a known task with only adjectives before it ("High-Quality
 * Text-to-Image Generation" is the lexicon's text-to-image generation).
 */
function acceptable(
	name: string,
	first: number,
	inside: Taken[],
	s: SentenceCtx,
	lexicon: LexiconIndex
): boolean {
	if (lexicon.lookup(name)) return false;
	for (const m of inside) {
		if (m.entity.type !== 'Task') return false;
		const extra = name.slice(0, s.tokens[m.first]!.start - s.tokens[first]!.start);
		const words = extra.split(/\s+/).filter(Boolean);
		if (words.every((w) => /-/.test(w) || isAdjective(w))) return false;
	}
	return true;
}

/** "Improving", "Boosting", "Mapping": a gerund opening the phrase. */
function isLeadingVerb(word: string): boolean {
	if (!/ing$/i.test(word)) return false;
	return tagPhrase(word).some((t) => t.tags.includes('Gerund') || t.tags.includes('Verb'));
}

const QUESTION_WORDS = new Set([
	'what',
	'how',
	'why',
	'when',
	'which',
	'who',
	'where',
	'whose',
	'do',
	'does',
	'can',
	'is',
	'are'
]);

/** "LLM-assisted", "High-Fidelity", "Learning-based": a hyphenated quality, not a task word. */
function isHyphenAdjective(word: string): boolean {
	return /^(?:high|low|fine|coarse|large|small|long|short|real|full|self|one|single|closed)-|-(?:assisted|based|driven|powered|guided|aware|enhanced|enabled|augmented|free|fidelity|quality|efficient|grained|centric)$/i.test(
		word
	);
}

function isAdjective(word: string): boolean {
	return tagPhrase(word).some((t) => t.tags.includes('Adjective'));
}

/** "Agent-Aware Robot Control" → "agent-aware robot control"; acronyms keep their case. */
export function taskName(phrase: string): string {
	return phrase
		.split(/(\s+|-)/)
		.map((w) => (/^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : w))
		.join('');
}
