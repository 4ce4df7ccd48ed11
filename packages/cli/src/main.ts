#!/usr/bin/env node
/** Entry point of the `ringlink` command: runs the program, maps errors to exit codes. */
import { CommanderError } from 'commander';
import { isRinglinkError } from '@ringlink/model';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (isRinglinkError(err)) {
    process.stderr.write(`ringlink: ${err.message}\n`);
    process.exitCode = err.code === 'INTERNAL' ? 70 : 2;
  } else {
    process.stderr.write(`ringlink: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 70;
  }
}
