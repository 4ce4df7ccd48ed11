/**
 * The watch list in Neo4j: one (:WatchEntry) per normalized identifier
 * key (core's `watchKeyOf`: `phone:+92…`, `cnic:…`, `passport:PAK:…`,
 * `document-number:…`), with the identifier as the analyst typed it and a
 * note. Adding a key that is already listed updates its note.
 */
import { int, toSafeNumber } from '../integers.js';
import type { Tx } from '../session.js';
import { ALERT_LABELS } from './schema.js';

export interface WatchEntry {
  key: string;
  kind: string;
  /** As typed. */
  identifier: string;
  /** Normalized (`+923001234567`, `PAK:AB1234567`). */
  normalized: string;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
}

export interface WatchInput {
  key: string;
  kind: string;
  identifier: string;
  normalized: string;
  note?: string | null;
}

export function watchFromProps(p: Record<string, unknown>): WatchEntry {
  return {
    key: String(p.key),
    kind: String(p.kind),
    identifier: String(p.identifier),
    normalized: String(p.normalized ?? p.identifier),
    note: (p.note as string | null | undefined) ?? null,
    createdAt: String(p.createdAt),
    createdBy: (p.createdBy as string | null | undefined) ?? null,
    updatedAt: String(p.updatedAt ?? p.createdAt),
  };
}

export async function upsertWatch(tx: Tx, input: WatchInput, by: string | null, now: string): Promise<{ entry: WatchEntry; created: boolean }> {
  const had = (await tx.run(`MATCH (w:${ALERT_LABELS.WatchEntry} {key: $key}) RETURN properties(w) AS w`, { key: input.key })).records[0];
  if (had) {
    const rec = (
      await tx.run(
        `MATCH (w:${ALERT_LABELS.WatchEntry} {key: $key}) SET w.note = CASE WHEN $note IS NULL THEN w.note ELSE $note END, w.updatedAt = $now RETURN properties(w) AS w`,
        { key: input.key, note: input.note ?? null, now },
      )
    ).records[0]!;
    return { entry: watchFromProps(rec.get('w') as Record<string, unknown>), created: false };
  }
  const props = { key: input.key, kind: input.kind, identifier: input.identifier, normalized: input.normalized, note: input.note ?? null, createdAt: now, updatedAt: now, createdBy: by };
  await tx.run(`CREATE (w:${ALERT_LABELS.WatchEntry}) SET w = $props`, { props });
  return { entry: watchFromProps(props), created: true };
}

export async function deleteWatch(tx: Tx, key: string): Promise<WatchEntry | undefined> {
  const rec = (await tx.run(`MATCH (w:${ALERT_LABELS.WatchEntry} {key: $key}) WITH w, properties(w) AS p DELETE w RETURN p`, { key })).records[0];
  return rec ? watchFromProps(rec.get('p') as Record<string, unknown>) : undefined;
}

export async function readWatchlist(tx: Tx, o: { offset: number; limit: number; kind?: string }): Promise<{ items: WatchEntry[]; total: number }> {
  const where = o.kind ? 'WHERE w.kind = $kind' : '';
  const params = { kind: o.kind ?? null, offset: int(o.offset), limit: int(o.limit) };
  const total = toSafeNumber((await tx.run(`MATCH (w:${ALERT_LABELS.WatchEntry}) ${where} RETURN count(w) AS n`, params)).records[0]!.get('n'));
  const res = await tx.run(`MATCH (w:${ALERT_LABELS.WatchEntry}) ${where} RETURN properties(w) AS w ORDER BY w.createdAt DESC, w.key SKIP $offset LIMIT $limit`, params);
  return { total, items: res.records.map((r) => watchFromProps(r.get('w') as Record<string, unknown>)) };
}
