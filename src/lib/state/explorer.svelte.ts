// The explorer's session state that is not read from the URL's load: the expansions with undo
// and redo, the notice under the toolbar (what an expansion added, "+39 papers", a correction's
// Undo) and the exports. The page owns the overview, the selection and the canvas; this class
// owns these, with $state fields the page reads and methods that change them.
import type { Api, Years } from '$lib/api';
import type { EvidenceView, GraphNode, GraphView, RelationType } from '$lib/types';
import { pushStep, redoStep, undoStep, type History } from '$lib/graph/history';
import type { Expansion } from '$lib/graph/url-state';
import { toCytoscapeJson, toGraphML, toSvg, type ExportGraph } from '$lib/graph/exports';
import { legendFor, withLegend } from '$lib/graph/png-legend';
import { relationVerb } from '$lib/graph/vocabulary';
import { download } from '$lib/components/download';
import { EXPAND_LIMIT, EXPAND_MAX, expansionQuery } from './loaders';

export interface Step extends Expansion {
	view: GraphView;
}

export interface Notice {
	text: string;
	more?: () => void;
	/** "+39 papers": adds the papers of the node just expanded. */
	papers?: { label: string; run: () => void };
	/** Undoes the correction just made. */
	undo?: () => void;
}

export type ExportFormat = 'png' | 'svg' | 'json' | 'graphml';

/** What the session asks of the canvas (GraphCanvas's exports). */
export interface CanvasHandle {
	growFrom(id: string): void;
	png(): Promise<Blob> | null;
	visible(): ExportGraph;
}

export interface SessionDeps {
	api: Api;
	/** the graph as drawn (overview, expansions, year range merged) */
	graph: () => { nodes: GraphNode[] };
	years: () => Years;
	canvas: () => CanvasHandle | undefined;
}

export class ExplorerSession {
	history: History<Step> = $state({ applied: [], undone: [] });
	notice: Notice | null = $state(null);
	exporting = $state(false);

	constructor(
		private readonly deps: SessionDeps,
		steps: Step[] = []
	) {
		this.history = { applied: steps, undone: [] };
	}

	/** A page load: the expansions its URL named, nothing undone. */
	load(steps: Step[]): void {
		this.history = { applied: steps, undone: [] };
	}

	undo = (): void => {
		this.history = undoStep(this.history);
	};

	redo = (): void => {
		this.history = redoStep(this.history);
	};

	clear(): void {
		this.history = { applied: [], undone: [] };
		this.notice = null;
	}

	private labelOf(id: string): string {
		return this.deps.graph().nodes.find((n) => n.id === id)?.label ?? id;
	}

