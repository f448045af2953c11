// Scores predictions against gold, following GUIDELINES.md "Scoring": names match after
// normalisation against a gold entity's name or aliases; non-core gold items may be found but are
// not required; relations match on (head, type, tail) after both ends are resolved, with
// anything the paper proposes standing for the paper as a head; micro-averaged over abstracts.
import type { GoldPaper, GoldEntity, PredictedPaper } from './gold.js';

/** Lower case, compatibility-decomposed, only a–z, 0–9 and "+" kept. */
export function scoreKey(s: unknown): string {
	return String(s ?? '')
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9+]/g, '');
}

export interface Counts {
	tp: number;
	fp: number;
	fn: number;
}

export interface PRF {
	precision: number;
	recall: number;
	f1: number;
}

export interface ScoreReport {
	papers: number;
	missingPapers: number;
	entities: PRF;
	entitiesTyped: PRF;
	relations: PRF;
	relationsLenient: PRF;
	recallByType: Record<string, number>;
	relationRecallByType: Record<string, number>;
}

export interface ScoreDetail {
	paper: string;
	kind: 'entity-fp' | 'entity-fn' | 'entity-type' | 'relation-fp' | 'relation-fn';
	name?: string;
	type?: string;
	head?: string;
	tail?: string;
	predicted?: string;
	gold?: string;
}

const PAPER = '@paper';

function counts(): Counts {
	return { tp: 0, fp: 0, fn: 0 };
}

/** Ratio rounded to three places; 0 when the denominator is 0. */
function ratio(a: number, b: number): number {
	return b ? a / b : 0;
}

function round3(x: number): number {
	return Number(x.toFixed(3));
}

export function prf(c: Counts): PRF {
	const p = ratio(c.tp, c.tp + c.fp);
	const r = ratio(c.tp, c.tp + c.fn);
	return { precision: round3(p), recall: round3(r), f1: round3(p + r ? (2 * p * r) / (p + r) : 0) };
}

interface Tally {
	ent: Counts;
	entTyped: Counts;
	rel: Counts;
	relLenient: Counts;
	perType: Map<string, { core: number; found: number }>;
	perRelType: Map<string, { core: number; found: number }>;
	details: ScoreDetail[];
}

export function score(
	gold: GoldPaper[],
	predicted: PredictedPaper[]
): { report: ScoreReport; details: ScoreDetail[] } {
	const byTitle = new Map<string, PredictedPaper>();
	for (const p of predicted) byTitle.set(scoreKey(p.title), p); // later duplicates win
	const t: Tally = {
		ent: counts(),
		entTyped: counts(),
		rel: counts(),
		relLenient: counts(),
		perType: new Map(),
		perRelType: new Map(),
		details: []
	};
	let missing = 0;
	for (const g of gold) {
		const p = byTitle.get(scoreKey(g.title));
		if (!p) missing++;
		scoreEntities(g, p, t);
		scoreRelations(g, p, t);
	}
	const recall = (m: Map<string, { core: number; found: number }>) =>
		Object.fromEntries([...m].map(([k, v]) => [k, round3(v.found / v.core)]));
	return {
		report: {
			papers: gold.length,
			missingPapers: missing,
			entities: prf(t.ent),
			entitiesTyped: prf(t.entTyped),
			relations: prf(t.rel),
			relationsLenient: prf(t.relLenient),
			recallByType: recall(t.perType),
			relationRecallByType: recall(t.perRelType)
		},
		details: t.details
	};
}

/** Gold entity for a spelling: the last gold entity listing it wins, as a lookup table would. */
function spellingTable(g: GoldPaper): Map<string, GoldEntity> {
	const m = new Map<string, GoldEntity>();
	for (const e of g.entities) for (const f of [e.name, ...(e.aliases ?? [])]) m.set(scoreKey(f), e);
	return m;
}

function bump(m: Map<string, { core: number; found: number }>, k: string, found: boolean): void {
	const v = m.get(k) ?? { core: 0, found: 0 };
	v.core++;
	if (found) v.found++;
	m.set(k, v);
}

