// Finds a Java 17+ runtime for the bundled Neo4j, with a message a person can act on when none is.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export class JavaMissingError extends Error {}

const HOW_TO_FIX =
	'Install a Java 17 or newer runtime (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; ' +
	'macOS: `brew install openjdk@17`; or https://adoptium.net), or set NEO4J_URI ' +
	'(with NEO4J_USER and NEO4J_PASSWORD) to use a Neo4j you already run.';

export interface JavaRuntime {
	bin: string;
	major: number;
	version: string;
}

export function findJava(env: NodeJS.ProcessEnv = process.env): JavaRuntime {
	const bin = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
	const probe = spawnSync(bin, ['-version'], { encoding: 'utf8', env });
	if (probe.error || probe.status !== 0) {
		throw new JavaMissingError(
			`Java was not found (${env.JAVA_HOME ? `JAVA_HOME=${env.JAVA_HOME}` : 'no `java` on PATH'}). ` +
				`Lineage runs its own Neo4j on Java. ${HOW_TO_FIX}`
		);
	}
	const text = `${probe.stderr}${probe.stdout}`;
	const match = /version "([^"]+)"/.exec(text);
	const version = match?.[1] ?? 'unknown';
	// "1.8.0_392" is Java 8; "17.0.15" is Java 17.
	const parts = version.split(/[._-]/).map(Number);
	const major = parts[0] === 1 ? (parts[1] ?? 0) : (parts[0] ?? 0);
	if (!Number.isFinite(major) || major < 17) {
		throw new JavaMissingError(
			`Java ${version} is too old: Neo4j 5.26 needs Java 17 or newer. ${HOW_TO_FIX}`
		);
	}
	return { bin, major, version };
}
