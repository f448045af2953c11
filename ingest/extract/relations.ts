// Relations from sentence-level cues. Every candidate names its rule and sentence; the head is the
// paper (or what it proposes) unless a background sentence opens with another entity as subject.
import type { FoundEntity } from './resolve/entities.js';
import type { RelationCandidate, RelationType } from '../types.js';
import type { RawMention } from './mentions.js';
import { compileCue, CueMatcher, PATTERNS, type CueHit, type CueRule } from './patterns.js';
import type { SentenceCtx } from './sentences.js';

export const PAPER = '@paper';

const FREE_WORDS = new Set([
	'and',
	'or',
	'the',
	'a',
	'an',
	'its',
	'their',
	'our',
	'both',
	'either',
	'as',
	'well'
]);
/** Words between a cue and its mention beyond which a cue is not considered (see chooseCue). */
const MAX_CUE_SPAN = 256;
const OPENERS = new Set(
	'however moreover furthermore additionally specifically notably recently meanwhile besides also then thus therefore nevertheless nonetheless instead while although though unlike in particular , the'.split(
		' '
	)
);

interface Choice {
	rule: CueRule;
	distance: number;
	confidence: number;
}

export interface RelationInput {
	paperId: string;
	sentences: SentenceCtx[];
	mentions: RawMention[][]; // per sentence, overlap-free, in order
	entities: FoundEntity[];
	cues?: CueMatcher;
}

let sharedCues: CueMatcher | undefined;

