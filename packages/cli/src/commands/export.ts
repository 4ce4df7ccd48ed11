/**
 * `ringlink export`: one ring (or chosen entities) → one court package
 * (zip). By default the package is built from the store: the ring as the
 * run that last found it, that run's record, and the members' subgraph
 * with every evidence row, read in one snapshot. With `--result` it is
 * built offline from an analysis result file and the inputs it names
 * (re-ingested, their SHA-256 checked against the run).
 *
 * Every export is logged — who, when, what, the package's SHA-256 — in the
 * store's export log, or (offline) in a hash-chained JSON-lines file. The
 * export time is printed so the same bytes can be rebuilt (`--exported-at`).
 */
import { readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ingest, packageInputFromResult, writeCourtPackage, type ResultForExport, type WrittenCourtPackage } from '@ringlink/core';
import { RinglinkError, type ResolvedGraph } from '@ringlink/model';
import { JsonlAuditLog } from '@ringlink/query-api';
import type { ExportLogEntry } from '@ringlink/store-neo4j';
import { connectStore } from '../store-connection.js';
import { SOFTWARE_VERSION } from '../version.js';
import { loadSpecsFor } from './ingest.js';

interface ExportCommandOptions {
  ring?: string;
  entities?: string[];
  out: string;
  redact?: boolean;
  caseRef?: string;
  exportedAt?: string;
  result?: string;
  run?: string;
  actor?: string;
  exportLog: string;
  inputs?: string[];
  spec?: string[];
  pdf: boolean;
  json?: boolean;
}

/** What an export is built from: the analysis result and the graph it was computed on. */
export interface ExportSource {
  result: ResultForExport;
  graph: Pick<ResolvedGraph, 'entities' | 'links'>;
}

function isResult(value: unknown): value is ResultForExport {
  const r = value as Partial<ResultForExport> | null;
  return !!r && typeof r === 'object' && !!r.run && typeof r.run.id === 'string' && Array.isArray(r.rings) && Array.isArray(r.brokers) && Array.isArray(r.run.inputs);
}

/**
 * Reads an analysis result file and re-ingests its inputs (given, or the
 * run's input files looked up next to the result file, then in the current
 * folder). Refuses inputs whose SHA-256 differs from the run's.
 */
export async function gatherExportSource(opts: { result: string; inputs?: string[]; spec?: string[] }): Promise<ExportSource> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(opts.result, 'utf8'));
  } catch (err) {
    throw new RinglinkError('INVALID_ARGUMENT', `export: cannot read the analysis result ${opts.result}: ${(err as Error).message}`, { cause: err });
  }
  if (!isResult(parsed)) throw new RinglinkError('INVALID_INPUT', `export: ${opts.result} is not an analysis result (run, rings, brokers)`);
  const result = parsed;
  let paths = opts.inputs;
  if (!paths || paths.length === 0) {
    const dir = path.dirname(path.resolve(opts.result));
    paths = result.run.inputs.map((i) => {
      const beside = path.join(dir, i.file);
      if (existsSync(beside)) return beside;
      if (existsSync(i.file)) return i.file;
      throw new RinglinkError('NOT_FOUND', `export: input ${i.file} of run ${result.run.id} is neither next to the result nor in the current folder; pass --inputs`);
    });
  }
  const specs = await loadSpecsFor({ spec: opts.spec ?? [] });
  const { graph, report } = await ingest(paths, { specs });
  const found = new Map(report.inputs.map((i) => [i.file, i.sha256]));
  for (const want of result.run.inputs) {
    const got = found.get(want.file);
    if (got === undefined) throw new RinglinkError('INVALID_INPUT', `export: run ${result.run.id} used ${want.file}, which is not among the inputs given`);
    if (got !== want.sha256) {
      throw new RinglinkError('INVALID_INPUT', `export: ${want.file} has SHA-256 ${got}, but run ${result.run.id} analysed ${want.sha256}: not the same file`);
    }
  }
  if (report.inputs.length !== result.run.inputs.length) {
    throw new RinglinkError('INVALID_INPUT', `export: ${report.inputs.length} inputs given, run ${result.run.id} analysed ${result.run.inputs.length}`);
  }
  return { result, graph };
}

function parseInstant(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new InvalidArgumentError(`expected an ISO 8601 date-time with a time zone, e.g. 2026-11-26T10:00:00Z, got "${value}"`);
  }
  return value;
}

const collect = (v: string, acc: string[] = []): string[] => [...acc, v];

