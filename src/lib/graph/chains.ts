// A path as a readable chain: "KOALA —builds on→ SDXL —variant of→ Stable Diffusion". A hop
// walked against its edge reads right to left: "A ←builds on— B" means B builds on A.
import type { PathView } from '../types';
import { relationVerb } from './vocabulary';

export function hopArrow(hop: {
	type: PathView['hops'][number]['type'];
	forward: boolean;
}): string {
	const verb = relationVerb(hop.type);
	return hop.forward ? `—${verb}→` : `←${verb}—`;
}

export function chainText(path: PathView): string {
	const parts: string[] = [path.nodes[0]?.label ?? '?'];
	path.hops.forEach((hop, i) => {
		parts.push(hopArrow(hop), path.nodes[i + 1]?.label ?? '?');
	});
	return parts.join(' ');
}

/** Ids of the nodes and edges on any of the paths, to highlight them (the rest is faded). */
export function pathElementIds(paths: PathView[]): Set<string> {
	const ids = new Set<string>();
	for (const p of paths) {
		for (const n of p.nodes) ids.add(n.id);
		for (const h of p.hops) {
			const [s, t] = h.forward ? [h.from, h.to] : [h.to, h.from];
			ids.add(`${s}|${h.type}|${t}`);
		}
	}
	return ids;
}

/** The graph made of the paths: nodes and edges deduplicated, edges in their stored direction. */
export function pathsGraph(paths: PathView[]) {
	const nodes = new Map<string, PathView['nodes'][number]>();
	const edges = new Map<
		string,
		{
			id: string;
			source: string;
			target: string;
			type: PathView['hops'][number]['type'];
			support: number;
		}
	>();
	for (const p of paths) {
		for (const n of p.nodes) nodes.set(n.id, n);
		for (const h of p.hops) {
			const [source, target] = h.forward ? [h.from, h.to] : [h.to, h.from];
			const id = `${source}|${h.type}|${target}`;
			edges.set(id, { id, source, target, type: h.type, support: h.support });
		}
	}
	return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
