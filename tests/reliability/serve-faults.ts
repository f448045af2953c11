// Faults while serving: the production app under steady mixed traffic while its Neo4j is stopped
// (cleanly, or killed outright) and started again. While the database is down every answer must
// be a 503 saying what to do — never a 500, never a request hanging past the query timeout — and
// once it is back the app must answer 200 again by itself, without a restart.
import { isLauncherAlive, readState, startServer, stopServer } from '../../graph/local-server.js';
import {
	drive,
	mixedPaths,
	startServedGraph,
	stopOnSignals,
	trafficTargets
} from '../../support/traffic.js';

export interface ServeFaultOptions {
	papers: number;
	cycles: number;
	outageSeconds: number;
	concurrency: number;
	/** The app's LINEAGE_QUERY_TIMEOUT_MS; a request is hung past this plus a margin. */
	queryTimeoutMs?: number;
	log?: (line: string) => void;
}

type Phase = 'before' | 'stopping' | 'down' | 'starting' | 'after';

export interface Cycle {
	how: 'db-stop' | 'db-kill';
	/** Answers by phase and status ('0' = no answer in time). */
	statuses: Record<Phase, Record<string, number>>;
	/** 503 answers whose body did not say what to do. */
	mute503: number;
	maxDownMs: number;
	/** Seconds from Neo4j answering again to the first 200, and to 2 s of nothing but 200. */
	firstOkSeconds: number;
	recoveredSeconds: number;
}

