// `lineage` — thin: parse args, hand off to a command module, set the exit code.
import { Command } from 'commander';
import { cliEnv } from './config.js';
import { registerDb } from './commands/db.js';
import { registerIngest } from './commands/ingest.js';
import { registerUp } from './commands/up.js';
import { registerFetch } from './commands/fetch.js';
import { registerExtract } from './commands/extract.js';
import { registerEval } from './commands/eval.js';
import { registerBuildsOn } from './commands/builds-on.js';
import { registerCurate } from './commands/curate.js';

const program = new Command();
program
	.name('lineage')
	.description('Lineage: a knowledge graph of machine-learning research, in Neo4j')
	.showHelpAfterError();

registerDb(program);
registerUp(program);
registerIngest(program);
registerFetch(program);
registerExtract(program);
registerEval(program);
registerBuildsOn(program);
registerCurate(program);

try {
	cliEnv(); // a bad variable stops every command at start, naming it
	await program.parseAsync(process.argv);
} catch (err) {
	console.error(`lineage: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = process.exitCode || 1;
}
