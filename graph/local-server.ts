// Starts, stops and inspects the Neo4j that Lineage runs itself (graph/server, embedded Neo4j
// Community with Bolt). One instance per data folder; each records its pid and port in
// <data>/lineage-server.json so `db stop` / `db status` find it again.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { PROJECT_ROOT, type LocalDb } from './config.js';
import { findJava } from './java.js';
import { neo4jMemory } from './neo4j-memory.js';

export const SERVER_DIR = path.join(PROJECT_ROOT, 'graph', 'server');
const JAR = path.join(SERVER_DIR, 'target', 'lineage-neo4j-server.jar');
const LIB = path.join(SERVER_DIR, 'target', 'lib');
const STATE_FILE = 'lineage-server.json';
const OUT_FILE = 'lineage-server.out';

export class ServerError extends Error {}

export interface ServerState {
	pid: number;
	port: number;
	host: string;
	dataDir: string;
	startedAt: string;
}

export interface StartResult {
	uri: string;
	pid: number;
	alreadyRunning: boolean;
	notes: string[];
}

type Log = (line: string) => void;

/** True while the pid is a running (not zombie) Lineage Neo4j launcher. */
export function isLauncherAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	// After a reboot the pid may belong to something else: on Linux, check it is our launcher.
	try {
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		return cmdline.includes('dev.lineage.server.Launcher');
	} catch {
		return process.platform !== 'linux';
	}
}

function statePath(dataDir: string): string {
	return path.join(dataDir, STATE_FILE);
}

export function readState(dataDir: string): ServerState | undefined {
	try {
		return JSON.parse(fs.readFileSync(statePath(dataDir), 'utf8')) as ServerState;
	} catch {
		return undefined;
	}
}

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) {
			newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
		}
	}
	return newest;
}

/** Builds the launcher (once, or when its sources changed) with mvn when present, else the wrapper. */
export function ensureLauncherBuilt(log: Log = () => {}): void {
	const sourcesChanged = () =>
		Math.max(
			fs.statSync(path.join(SERVER_DIR, 'pom.xml')).mtimeMs,
			newestMtime(path.join(SERVER_DIR, 'src'))
		) > fs.statSync(JAR).mtimeMs;
	if (fs.existsSync(JAR) && fs.existsSync(LIB) && !sourcesChanged()) return;
	findJava();
	const hasMvn = spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status === 0;
	const cmd = hasMvn ? 'mvn' : path.join(SERVER_DIR, 'mvnw');
	log(`Building the Neo4j launcher with ${hasMvn ? 'mvn' : 'the Maven wrapper'} (first run only)…`);
	const build = spawnSync(cmd, ['-q', '-B', 'package', '-DskipTests'], {
		cwd: SERVER_DIR,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (build.status !== 0) {
		const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-30);
		throw new ServerError(
			`Building the Neo4j launcher failed (${cmd} package in ${SERVER_DIR}):\n${output.join('\n')}`
		);
	}
}

function portIsFree(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
	});
}

