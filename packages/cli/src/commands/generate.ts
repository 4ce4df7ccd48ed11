import type { Command } from 'commander';
import { writeCase } from '@ringlink/core';
import { parseFraction, parseInteger } from '../options.js';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Write a synthetic case (the four canonical CSVs and truth.json) with planted rings, brokers and hubs')
    .requiredOption('--out <dir>', 'output folder')
    .option('--rings <n>', 'number of planted rings', parseInteger)
    .option('--brokers <n>', 'number of planted brokers (each serves several rings)', parseInteger)
    .option('--background <n>', 'number of honest background applicants', parseInteger)
    .option('--applications <n>', 'target number of application rows (scales the background)', parseInteger)
    .option('--seed <n>', 'random seed; the same seed writes the same bytes', parseInteger)
    .option('--spelling-noise <p>', 'share of identifiers written in a variant spelling (0..1)', parseFraction)
    .option('--link-noise <p>', 'probability of a spurious cross-ring link per ring applicant (0..1)', parseFraction)
    .option('--bad-rows <p>', 'share of bad rows (0..1)', parseFraction)
    .action(async (opts: Record<string, unknown>) => {
      const { out, ...rest } = opts;
      const options = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const result = await writeCase(String(out), options);
      for (const file of result.files) process.stdout.write(`wrote ${file}\n`);
      process.stdout.write(`${JSON.stringify(result.counts)}\n`);
    });
}
