// Relation cue patterns (data in ./patterns/relations.json), compiled once into word matchers.
import type { EntityType, RelationType } from '../types.js';
import type { LexRole } from './lexicon.js';
import data from './patterns/relations.json' with { type: 'json' };

export interface CueRuleData {
	id: string;
	type: RelationType;
	cue: string;
	side: 'before' | 'after';
	gap: number;
	tails: EntityType[];
	confidence: number;
	/** one of these words must occur within `within` words before the cue */
	requiresBefore?: string;
	within?: number;
}

export interface DefaultRuleData {
	type: RelationType;
	id: string;
	confidence: number;
}

/**
 * A typical backbone used "with"/"via" something is built on, not merely used; a kind of model
 * ("large language model") is used, never built on.
 */
export interface RoleOverrideData {
	role: LexRole;
	from: RelationType;
	to: RelationType;
	/** only for these cue rules ("CLIP-based features" use CLIP; "fine-tuned CLIP" builds on it) */
	rules?: string[];
	id: string;
	confidence: number;
}

/** A model or technique named in the title is what the paper builds on (unless contrasted). */
export interface TitleRuleData {
	type: RelationType;
	id: string;
	confidence: number;
	compareCues: string[];
}

export interface PatternsData {
	rules: CueRuleData[];
	/** one for each entity type, and for the lexicon roles that differ from their type's */
	defaults: Record<EntityType, DefaultRuleData> & Partial<Record<LexRole, DefaultRuleData>>;
	roleOverrides: RoleOverrideData[];
	title: TitleRuleData;
}

/** One word slot of a cue: its accepted spellings, and whether it may be absent. */
interface Slot {
	words: Set<string>;
	any: boolean;
	optional: boolean;
}

export interface CueRule extends CueRuleData {
	slots: Slot[];
	required?: Set<string>;
	/** cue glued to the entity ("StableDiffusion-based"): matched on the entity's next token */
	suffix: boolean;
}

export interface CueHit {
	rule: CueRule;
	first: number; // word positions (indexes into the sentence's word list)
	last: number;
}

export function compileCue(rule: CueRuleData): CueRule {
	const slots = rule.cue.split(/\s+/).map((part) => {
		const optional = part.endsWith('?');
		const body = optional ? part.slice(0, -1) : part;
		return { words: new Set(body.toLowerCase().split('|')), any: body === '*', optional };
	});
	const required = rule.requiresBefore
		? new Set(rule.requiresBefore.toLowerCase().split('|'))
		: undefined;
	return { ...rule, slots, required, suffix: rule.cue.startsWith('-') };
}

export const PATTERNS: PatternsData = data as PatternsData;
export const CUE_RULES: CueRule[] = PATTERNS.rules.map(compileCue);

/**
 * All cue occurrences in a sentence's lower-cased word list. Rules are indexed by their first
 * slot's words, so each word costs one Map lookup.
 */
export class CueMatcher {
	private readonly byFirst = new Map<string, CueRule[]>();
	/** glued-suffix rules by their "-word", in rule order */
	private readonly bySuffix = new Map<string, CueRule[]>();

	constructor(readonly rules: CueRule[] = CUE_RULES) {
		for (const r of rules) {
			const index = r.suffix ? this.bySuffix : this.byFirst;
			// a cue has at least one slot: split never returns an empty list
			for (const w of r.slots[0]!.words) {
				const list = index.get(w) ?? [];
				list.push(r);
				index.set(w, list);
			}
		}
	}

	find(words: string[]): CueHit[] {
		const hits: CueHit[] = [];
		for (let i = 0; i < words.length; i++) {
			const rules = this.byFirst.get(words[i]!);
			if (!rules) continue;
			for (const rule of rules) {
				const last = matchSlots(rule.slots, words, i);
				if (last >= 0 && hasRequired(rule, words, i)) hits.push({ rule, first: i, last });
			}
		}
		return hits;
	}

	/** Rules written as a glued suffix ("-based"), keyed by the suffix word. */
	suffixRules(word: string): CueRule[] {
		return this.bySuffix.get('-' + word) ?? [];
	}
}

function hasRequired(rule: CueRule, words: string[], at: number): boolean {
	if (!rule.required) return true;
	for (let k = at - 1; k >= 0 && k >= at - (rule.within ?? 6); k--)
		if (rule.required.has(words[k]!)) return true;
	return false;
}

function matchSlots(slots: Slot[], words: string[], start: number): number {
	let i = start;
	for (let s = 0; s < slots.length; s++) {
		const slot = slots[s]!;
		if (i < words.length && (slot.any || slot.words.has(words[i]!))) {
			i++;
		} else if (!slot.optional) {
			return -1;
		}
	}
	return i - 1;
}
