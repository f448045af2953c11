// extractPaper: Paper → Extraction. Pure and deterministic: the same paper gives the same
// sentences, mentions, entities and relations, with no I/O.
import { EntityTable, rowId, type FoundEntity } from './resolve/entities.js';
import { caseKey, nameKey } from './resolve/name-key.js';
import type { Entity, Extraction, Mention, Paper, Sentence } from '../types.js';
import { cleanText, MAX_ABSTRACT_CHARS, notEnglishReason } from './clean.js';
import {
	abbreviations,
	cueNames,
	hasProposeVerb,
	shapeNames,
	titleName,
	type NameFinding
} from './introduced.js';
import { LexiconIndex, defaultLexicon } from './matcher.js';
import { bareVersionMentions, insideChunk, lexiconMentions, type RawMention } from './mentions.js';
import { findRelations } from './relations.js';
import { tagPhrase } from './nlp.js';
import { buildSentences, type SentenceCtx } from './sentences.js';
import { taskName, titleTasks } from './tasks.js';
import { defaultType, typeFromContext, typeFromName, type TypeGuess } from './typing.js';

const MAX_RAW_CHARS = 4 * MAX_ABSTRACT_CHARS;

export interface ExtractOptions {
	lexicon?: LexiconIndex;
}

export function extractPaper(paper: Paper, options: ExtractOptions = {}): Extraction {
	const lexicon = options.lexicon ?? defaultLexicon();
	const warnings: string[] = [];
	// Cleaning costs time in the length of the raw text: cut it first, with room for the markup
	// cleaning removes (the analysed abstract is cut to MAX_ABSTRACT_CHARS below anyway).
	const rawAbstract = String(paper.abstract ?? '');
	const title = cleanText(String(paper.title ?? '').slice(0, MAX_RAW_CHARS));
	let abstract = cleanText(rawAbstract.slice(0, MAX_RAW_CHARS));
	if (!abstract) warnings.push('empty abstract: only the title was analysed');
	if (abstract.length > MAX_ABSTRACT_CHARS || rawAbstract.length > MAX_RAW_CHARS) {
		const cut = abstract.lastIndexOf('. ', MAX_ABSTRACT_CHARS);
		abstract = abstract.slice(0, cut > 0 ? cut + 1 : MAX_ABSTRACT_CHARS);
		warnings.push(
			`abstract longer than ${MAX_ABSTRACT_CHARS} characters: analysed the first ${abstract.length}`
		);
	}
	const text = title ? `${title}\n\n${abstract}` : abstract;
	const abstractStart = title ? title.length + 2 : 0;
	const empty = (reason: string): Extraction => ({
		paper,
		text,
		abstractStart,
		sentences: [],
		mentions: [],
		entities: [],
		relations: [],
		warnings: [...warnings, reason]
	});
	if (!text.trim()) return empty('no text: nothing to analyse');
	const notEnglish = notEnglishReason(text);
	if (notEnglish) return empty(notEnglish);

	const sents = buildSentences(text, title.length, abstractStart);
	const table = new EntityTable(lexicon);
	const found: RawMention[][] = sents.map((s) => {
		const ms = lexiconMentions(s, lexicon, table, text);
		return [...ms, ...bareVersionMentions(s, ms, table, text)];
	});

	const findings = findNames(sents, text, lexicon, found);
	const introduced = resolveFindings(findings, sents, table, found);
	linkFamilies(table, introduced);
	rescanIntroduced(sents, table, introduced, found);

	for (const ms of found) for (const m of ms) m.entity = table.canonical(m.entity);
	const mentionsBySent = sents.map((s) => resolveOverlaps(found[s.index]!));
	typeFromSiblings(sents, mentionsBySent);
	const used = new Set<FoundEntity>();
	for (const ms of mentionsBySent) for (const m of ms) used.add(m.entity);
	const entities = keepEntities([...used], sents, mentionsBySent);
	const keep = new Set(entities);
	const finalMentions = mentionsBySent.map((ms) => ms.filter((m) => keep.has(m.entity)));

	// types of new names may have changed while linking families: ids follow the final type;
	// a task is named in lower case ("Deceptive Path Planning:" → "deceptive path planning")
	for (const e of entities) {
		if (!e.lex && e.type === 'Task') e.name = taskName(e.name);
		e.id = rowId(e);
	}
	const relations = findRelations({
		paperId: paper.id,
		sentences: sents,
		mentions: finalMentions,
		entities
	});

	return {
		paper,
		text,
		abstractStart,
		sentences: sents.map(toSentence),
		mentions: finalMentions.flat().map((m) => toMention(paper.id, sents[m.sent]!, m)),
		entities: entities.map(toEntity),
		relations,
		warnings: warnings.length ? warnings : undefined
	};
}

