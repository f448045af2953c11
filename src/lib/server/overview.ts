// The explorer's first view, computed from the in-memory copy once per graph version: when a
// copy of a new version loads, the overviews asked of the previous one are computed again at
// once (graph/projection/overview.ts), and until then the previous version's answers are
// served (not cached against the new version). Neo4j answers only when there is no copy at all
// (LINEAGE_PROJECTION=off, the first load), for a size not asked before the graph changed, and
// after a correction made through this server: whoever made it sees it in the next overview.
import { overview as overviewFromDb } from '../../../graph/queries/overview.js';
import { appDb } from './db.js';
import { OverviewRanking } from '../../../graph/projection/overview.js';
import type { GraphSnapshot } from '../../../graph/projection/snapshot.js';
import type { GraphView } from '../types.js';
import { ownChanges } from './graph-version';
import { currentSnapshot, onSnapshot, whileNoSnapshot } from './projection';

export interface OverviewAnswer {
	view: GraphView;
	/** false: the previous graph version's overview, while the copy of the current one loads */
	current: boolean;
}

/** Sizes (`limit,papers`) kept per version: the explorer asks a few, a script may ask many. */
const KEEP = 16;

interface Computed {
	version: string;
	ranking?: OverviewRanking; // dropped with its copy when a newer version is seen
	views: Map<string, GraphView>;
	ownChanges: number; // this server's own changes to the graph when it was computed
}

let latest: Computed | undefined;

onSnapshot((snap) => prepare(snap));

/** Ranks the new copy and computes again the sizes asked of the previous version. */
function prepare(snap: GraphSnapshot): void {
	const ranking = new OverviewRanking(snap);
	const views = new Map<string, GraphView>();
	for (const key of latest?.views.keys() ?? ['60,0']) {
		const [limit, papers] = key.split(',').map(Number);
		views.set(key, ranking.view(limit!, papers!));
	}
	latest = { version: snap.version, ranking, views, ownChanges: ownChanges() };
}

export async function overviewAnswer(
	limit: number,
	papers: number,
	timeoutMs: number
): Promise<OverviewAnswer> {
	const key = `${limit},${papers}`;
	const snap = await currentSnapshot();
	if (snap) {
		if (latest?.version !== snap.version || !latest.ranking) prepare(snap);
		const computed = latest!;
		let view = computed.views.get(key);
		if (!view) {
			view = computed.ranking!.view(limit, papers);
			computed.views.set(key, view);
			for (const oldest of computed.views.keys()) {
				if (computed.views.size <= KEEP) break;
				computed.views.delete(oldest);
			}
		}
		return { view, current: true };
	}
	// The copy is of an older version (or loading): let that copy go, keep its answers.
	if (latest) latest.ranking = undefined;
	const previous = latest?.ownChanges === ownChanges() ? latest.views.get(key) : undefined;
	if (previous) return { view: previous, current: false };
	return {
		view: await whileNoSnapshot(() => overviewFromDb(appDb(), { limit, papers, timeoutMs })),
		current: true
	};
}
