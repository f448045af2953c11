import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					// none of these is a timed test: on a loaded 2-core machine some take seconds
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.e2e.ts'],
					environment: 'node',
					globalSetup: ['tests/setup/neo4j.ts'],
					testTimeout: 120_000,
					hookTimeout: 300_000,
					// a browser's answer to a key or a click waits on the app's API: on a loaded
					// machine that is more than vitest's 1 s default for expect.poll
					expect: { poll: { timeout: 15_000 } },
					fileParallelism: false
				}
			}
		]
	}
});
