// The analytics' lifecycle (graph/analytics): computed once per graph version, in a worker
// thread, as soon as the in-memory copy of that version is loaded; until they are done the
// previous version's answer. /api/health shows the state, the stage and its progress, and how
// the last run went.
//   LINEAGE_ANALYTICS=off   never compute them (the endpoints answer 503)
import { serverConfig } from './config.js';
import { analyticsInput } from '../../../graph/analytics/input.js';
import { runAnalytics } from '../../../graph/analytics/run.js';
import { AnalyticsIndex, AnalyticsNotReadyError } from '../../../graph/analytics/view.js';
import type { GraphSnapshot } from '../../../graph/projection/snapshot.js';
import { currentSnapshot, onSnapshot } from './projection';

interface RunReport {
	version: string;
	at: string;
	ms: number;
	entities?: number;
	communities?: number;
	error?: string;
}

let index: AnalyticsIndex | undefined;
let running: { version: string; stage: string; progress: number; started: number } | undefined;
let lastRun: RunReport | undefined;
const failed = new Set<string>(); // versions whose run failed: not retried

const off = () => !serverConfig().analytics;

onSnapshot((snap) => analyse(snap));

function analyse(snap: GraphSnapshot): void {
	if (off() || running || index?.version === snap.version || failed.has(snap.version)) return;
	const started = performance.now();
	const at = new Date().toISOString();
	running = { version: snap.version, stage: 'input', progress: 0, started };
	const stages = ['input', 'graph', 'communities', 'importance', 'rising', 'map', 'done'];
	const report = (stage: string, fraction: number) => {
		const k = Math.max(0, stages.indexOf(stage));
		if (running) {
			running.stage = stage;
			running.progress =
				Math.round(((k + Math.min(1, fraction)) / (stages.length - 1)) * 100) / 100;
		}
	};
	void (async () => {
		try {
			const { input, entities } = analyticsInput(snap);
			const result = await runAnalytics(input, {}, report);
			index = new AnalyticsIndex(snap.version, snap, entities, result, input);
			lastRun = {
				version: snap.version,
				at,
				ms: Math.round(performance.now() - started),
				entities: entities.length,
				communities: index.communities.length
			};
			log({ ...lastRun });
		} catch (err) {
			failed.add(snap.version);
			lastRun = {
				version: snap.version,
				at,
				ms: Math.round(performance.now() - started),
				error: String(err)
			};
			log({ ...lastRun });
		} finally {
			running = undefined;
		}
		// The graph may have moved on meanwhile.
		const now = await currentSnapshot();
		if (now) analyse(now);
	})();
}

/**
 * The latest analytics, possibly of an earlier graph version while the current one is being
 * analysed (`current` false: not to be cached against the graph version).
 */
export async function currentAnalytics(): Promise<{ index: AnalyticsIndex; current: boolean }> {
	if (off()) throw new AnalyticsNotReadyError('Graph analytics are turned off on this server.');
	const snap = await currentSnapshot();
	if (snap) analyse(snap);
	if (!index)
		throw new AnalyticsNotReadyError(
			running
				? `The graph analytics are being computed (${Math.round(running.progress * 100)} %); try again in a few seconds.`
				: 'The graph analytics wait for the in-memory copy of the graph to load; try again in a few seconds.'
		);
	return { index, current: !!snap && index.version === snap.version };
}

/** The same, or undefined when there are none yet. */
export async function latestAnalytics(): Promise<
	{ index: AnalyticsIndex; current: boolean } | undefined
> {
	try {
		return await currentAnalytics();
	} catch (err) {
		if (err instanceof AnalyticsNotReadyError) return undefined;
		throw err;
	}
}

/** For /api/health. */
export async function analyticsState() {
	if (off()) return { state: 'off' as const };
	const snap = await currentSnapshot();
	if (snap) analyse(snap);
	const state = running
		? ('computing' as const)
		: index
			? index.version === snap?.version
				? ('ready' as const)
				: ('stale' as const)
			: lastRun?.error
				? ('failed' as const)
				: ('waiting' as const);
	return {
		state,
		...(running
			? {
					computing: {
						version: running.version,
						stage: running.stage,
						progress: running.progress,
						ms: Math.round(performance.now() - running.started)
					}
				}
			: {}),
		answering: index ? { version: index.version, computedAt: index.computedAt } : null,
		lastRun: lastRun ?? null
	};
}

function log(fields: Record<string, unknown>): void {
	if (!serverConfig().log) return;
	console.log(JSON.stringify({ time: new Date().toISOString(), event: 'analytics', ...fields }));
}