export function findRelations(input: RelationInput): RelationCandidate[] {
	const cues = input.cues ?? (sharedCues ??= new CueMatcher());
	const out: RelationCandidate[] = [];
	const add = (
		head: string,
		type: RelationType,
		tail: string,
		sentence: number,
		rule: string,
		confidence: number
	) => {
		const s = input.sentences[sentence];
		const own = s !== undefined && (s.isTitle || s.contribution || aboutProposal.has(s.index));
		out.push({
			paperId: input.paperId,
			head,
			type,
			tail,
			sentence,
			rule,
			confidence: round(confidence),
			ownWork: own
		});
	};

	// sentences naming what the paper proposes speak of its own work too ("X is fine-tuned from …")
	const aboutProposal = new Set<number>();
	input.mentions.forEach((ms, i) => {
		if (ms.some((m) => m.entity.proposed)) aboutProposal.add(i);
	});
	for (const e of input.entities) {
		if (e.proposed)
			add(PAPER, 'PROPOSES', e.id, e.proposedSentence ?? 0, e.proposedRule ?? e.rule, 0.9);
	}

	// "we present Diffusion Explainer, a tool that explains how Stable Diffusion works": a paper
	// whose contribution explains or visualises a model studies what its title names
	const proposesAnExplainer = input.entities.some((e) => e.proposed && EXPLAINER.test(e.name));
	for (const s of input.sentences) {
		const ms = input.mentions[s.index]!;
		if (ms.length === 0) continue;
		const hits = cues.find(s.words.map((w) => w.text));
		const cover = coverage(s, ms);
		const subject = sentenceSubject(s, ms);
		const title = PATTERNS.title;
		const contrasted = s.isTitle && s.words.some((w) => title.compareCues.includes(w.text));
		const others = othersWork(s);
		const unlikeEnd = unlikeClauseEnd(s);
		const aside = !s.isTitle && (demonstration(s) || study(s, ms));
		const attacked =
			s.isTitle && (s.words.some((w) => ATTACK_WORDS.has(w.text)) || proposesAnExplainer);
		for (const m of ms) {
			const e = m.entity;
			// a benchmark the paper proposes is also what it evaluates on (or trains on)
			if ((e.proposed && e.type !== 'Dataset') || e.generic) continue;
			// "LiDAR-free", "without LiDAR": the paper does without it; "CLIP-style teachers"
			// are like CLIP, not CLIP
			if (negated(s, m) || likeness(s, m)) continue;
			// "Unlike video MLLMs, which rely on CLIP, …": the opening clause is about others
			if (s.wordOf[m.last]! < unlikeEnd) continue;
			let choice = chooseCue(s, m, cover, hits, cues);
			// "Other models fine-tune SD": what others build on is not what this paper builds on
			if (others && (choice?.rule.type === 'BUILDS_ON' || choice?.rule.type === 'USES')) continue;
			// "the original CLIP baseline": a baseline is compared with, never built on
			if (
				choice?.rule.type === 'BUILDS_ON' &&
				BASELINE.test(s.words[s.wordOf[m.last]! + 1]?.text ?? '')
			)
				choice = { ...choice, rule: BASELINE_AFTER, confidence: BASELINE_AFTER.confidence };
			// "As a use case, we fine-tune CLIP …", "we present a study of …": a side result or
			// an object of study, used rather than built on
			if (aside && choice?.rule.type === 'BUILDS_ON')
				choice = { ...choice, rule: ASIDE, confidence: ASIDE.confidence };
			const glued = choice?.rule.suffix === true;
			if (s.isTitle && !contrasted && !glued && (e.type === 'Model' || e.type === 'Technique')) {
				// a component named in the title ("Leveraging GPT-4 for …") is used, not built on
				const o = roleOverride(e, title.type);
				if (o) add(PAPER, o.to, e.id, s.index, o.id, Math.min(o.confidence, title.confidence));
				else if (e.role === 'component')
					add(PAPER, 'USES', e.id, s.index, 'uses.title-component', 0.7);
				// "Memorization in Stable Diffusion", "Bias of GPT-4": what the paper studies
				else if (e.type === 'Model' && STUDIED.has(s.words[s.wordOf[m.first]! - 1]?.text ?? ''))
					add(PAPER, 'USES', e.id, s.index, 'uses.title-studied', 0.6);
				// "Gradient Inversion Attacks on LoRA Fine-Tuning", "Revisiting Distillation for
				// CLIP": what the paper attacks or studies
				else if (attacked) add(PAPER, 'USES', e.id, s.index, 'uses.title-studied', 0.6);
				else add(PAPER, title.type, e.id, s.index, title.id, title.confidence);
				continue;
			}
			const head =
				subject && subject !== m && choice && s.wordOf[subject.last]! < choice.at
					? subject.entity
					: null;
			const headId = head && !head.proposed && head !== e ? head.id : PAPER;
			if (choice) {
				const o = roleOverride(e, choice.rule.type, choice.rule.id);
				if (o) add(headId, o.to, e.id, s.index, o.id, Math.min(o.confidence, choice.confidence));
				else add(headId, choice.rule.type, e.id, s.index, choice.rule.id, choice.confidence);
				continue;
			}
			const d = defaultFor(e);
			if (d) add(PAPER, d.type, e.id, s.index, d.id, d.confidence);
		}
	}

	for (const e of input.entities) {
		if (!e.familyKey) continue;
		const family = input.entities.find((f) => f.key === e.familyKey);
		if (!family || family === e) continue;
		const together = input.mentions.some(
			(ms) => ms.some((m) => m.entity === e) && ms.some((m) => m.entity === family)
		);
		add(e.id, 'VARIANT_OF', family.id, -1, 'variant-of.family', together ? 0.9 : 0.6);
	}
	return dedupe(out);
}

function roleOverride(e: FoundEntity, from: RelationType, rule?: string) {
	return PATTERNS.roleOverrides.find(
		(r) =>
			r.role === e.role &&
			r.from === from &&
			(!r.rules || (rule !== undefined && r.rules.includes(rule)))
	);
}

const WEAK_CUES = new Set(['builds-on.pretrained', 'builds-on.apply-to']);

/** "-based" before a system word: the system uses the model ("a GPT-4o-based agent"). */
const BASED_SYSTEM = compileCue({
	id: 'uses.based-system',
	type: 'USES',
	cue: '-based',
	side: 'after',
	gap: 0,
	tails: ['Model', 'Technique'],
	confidence: 0.75
});
const SYSTEM_WORDS = new Set(
	'agent agents system systems assistant assistants framework frameworks pipeline pipelines chatbot chatbots tool tools judge judges evaluator evaluators scoring evaluation evaluations metric metrics annotation annotations detector detectors'.split(
		' '
	)
);

const OTHERS_FIRST = new Set(
	'other others prior previous existing earlier recent many some most several conventional traditional'.split(
		' '
	)
);
const OTHERS_HEAD = new Set(
	'models methods works approaches studies systems papers techniques researchers authors frameworks'.split(
		' '
	)
);

