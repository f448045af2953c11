// The vocabulary of the graph, shared by ingest, queries and the app.
export const ENTITY_TYPES = ['Model', 'Technique', 'Dataset', 'Metric', 'Task'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What the explorer draws: the entity types and papers. */
export const NODE_TYPES = [...ENTITY_TYPES, 'Paper'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const RELATION_TYPES = [
	'PROPOSES',
	'BUILDS_ON',
	'USES',
	'EVALUATED_ON',
	'TRAINED_ON',
	'COMPARED_WITH',
	'ADDRESSES',
	'VARIANT_OF'
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
	return (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isRelationType(value: string): value is RelationType {
	return (RELATION_TYPES as readonly string[]).includes(value);
}

/** `Model` + "Stable Diffusion v1.5" → `model:stable-diffusion-v1.5`: stable across runs and spellings. */
export function entityId(type: EntityType, canonicalName: string): string {
	const key = canonicalName
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}+.^]+/gu, '-')
		.replace(/^-+|-+$/g, '');
	return `${type.toLowerCase()}:${key}`;
}

/**
 * A paper's own statements ("this paper uses LoRA") are stored on the Paper node as a list of
 * strings rather than as nodes: one property instead of a node, an edge and a dozen properties
 * each made loading three times faster. One record per relation, fields joined by `|`
 * (entity ids never contain it): type, target, sentence start and end (into the analysed
 * text), tail start and end (into the sentence, empty when unknown), rule, confidence.
 */
export interface PaperEvidenceRecord {
	type: RelationType;
	target: string;
	start: number;
	end: number;
	tailSpan: [number, number] | null;
	rule: string;
	confidence: number;
}

export function encodePaperEvidence(r: PaperEvidenceRecord): string {
	const rule = r.rule.replaceAll('|', '/');
	const tail = r.tailSpan ? `${r.tailSpan[0]}|${r.tailSpan[1]}` : '|';
	return `${r.type}|${r.target}|${r.start}|${r.end}|${tail}|${rule}|${r.confidence}`;
}

export function decodePaperEvidence(record: string): PaperEvidenceRecord | null {
	const f = record.split('|');
	if (f.length !== 8 || !isRelationType(f[0]!)) return null;
	return {
		type: f[0] as RelationType,
		target: f[1]!,
		start: Number(f[2]),
		end: Number(f[3]),
		tailSpan: f[4] === '' ? null : [Number(f[4]), Number(f[5])],
		rule: f[6]!,
		confidence: Number(f[7])
	};
}

/** The text the extractor analysed, when nothing in cleaning changed it; offsets point into it. */
export function analysedText(title: string, abstract: string): string {
	return title ? `${title}\n\n${abstract}` : abstract;
}