	/**
	 * Adds a node's neighbours: its entities (of one relation type when `rel` is given), with its
	 * papers as a count the user can ask to add; or, with `papers`, those papers.
	 */
	expand = async (
		id: string,
		options: { limit?: number; rel?: RelationType; papers?: boolean } = {}
	): Promise<void> => {
		const { api, canvas } = this.deps;
		const years = this.deps.years();
		const { limit = EXPAND_LIMIT, rel, papers = false } = options;
		const x: Expansion = { id, limit, ...(rel ? { rel } : {}), ...(papers ? { papers } : {}) };
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local, not state
		const before = new Set(this.deps.graph().nodes.map((n) => n.id));
		const [r, paperCount] = await Promise.all([
			api.neighbourhood(expansionQuery(x)),
			// How many papers there are, without fetching them: one, and the count of the rest.
			papers
				? null
				: api
						.neighbourhood({ ...expansionQuery({ ...x, papers: true }, years), limit: 1 })
						.then((p) => (p.ok ? Math.max(0, (p.data.total ?? 0) - 1) : null))
		]);
		if (!r.ok) {
			this.notice = { text: `Could not expand ${this.labelOf(id)}: ${r.error.error}` };
			return;
		}
		const added = r.data.nodes.filter((n) => !before.has(n.id)).length;
		if (added > 0) canvas()?.growFrom(id);
		this.history = pushStep(this.history, { ...x, view: r.data });
		const name = this.labelOf(id);
		const what = papers ? 'paper' : 'neighbour';
		const by = rel ? ` by ${relationVerb(rel)}` : '';
		const shown = r.data.nodes.length - (r.data.nodes.some((n) => n.id === id) ? 1 : 0);
		const relations =
			r.data.edgeTotal != null
				? ` The ${r.data.edges.length} strongest of their ${r.data.edgeTotal} relations are drawn.`
				: '';
		const addPapers =
			paperCount && paperCount > 0
				? {
						label: `+${paperCount} paper${paperCount === 1 ? '' : 's'}`,
						run: () =>
							this.expand(id, { rel, papers: true, limit: Math.min(EXPAND_MAX, paperCount) })
					}
				: undefined;
		// `truncated` also says that only the strongest edges came (edgeTotal): nodes may all be here.
		const nodesCut = r.data.truncated && (r.data.edgeTotal == null || (r.data.total ?? 0) > shown);
		if (nodesCut) {
			const more = r.data.total != null ? r.data.total - shown : null;
			this.notice = {
				text: `${name}: ${added} new node${added === 1 ? '' : 's'}; showing ${shown} ${what}s${by}${more != null && more > 0 ? `, ${more} more not shown` : ', more not shown'}.${relations}`,
				// The API serves at most EXPAND_MAX neighbours per request.
				more:
					limit < EXPAND_MAX
						? () => this.expand(id, { rel, papers, limit: Math.min(EXPAND_MAX, limit * 5) })
						: undefined,
				papers: addPapers
			};
		} else {
			this.notice = {
				text: `${name}: ${added} new node${added === 1 ? '' : 's'} (${shown} ${what}${shown === 1 ? '' : 's'}${by}, all shown).${relations}`,
				papers: addPapers
			};
		}
	};

	/** Evidence for the visible edges: one entity request per source, capped to stay quick. */
	private async evidenceFor(g: ExportGraph): Promise<Record<string, EvidenceView[]>> {
		const graph = this.deps.graph();
		const { api } = this.deps;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local, not state
		const sources = [...new Set(g.edges.map((e) => e.source))]
			.filter((id) => graph.nodes.find((n) => n.id === id)?.kind === 'Entity')
			.slice(0, 80);
		const out: Record<string, EvidenceView[]> = {};
		const results = await Promise.all(sources.map((id) => api.entity(id)));
		for (const r of results) {
			if (!r.ok) continue;
			for (const [type, rels] of Object.entries(r.data.relations)) {
				for (const rel of rels ?? []) {
					if (rel.direction !== 'out') continue;
					out[`${r.data.id}|${type}|${rel.other.id}`] = rel.evidence;
				}
			}
		}
		return out;
	}

	exportAs = async (format: ExportFormat): Promise<void> => {
		const canvas = this.deps.canvas();
		if (!canvas) return;
		this.exporting = true;
		try {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local, not state
			const stamp = new Date().toISOString().slice(0, 10);
			if (format === 'png') {
				const blob = await canvas.png();
				const dark = matchMedia('(prefers-color-scheme: dark)').matches;
				// The legend of what the picture shows, drawn under it (GraphCanvas exports at scale 2).
				const bg = dark ? '#15181c' : '#ffffff';
				const legend = legendFor(canvas.visible());
				if (blob)
					download(
						await withLegend(blob, legend, { scale: 2, background: bg, dark }),
						`lineage-${stamp}.png`
					);
			} else if (format === 'svg') {
				const dark = matchMedia('(prefers-color-scheme: dark)').matches;
				download(toSvg(canvas.visible(), { dark }), `lineage-${stamp}.svg`, 'image/svg+xml');
			} else {
				const g = canvas.visible();
				g.evidence = await this.evidenceFor(g);
				if (format === 'json')
					download(toCytoscapeJson(g), `lineage-${stamp}.json`, 'application/json');
				else download(toGraphML(g), `lineage-${stamp}.graphml`, 'application/xml');
			}
		} finally {
			this.exporting = false;
		}
	};
}
