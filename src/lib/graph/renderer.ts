// Which Cytoscape renderer draws a graph. Big views use the WebGL renderer (Cytoscape ≥ 3.31)
// when the browser offers WebGL 2; everything else, and any browser without it, the 2D canvas.
import type { CytoscapeOptions } from 'cytoscape';

export type RendererChoice = 'auto' | 'canvas' | 'webgl';

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
	return value === 'canvas' || value === 'webgl' ? value : 'auto';
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
	if (!support.ok || choice === 'canvas') return false;
	return choice === 'webgl' || (big && !isSoftwareGpu(support.gpu));
}

/**
 * Big views on the 2D canvas draw at (just above) device pixel ratio 1. At 1 or less, Cytoscape
 * renders the bitmap it pans and zooms (textureOnViewport) at twice the ratio, which redraws
 * every node at a finer level on the first pan or zoom: for 3,000 nodes the page then answered
 * its first gesture about a second after the graph was on screen. Just above 1 that bitmap
 * reuses the layers the first frame drew; canvas sizes round down, so they stay as they were.
 */
export const BIG_PIXEL_RATIO = 1.0001;

/**
 * Renderer options. Big views on the 2D canvas pan and zoom a cached bitmap with edges hidden;
 * WebGL batches every element into a few draw calls instead (it takes its background from the
 * container's inline style, which the canvas sets).
 */
export function rendererOptions(webgl: boolean, big: boolean): Partial<CytoscapeOptions> {
	if (webgl) {
		return {
			renderer: {
				name: 'canvas',
				webgl: true,
				webglTexSize: 4096,
				webglTexRows: 24,
				webglBatchSize: 4096,
				webglTexPerBatch: 16
			},
			pixelRatio: big ? 1 : 'auto'
		} as Partial<CytoscapeOptions>;
	}
	return {
		textureOnViewport: big,
		hideEdgesOnViewport: big,
		pixelRatio: big ? BIG_PIXEL_RATIO : 'auto'
	};
}
