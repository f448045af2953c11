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
