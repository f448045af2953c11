// Row shapes the read queries return (mirrored for the browser in src/lib/types.ts).
import type { EntityType, RelationType } from '../model.js';

export interface GraphNodeRow {
	id: string;
	kind: 'Entity' | 'Paper';
	type: EntityType | 'Paper';
	label: string;
	year: number | null;
	paperCount: number;
	degree: number;
	score?: number;
}

export interface GraphEdgeRow {
	id: string;
	source: string;
	target: string;
	type: RelationType;
	support: number;
}

export interface GraphViewRow {
	nodes: GraphNodeRow[];
	edges: GraphEdgeRow[];
	truncated: boolean;
	total?: number;
}
