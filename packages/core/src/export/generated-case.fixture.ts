/**
 * Test support (not part of the export API): a small generated case,
 * ingested and analysed once per test file, and helpers to read packages
 * back (zip entries via yauzl, an independent reader; text out of the PDF).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import type { ResolvedGraph } from '@ringlink/model';
import { analyze } from '../analysis/analyze.js';
import type { AnalysisResult } from '../analysis/types.js';
import { writeCase } from '../generate/index.js';
import type { GroundTruth } from '../generate/index.js';
import { ingest } from '../ingest/ingest.js';
import type { CourtPackageInput } from './package-input.js';
import { packageInputFromResult } from './package-from-result.js';

export interface GeneratedCase {
  dir: string;
  files: string[];
  graph: ResolvedGraph;
  result: AnalysisResult;
  truth: GroundTruth;
  cleanup: () => Promise<void>;
}

export async function generatedCase(seed = 5): Promise<GeneratedCase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-export-'));
  const written = await writeCase(dir, { seed, rings: 3, brokers: 1, background: 80 });
  const files = written.files.filter((f) => f.endsWith('.csv'));
  const { graph, report } = await ingest(files);
  const result = analyze(graph, report.inputs, { seed: 1, timings: false, softwareVersion: '0.1.0' });
  return { dir, files, graph, result, truth: written.truth, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const EXPORTED_AT = '2026-11-26T10:00:00Z';

/** A package input for the result's largest ring (or `ring`). */
export function ringInput(c: GeneratedCase, options: { redact?: boolean; ring?: string } = {}): CourtPackageInput {
  const ring = options.ring ?? [...c.result.rings].sort((a, b) => b.members.length - a.members.length)[0]!.id;
  return packageInputFromResult(c.result, c.graph, {
    caseRef: 'FIA-CC-2026-117',
    exportedAt: EXPORTED_AT,
    software: { name: 'ringlink', version: '0.1.0' },
    ring,
    redact: options.redact ?? false,
  });
}

export interface ZipEntryRead {
  name: string;
  data: Buffer;
  mtime: Date;
  crc32: number;
}

/** Reads every entry with yauzl (which checks sizes; CRCs are checked by the caller). */
export function unzip(bytes: Buffer): Promise<ZipEntryRead[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out: ZipEntryRead[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks), mtime: entry.getLastModDate(), crc32: entry.crc32 });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The text drawn in an uncompressed pdfkit PDF (hex strings of TJ arrays, one line each). */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    lines.push([...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
  }
  return lines.join('\n');
}

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}
