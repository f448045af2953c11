// One entity per spelling set within a paper: lexicon entries, variants and new names share a
// table keyed by spelling key, so "SDXL", "SD-XL" and "Stable Diffusion XL" land on one row.
import { entityId } from '../../../graph/model.js';
import type { LexEntity, LexRole } from '../lexicon.js';
import type { LexiconIndex } from '../matcher.js';
import type { EntityType } from '../../types.js';
import { nameKey } from './name-key.js';
import { variantName, type VariantSuffix } from './variants.js';

export interface FoundEntity {
	id: string;
	key: string;
	name: string;
	type: EntityType;
	aliases: Set<string>;
	lex?: LexEntity;
	/** key of the family entity this is a version or size of */
	familyKey?: string;
	familyName?: string;
	generic: boolean;
	broad: boolean;
	role?: LexRole;
	/** the paper introduces it (PROPOSES) */
	proposed: boolean;
	proposedRule?: string;
	proposedSentence?: number;
	/** how it was first found: a lexicon rule or a new-name rule */
	rule: string;
	/** what chose the type of a new name ('lexicon' for lexicon rows), and how strongly */
	typeRule?: string;
	typeStrength?: number;
	/** set when merged into another row ("SCott" into "Stochastic Consistency Distillation") */
	mergedInto?: FoundEntity;
}

/** What a lexicon entry's row always starts with; worked out once per entry, not per paper. */
interface LexRowBase {
	id: string;
	key: string;
	familyKey?: string;
}
const lexRowBases = new WeakMap<LexEntity, LexRowBase>();

function lexRowBase(lex: LexEntity): LexRowBase {
	let b = lexRowBases.get(lex);
	if (!b) {
		b = {
			id: entityId(lex.type, lex.name),
			key: nameKey(lex.name),
			familyKey: lex.family ? nameKey(lex.family) : undefined
		};
		lexRowBases.set(lex, b);
	}
	return b;
}

/** entityId(e.type, e.name), without recomputing it for an unchanged lexicon row. */
export function rowId(e: FoundEntity): string {
	if (e.lex && e.type === e.lex.type && e.name === e.lex.name) return lexRowBase(e.lex).id;
	return entityId(e.type, e.name);
}

export class EntityTable {
	readonly byKey = new Map<string, FoundEntity>();
	private readonly aliasKeys = new Map<string, string>();
	private readonly local = new Map<string, FoundEntity>();

	constructor(private readonly lexicon: LexiconIndex) {}

	all(): FoundEntity[] {
		return [...this.byKey.values()];
	}

	/** The row for a lexicon entry, created on first sight. */
	fromLexicon(lex: LexEntity, rule: string): FoundEntity {
		const base = lexRowBase(lex);
		const key = base.key;
		let e = this.byKey.get(key);
		if (!e) {
			e = {
				id: base.id,
				key,
				name: lex.name,
				type: lex.type,
				aliases: new Set([lex.name, ...lex.aliases]),
				lex,
				familyKey: base.familyKey,
				familyName: lex.family,
				generic: lex.generic,
				broad: lex.broad,
				role: lex.role,
				proposed: false,
				rule
			};
			this.byKey.set(key, e);
		}
		return e;
	}

	/**
	 * A name found in the text. Known spellings resolve to the lexicon or an existing row;
	 * otherwise a new row is made with the given type.
	 */
	named(name: string, type: EntityType, rule: string): FoundEntity {
		const existing = this.resolve(name);
		if (existing) {
			existing.aliases.add(name);
			return existing;
		}
		const lex = this.lexicon.lookup(name);
		if (lex) {
			const e = this.fromLexicon(lex, rule);
			e.aliases.add(name);
			return e;
		}
		const key = nameKey(name);
		const e: FoundEntity = {
			id: entityId(type, name),
			key,
			name,
			type,
			aliases: new Set([name]),
			generic: false,
			broad: false,
			proposed: false,
			rule
		};
		this.byKey.set(key, e);
		return e;
	}

	/** The row for a known spelling from the lexicon, if the lexicon knows it. */
	fromLexiconName(name: string, rule: string): FoundEntity | undefined {
		const lex = this.lexicon.lookup(name);
		return lex ? this.fromLexicon(lex, rule) : undefined;
	}

	/** "Stable Diffusion" + v1.5 → the lexicon's "Stable Diffusion v1.5", or a new variant row. */
	variant(family: FoundEntity, suffix: VariantSuffix, surface: string, rule: string): FoundEntity {
		const name = variantName(family.name, suffix);
		const e = this.named(name, family.type, rule);
		e.aliases.add(surface);
		if (!e.familyKey && e !== family) {
			e.familyKey = family.key;
			e.familyName = family.name;
		}
		if (!e.lex) e.role = family.role;
		return e;
	}

	/** Records another spelling ("SDM" defined for Stable Diffusion) for later lookups. */
	addAlias(e: FoundEntity, alias: string): void {
		e.aliases.add(alias);
		const k = nameKey(alias);
		if (k && !this.byKey.has(k)) this.aliasKeys.set(k, e.key);
		if (k) this.local.set(k, e);
	}

	/**
	 * Spellings this paper itself taught us — names of new entities and defined abbreviations —
	 * which the lexicon scan cannot see. Lexicon spellings are not repeated here.
	 */
	localSpellings(): Map<string, FoundEntity> {
		const out = new Map<string, FoundEntity>();
		for (const [k, e] of this.local) out.set(k, this.canonical(e));
		for (const e of this.byKey.values()) {
			if (e.lex) continue;
			for (const a of e.aliases) {
				const k = nameKey(a);
				if (k && !out.has(k)) out.set(k, e);
			}
		}
		return out;
	}

	/** Two rows turn out to be one thing: `drop`'s spellings and flags move to `keep`. */
	merge(drop: FoundEntity, keep: FoundEntity): void {
		if (drop === keep) return;
		for (const a of drop.aliases) this.addAlias(keep, a);
		if (drop.proposed && !keep.proposed) {
			keep.proposed = true;
			keep.proposedRule = drop.proposedRule;
			keep.proposedSentence = drop.proposedSentence;
		}
		drop.mergedInto = keep;
		this.byKey.delete(drop.key);
		this.aliasKeys.set(drop.key, keep.key);
	}

	/** The row an entity ended up as after merges. */
	canonical(e: FoundEntity): FoundEntity {
		let x = e;
		while (x.mergedInto) x = x.mergedInto;
		return x;
	}

	resolve(name: string): FoundEntity | undefined {
		const k = nameKey(name);
		const direct = this.byKey.get(k);
		if (direct) return direct;
		const via = this.aliasKeys.get(k);
		return via ? this.byKey.get(via) : undefined;
	}
}