export interface ServeFaultReport {
	papers: number;
	concurrency: number;
	outageSeconds: number;
	timeoutMs: number;
	cycles: Cycle[];
	seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runServeFaults(options: ServeFaultOptions): Promise<ServeFaultReport> {
	const log = options.log ?? console.log;
	const started = performance.now();
	const timeoutMs = options.queryTimeoutMs ?? 10_000;
	// Past the server's own timeout plus the driver's connection timeout, a request is hung.
	const hungMs = timeoutMs + 5_000;
	const served = await startServedGraph({
		papers: options.papers,
		batchSize: 500,
		appEnv: { LINEAGE_QUERY_TIMEOUT_MS: String(timeoutMs) },
		log
	});
	const release = stopOnSignals(served.stop);
	try {
		const { db } = served.bench!; // always a fresh database here
		const paths = mixedPaths(await trafficTargets(served.db));
		const cycles: Cycle[] = [];
		for (let c = 0; c < options.cycles; c++) {
			const how = c % 2 === 0 ? 'db-stop' : 'db-kill';
			const statuses: Cycle['statuses'] = {
				before: {},
				stopping: {},
				down: {},
				starting: {},
				after: {}
			};
			let mute503 = 0;
			let maxDownMs = 0;
			let backAt = 0;
			let firstOk = NaN;
			let lastBad = 0;
			let stop = false;
			// Each answer counts in the phase its request was sent in.
			const phases: [number, Phase][] = [];
			const phaseOf = (t: number): Phase => {
				let p: Phase = 'before';
				for (const [at, ph] of phases) if (t >= at) p = ph;
				return p;
			};
			const setPhase = (p: Phase) => phases.push([performance.now(), p]);
			const load = drive(served.app.url, paths, {
				concurrency: options.concurrency,
				until: () => stop,
				timeoutMs: hungMs,
				onSample: (s) => {
					const p = phaseOf(s.start);
					statuses[p][s.status] = (statuses[p][s.status] ?? 0) + 1;
					if (p === 'down') maxDownMs = Math.max(maxDownMs, s.ms);
					if (p === 'after') {
						const end = s.start + s.ms;
						if (s.status === 200 && Number.isNaN(firstOk)) firstOk = end - backAt;
						if (s.status !== 200) lastBad = Math.max(lastBad, end);
					}
				}
			});
			const checkBody = async () => {
				// One direct request while down: does the 503 say what to do?
				const res = await fetch(`${served.app.url}/api/stats`).catch(() => undefined);
				if (res?.status === 503) {
					const body = (await res.json().catch(() => ({}))) as { error?: string };
					if (!body.error?.includes(db.uri)) mute503++;
				}
			};
			setPhase('before');
			await sleep(3000);
			setPhase('stopping');
			if (how === 'db-stop') await stopServer(db);
			else {
				const state = readState(db.dataDir);
				if (state) process.kill(state.pid, 'SIGKILL');
				while (state && isLauncherAlive(state.pid)) await sleep(50);
			}
			setPhase('down');
			await sleep(options.outageSeconds * 1000);
			await checkBody();
			setPhase('starting');
			await startServer(db);
			backAt = performance.now();
			setPhase('after');
			// Recovered: 2 s of nothing but 200 after the first one, within a minute.
			const deadline = backAt + 60_000;
			while (performance.now() < deadline) {
				await sleep(250);
				const now = performance.now();
				if (!Number.isNaN(firstOk) && now - Math.max(lastBad, backAt + firstOk) > 2000) break;
			}
			stop = true;
			await load;
			const recovered = Math.max(lastBad - backAt, firstOk);
			const cycle: Cycle = {
				how,
				statuses,
				mute503,
				maxDownMs,
				firstOkSeconds: firstOk / 1000,
				recoveredSeconds: Number.isNaN(firstOk) ? NaN : recovered / 1000
			};
			cycles.push(cycle);
			const fmt = (m: Record<string, number>) =>
				Object.entries(m)
					.map(([k, v]) => `${k}×${v}`)
					.join(' ') || '—';
			log(
				`  cycle ${c + 1} ${how}: down ${fmt(statuses.down)}; stopping ${fmt(statuses.stopping)}; ` +
					`starting ${fmt(statuses.starting)}; first 200 after ${cycle.firstOkSeconds.toFixed(1)} s`
			);
		}
		// What the app logged for its 500s (if any), to tell the cause.
		for (const line of served.app
			.logs()
			.split('\n')
			.filter((l) => /Neo4jError|Error:/.test(l))
			.slice(0, 5))
			log(`  app log: ${line.slice(0, 300)}`);
		return {
			papers: options.papers,
			concurrency: options.concurrency,
			outageSeconds: options.outageSeconds,
			timeoutMs,
			cycles,
			seconds: (performance.now() - started) / 1000
		};
	} finally {
		release();
		await served.stop();
	}
}

const count = (m: Record<string, number>, pred: (status: number) => boolean) =>
	Object.entries(m).reduce((s, [k, v]) => s + (pred(Number(k)) ? v : 0), 0);

/** The summary table; returns whether every figure passed. */
export function printServeFaults(r: ServeFaultReport, log = console.log): boolean {
	log(
		`\nfaults:serve — ${r.papers} generated abstracts, concurrency ${r.concurrency}, ${r.outageSeconds} s outages, query timeout ${r.timeoutMs / 1000} s`
	);
	log(
		'  cycle  fault    during outage  503  other  no answer  max ms  around it: 504  500/other  first 200 s  recovered s'
	);
	let ok = true;
	for (const [i, c] of r.cycles.entries()) {
		const down = c.statuses.down;
		const sent = count(down, () => true);
		const s503 = count(down, (s) => s === 503);
		const hung = count(down, (s) => s === 0);
		const other = sent - s503 - hung;
		const transitions = [c.statuses.stopping, c.statuses.starting, c.statuses.after];
		// Around a stop and a restart, 200, 503 and 504 (a cold database past the query timeout)
		// are honest answers; a 500 or no answer never is.
		const odd = transitions.reduce(
			(s, m) => s + count(m, (st) => st !== 200 && st !== 503 && st !== 504),
			0
		);
		const timeouts = transitions.reduce((s, m) => s + count(m, (st) => st === 504), 0);
		const pass =
			sent > 0 && s503 === sent && c.mute503 === 0 && odd === 0 && c.recoveredSeconds <= 30;
		ok &&= pass;
		log(
			`  ${String(i + 1).padStart(5)}  ${c.how.padEnd(8)} ${String(sent).padStart(13)} ${String(s503).padStart(4)} ${String(other).padStart(6)} ${String(hung).padStart(10)} ${c.maxDownMs.toFixed(0).padStart(7)} ${String(timeouts).padStart(15)} ${String(odd).padStart(10)} ${c.firstOkSeconds.toFixed(1).padStart(12)} ${c.recoveredSeconds.toFixed(1).padStart(12)}  ${pass ? 'ok' : 'FAILED'}`
		);
	}
	log(
		`  pass: every answer during an outage is a 503 naming the database, none hangs past ${(r.timeoutMs + 5000) / 1000} s, no 500 or unanswered request at any time, recovered (2 s of only 200) within 30 s of Neo4j answering; ${(r.seconds / 60).toFixed(1)} min`
	);
	return ok;
}