function findNames(
	sents: SentenceCtx[],
	text: string,
	lexicon: LexiconIndex,
	found: RawMention[][]
): NameFinding[] {
	const out: NameFinding[] = [];
	if (sents[0]?.isTitle) {
		const t = titleName(sents[0], text, lexicon);
		if (t) out.push(t);
		out.push(...titleTasks(sents[0], text, lexicon, found[0]));
	}
	// coined words the paper writes before "robot", "sensor", "GPU": hardware in every sentence
	const hardware = new Set<string>();
	for (const s of sents) {
		const named = [...cueNames(s, text, lexicon), ...abbreviations(s, text)];
		const mine = s.index === 0 ? out.filter((f) => f.sent === 0) : [];
		// a coined-looking piece of a name found by a naming rule ("LIFELONG" of "LIFELONG
		// SOTOPIA:") is not a name of its own
		// "ANALYSIS ON GRADIENT PROPAGATION": in a title set in capitals every word looks coined
		const shapes = shoutedTitle(s, text)
			? []
			: shapeNames(s, text, lexicon, found[s.index], hardware).filter(
					(f) =>
						![...mine, ...named].some(
							(n) => (n.describedFrom ?? n.first) <= f.last && f.first <= n.last
						)
				);
		out.push(...named, ...shapes);
	}
	return out.filter((f) => f.rule !== 'name.shape' || !hardware.has(f.name));
}

const TASK_NAMED = { type: 'Task' as const, rule: 'type.problem-named', strength: 4 };
const PROBLEM_WORDS = new Set(['task', 'problem', 'setting', 'scenario', 'paradigm']);

/** "we refer to this task as X", "we call this problem X": X names a problem, not a method. */
function namesProblem(s: SentenceCtx, first: number): boolean {
	const w = s.wordOf[first]!;
	for (let k = Math.max(0, w - 5); k < w; k++) {
		if (!PROBLEM_WORDS.has(s.words[k]!.text)) continue;
		const before = s.words[k - 1]?.text;
		if (before === 'this' || before === 'the' || before === 'new') return true;
	}
	return false;
}

/** A long form that describes its method rather than names it: "… Generation for … (ROPA)". */
function descriptive(name: string): boolean {
	const words = name.split(/\s+/);
	return words.length > 5 || words.some((w) => /^(?:for|via|using|with|from|based)$/.test(w));
}

/** A title of three or more words written in capitals. */
function shoutedTitle(s: SentenceCtx, text: string): boolean {
	if (!s.isTitle || s.words.length < 3) return false;
	const letters = text.slice(s.start, s.end).replace(/[^\p{L}]/gu, '');
	const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
	return letters.length > 0 && upper / letters.length > 0.8;
}