/** Who is exporting: `--actor`, else the operating-system user. */
function actorName(given: string | undefined): string {
  if (given !== undefined && given.trim() !== '') return given.trim();
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** Runs the logging step; when it fails the package is removed: no package leaves ringlink unlogged. */
async function unlessLogged<T>(packagePath: string, log: () => Promise<T>): Promise<T> {
  try {
    return await log();
  } catch (err) {
    await rm(packagePath, { force: true });
    throw new RinglinkError('STORE_UNAVAILABLE', `export: the export could not be logged (${(err as Error).message}), so the package ${packagePath} was removed; try again`, { cause: err });
  }
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export one ring (or chosen entities) as a court package: a deterministic, hash-verified zip, logged in the export log')
    .option('--ring <id>', 'the ring to export, e.g. R-0007')
    .option('--entities <ids...>', 'export these entity ids instead of a ring')
    .requiredOption('--out <file.zip>', 'the package to write')
    .option('--run <id>', 'the analysis run the package rests on (default: the run that last found the ring, or the latest run)')
    .option('--result <result.json>', 'build offline from this analysis result file and its inputs instead of the store')
    .option('--inputs <paths...>', 'with --result: the input files of the analysis (default: the run\'s inputs, next to the result file)')
    .option('--spec <file>', 'with --result: an extra mapping spec file used by the analysis (repeatable)', collect)
    .option('--redact', 'mask the identifiers of third parties (entities outside the ring)')
    .option('--case-ref <ref>', 'the case reference the package is for', 'unassigned')
    .option('--exported-at <ISO>', 'export time recorded in the package (default: now); the same time rebuilds the same bytes', parseInstant)
    .option('--actor <name>', 'who is exporting, for the export log (default: the operating-system user)')
    .option('--export-log <file>', 'with --result: the export log file (hash-chained JSON lines)', '.data/audit/exports.jsonl')
    .option('--no-pdf', 'leave out report.pdf')
    .option('--json', 'print the result as JSON')
    .action(async (opts: ExportCommandOptions) => {
      if ((opts.ring === undefined) === (opts.entities === undefined)) {
        throw new RinglinkError('INVALID_ARGUMENT', 'export: give either --ring <id> or --entities <ids...>');
      }
      if (opts.result === undefined && (opts.inputs !== undefined || opts.spec !== undefined)) {
        throw new RinglinkError('INVALID_ARGUMENT', 'export: --inputs and --spec go with --result (an offline export); a store export reads the stored graph');
      }
      if (opts.result !== undefined && opts.run !== undefined) {
        throw new RinglinkError('INVALID_ARGUMENT', 'export: --run selects a stored run; with --result the run is the one in the file');
      }
      // The clock is read here, at the edge; the package builder only sees the value.
      const loggedAt = new Date().toISOString();
      const exportedAt = opts.exportedAt ?? `${loggedAt.slice(0, 19)}Z`;
      const request = {
        caseRef: opts.caseRef ?? 'unassigned',
        exportedAt,
        software: { name: 'ringlink', version: SOFTWARE_VERSION },
        ...(opts.ring !== undefined ? { ring: opts.ring } : { entityIds: opts.entities! }),
        redact: opts.redact === true,
      };
      const started = performance.now();
      const logEntry = (written: WrittenCourtPackage): ExportLogEntry => ({
        loggedAt,
        exportedAt: written.manifest.exportedAt,
        actor: actorName(opts.actor),
        via: 'cli',
        caseRef: written.manifest.caseRef,
        ring: opts.ring ?? null,
        entityIds: opts.ring === undefined ? [...opts.entities!].sort() : [],
        run: written.manifest.run.id,
        sha256: written.sha256,
        size: written.size,
        redacted: opts.redact === true,
        destination: path.resolve(written.path),
      });
      let written: WrittenCourtPackage;
      let logged: string;
      if (opts.result !== undefined) {
        const source = await gatherExportSource({ result: opts.result, ...(opts.inputs ? { inputs: opts.inputs } : {}), ...(opts.spec ? { spec: opts.spec } : {}) });
        written = await writeCourtPackage(packageInputFromResult(source.result, source.graph, request), opts.out, { pdf: opts.pdf });
        const entry = logEntry(written);
        await unlessLogged(written.path, async () => {
          const log = await JsonlAuditLog.open<ExportLogEntry & { event: 'export' }>(opts.exportLog);
          log.append({ event: 'export', ...entry });
          await log.close();
          if (log.failed) throw new Error(`cannot append to ${opts.exportLog}`);
        });
        logged = `logged in ${path.resolve(opts.exportLog)}`;
      } else {
        const { store, close } = await connectStore();
        try {
          const source = await store.exportSource({ ...(opts.ring !== undefined ? { ring: opts.ring } : { entityIds: opts.entities! }), ...(opts.run !== undefined ? { run: opts.run } : {}) });
          written = await writeCourtPackage(packageInputFromResult(source.result, source.graph, request), opts.out, { pdf: opts.pdf });
          const entry = logEntry(written);
          const record = await unlessLogged(written.path, () => store.recordExport(entry));
          logged = `logged as ${record.id} in the store's export log`;
        } finally {
          await close();
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const m = written.manifest;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ path: written.path, size: written.size, sha256: written.sha256, exportedAt: m.exportedAt, caseRef: m.caseRef, scope: m.scope, runId: m.run.id, contents: m.contents, redaction: m.redaction, files: m.files.map((f) => ({ name: f.name, sha256: f.sha256 })), notes: m.notes, logged }, null, 2)}\n`);
        return;
      }
      const out = process.stdout;
      out.write(`package written to ${written.path} (${written.size} bytes, ${seconds.toFixed(1)} s)\n`);
      out.write(`sha256      ${written.sha256}\n`);
      out.write(`case        ${m.caseRef}\n`);
      out.write(`scope       ${m.scope.type === 'ring' ? `ring ${m.scope.ring}` : `${m.scope.entityIds.length} entities`}: ${m.contents.members} members, ${m.contents.thirdParties} third parties, ${m.contents.links} links, ${m.contents.evidenceRows} evidence rows\n`);
      out.write(`run         ${m.run.id}\n`);
      out.write(`redaction   ${m.redaction.applied ? `${m.redaction.masked?.entities ?? 0} third parties masked` : 'none'}\n`);
      out.write(`exported at ${m.exportedAt} (pass --exported-at ${m.exportedAt} to rebuild the same bytes)\n`);
      out.write(`audit       ${logged}\n`);
      for (const note of m.notes) out.write(`note        ${note}\n`);
      out.write(`check with  ringlink verify ${written.path}\n`);
    });
}
