/**
 * Screening (pre-immigration clearance): the alert rules on one candidate
 * record that is NOT stored. The record goes through the same mapping
 * spec, normalizers and resolution as an ingested one; the rules then say
 * whether it would tie its applicant to a known ring (joined-ring,
 * bridged-rings) or touch a watch-listed identifier, with the path and
 * the evidence. Nothing is written anywhere.
 */
import { createHash } from 'node:crypto';
import type { IngestIssue, ResolvedGraph } from '@ringlink/model';
import type { MappingSpec } from '../ingest/mapping-spec.js';
import { mapRecord, type RawRecord } from '../ingest/row-mapper.js';
import { Resolver } from '../resolve/resolver.js';
import type { AlertOptions } from './defaults.js';
import { evaluateAlerts } from './evaluate.js';
import type { AlertCandidate, AlertContext } from './types.js';

export interface ScreeningResult {
  /** True when the record would raise a joined-ring or bridged-rings alert. */
  tiedToRing: boolean;
  /** True when it touches a watch-listed identifier. */
  watchlistHit: boolean;
  /** The record could not be read (it would be quarantined): see `issues`. */
  rejected: boolean;
  /** Rings the record would tie its parties to (ids, highest score first). */
  rings: string[];
  /** The alerts it would raise, most severe first. */
  alerts: AlertCandidate[];
  issues: IngestIssue[];
  /** The entities and links the record resolves to. */
  graph: ResolvedGraph;
}

/** The file name screening evidence carries (nothing is read from or written to it). */
export const SCREENING_FILE = 'screening';

export async function screenRecord(
  spec: MappingSpec,
  record: RawRecord,
  ctx: AlertContext,
  options: Partial<AlertOptions> = {},
): Promise<ScreeningResult> {
  const digest = createHash('sha256').update(JSON.stringify(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)))).digest('hex');
  const facts = mapRecord(spec, record, { file: SCREENING_FILE, fileSha256: digest, row: 1 });
  const resolver = new Resolver();
  resolver.add(facts);
  const graph = resolver.finalize();
  if (facts.quarantined) {
    return { tiedToRing: false, watchlistHit: false, rejected: true, rings: [], alerts: [], issues: facts.issues, graph };
  }
  const alerts = await evaluateAlerts(graph, ctx, options);
  const ringAlerts = alerts.filter((a) => a.rule !== 'watchlist-hit');
  const rings = new Map<string, number>();
  for (const a of ringAlerts) for (const r of a.rings) rings.set(r.id, Math.max(rings.get(r.id) ?? 0, r.score));
  return {
    tiedToRing: ringAlerts.length > 0,
    watchlistHit: alerts.some((a) => a.rule === 'watchlist-hit'),
    rejected: false,
    rings: [...rings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id),
    alerts,
    issues: facts.issues,
    graph,
  };
}
