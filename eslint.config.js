import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** `folder` may not import from `banned` (nor match `extra`, gitignore-style patterns). */
function layer(folder, banned, extra = []) {
	const patterns = banned.map((b) => ({
		group: [`**/${b}/**`],
		message: `${folder}/ must not import from ${b}/ (see the README's Architecture)`
	}));
	if (extra.length)
		patterns.push({ group: extra, message: `${folder}/ reaches ingest/ through curation.ts only` });
	return [
		{
			files: [`${folder}/**/*.{ts,js,mjs,svelte}`],
			rules: { 'no-restricted-imports': ['error', { patterns }] }
		}
	];
}

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	// The folders' import graph (README, Architecture): graph/ at the bottom, ingest/ and src/ on
	// it, cli/ on ingest/, support/ for tests/ and bench/; nothing imports upward or sideways.
	...layer('graph', ['ingest', 'cli', 'src', 'support', 'tests', 'bench']),
	...layer('ingest', ['cli', 'src', 'support', 'tests', 'bench']),
	// the app makes corrections through ingest/curation.ts (re-extraction), and only that
	...layer('src', ['cli', 'support', 'tests', 'bench'], ['**/ingest/**', '!**/ingest/curation.js']),
	...layer('cli', ['src', 'support', 'tests', 'bench']),
	...layer('support', ['tests', 'bench']),
	...layer('bench', ['tests']),
	...layer('tests', ['bench']),
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'graph/server/target/',
			'.lineage/',
			'test-results/',
			'bench/out/'
		]
	}
);
