// Table rows for a lineage when the API's "builds on" table does not apply (ancestors): each
// node with the support of its strongest edge and the node it was reached through.
import type { BuildsOnRow, LineageResult } from '../types';

export function lineageRows(l: LineageResult): BuildsOnRow[] {
	const byId = new Map(l.nodes.map((n) => [n.id, n]));
	return l.nodes
		.filter((n) => n.id !== l.root.id)
		.map((n) => {
			const touching = l.edges.filter((e) => e.source === n.id || e.target === n.id);
			const best = touching.reduce((m, e) => Math.max(m, e.support), 0);
			// The neighbour one step nearer the root is how this node entered the lineage.
			const parent = touching
				.map((e) => byId.get(e.source === n.id ? e.target : e.source))
				.find((p) => p && p.depth === n.depth - 1);
			return {
				id: n.id,
				label: n.label,
				kind: n.kind,
				type: n.type,
				year: n.year,
				support: best,
				via: parent && parent.id !== l.root.id ? { id: parent.id, label: parent.label } : null,
				evidenceCount: touching.reduce((s, e) => s + e.support, 0)
			};
		});
}
