// How each entity and relation type looks and reads. Colours are the Okabe–Ito palette, which
// stays distinguishable under the common colour-vision deficiencies; shapes repeat the type
// so colour is never the only cue.
import type { NodeType, RelationType } from '../types';

export { NODE_TYPES, type NodeType } from '../types';

export interface NodeLook {
	colour: string;
	shape: 'ellipse' | 'round-rectangle' | 'barrel' | 'diamond' | 'hexagon' | 'rectangle';
	label: string;
}

export const NODE_LOOK: Record<NodeType, NodeLook> = {
	Model: { colour: '#0072B2', shape: 'ellipse', label: 'Model' },
	Technique: { colour: '#E69F00', shape: 'round-rectangle', label: 'Technique' },
	Dataset: { colour: '#009E73', shape: 'barrel', label: 'Dataset' },
	Metric: { colour: '#CC79A7', shape: 'diamond', label: 'Metric' },
	Task: { colour: '#D55E00', shape: 'hexagon', label: 'Task' },
	Paper: { colour: '#999999', shape: 'rectangle', label: 'Paper' }
};

export interface EdgeLook {
	colour: string;
	line: 'solid' | 'dashed' | 'dotted';
	/** Symmetric relations carry no arrow. */
	arrow: boolean;
	verb: string;
}

export const EDGE_LOOK: Record<RelationType, EdgeLook> = {
	BUILDS_ON: { colour: '#D55E00', line: 'solid', arrow: true, verb: 'builds on' },
	VARIANT_OF: { colour: '#E69F00', line: 'solid', arrow: true, verb: 'variant of' },
	USES: { colour: '#0072B2', line: 'solid', arrow: true, verb: 'uses' },
	PROPOSES: { colour: '#888888', line: 'dashed', arrow: true, verb: 'proposes' },
	EVALUATED_ON: { colour: '#009E73', line: 'dotted', arrow: true, verb: 'evaluated on' },
	TRAINED_ON: { colour: '#009E73', line: 'dashed', arrow: true, verb: 'trained on' },
	COMPARED_WITH: { colour: '#56B4E9', line: 'dotted', arrow: false, verb: 'compared with' },
	ADDRESSES: { colour: '#CC79A7', line: 'dashed', arrow: true, verb: 'addresses' }
};

/**
 * Relations a person confirmed or added (issue 19): a green outline along the line, in the
 * relation's own colour and dash, so they stand out without a type changing its look.
 */
export const CURATED_LOOK = { colour: '#1a7f37', outline: 2 } as const;

/** Accent for highlighted paths: Okabe–Ito yellow-free sky blue reads on light and dark. */
export const HIGHLIGHT = '#56B4E9';

export function relationVerb(type: RelationType): string {
	return EDGE_LOOK[type]?.verb ?? type.toLowerCase().replace(/_/g, ' ');
}

export function nodeLook(type: string): NodeLook {
	return NODE_LOOK[type as NodeType] ?? NODE_LOOK.Paper;
}

const ENTITY_PREFIX = /^(model|technique|dataset|metric|task):/;

/** Entity ids are `<type>:<key>`; anything else is a paper id. */
export function kindOfId(id: string): 'Entity' | 'Paper' {
	return ENTITY_PREFIX.test(id) ? 'Entity' : 'Paper';
}