/** "Other models …", "Existing methods …", "Prior work …": a sentence about others' work. */
function othersWork(s: SentenceCtx): boolean {
	if (s.isTitle) return false;
	const [a, b, c] = s.words;
	if (!a || !OTHERS_FIRST.has(a.text)) return false;
	return (
		OTHERS_HEAD.has(b?.text ?? '') ||
		(b !== undefined && OTHERS_HEAD.has(c?.text ?? '')) ||
		b?.text === 'work'
	);
}

const STUDIED = new Set(['in', 'of', 'inside', 'within', 'about']);

/** Title words of papers that attack, audit or revisit what they name rather than build on it. */
const ATTACK_WORDS = new Set(
	'attack attacks attacking backdoor backdoors jailbreak jailbreaks jailbreaking poisoning revisiting auditing probing explaining interpreting'.split(
		' '
	)
);

const EXPLAINER = /\b(?:explainer|visuali[sz]er|debugger|inspector)$/i;

const BASELINE = /^baselines?$/i;
const BASELINE_AFTER = compileCue({
	id: 'compared-with.baseline-after',
	type: 'COMPARED_WITH',
	cue: 'baseline',
	side: 'after',
	gap: 0,
	tails: ['Model', 'Technique'],
	confidence: 0.7
});
const ASIDE = compileCue({
	id: 'uses.aside',
	type: 'USES',
	cue: 'use',
	side: 'before',
	gap: 0,
	tails: ['Model', 'Technique'],
	confidence: 0.6
});

/**
 * "As a real-world use case, …", "To demonstrate its versatility, …", "… is model-agnostic": a
 * side result, or models that are interchangeable parts.
 */
function demonstration(s: SentenceCtx): boolean {
	const w = s.words;
	for (let i = 0; i < w.length; i++) {
		const a = w[i]!.text;
		const b = w[i + 1]?.text ?? '';
		if (a === 'use' && (b === 'case' || b === 'cases')) return true;
		if ((a === 'demonstrate' || a === 'showcase') && /^(?:its|the|their)$/.test(b)) {
			const c = w[i + 2]?.text ?? '';
			if (/^(?:versatility|generality|applicability|flexibility|utility)$/.test(c)) return true;
		}
		if (a === 'downstream' && /^applications?$/.test(b)) return true;
		// "… across LLM backbones, showing that the framework is model-agnostic"
		if (/^(?:model|backbone|architecture)-agnostic$/.test(a)) return true;
	}
	return false;
}

const STUDY_VERBS = new Set(
	'study studies investigate investigates analyze analyzes analyse analyses examine examines revisit revisits probe probes'.split(
		' '
	)
);

const EVALUATE_VERBS = new Set(
	'evaluate assess understand investigate examine analyze analyse study explore'.split(' ')
);

/**
 * "We present the first systematic study of distillation across CLIP-style teachers", "We also
 * examine Retrieval-DPO, which fine-tunes CLIP": the paper studies the model (unless the sentence
 * names what it proposes).
 */
function study(s: SentenceCtx, ms: RawMention[]): boolean {
	if (ms.some((m) => m.entity.proposed)) return false;
	const w = s.words;
	for (let i = 0; i < w.length; i++) {
		const t = w[i]!.text;
		const prev = w[i - 1]?.text ?? '';
		const prev2 = w[i - 2]?.text ?? '';
		if (STUDY_VERBS.has(t) && (prev === 'we' || (prev === 'also' && prev2 === 'we'))) return true;
		if ((t === 'study' || t === 'analysis') && w[i + 1]?.text === 'of') return true;
		// "To evaluate how LLMs emulate human decisions, we simulate … with GPT-4"
		if (EVALUATE_VERBS.has(t) && /^(?:how|whether)$/.test(w[i + 1]?.text ?? '')) return true;
	}
	return false;
}

/** Where an opening "Unlike …," clause ends (word index), or 0. */
function unlikeClauseEnd(s: SentenceCtx): number {
	if (s.words[0]?.text !== 'unlike') return 0;
	const comma = s.words.findIndex((w) => w.text === ',');
	return comma > 0 ? comma : 0;
}

