// What crosses from server to browser: the JSON shapes of /api/* and the graph's vocabulary,
// defined once in graph/ (pure modules, no driver) and re-exported for the app.
export {
	ENTITY_TYPES,
	NODE_TYPES,
	RELATION_TYPES,
	type EntityType,
	type NodeType,
	type RelationType
} from '../../graph/model.js';
export type * from '../../graph/views.js';
export type {
	CurationArgs,
	CurationKind,
	CurationRecord,
	CurationRequest
} from '../../graph/curation.js';
