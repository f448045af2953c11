// What a hover tooltip says about a node or an edge: the same for Cytoscape's renderer and the
// batched canvas.
import type { Curated, GraphNode, RelationType } from '../types';
import { relationVerb } from './vocabulary';

export interface TooltipText {
	title: string;
	detail: string;
}

export function nodeTooltip(
	d: Pick<GraphNode, 'label' | 'type' | 'year' | 'paperCount' | 'degree'> & {
		/** a lineage's method with its proposing paper folded in */
		proposedIn?: { title: string; year: number | null };
	}
): TooltipText {
	const bits = [
		d.type,
		d.year ?? 'year unknown',
		`${d.paperCount} paper${d.paperCount === 1 ? '' : 's'}`,
		`degree ${d.degree}`
	];
	const paper = d.proposedIn
		? ` · proposed in “${d.proposedIn.title}”${d.proposedIn.year ? ` (${d.proposedIn.year})` : ''}`
		: '';
	return { title: d.label, detail: bits.join(' · ') + paper };
}

/** An edge read from its true source to its true target. */
export function edgeTooltip(
	from: string,
	type: RelationType,
	to: string,
	support: number,
	curated?: Curated | null
): TooltipText {
	const checked = curated ? ` · ✓ ${curated} by a person` : '';
	return {
		title: `${from} ${relationVerb(type)} ${to}`,
		detail: `${support === 1 ? '1 paper says' : `${support} papers say`} so${checked}`
	};
}
