/**
 * The log of court packages exported: who, when, what, and the package's
 * SHA-256, so a package handed to a court can be matched to the export that
 * made it (and a package nobody logged stands out). Append-only: records
 * are created, never updated or deleted by ringlink.
 *
 *   (:ExportRecord {id, loggedAt, exportedAt, actor, via, caseRef, ring, entityIds,
 *                   run, sha256, size, redacted, destination})
 */
import { randomUUID } from 'node:crypto';
import { RinglinkError } from '@ringlink/model';
import { STORE_LABELS } from './cypher/names.js';
import { int, toSafeNumber } from './integers.js';
import type { Tx } from './session.js';

export interface ExportLogEntry {
  /** When the export was made (the clock), ISO 8601. */
  loggedAt: string;
  /** The export time recorded in the package (rebuilds the same bytes). */
  exportedAt: string;
  /** Who: the operating-system user of the CLI, or the API key id. */
  actor: string;
  /** How: `cli` or `api`. */
  via: 'cli' | 'api';
  caseRef: string;
  /** The ring exported, or null for a list of entities. */
  ring: string | null;
  /** The entity ids exported when no ring was. */
  entityIds: string[];
  run: string;
  sha256: string;
  size: number;
  redacted: boolean;
  /** Where the package went: a file path (CLI) or the request id (API). */
  destination: string;
}

export interface ExportLogRecord extends ExportLogEntry {
  id: string;
}

export async function recordExport(tx: Tx, entry: ExportLogEntry): Promise<ExportLogRecord> {
  if (!/^[0-9a-f]{64}$/.test(entry.sha256)) throw new RinglinkError('INVALID_ARGUMENT', `store: export log needs a SHA-256, got ${JSON.stringify(entry.sha256)}`);
  const id = `export-${randomUUID()}`;
  await tx.run(`CREATE (x:${STORE_LABELS.ExportRecord}) SET x = $props`, { props: { ...entry, id, size: int(entry.size) } });
  return { ...entry, id };
}

function recordOf(p: Record<string, unknown>): ExportLogRecord {
  return {
    id: String(p.id),
    loggedAt: String(p.loggedAt),
    exportedAt: String(p.exportedAt),
    actor: String(p.actor),
    via: p.via === 'api' ? 'api' : 'cli',
    caseRef: String(p.caseRef),
    ring: (p.ring as string | null | undefined) ?? null,
    entityIds: (p.entityIds as string[] | undefined) ?? [],
    run: String(p.run),
    sha256: String(p.sha256),
    size: toSafeNumber(p.size ?? 0),
    redacted: p.redacted === true,
    destination: String(p.destination ?? ''),
  };
}

/** Exports, newest first; `sha256` finds the export(s) that produced one package. */
export async function listExports(tx: Tx, options: { offset: number; limit: number; sha256?: string; ring?: string }): Promise<{ items: ExportLogRecord[]; total: number }> {
  const where = [
    ...(options.sha256 !== undefined ? ['x.sha256 = $sha256'] : []),
    ...(options.ring !== undefined ? ['x.ring = $ring'] : []),
  ];
  const match = `MATCH (x:${STORE_LABELS.ExportRecord})${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const params = { sha256: options.sha256 ?? null, ring: options.ring ?? null, offset: int(options.offset), limit: int(options.limit) };
  const total = toSafeNumber((await tx.run(`${match} RETURN count(x) AS n`, params)).records[0]?.get('n') ?? 0);
  const res = await tx.run(`${match} RETURN properties(x) AS x ORDER BY x.loggedAt DESC, x.id SKIP $offset LIMIT $limit`, params);
  return { total, items: res.records.map((r) => recordOf(r.get('x') as Record<string, unknown>)) };
}
