/** The ingested files (SourceFile nodes) in the ingest report's input shape. */
import { STORE_LABELS } from '../cypher/names.js';
import { toSafeNumber } from '../integers.js';
import type { Tx } from '../session.js';
import type { SourceFileInput } from '../write/rows.js';

/** Every stored file in ingest order, or (with `digests`) the files with those SHA-256s. */
export async function readSourceFiles(tx: Tx, digests?: readonly string[]): Promise<SourceFileInput[]> {
  const where = digests === undefined ? '' : ' WHERE f.sha256 IN $digests';
  const res = await tx.run(`MATCH (f:${STORE_LABELS.SourceFile})${where} RETURN properties(f) AS f ORDER BY f.ingestedAt, f.name, f.sha256`, {
    digests: digests ?? null,
  });
  return res.records.map((r) => {
    const f = r.get('f') as Record<string, unknown>;
    return {
      file: String(f.name),
      source: String(f.source),
      sha256: String(f.sha256),
      rows: toSafeNumber(f.rows),
      ingested: toSafeNumber(f.ingested),
      quarantined: toSafeNumber(f.quarantined),
    };
  });
}
