#!/usr/bin/env node
/**
 * The `ringlink` command. Each subcommand lives in commands/; this file only
 * wires them and turns errors into exit codes and plain messages.
 */
import { Command, CommanderError } from 'commander';
import { isRinglinkError } from '@ringlink/model';
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

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (isRinglinkError(err)) {
      process.stderr.write(`ringlink: ${err.message}\n`);
      process.exitCode = err.code === 'INTERNAL' ? 70 : 2;
      return;
    }
    process.stderr.write(`ringlink: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 70;
  }
}

await main();
