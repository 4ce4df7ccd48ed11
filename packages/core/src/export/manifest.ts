/**
 * manifest.json: what was exported (case, scope), from which analysis run,
 * by which software, when, what was redacted (counts and kinds, never
 * values), and the SHA-256 and size of every other file of the package.
 * It is the last entry of the zip (it is written once the others' digests
 * are known) and the one `verify` starts from.
 */
import { createHash } from 'node:crypto';
import type { PackageView } from './package-view.js';
import type { RedactionSummary } from './redaction.js';

export const MANIFEST_NAME = 'manifest.json';
export const PACKAGE_FORMAT = 'ringlink-court-package';
export const PACKAGE_FORMAT_VERSION = 1;

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
  mediaType: string;
  description: string;
}

export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  formatVersion: number;
  caseRef: string;
  exportedAt: string;
  software: { name: string; version: string };
  scope: { type: 'ring'; ring: string } | { type: 'entities'; entityIds: string[] };
  run: {
    id: string;
    seed: number;
    software: { name: string; version: string; components?: Record<string, string> };
    inputs: Array<{ file: string; sha256: string }>;
    graph?: { entities: number; links: number; sha256: string };
    previousRunId: string | null;
  };
  contents: {
    members: number;
    memberPersons: number;
    thirdParties: number;
    links: number;
    evidenceRows: number;
    brokers: number;
  };
  redaction: RedactionSummary;
  files: ManifestFile[];
  notes: string[];
  /** SHA-256 of this file as written, with this value replaced by 64 zeros: catches any change to the manifest itself. */
  selfSha256: string;
}

export const FILE_INFO: Record<string, { mediaType: string; description: string }> = {
  'report.html': { mediaType: 'text/html; charset=utf-8', description: 'plain-language account, each statement footnoted to its evidence' },
  'report.pdf': { mediaType: 'application/pdf', description: 'the same account as PDF, with the chart' },
  'chart.svg': { mediaType: 'image/svg+xml', description: 'the network drawn (A4 landscape), with a legend' },
  'entities.csv': { mediaType: 'text/csv; charset=utf-8', description: 'every entity: members and third parties' },
  'links.csv': { mediaType: 'text/csv; charset=utf-8', description: 'every link, one row per record that attests it' },
  'graph.graphml': { mediaType: 'application/graphml+xml', description: 'the same graph for Gephi, yEd, Cytoscape, i2 via those tools' },
  'methodology.md': { mediaType: 'text/markdown; charset=utf-8', description: 'how the ring was found: algorithms, references, parameters, seed, inputs, the repeat command' },
};

export function buildManifest(view: PackageView, files: ReadonlyArray<{ name: string; sha256: string; size: number }>, notes: string[]): Manifest {
  const run = view.run;
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    caseRef: view.caseRef,
    exportedAt: view.exportedAt,
    software: view.software,
    scope: view.scope,
    run: {
      id: run.id,
      seed: run.seed,
      software: run.software,
      inputs: run.inputs.map((i) => ({ file: i.file, sha256: i.sha256 })),
      ...(run.graph ? { graph: run.graph } : {}),
      previousRunId: run.previousRunId ?? null,
    },
    contents: {
      members: view.nodes.filter((n) => n.member).length,
      memberPersons: view.nodes.filter((n) => n.member && n.kind === 'Person').length,
      thirdParties: view.nodes.filter((n) => !n.member).length,
      links: view.edges.length,
      evidenceRows: view.edges.reduce((a, e) => a + e.evidence.length, 0),
      brokers: view.nodes.filter((n) => n.broker).length,
    },
    redaction: view.redaction,
    files: files.map((f) => ({
      name: f.name,
      sha256: f.sha256,
      bytes: f.size,
      mediaType: FILE_INFO[f.name]?.mediaType ?? 'application/octet-stream',
      description: FILE_INFO[f.name]?.description ?? '',
    })),
    notes,
    selfSha256: ZERO_DIGEST,
  };
}

const ZERO_DIGEST = '0'.repeat(64);
const SELF_FIELD = /"selfSha256": "([0-9a-f]{64})"/;

/** The manifest as written: 2-space JSON, trailing newline, `selfSha256` filled in. */
export function serializeManifest(m: Manifest): string {
  const blank = `${JSON.stringify({ ...m, selfSha256: ZERO_DIGEST }, null, 2)}\n`;
  const digest = createHash('sha256').update(blank).digest('hex');
  m.selfSha256 = digest;
  return blank.replace(SELF_FIELD, `"selfSha256": "${digest}"`);
}

/** Whether the manifest text still carries its own digest (null when it has no selfSha256 field). */
export function manifestSealHolds(text: string): boolean | null {
  const found = SELF_FIELD.exec(text);
  if (!found) return null;
  const blank = text.replace(SELF_FIELD, `"selfSha256": "${ZERO_DIGEST}"`);
  return createHash('sha256').update(blank).digest('hex') === found[1];
}

/** Reads a manifest for verification: the fields verify relies on, or a reason it cannot. */
export function parseManifest(text: string): { manifest: Manifest } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `manifest.json does not parse as JSON (${(err as Error).message})` };
  }
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object') return { error: 'manifest.json is not a JSON object' };
  if (m.format !== PACKAGE_FORMAT) return { error: `manifest.json is not a ringlink court package manifest (format ${JSON.stringify(m.format)})` };
  if (m.formatVersion !== PACKAGE_FORMAT_VERSION) return { error: `manifest.json has format version ${JSON.stringify(m.formatVersion)}; this verifier reads version ${PACKAGE_FORMAT_VERSION}` };
  if (!Array.isArray(m.files)) return { error: 'manifest.json has no file list' };
  for (const f of m.files) {
    if (!f || typeof f.name !== 'string' || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      return { error: `manifest.json lists a file without a valid name and SHA-256: ${JSON.stringify(f)}` };
    }
  }
  if (typeof m.exportedAt !== 'string' || Number.isNaN(new Date(m.exportedAt).getTime())) return { error: 'manifest.json has no valid exportedAt' };
  return { manifest: m as Manifest };
}