/** "CLIP-style", "GPT-like": something resembling the entity. */
function likeness(s: SentenceCtx, m: RawMention): boolean {
	const a = s.tokens[m.last + 1];
	const b = s.tokens[m.last + 2];
	return (
		a !== undefined &&
		b !== undefined &&
		a.text === '-' &&
		!a.space &&
		!b.space &&
		/^(?:style|like|esque)$/i.test(b.text)
	);
}

const NEGATIONS = new Set(['without', 'w/o', 'no']);

/** A glued "-free" after the mention or "without" right before it. */
function negated(s: SentenceCtx, m: RawMention): boolean {
	const a = s.tokens[m.last + 1];
	const b = s.tokens[m.last + 2];
	if (a && b && a.text === '-' && !a.space && !b.space && /^free$/i.test(b.text)) return true;
	const before = s.words[s.wordOf[m.first]! - 1];
	return before !== undefined && NEGATIONS.has(before.text);
}

/** The entity a background sentence is about: "StableDiffusion learns … via a VQGAN". */
function sentenceSubject(s: SentenceCtx, ms: RawMention[]): RawMention | null {
	if (s.contribution || s.isTitle) return null;
	// the caller skips sentences without mentions
	const m = ms[0]!;
	if (m.entity.type !== 'Model' && m.entity.type !== 'Technique') return null;
	const w = s.wordOf[m.first]!;
	for (let k = 0; k < w; k++) if (!OPENERS.has(s.words[k]!.text)) return null;
	return m;
}

function chooseCue(
	s: SentenceCtx,
	m: RawMention,
	cover: (RawMention | undefined)[],
	hits: CueHit[],
	cues: CueMatcher
): (Choice & { at: number }) | null {
	let best: (Choice & { at: number }) | null = null;
	const w0 = s.wordOf[m.first]!;
	const w1 = s.wordOf[m.last]!;
	const type = m.entity.type;
	// a weak cue ("pretrained", "existing") is chosen only when no other cue reaches the mention:
	// "we fine-tune a pretrained LLaMA" builds on LLaMA by the fine-tuning
	let weak: (Choice & { at: number }) | null = null;
	const consider = (rule: CueRule, distance: number, at: number) => {
		if (!rule.tails.includes(type) || distance > rule.gap) return;
		const confidence = rule.confidence * (1 - 0.03 * distance);
		const current = WEAK_CUES.has(rule.id) ? weak : best;
		if (
			current &&
			!(
				distance < current.distance ||
				(distance === current.distance && confidence > current.confidence)
			)
		)
			return;
		if (WEAK_CUES.has(rule.id)) weak = { rule, distance, confidence, at };
		else best = { rule, distance, confidence, at };
	};
	// glued suffix: "StableDiffusion-based"
	const a = s.tokens[m.last + 1];
	const b = s.tokens[m.last + 2];
	if (a && b && a.text === '-' && !a.space && !b.space && b.word) {
		// "a GPT-4o-based agent" runs on GPT-4o: it uses it rather than builds on it
		const after = s.words[w1 + 1]?.text ?? '';
		const agent = /^based$/i.test(b.text) && SYSTEM_WORDS.has(after);
		for (const rule of cues.suffixRules(b.text.toLowerCase()))
			consider(agent ? BASED_SYSTEM : rule, 0, w1);
	}
	for (const h of hits) {
		// A cue further away than this cannot be within any rule's gap in real prose; without
		// the cut-off a run-on sentence costs (mentions × cues × gap): a minute for a 100 KB title.
		if (h.last < w0 - MAX_CUE_SPAN || h.first > w1 + MAX_CUE_SPAN) continue;
		if (h.rule.side === 'before' && h.last < w0) {
			const d = gapWords(s, cover, h.last + 1, w0, h.rule.gap);
			if (d >= 0) consider(h.rule, d, h.first);
		} else if (h.rule.side === 'after' && h.first > w1) {
			const d = gapWords(s, cover, w1 + 1, h.first, h.rule.gap);
			if (d >= 0) consider(h.rule, d, h.first);
		}
	}
	return best ?? weak;
}

