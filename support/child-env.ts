// The environment of a child process (the `lineage` command, the built app) pointed at a
// database: this process's own, with the database's URI and credentials. A child reads its
// configuration from the environment, as it does for users; this process never rewrites its own.
import type { DbConfig } from '../graph/config.js';

export function childEnv(db: DbConfig, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: db.uri };
	if (db.kind === 'external') {
		env.NEO4J_USER = db.user;
		env.NEO4J_PASSWORD = db.password;
	}
	return { ...env, ...extra };
}