function scoreEntities(g: GoldPaper, p: PredictedPaper | undefined, t: Tally): void {
	const spellings = spellingTable(g);
	const found = new Set<string>(); // gold names matched (core or not)
	const foundTyped = new Set<string>();
	const seen = new Set<string>();
	for (const e of p?.entities ?? []) {
		const k = scoreKey(e.name);
		if (seen.has(k)) continue; // one prediction per spelling
		seen.add(k);
		const ge = spellings.get(k);
		if (!ge) {
			t.ent.fp++;
			t.entTyped.fp++;
			t.details.push({ paper: g.title, kind: 'entity-fp', name: e.name, type: e.type });
			continue;
		}
		// a second spelling of an entity already found counts neither way
		if (!found.has(ge.name)) {
			found.add(ge.name);
			if (ge.core) t.ent.tp++;
		}
		if (ge.type !== e.type) {
			t.entTyped.fp++;
			t.details.push({
				paper: g.title,
				kind: 'entity-type',
				name: e.name,
				predicted: e.type,
				gold: ge.type
			});
		} else if (ge.core && !foundTyped.has(ge.name)) {
			foundTyped.add(ge.name);
			t.entTyped.tp++;
		}
	}
	for (const ge of g.entities) {
		if (!ge.core) continue;
		const hit = found.has(ge.name);
		bump(t.perType, ge.type, hit);
		if (!hit) {
			t.ent.fn++;
			t.details.push({ paper: g.title, kind: 'entity-fn', name: ge.name, type: ge.type });
		}
		if (!foundTyped.has(ge.name)) t.entTyped.fn++;
	}
}

function scoreRelations(g: GoldPaper, p: PredictedPaper | undefined, t: Tally): void {
	const spellings = spellingTable(g);
	const predicted = p?.relations ?? [];
	const predProposed = new Set(
		predicted.filter((r) => r.type === 'PROPOSES').map((r) => scoreKey(r.tail))
	);
	const goldProposed = new Set(g.relations.filter((r) => r.type === 'PROPOSES').map((r) => r.tail));
	const paperKeys = new Set([scoreKey(p?.id), scoreKey(g.id)]);

	// a relation end as a gold name or @paper; null when it matches nothing
	const end = (x: string, isHead: boolean): string | null => {
		const k = scoreKey(x);
		if (x === PAPER || paperKeys.has(k)) return PAPER;
		if (isHead && predProposed.has(k)) return PAPER;
		const ge = spellings.get(k);
		if (!ge) return null;
		return isHead && goldProposed.has(ge.name) ? PAPER : ge.name;
	};

	const goldRels = g.relations.map((r) => ({
		...r,
		h: r.head !== PAPER && goldProposed.has(r.head) ? PAPER : r.head
	}));
	const strict = new Map<string, (typeof goldRels)[number]>();
	for (const r of goldRels) strict.set(`${r.h}|${r.type}|${r.tail}`, r);
	const lenient = new Map<string, boolean>(); // pair → any core relation on it
	for (const r of goldRels) {
		const k = `${r.h}|${r.tail}`;
		lenient.set(k, (lenient.get(k) ?? false) || r.core);
	}

	const hitStrict = new Set<string>();
	const hitLenient = new Set<string>();
	const seen = new Set<string>();
	for (const r of predicted) {
		const h = end(r.head, true);
		const tl =
			r.type === 'PROPOSES' ? (spellings.get(scoreKey(r.tail))?.name ?? null) : end(r.tail, false);
		const sk = `${h}|${r.type}|${tl}`;
		if (seen.has(sk)) continue;
		seen.add(sk);
		const gr = h && tl ? strict.get(sk) : undefined;
		if (!gr) {
			t.rel.fp++;
			t.details.push({
				paper: g.title,
				kind: 'relation-fp',
				head: r.head,
				type: r.type,
				tail: r.tail
			});
		} else if (gr.core && !hitStrict.has(sk)) {
			hitStrict.add(sk);
			t.rel.tp++;
		}
		const lk = `${h}|${tl}`;
		if (h && tl && lenient.has(lk)) {
			if (lenient.get(lk) && !hitLenient.has(lk)) {
				hitLenient.add(lk);
				t.relLenient.tp++;
			}
		} else if (!hitLenient.has(lk)) {
			t.relLenient.fp++;
		}
	}
	for (const r of goldRels) {
		if (!r.core) continue;
		const sk = `${r.h}|${r.type}|${r.tail}`;
		const hit = hitStrict.has(sk);
		bump(t.perRelType, r.type, hit);
		if (!hit) {
			t.rel.fn++;
			t.details.push({
				paper: g.title,
				kind: 'relation-fn',
				head: r.head,
				type: r.type,
				tail: r.tail
			});
		}
	}
	for (const [k, core] of lenient) if (core && !hitLenient.has(k)) t.relLenient.fn++;
}

/** The scores as the table people read. */
export function formatReport(r: ScoreReport): string {
	const row = (label: string, s: PRF) =>
		`${label.padEnd(20)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`;
	return [
		`papers ${r.papers}, not found in output ${r.missingPapers}`,
		row('entities', r.entities),
		row('entities (typed)', r.entitiesTyped),
		row('relations', r.relations),
		row('relations (lenient)', r.relationsLenient),
		`core entity recall by type ${JSON.stringify(r.recallByType)}`,
		`core relation recall by type ${JSON.stringify(r.relationRecallByType)}`
	].join('\n');
}