/** Words between two word positions, lists and other mentions counted lightly; -1 if blocked. */
/** For each word of the sentence, the first mention covering it. */
function coverage(s: SentenceCtx, ms: RawMention[]): (RawMention | undefined)[] {
	const cover: (RawMention | undefined)[] = new Array(s.words.length);
	for (const m of ms) for (let w = s.wordOf[m.first]!; w <= s.wordOf[m.last]!; w++) cover[w] ??= m;
	return cover;
}

/**
 * Weighted words between a cue and a mention; -1 across a clause end. Stops once past `limit`
 * (the rule's gap): in a run-on sentence of thousands of words every (mention, cue) pair would
 * otherwise walk the whole gap (minutes for a 100 KB title).
 */
function gapWords(
	s: SentenceCtx,
	cover: (RawMention | undefined)[],
	from: number,
	to: number,
	limit: number
): number {
	let n = 0;
	let w = from;
	while (w < to && n <= limit) {
		const word = s.words[w]!;
		if (word.punct) {
			if (word.text === ';' || word.text === '.' || word.text === ':') return -1;
			w++;
			continue;
		}
		const inside = cover[w];
		if (inside) {
			n += 0.5;
			w = s.wordOf[inside.last]! + 1;
			continue;
		}
		if (!FREE_WORDS.has(word.text)) n++;
		w++;
	}
	return n;
}

function defaultFor(e: FoundEntity): { type: RelationType; id: string; confidence: number } | null {
	const d = PATTERNS.defaults;
	if (e.type === 'Task') return d.Task;
	if (e.type === 'Metric') return d.Metric;
	if (e.type === 'Dataset') return d.Dataset;
	const byRole = e.role ? d[e.role] : undefined;
	if (byRole) return byRole;
	return d[e.type];
}

/** One candidate per (head, type, tail), keeping the most confident; a cue beats a default. */
function dedupe(rels: RelationCandidate[]): RelationCandidate[] {
	const best = new Map<string, RelationCandidate>();
	for (const r of rels) {
		const k = `${r.head}|${r.type}|${r.tail}`;
		const prev = best.get(k);
		if (!prev || r.confidence > prev.confidence) best.set(k, r);
	}
	// per (head, tail): the most confident type, a cue before a default; a plain comparison
	// ("outperforms X", "compared with X") may stand beside it — KOALA distills SDXL and beats it
	const byPair = new Map<string, RelationCandidate[]>();
	for (const r of best.values()) {
		const k = `${r.head}|${r.tail}`;
		const list = byPair.get(k);
		if (list) list.push(r);
		else byPair.set(k, [r]);
	}
	const out: RelationCandidate[] = [];
	for (const list of byPair.values()) {
		list.sort((a, b) => rank(b) - rank(a));
		const top = list[0]!;
		out.push(top);
		if (top.type !== 'PROPOSES' && top.type !== 'VARIANT_OF') {
			const second =
				top.type === 'COMPARED_WITH'
					? list.find(
							(r) =>
								r !== top &&
								!isDefault(r.rule) &&
								r.type !== 'COMPARED_WITH' &&
								r.type !== 'VARIANT_OF'
						)
					: list.find((r) => r !== top && r.type === 'COMPARED_WITH' && STRONG_COMPARE.has(r.rule));
			if (second && (top.type !== 'COMPARED_WITH' || STRONG_COMPARE.has(top.rule)))
				out.push(second);
		}
		const keepAll = list.filter(
			(r) => r !== list[0] && (r.type === 'PROPOSES' || r.type === 'VARIANT_OF')
		);
		out.push(...keepAll);
		// a benchmark the paper proposes is also one it evaluates on (or trains on)
		if (top.type === 'PROPOSES') {
			const data = list.find((r) => r.type === 'EVALUATED_ON' || r.type === 'TRAINED_ON');
			if (data) out.push(data);
		}
	}
	return out;
}

const STRONG_COMPARE = new Set([
	'compared-with.outperform',
	'compared-with.compared',
	'compared-with.speedup'
]);

function rank(r: RelationCandidate): number {
	return (isDefault(r.rule) ? 0 : 1) + r.confidence + (r.type === 'PROPOSES' ? 2 : 0);
}

function isDefault(rule: string): boolean {
	return rule.endsWith('-mention');
}

function round(x: number): number {
	return Math.round(x * 100) / 100;
}