/** Turns name findings into entities and mentions; returns the entities the rules introduced. */
function resolveFindings(
	findings: NameFinding[],
	sents: SentenceCtx[],
	table: EntityTable,
	found: RawMention[][]
): Set<FoundEntity> {
	const introduced = new Set<FoundEntity>();
	for (const raw of findings) {
		const f = cleanFinding(raw);
		if (!f) continue;
		const s = sents[f.sent]!;
		if (f.abbreviation) {
			resolveAbbreviation(f, sents, table, found, introduced);
			continue;
		}
		const guess = f.type
			? { type: f.type, rule: f.rule, strength: 4 }
			: (typeFromName(f.name) ??
				typeFromContext(s, f.first, f.last) ??
				defaultType(f.name, f.proposed));
		const e = table.named(f.name, guess.type, f.rule);
		if (!e.lex) {
			introduced.add(e);
			retype(e, guess);
		}
		// "we propose to model … with a language agent, LA-CDM, that …"
		const apposed =
			f.rule === 'name.shape' && guess.rule === 'type.apposition' && hasProposeVerb(s);
		if (apposed && !e.lex && e.type !== 'Task' && e.type !== 'Metric')
			markProposed(e, 'name.apposition', f.sent);
		if (f.proposed && e.type !== 'Task' && e.type !== 'Metric' && !(e.lex && e.generic))
			markProposed(e, f.rule, f.sent);
		found[f.sent]!.push({
			sent: f.sent,
			first: f.first,
			last: f.last,
			entity: e,
			rule: f.rule,
			priority: f.rule === 'name.shape' ? 1 : 3
		});
	}
	return introduced;
}

/**
 * "Long Form (LF)": LF is an alias of a known entity, or a new entity — proposed when the
 * sentence speaks of the paper's own work. A lower-case long form outside such a sentence is a
 * generic phrase ("partial differential equations (PDEs)") and makes no entity.
 */
function resolveAbbreviation(
	f: NameFinding,
	sents: SentenceCtx[],
	table: EntityTable,
	found: RawMention[][],
	introduced: Set<FoundEntity>
): void {
	const abbr = f.abbreviation as string;
	const s = sents[f.sent]!;
	let last = f.last;
	let e = table.resolve(f.name) ?? table.fromLexiconName(f.name, 'lexicon');
	let name = f.name;
	if (!e && f.head) {
		name = `${f.name} ${f.head}`;
		e = table.resolve(name) ?? table.fromLexiconName(name, 'lexicon');
		if (!e) last = f.headToken ?? last;
	}
	const short = table.resolve(abbr);
	if (e) {
		if (short && short !== e && !short.lex) table.merge(short, e);
		else table.addAlias(e, abbr);
		// "singular value decomposition (SVD)": not the lexicon's Stable Video Diffusion here
		if (short?.lex && short !== e) respell(sents, found, short, e, abbr);
	} else if (short?.lex && sameLongForm(name, short)) {
		// "low-rank adapters (LoRA)": another spelling of the known long form ("Low-Rank Adaptation")
		e = short;
		table.addAlias(e, name);
	} else if (short && !short.lex && descriptive(name)) {
		// "ROPA: …" then "Synthetic Robot Pose Generation for RGB-D Bimanual Data Augmentation
		// (ROPA)": a long form that describes rather than names leaves the short form canonical
		e = short;
		table.addAlias(e, name);
	} else if (short && !short.lex) {
		// the short form was introduced first (title "SCott:"): it joins the long form, which
		// becomes the canonical name and brings its own evidence of type
		const guess = typeFromName(name) ?? typeFromContext(s, f.first, f.last);
		e = table.named(name, guess?.type ?? short.type, f.rule);
		e.typeRule = short.typeRule;
		e.typeStrength = short.typeStrength;
		if (guess) retype(e, guess);
		else if (short.typeStrength) e.type = short.type;
		table.merge(short, e);
		table.addAlias(e, abbr);
	} else {
		const titleCase = /\p{Lu}/u.test(name.replace(/^\S+/, '')) || /^\p{Lu}\p{Ll}/u.test(name);
		// "model context protocol (MCP)" names a method; "partial differential equations (PDEs)"
		// is a generic phrase
		const named = typeFromName(name)?.type === 'Technique';
		// "differentially private (DP)": an adjective phrase names nothing
		if ((!s.contribution && !titleCase && !named) || (!titleCase && endsWithAdjective(name))) {
			// "shape distance (SD)": here SD is not the lexicon's Stable Diffusion
			if (short?.lex) respell(sents, found, short, null, abbr);
			return;
		}
		// "We refer to this task as Vocabulary-Free FGVR (VF-FGVR)": the name of a problem
		const guess = (namesProblem(s, f.first) ? TASK_NAMED : null) ??
			typeFromName(name) ??
			typeFromContext(s, f.first, f.last) ?? {
				type: 'Technique' as const,
				rule: 'type.default',
				strength: 1
			};
		e = table.named(name, guess.type, f.rule);
		retype(e, guess);
		table.addAlias(e, abbr);
	}
	if (!e.lex) {
		introduced.add(e);
		const kind = e.type;
		// "We use Perfect Bayesian Nash Equilibrium (PBNE)": defined, not proposed; "we detect
		// voice phishing (VP)": a lower-case concept is the paper's own only as "our …"
		const titled = /\p{Lu}/u.test(name);
		const own = ourBefore(s, f.first) || (titled && !usedBefore(s, f.first));
		if (s.contribution && own && kind !== 'Metric' && kind !== 'Task')
			markProposed(e, f.rule, f.sent);
	}
	found[f.sent]!.push({ sent: f.sent, first: f.first, last, entity: e, rule: f.rule, priority: 3 });
	if (f.abbrFirst !== undefined && f.abbrLast !== undefined) {
		found[f.sent]!.push({
			sent: f.sent,
			first: f.abbrFirst,
			last: f.abbrLast,
			entity: e,
			rule: f.rule,
			priority: 3
		});
	}
}

