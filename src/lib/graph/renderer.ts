// Which Cytoscape renderer draws a graph. Big views use the WebGL renderer (Cytoscape ≥ 3.31)
// when the browser offers WebGL 2 on a real GPU; small views Cytoscape's 2D canvas; big views
// without a GPU the batched canvas (batched-view.ts).
import type { CytoscapeOptions } from 'cytoscape';

/** `batched`: the explorer's batched canvas (batched-view.ts) whatever the view's size. */
export type RendererChoice = 'auto' | 'canvas' | 'webgl' | 'batched';

export interface WebglSupport {
	ok: boolean;
	/** The GPU as the browser names it ("SwiftShader …" is the CPU fallback), when it says. */
	gpu: string | null;
}

let probed: WebglSupport | null = null;

/** Probes once per page with a throwaway context, released straight after. */
export function webglSupport(): WebglSupport {
	if (probed) return probed;
	probed = { ok: false, gpu: null };
	if (typeof document === 'undefined') return probed;
	try {
		const gl = document.createElement('canvas').getContext('webgl2');
		if (gl) {
			const info = gl.getExtension('WEBGL_debug_renderer_info');
			const gpu = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null;
			probed = { ok: true, gpu: typeof gpu === 'string' ? gpu : null };
			gl.getExtension('WEBGL_lose_context')?.loseContext();
		}
	} catch {
		// Blocked or crashed GPU process: the canvas renderer it is.
	}
	return probed;
}

export function parseRendererChoice(value: string | null): RendererChoice {
	return value === 'canvas' || value === 'webgl' || value === 'batched' ? value : 'auto';
}

/** A rasteriser running on the CPU (Chromium's SwiftShader, Mesa's llvmpipe). */
export function isSoftwareGpu(gpu: string | null): boolean {
	return gpu != null && /swiftshader|llvmpipe|softpipe|software/i.test(gpu);
}

/**
 * `auto` picks WebGL for big views on a real GPU only: for small views the 2D canvas is as fast
 * and sharper, and WebGL emulated on the CPU is many times slower than the 2D canvas.
 */
export function useWebgl(choice: RendererChoice, big: boolean, support: WebglSupport): boolean {
	if (!support.ok || choice === 'canvas' || choice === 'batched') return false;
	return choice === 'webgl' || (big && !isSoftwareGpu(support.gpu));
}

/**
 * Renderer options. WebGL (big views on a real GPU) batches every element into a few draw calls
 * and takes its background from the container's inline style, which the canvas sets. Big views
 * without it are drawn by batched-view.ts, not by Cytoscape.
 */
export function rendererOptions(webgl: boolean): Partial<CytoscapeOptions> {
	if (!webgl) return { pixelRatio: 'auto' };
	return {
		renderer: {
			name: 'canvas',
			webgl: true,
			webglTexSize: 4096,
			webglTexRows: 24,
			webglBatchSize: 4096,
			webglTexPerBatch: 16
		},
		pixelRatio: 1
	} as Partial<CytoscapeOptions>;
}
