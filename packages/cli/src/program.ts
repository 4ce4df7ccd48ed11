/**
 * The `ringlink` command tree. Each subcommand lives in commands/; this
 * file only wires them.
 */
import { Command } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerGenerate } from './commands/generate.js';
import { registerIngest } from './commands/ingest.js';
import { SOFTWARE_VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command('ringlink')
    .description('Network-link analysis for investigators of smuggling syndicates')
    .version(SOFTWARE_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program);
  registerGenerate(program);
  registerIngest(program);
  return program;
}
