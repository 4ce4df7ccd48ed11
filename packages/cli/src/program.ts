/**
 * The `ringlink` command tree. Each subcommand lives in commands/; this
 * file only wires them.
 */
import { Command } from 'commander';
import { registerAlerts } from './commands/alerts.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerExports } from './commands/exports.js';
import { registerGenerate } from './commands/generate.js';
import { registerIngest } from './commands/ingest.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';
import { registerVerify } from './commands/verify.js';
import { registerWatchlist } from './commands/watchlist.js';
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
  registerAnalyze(program);
  registerStats(program);
  registerServe(program);
  registerAlerts(program);
  registerWatchlist(program);
  registerExport(program);
  registerExports(program);
  registerVerify(program);
  return program;
}
