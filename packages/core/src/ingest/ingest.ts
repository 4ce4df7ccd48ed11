/**
 * Ingestion: input files → records → facts → resolved graph, with every
 * record accounted for (rows = ingested + quarantined, per input).
 * Files are streamed; only the resolved graph is held in memory.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { RinglinkError, type IngestIssue, type ResolvedGraph } from '@ringlink/model';
import { Resolver } from '../resolve/resolver.js';
import { importFtmRecords } from './ftm.js';
import { expandInputs, formatOf, sha256File } from './input-files.js';
import { detectSpec, loadMappingSpecs, type MappingSpec } from './mapping-spec.js';
import type { RecordFacts } from './mentions.js';
import { buildReport, type IngestReport, type InputReport } from './report.js';
import { mapValues, recordShape, type RecordShape } from './row-mapper.js';

export interface IngestProgress {
  file: string;
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface IngestOptions {
  /** Mapping specs to recognise sources with; default: the canonical specs. */
  specs?: MappingSpec[];
  /** Use this spec (by name) for every CSV input instead of recognising it from the header. */
  source?: string;
  /** Write each input's quarantined rows to `<dir>/<file>.quarantine.csv`, ready to fix and re-ingest. */
  quarantineDir?: string;
  onProgress?: (progress: IngestProgress) => void;
  /** Called for every record after mapping (ingested or quarantined), e.g. to write to a store. */
  onRecord?: (facts: RecordFacts) => void | Promise<void>;
  /** Resolve into an existing resolver (to ingest in several calls). */
  resolver?: Resolver;
}

export interface IngestResult {
  report: IngestReport;
  graph: ResolvedGraph;
}

/** Name of the column added to quarantine files; ignored when they are re-ingested. */
export const QUARANTINE_REASON_COLUMN = 'quarantine_reason';

/**
 * CSV records of a stream, in batches of what the parser has ready (a few
 * hundred per chunk of input): one promise per batch, not one per record.
 */
async function* csvBatches(input: Readable): AsyncGenerator<string[][]> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }));
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  parser.on('readable', notify);
  parser.once('end', () => {
    ended = true;
    notify();
  });
  parser.once('error', (error: unknown) => {
    failure ??= { error };
    notify();
  });
  parser.once('close', () => {
    if (!ended) failure ??= { error: Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }) };
    notify();
  });
  try {
    for (;;) {
      const batch: string[][] = [];
      for (let fields = parser.read() as string[] | null; fields !== null; fields = parser.read() as string[] | null) {
        batch.push(fields);
        if (batch.length >= 4096) break;
      }
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    if (!ended) parser.destroy();
  }
}

/** Reads CSV records from a stream: the first row is the header. */
export async function* readCsv(input: Readable): AsyncGenerator<{ header: string[]; fields: string[]; row: number }> {
  let header: string[] | undefined;
  let row = 0;
  for await (const batch of csvBatches(input)) {
    for (const fields of batch) {
      if (header === undefined) {
        header = fields.map((h) => h.trim());
        continue;
      }
      row++;
      yield { header, fields, row };
    }
  }
}

class QuarantineFile {
  private out: WriteStream | undefined;
  constructor(private readonly file: string) {}
  async write(header: string[], fields: string[], reasons: IngestIssue[]): Promise<void> {
    if (this.out === undefined) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.out = createWriteStream(this.file);
      this.out.write(stringify([[...header.filter((h) => h !== QUARANTINE_REASON_COLUMN), QUARANTINE_REASON_COLUMN]]));
    }
    const keep = header.map((h, i) => (h === QUARANTINE_REASON_COLUMN ? undefined : fields[i] ?? '')).filter((v) => v !== undefined);
    const line = stringify([[...keep, reasons.map((r) => r.message).join('; ')]]);
    if (!this.out.write(line)) await new Promise<void>((resolve) => this.out!.once('drain', () => resolve()));
  }
  async close(): Promise<void> {
    if (this.out) await new Promise<void>((resolve) => this.out!.end(() => resolve()));
  }
}

export interface CsvSourceInput {
  /** Name the evidence gives the input (the base name of the file). */
  name: string;
  sha256: string;
  stream: Readable;
  totalBytes?: number;
}

/**
 * Ingests one CSV stream: recognises (or is given) its spec, maps every
 * record, and hands each record's facts to `sink`. Returns the input's
 * line of the report and its issues.
 */
