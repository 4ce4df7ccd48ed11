/**
 * The ingest report (a contract: tools outside the project read it):
 *   { inputs: [{ file, source, sha256, rows, ingested, quarantined }],
 *     entities: { <Kind>: count }, links: { <LINK_KIND>: count },
 *     issues: [{ file, row, field, code, message, action }] }
 * plus `merges`, the person merges resolution performed.
 */
import type { IngestIssue, MergeRecord, ResolvedGraph } from '@ringlink/model';

export interface InputReport {
  file: string;
  source: string;
  sha256: string;
  rows: number;
  ingested: number;
  quarantined: number;
}

export interface IngestReport {
  inputs: InputReport[];
  entities: Record<string, number>;
  links: Record<string, number>;
  merges: Array<Pick<MergeRecord, 'survivor' | 'merged' | 'reason'> & { file: string; row: number }>;
  issues: IngestIssue[];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function buildReport(inputs: InputReport[], graph: ResolvedGraph, issues: IngestIssue[]): IngestReport {
  return {
    inputs,
    entities: countBy(graph.entities, (e) => e.kind),
    links: countBy(graph.links, (l) => l.type),
    merges: graph.merges.map((m) => ({
      survivor: m.survivor,
      merged: m.merged,
      reason: m.reason,
      file: m.evidence.file,
      row: m.evidence.row,
    })),
    issues,
  };
}
