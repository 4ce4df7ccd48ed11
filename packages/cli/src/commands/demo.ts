import path from 'node:path';
import type { Command } from 'commander';
import { ingest, writeCase } from '@ringlink/core';
import { formatIngestReport } from '../report-format.js';

export const DEMO_DIR = path.resolve('.data/demo');

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('The main job end to end on the embedded defaults: generate a sample case, ingest it, print the report')
    .option('--out <dir>', 'where the generated case is written', path.join(DEMO_DIR, 'case'))
    .option('--seed <n>', 'random seed for the generated case', (v: string) => Number(v), 7)
    .action(async (opts: { out: string; seed: number }) => {
      const generated = await writeCase(opts.out, { seed: opts.seed });
      process.stdout.write(`Generated a synthetic case in ${opts.out} (${generated.files.length} files)\n\n`);
      const { report } = await ingest([opts.out]);
      process.stdout.write(formatIngestReport(report));
    });
}
