// cytoscape-fcose and cytoscape-dagre ship no types; both are plain Cytoscape extensions.
declare module 'cytoscape-fcose' {
	import type { Ext } from 'cytoscape';
	const extension: Ext;
	export default extension;
}

declare module 'cytoscape-dagre' {
	import type { Ext } from 'cytoscape';
	const extension: Ext;
	export default extension;
}
