import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ingest, loadMappingSpec, loadMappingSpecs, type IngestReport, type MappingSpec } from '@ringlink/core';
import { IngestTrace, type WriteSummary } from '@ringlink/store-neo4j';
import { parseInteger } from '../options.js';
import { ingestProgressBar } from '../progress.js';
import { formatIngestReport } from '../report-format.js';
import { connectStore, type StoreConnection } from '../store-connection.js';
import { formatAlertOutcome, writeGraphWithAlerts } from './alerts.js';

interface IngestCommandOptions {
  dryRun?: boolean;
  report?: string;
  source?: string;
  spec?: string[];
  quarantine?: string;
  json?: boolean;
  batchSize?: number;
}

export async function loadSpecsFor(opts: { spec?: string[] }): Promise<MappingSpec[]> {
  const canonical = await loadMappingSpecs();
  const extra = await Promise.all((opts.spec ?? []).map((f) => loadMappingSpec(f)));
  return [...extra, ...canonical.filter((c) => !extra.some((e) => e.name === c.name))];
}

/** The store's part of the ingest output: one summary line, then the merges with stored persons. */
export function formatStoreSummary(s: WriteSummary, uri: string): string {
  const seconds = Object.values(s.timings).reduce((a, b) => a + b, 0) / 1000;
  const lines = [
    `Store (${uri}): wrote ${s.entities} entities, ${s.links} links (${s.linksChanged} new or with new evidence), ` +
      `${s.sourceRecords} source records, ${s.aliases} aliases, ${s.sourceFiles} files in ${s.batches} transactions, ${seconds.toFixed(1)} s; ` +
      `${s.renamedPersons} persons matched stored ones, ${s.storeMerges.length} stored persons merged`,
  ];
  for (const m of s.storeMerges.slice(0, 20)) lines.push(`  merged ${m.from} into ${m.into} (${m.evidence.file} row ${m.evidence.row})`);
  if (s.storeMerges.length > 20) lines.push(`  … and ${s.storeMerges.length - 20} more`);
  return `${lines.join('\n')}\n`;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Ingest files or folders (CSV by mapping spec, FollowTheMoney NDJSON): normalize, resolve, write to Neo4j, report')
    .argument('<paths...>', 'input files or folders')
    .option('--dry-run', 'ingest in memory only; write nothing to the store')
    .option('--report <file>', 'write the JSON report to this file')
    .option('--source <name>', 'use this mapping spec for every CSV instead of recognising it from the header')
    .option('--spec <file>', 'an extra mapping spec file (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--quarantine <dir>', 'write quarantined rows to <dir>/<file>.quarantine.csv, to fix and re-ingest')
    .option('--batch-size <n>', 'rows per store transaction (default 10000)', parseInteger)
    .option('--json', 'print the JSON report instead of the summary')
    .action(async (paths: string[], opts: IngestCommandOptions) => {
      const specs = await loadSpecsFor(opts);
      // Connect before the (possibly long) ingest, so an unreachable store fails fast.
      const connection: StoreConnection | undefined = opts.dryRun
        ? undefined
        : await connectStore(opts.batchSize ? { batchSize: opts.batchSize } : {});
      try {
        const trace = connection ? new IngestTrace() : undefined;
        const progress = ingestProgressBar();
        const { report, graph } = await ingest(paths, {
          specs,
          ...(opts.source ? { source: opts.source } : {}),
          ...(opts.quarantine ? { quarantineDir: opts.quarantine } : {}),
          ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
          ...(trace ? { onRecord: trace.onRecord } : {}),
        }).finally(() => progress.stop());
        let written: WriteSummary | undefined;
        let alerts: Awaited<ReturnType<typeof writeGraphWithAlerts>>['alerts'] | undefined;
        let recovered: Awaited<ReturnType<typeof writeGraphWithAlerts>>['recovered'] | undefined;
        if (connection && trace) {
          // The alert rules look at the batch before the write (what is new) and raise after it.
          const store = connection.store;
          ({ result: written, alerts, recovered } = await writeGraphWithAlerts(store, graph, () => store.writeGraph(graph, { trace, sourceFiles: report.inputs }), report.inputs));
        }
        const out: IngestReport & { store?: Omit<WriteSummary, 'storeMerges'> & { storeMerges: unknown[] } } = written
          ? { ...report, store: { ...written, storeMerges: written.storeMerges.map(({ evidence, ...m }) => ({ ...m, file: evidence.file, row: evidence.row })) }, ...(alerts ? { alerts } : {}) }
          : report;
        if (opts.report) await writeFile(opts.report, `${JSON.stringify(out, null, 2)}\n`);
        process.stdout.write(opts.json ? `${JSON.stringify(out, null, 2)}\n` : formatIngestReport(report));
        if (written && !opts.json) process.stdout.write(formatStoreSummary(written, connection!.store.uri));
        if (recovered && recovered.raised.length + recovered.updated.length > 0 && !opts.json) {
          process.stdout.write(formatAlertOutcome(recovered, 'Alerts staged by an earlier ingest that stopped before raising them'));
        }
        if (alerts && !opts.json) process.stdout.write(formatAlertOutcome(alerts));
        if (opts.report) process.stdout.write(`report written to ${opts.report}\n`);
      } finally {
        await connection?.close();
      }
    });
}