export async function ingestCsv(
  input: CsvSourceInput,
  specs: readonly MappingSpec[],
  sink: (facts: RecordFacts) => void | Promise<void>,
  options: Pick<IngestOptions, 'source' | 'quarantineDir' | 'onProgress'> = {},
): Promise<{ input: InputReport; issues: IngestIssue[] }> {
  let spec: MappingSpec | undefined;
  const issues: IngestIssue[] = [];
  const report: InputReport = { file: input.name, source: '', sha256: input.sha256, rows: 0, ingested: 0, quarantined: 0 };
  const quarantine = options.quarantineDir ? new QuarantineFile(path.join(options.quarantineDir, `${input.name.replace(/\.csv$/i, '')}.quarantine.csv`)) : undefined;
  let bytes = 0;
  if (options.onProgress) input.stream.on('data', (chunk: Buffer) => { bytes += chunk.length; });
  let header: string[] | undefined;
  let row = 0;
  /** The count of named columns, and where a record's columns are in a row. */
  let expected = 0;
  let shape: RecordShape | undefined;
  for await (const batch of csvBatches(input.stream)) {
    for (const fields of batch) {
      if (header === undefined) {
        header = fields.map((h) => h.trim());
        expected = header.filter((h) => h !== '').length;
        // Unnamed and quarantine-reason columns are not part of the record; nor is `__proto__`,
        // which a record object assigned column by column never has as its own key.
        shape = recordShape(header.map((h) => (h === '' || h === QUARANTINE_REASON_COLUMN || h === '__proto__' ? undefined : h)));
        continue;
      }
      row++;
      if (spec === undefined) {
        spec = options.source ? specs.find((s) => s.name === options.source) : detectSpec(header, specs);
        if (spec === undefined) {
          throw new RinglinkError(
            options.source ? 'UNKNOWN_SOURCE' : 'UNKNOWN_SOURCE',
            options.source
              ? `${input.name}: no mapping spec named "${options.source}" (known: ${specs.map((s) => s.name).join(', ')})`
              : `${input.name}: cannot recognise the source from its header (${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''}); give --source or --spec`,
          );
        }
        report.source = spec.name;
      }
      report.rows++;
      let facts: RecordFacts;
      if (fields.length !== header.length && fields.length !== expected) {
        const issue: IngestIssue = {
          file: input.name, row, field: null, code: 'column_count',
          message: `row has ${fields.length} fields, the header has ${header.length}`, action: 'quarantined',
        };
        facts = {
          evidence: { source: spec.name, file: input.name, fileSha256: input.sha256, row, recordId: `row-${row}`, recordSha256: '', observedAt: null },
          mentions: [], links: [], issues: [issue], quarantined: true,
        };
      } else {
        // The record is the row's values under the header's column names (see mapRecord).
        facts = mapValues(spec, shape!, fields, { file: input.name, fileSha256: input.sha256, row });
      }
      for (const issue of facts.issues) issues.push(issue);
      if (facts.quarantined) {
        report.quarantined++;
        if (quarantine) await quarantine.write(header, fields, facts.issues);
      } else {
        report.ingested++;
      }
      // Await only what is a promise: a microtask per record adds up over millions.
      const sunk = sink(facts);
      if (sunk) await sunk;
      if (options.onProgress && row % 5000 === 0) {
        options.onProgress({ file: input.name, bytes, totalBytes: input.totalBytes ?? 0, rows: report.rows });
      }
    }
  }
  await quarantine?.close();
  if (spec === undefined) report.source = options.source ?? 'unknown';
  options.onProgress?.({ file: input.name, bytes, totalBytes: input.totalBytes ?? bytes, rows: report.rows });
  return { input: report, issues };
}

/** Ingests files and folders into one resolved graph, with its report. */
export async function ingest(paths: readonly string[], options: IngestOptions = {}): Promise<IngestResult> {
  const specs = options.specs ?? (await loadMappingSpecs());
  const resolver = options.resolver ?? new Resolver();
  const files = await expandInputs(paths);
  if (files.length === 0) throw new RinglinkError('INVALID_ARGUMENT', `no input files (.csv, .ndjson, .jsonl) in ${paths.join(', ')}`);
  const onRecord = options.onRecord;
  const sink = (facts: RecordFacts): void | Promise<void> => {
    resolver.add(facts);
    return onRecord?.(facts);
  };
  const inputs: InputReport[] = [];
  const issues: IngestIssue[] = [];
  for (const file of files) {
    const name = path.basename(file);
    const sha256 = await sha256File(file);
    const totalBytes = (await stat(file)).size;
    const result =
      formatOf(file) === 'csv'
        ? await ingestCsv({ name, sha256, stream: createReadStream(file), totalBytes }, specs, sink, options)
        : await importFtmRecords({ name, sha256, stream: createReadStream(file), totalBytes }, sink, options);
    inputs.push(result.input);
    issues.push(...result.issues);
  }
  const graph = resolver.finalize();
  return { report: buildReport(inputs, graph, issues), graph };
}
