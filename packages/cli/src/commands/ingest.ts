import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ingest, loadMappingSpec, loadMappingSpecs, type MappingSpec } from '@ringlink/core';
import { RinglinkError } from '@ringlink/model';
import { ingestProgressBar } from '../progress.js';
import { formatIngestReport } from '../report-format.js';

interface IngestCommandOptions {
  dryRun?: boolean;
  report?: string;
  source?: string;
  spec?: string[];
  quarantine?: string;
  json?: boolean;
}

export async function loadSpecsFor(opts: { spec?: string[] }): Promise<MappingSpec[]> {
  const canonical = await loadMappingSpecs();
  const extra = await Promise.all((opts.spec ?? []).map((f) => loadMappingSpec(f)));
  return [...extra, ...canonical.filter((c) => !extra.some((e) => e.name === c.name))];
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Ingest files or folders (CSV by mapping spec, FollowTheMoney NDJSON): normalize, resolve, report')
    .argument('<paths...>', 'input files or folders')
    .option('--dry-run', 'ingest in memory only; write nothing to the store')
    .option('--report <file>', 'write the JSON report to this file')
    .option('--source <name>', 'use this mapping spec for every CSV instead of recognising it from the header')
    .option('--spec <file>', 'an extra mapping spec file (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--quarantine <dir>', 'write quarantined rows to <dir>/<file>.quarantine.csv, to fix and re-ingest')
    .option('--json', 'print the JSON report instead of the summary')
    .action(async (paths: string[], opts: IngestCommandOptions) => {
      if (!opts.dryRun) {
        throw new RinglinkError('INVALID_ARGUMENT', 'ingest: writing to Neo4j is not available in this build; use --dry-run');
      }
      const specs = await loadSpecsFor(opts);
      const progress = ingestProgressBar();
      const { report } = await ingest(paths, {
        specs,
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.quarantine ? { quarantineDir: opts.quarantine } : {}),
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      }).finally(() => progress.stop());
      if (opts.report) await writeFile(opts.report, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatIngestReport(report));
      if (opts.report) process.stdout.write(`report written to ${opts.report}\n`);
    });
}
