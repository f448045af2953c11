// Runs the real `lineage` command as a user would, capturing its output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../graph/config.js';

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function runCli(
	args: string[],
	options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'lineage.js'), ...args], {
			cwd: PROJECT_ROOT,
			env: options.env ?? process.env,
			stdio: ['pipe', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
		child.stdin.end(options.input ?? '');
	});
}