/** A free loopback port, for throwaway test servers. */
export function findFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen({ host: '127.0.0.1', port: 0 }, () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

function tail(file: string, lines: number): string {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

function explainFailure(reason: string, db: LocalDb): string {
	if (
		/store.*(version|format)|migrat|upgrade|not supported by this version|StoreUpgrade/i.test(
			reason
		)
	) {
		return (
			`The store in ${db.dataDir} was written by a different Neo4j version and cannot be opened by ` +
			`Neo4j 5.26. Move that folder away (or pass --data with a fresh folder) and ingest again.`
		);
	}
	if (/lock|in use by another/i.test(reason)) {
		return (
			`Another Neo4j process holds the store lock in ${db.dataDir}. Stop it ` +
			`(\`npx lineage db stop --data ${db.dataDir}\`) or use another --data folder.`
		);
	}
	if (/address already in use|BindException/i.test(reason)) {
		return `Port ${db.port} is taken by another process. Choose another with --port or LINEAGE_DB_PORT.`;
	}
	return 'Neo4j failed to start.';
}

async function boltAnswers(uri: string): Promise<boolean> {
	const driver = neo4j.driver(uri, undefined, {
		connectionTimeout: 2000,
		logging: { level: 'error', logger: () => {} }
	});
	try {
		await driver.verifyConnectivity();
		return true;
	} catch {
		return false;
	} finally {
		await driver.close();
	}
}

export async function startServer(
	db: LocalDb,
	options: { log?: Log; timeoutMs?: number } = {}
): Promise<StartResult> {
	const log = options.log ?? (() => {});
	const notes: string[] = [];
	const existing = readState(db.dataDir);
	if (existing) {
		if (isLauncherAlive(existing.pid)) {
			if (existing.port !== db.port) {
				throw new ServerError(
					`A Lineage Neo4j already runs on data folder ${db.dataDir} at port ${existing.port} ` +
						`(pid ${existing.pid}). Stop it first or use another --data folder.`
				);
			}
			return { uri: db.uri, pid: existing.pid, alreadyRunning: true, notes };
		}
		// The process that wrote this is gone (killed, machine restarted): its lock is stale.
		fs.rmSync(statePath(db.dataDir), { force: true });
		notes.push(`Removed a stale lock left by a killed run (pid ${existing.pid}).`);
	}
	const java = findJava();
	// A Neo4j killed a moment ago (by us, or by a crash) can hold its port while the kernel
	// tears the process down: give it a few seconds before calling the port taken.
	for (let i = 0; i < 20 && !(await portIsFree(db.host, db.port)); i++) {
		await new Promise((r) => setTimeout(r, 250));
	}
	if (!(await portIsFree(db.host, db.port))) {
		throw new ServerError(
			`Port ${db.port} on ${db.host} is already taken by another process. ` +
				`Choose another port with --port (or LINEAGE_DB_PORT), or stop what uses it (\`lsof -i :${db.port}\`).`
		);
	}
	ensureLauncherBuilt(log);
	fs.mkdirSync(db.dataDir, { recursive: true });
	const outFile = path.join(db.dataDir, OUT_FILE);
	const memory = neo4jMemory(db);
	notes.push(`Memory: ${memory.why}.`);
	const out = fs.openSync(outFile, 'w');
	const child = spawn(
		java.bin,
		[
			'-Xms256m',
			`-Xmx${memory.heap}`,
			'-XX:+UseG1GC',
			'-XX:+ExitOnOutOfMemoryError',
			'-XX:-OmitStackTraceInFastThrow',
			'--add-opens=java.base/java.nio=ALL-UNNAMED',
			'--add-opens=java.base/java.lang=ALL-UNNAMED',
			'--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
			'-cp',
			`${LIB}/*${path.delimiter}${JAR}`,
			'dev.lineage.server.Launcher',
			'--data',
			db.dataDir,
			'--host',
			db.host,
			'--port',
			String(db.port),
			'--pagecache',
			memory.pagecache
		],
		{ detached: true, stdio: ['ignore', out, out] }
	);
	fs.closeSync(out);
	if (!child.pid) throw new ServerError('Could not start the Java process for Neo4j.');
	child.unref();
	const state: ServerState = {
		pid: child.pid,
		port: db.port,
		host: db.host,
		dataDir: db.dataDir,
		startedAt: new Date().toISOString()
	};
	fs.writeFileSync(statePath(db.dataDir), JSON.stringify(state, null, 2));
	log(`Starting Neo4j 5.26 (pid ${child.pid}), data in ${db.dataDir}…`);

	const deadline = Date.now() + (options.timeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		const output = fs.readFileSync(outFile, 'utf8');
		const failed = /LINEAGE_NEO4J_FAILED (.*)/.exec(output);
		if (failed || !isLauncherAlive(child.pid)) {
			fs.rmSync(statePath(db.dataDir), { force: true });
			const reason = failed?.[1] ?? 'the process exited';
			throw new ServerError(
				`${explainFailure(`${reason}\n${output}`, db)}\nReason: ${reason}\n` +
					`Last lines of ${path.join(db.dataDir, 'logs', 'debug.log')}:\n` +
					tail(path.join(db.dataDir, 'logs', 'debug.log'), 20)
			);
		}
		if (output.includes('LINEAGE_NEO4J_READY') && (await boltAnswers(db.uri))) {
			return { uri: db.uri, pid: child.pid, alreadyRunning: false, notes };
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	process.kill(child.pid, 'SIGKILL');
	fs.rmSync(statePath(db.dataDir), { force: true });
	throw new ServerError(
		`Neo4j did not answer on ${db.uri} within ${Math.round((options.timeoutMs ?? 180_000) / 1000)} s. ` +
			`Last lines of its output:\n${tail(outFile, 20)}`
	);
}

export interface StopResult {
	wasRunning: boolean;
	pid?: number;
	forced?: boolean;
}

export async function stopServer(
	db: LocalDb,
	options: { timeoutMs?: number } = {}
): Promise<StopResult> {
	const state = readState(db.dataDir);
	if (!state) return { wasRunning: false };
	if (!isLauncherAlive(state.pid)) {
		fs.rmSync(statePath(db.dataDir), { force: true });
		return { wasRunning: false, pid: state.pid };
	}
	process.kill(state.pid, 'SIGTERM');
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	while (Date.now() < deadline && isLauncherAlive(state.pid)) {
		await new Promise((r) => setTimeout(r, 100));
	}
	let forced = false;
	if (isLauncherAlive(state.pid)) {
		process.kill(state.pid, 'SIGKILL');
		forced = true;
		while (isLauncherAlive(state.pid)) await new Promise((r) => setTimeout(r, 50));
	}
	fs.rmSync(statePath(db.dataDir), { force: true });
	return { wasRunning: true, pid: state.pid, forced };
}

export interface StatusResult {
	running: boolean;
	answering: boolean;
	uri: string;
	dataDir: string;
	pid?: number;
	storeExists: boolean;
}

export async function serverStatus(db: LocalDb): Promise<StatusResult> {
	const state = readState(db.dataDir);
	const running = !!state && isLauncherAlive(state.pid);
	const port = running ? state!.port : db.port;
	const uri = `bolt://${db.host}:${port}`;
	return {
		running,
		answering: running ? await boltAnswers(uri) : false,
		uri,
		dataDir: db.dataDir,
		pid: running ? state!.pid : undefined,
		storeExists: fs.existsSync(path.join(db.dataDir, 'data', 'databases'))
	};
}