function endsWithAdjective(phrase: string): boolean {
	const last = tagPhrase(phrase).pop();
	return last !== undefined && last.tags.includes('Adjective') && !last.tags.includes('Noun');
}

const EDGE_QUOTES = /^[\s'"`‘’“”«»]+|[\s'"`‘’“”«»]+$/gu;

/**
 * A name is a name: quotes around it go, an unclosed bracket ends it ("Robot Context Protocol
 * (RCP"), and a bare number or version ("4.0", "v2", "1") is none.
 */
function cleanFinding(f: NameFinding): NameFinding | null {
	// "Explore-then-Commit*": a footnote mark is not part of the name
	let name = f.name.length > 3 ? f.name.replace(/(?<=[\p{L}\p{N}])[*†‡]+$/u, '') : f.name;
	const open = name.indexOf('(');
	if (open > 0 && name.indexOf(')', open) < 0) name = name.slice(0, open);
	name = name.replace(EDGE_QUOTES, '');
	if (!/\p{L}.*\p{L}/su.test(name) || /^v?\d+(?:[.-]\d+)*$/i.test(name)) return null;
	// math, link and citation debris: "R^k", "TCsum_i", "URLavailable", "Ji+24", "Avg3"
	if (/^\p{L}\^|[_^]\p{Ll}$|^(?:URL|HTTPS?)\p{Ll}|^\p{Lu}\p{Ll}+\+\d{2}$|^Avg\d/u.test(name))
		return null;
	// "Symmetric Positive Definite", "Hybrid Lagrangian-Eulerian": an adjective phrase names nothing
	if (/\s/.test(name) && endsWithAdjective(name)) return null;
	return name === f.name ? f : { ...f, name };
}

const USE_WORDS = new Set(
	'use uses used using leverage leverages leveraged leveraging employ employs employed employing adopt adopts adopted adopting utilize utilizes utilized utilizing built based upon atop'.split(
		' '
	)
);

/** A word of using or building on something shortly before token `first`, with no "our" between. */
function usedBefore(s: SentenceCtx, first: number): boolean {
	const w = s.wordOf[first]!;
	for (let k = w - 1; k >= 0 && k >= w - 4; k--) {
		const t = s.words[k]!.text;
		if (t === 'our') return false;
		if (USE_WORDS.has(t)) return true;
	}
	return false;
}

/** "our" shortly before token `first`: "our aligned geometric priors (AGP)". */
function ourBefore(s: SentenceCtx, first: number): boolean {
	const w = s.wordOf[first]!;
	for (let k = w - 1; k >= 0 && k >= w - 4; k--) if (s.words[k]!.text === 'our') return true;
	return false;
}

/** A new name found again with better evidence of its type takes that type. */
function retype(e: FoundEntity, guess: TypeGuess): void {
	if (e.lex || (e.typeStrength ?? 0) >= guess.strength) return;
	e.type = guess.type;
	e.typeRule = guess.rule;
	e.typeStrength = guess.strength;
}

/** The long form begins as one of the known entity's spelled-out names does ("low-rank …"). */
function sameLongForm(name: string, e: FoundEntity): boolean {
	const first = (x: string) => x.split(/\s+/)[0]!.toLowerCase();
	const head = first(name);
	return [...e.aliases].some((a) => /\s/.test(a) && first(a) === head);
}

/**
 * A short form the paper redefines: the mentions of `from` spelled exactly `spelling` become
 * mentions of `to`, or go when the paper's meaning makes no entity.
 */
function respell(
	sents: SentenceCtx[],
	found: RawMention[][],
	from: FoundEntity,
	to: FoundEntity | null,
	spelling: string
): void {
	const key = caseKey(spelling);
	for (const ms of found) {
		for (let i = ms.length - 1; i >= 0; i--) {
			const m = ms[i]!;
			if (m.entity !== from) continue;
			const tokens = sents[m.sent]!.tokens.slice(m.first, m.last + 1);
			if (caseKey(tokens.map((t) => t.text).join('')) !== key) continue;
			if (to) m.entity = to;
			else ms.splice(i, 1);
		}
	}
}

/**
 * A paper proposes a named method or model, never a known concept written in lower case
 * ("reinforcement learning"), an umbrella term or a kind of model ("large language model").
 */
function markProposed(e: FoundEntity, rule: string, sentence: number): void {
	if (e.proposed) return;
	const concept = /\s/.test(e.lex?.name ?? '') && !/\p{Lu}/u.test(e.lex?.name ?? '');
	if (e.lex && (e.lex.generic || e.lex.role === 'class' || concept)) return;
	e.proposed = true;
	e.proposedRule = rule;
	e.proposedSentence = sentence;
}

const SUFFIX = /^(.+?)[-_ ]?(v?\d+(?:\.\d+)*|\d+(?:\.\d+)?[MBK]|XL|XXL|L|B|S|H|G)$/;

/** "KOALA-700M" is a size of "KOALA" when both are in the paper; variants of what it proposes are proposed. */
function linkFamilies(table: EntityTable, introduced: Set<FoundEntity>): void {
	for (const e of introduced) {
		if (e.familyKey) continue;
		const m = SUFFIX.exec(e.name);
		if (!m) continue;
		const family = table.byKey.get(nameKey(m[1]!));
		if (!family || family === e) continue;
		e.familyKey = family.key;
		e.familyName = family.name;
		e.type = family.type;
		e.typeRule = 'type.family';
		if (family.proposed) markProposed(e, 'name.variant-of-proposed', family.proposedSentence ?? 0);
	}
}

/** Other mentions of introduced names and defined abbreviations, anywhere in the paper. */
function rescanIntroduced(
	sents: SentenceCtx[],
	table: EntityTable,
	introduced: Set<FoundEntity>,
	found: RawMention[][]
): void {
	if (introduced.size === 0 && table.all().every((e) => e.lex)) return;
	const spellings = table.localSpellings();
	if (spellings.size === 0) return;
	const prefixes = new Set<string>();
	for (const k of spellings.keys()) for (let i = 1; i <= k.length; i++) prefixes.add(k.slice(0, i));
	const maxPieces = 8;
	for (const s of sents) {
		const t = s.tokens;
		for (let i = 0; i < t.length; i++) {
			if (!t[i]!.word || insideChunk(t, i)) continue;
			let acc = '';
			let best: { last: number; e: FoundEntity } | null = null;
			for (let j = i, n = 0; j < t.length && n < maxPieces; j++) {
				if (!t[j]!.word) {
					if (t[j]!.space || j + 1 >= t.length || t[j + 1]!.space) break;
					continue;
				}
				if (j > i && !t[j - 1]!.word && t[j - 1]!.space) break;
				acc += t[j]!.key;
				n++;
				if (!prefixes.has(acc)) break;
				const e = spellings.get(acc);
				if (
					e &&
					!(
						t[j + 1] &&
						!t[j + 1]!.space &&
						t[j + 2] &&
						!t[j + 2]!.space &&
						t[j + 2]!.word &&
						/^[-_.]$/.test(t[j + 1]!.text)
					)
				)
					best = { last: j, e };
			}
			if (best) {
				found[s.index]!.push({
					sent: s.index,
					first: i,
					last: best.last,
					entity: best.e,
					rule: 'name.repeat',
					priority: 2.5
				});
				i = best.last;
			}
		}
	}
}

const LIST_GLUE = new Set([',', 'and', 'or', '&', ';']);

/**
 * "benchmarks such as SWE-bench, SWT-bench, and REPOCOD": a new name nothing else types takes
 * the type of its neighbour in a list.
 */
function typeFromSiblings(sents: SentenceCtx[], mentions: RawMention[][]): void {
	for (const s of sents) {
		const ms = mentions[s.index]!;
		for (let i = 0; i + 1 < ms.length; i++) {
			const a = ms[i]!;
			const b = ms[i + 1]!;
			const between = s.tokens.slice(a.last + 1, b.first);
			if (between.length === 0 || !between.every((t) => LIST_GLUE.has(t.text.toLowerCase())))
				continue;
			for (const [weak, strong] of [
				[a.entity, b.entity],
				[b.entity, a.entity]
			] as const) {
				const sure = strong.lex || (strong.typeStrength ?? 0) >= 3;
				if (weak.lex || !sure || strong.type === 'Task' || weak.type === 'Task') continue;
				retype(weak, { type: strong.type, rule: 'type.list-sibling', strength: 2.5 });
			}
		}
	}
}

/** Overlapping mentions: higher priority wins, then the longer span, then the earlier one. */
function resolveOverlaps(ms: RawMention[]): RawMention[] {
	const sorted = [...ms].sort(
		(a, b) => b.priority - a.priority || b.last - b.first - (a.last - a.first) || a.first - b.first
	);
	const kept: RawMention[] = [];
	for (const m of sorted) {
		if (kept.some((k) => k.first <= m.last && m.first <= k.last)) continue;
		kept.push(m);
	}
	return kept.sort((a, b) => a.first - b.first);
}

/**
 * Umbrella terms ("diffusion model", "U-Net", "latency") are kept only when the title names them;
 * broad tasks ("image generation") also when no more specific task is found.
 */
function keepEntities(all: FoundEntity[], sents: SentenceCtx[], ms: RawMention[][]): FoundEntity[] {
	const inTitle = new Set((sents[0]?.isTitle ? ms[0]! : []).map((m) => m.entity));
	const specificTask = all.some((e) => e.type === 'Task' && !e.broad);
	return all.filter(
		(e) => (inTitle.has(e) || (!e.generic && (!e.broad || !specificTask))) && !untypedStranger(e)
	);
}

/**
 * A plain acronym or a long form that nothing typed (no head word, no describing word nearby,
 * no list neighbour) and the paper does not propose: on real abstracts mostly things outside
 * ML ("CVE", "MGMT", "da Vinci Research Kit", "XBRL"). Left out rather than guessed.
 */
function untypedStranger(e: FoundEntity): boolean {
	if (e.lex || e.proposed || e.familyKey || (e.typeStrength ?? 0) > 1) return false;
	// coined names ("OpenAlex", "CVaR", "LDM-4-G") are kept: those are ML's own
	return /^\p{Lu}{2,5}s?$/u.test(e.name) || /\s/.test(e.name);
}

function toSentence(s: SentenceCtx): Sentence {
	return { index: s.index, start: s.start, end: s.end, text: s.text };
}

function toMention(paperId: string, s: SentenceCtx, m: RawMention): Mention {
	const start = s.tokens[m.first]!.start;
	const end = s.tokens[m.last]!.end;
	return {
		paperId,
		sentence: s.index,
		start,
		end,
		text: s.text.slice(start - s.start, end - s.start),
		type: m.entity.type,
		entityId: m.entity.id,
		rule: m.rule
	};
}

function toEntity(e: FoundEntity): Entity {
	return {
		id: e.id,
		type: e.type,
		name: e.name,
		aliases: [...e.aliases].filter((a) => a !== e.name),
		typeRule: e.lex && e.type === e.lex.type ? 'lexicon' : (e.typeRule ?? e.rule)
	};
}
