// A small graph in the API's shapes, for the UI's pure modules.
import type { GraphEdge, GraphNode, GraphView } from '../../../src/lib/types';

export function node(id: string, over: Partial<GraphNode> = {}): GraphNode {
	return {
		id,
		kind: id.includes(':') ? 'Entity' : 'Paper',
		type: id.startsWith('model:') ? 'Model' : id.startsWith('technique:') ? 'Technique' : 'Paper',
		label: id.split(':').pop()!,
		year: null,
		paperCount: 1,
		degree: 1,
		...over
	};
}

export function edge(
	source: string,
	type: GraphEdge['type'],
	target: string,
	support = 1
): GraphEdge {
	return { id: `${source}|${type}|${target}`, source, target, type, support };
}

export const VIEW: GraphView = {
	nodes: [
		node('model:stable-diffusion', { label: 'Stable Diffusion', degree: 9, year: 2022 }),
		node('model:sdxl', { label: 'SDXL', degree: 4, year: 2023 }),
		node('technique:koala', { label: 'KOALA', degree: 2, year: 2024 }),
		node('koala-paper', { label: 'KOALA: Self-Attention Matters', year: 2024 })
	],
	edges: [
		edge('model:sdxl', 'VARIANT_OF', 'model:stable-diffusion', 2),
		edge('technique:koala', 'BUILDS_ON', 'model:sdxl', 3),
		edge('koala-paper', 'PROPOSES', 'technique:koala')
	],
	truncated: false
};
