// Cytoscape and its layout extensions are loaded on demand in the browser only: nothing of them
// runs during SSR, and dagre (lineage pages only) stays out of the explorer's bundle.
import type cytoscapeType from 'cytoscape';

let core: Promise<typeof cytoscapeType> | null = null;
const registered = new Set<string>();

export function loadCytoscape(layout: 'fcose' | 'dagre'): Promise<typeof cytoscapeType> {
	core ??= import('cytoscape').then((m) => m.default);
	return core.then(async (cytoscape) => {
		if (registered.has(layout)) return cytoscape;
		const ext =
			layout === 'fcose'
				? (await import('cytoscape-fcose')).default
				: (await import('cytoscape-dagre')).default;
		if (!registered.has(layout)) {
			cytoscape.use(ext);
			registered.add(layout);
		}
		return cytoscape;
	});
}
