// Cytoscape and its layout extensions are loaded on demand in the browser only: nothing of them
// runs during SSR, and dagre (lineage pages only) stays out of the explorer's bundle.
import type cytoscapeType from 'cytoscape';

let core: Promise<typeof cytoscapeType> | null = null;
const registered = new Set<string>();

export function loadCytoscape(layout: 'fcose' | 'dagre'): Promise<typeof cytoscapeType> {
	core ??= import('cytoscape').then((m) => m.default);
	// Fetched beside the core, not after it: one round trip and parse less before the first frame.
	const ext =
		layout === 'fcose'
			? import('cytoscape-fcose').then((m) => m.default)
			: import('cytoscape-dagre').then((m) => m.default);
	return Promise.all([core, ext]).then(([cytoscape, extension]) => {
		if (!registered.has(layout)) {
			cytoscape.use(extension);
			registered.add(layout);
		}
		return cytoscape;
	});
}
