/**
 * A link's evidence one page at a time, for the query service: the link
 * (endpoints resolved through aliases) and the records that prove it, in
 * the store's evidence order (source, file, row), `offset`/`limit` over
 * that order. A link attested by thousands of records (calls between two
 * numbers) is read once per page and never returned whole.
 *
 * Added for services/query-api.
 */
import { RinglinkError, linkId, type Evidence, type LinkKind } from '@ringlink/model';
import type { Tx } from '../session.js';
import { EVIDENCE_KEYS_PROP } from '../write/rows.js';
import { entityView, linkProps, type EntityView, type LinkView, type RawNode } from './entity-view.js';
import { linkByEnds, readEvidence, sortedEvidence, type LinkRef } from './evidence.js';

export interface LinkEvidencePage {
  link: LinkView;
  from: EntityView;
  to: EntityView;
  evidence: Evidence[];
  /** Records attesting the link (all pages). */
  total: number;
}

export async function readLinkEvidencePage(tx: Tx, ref: LinkRef, options: { offset: number; limit: number }): Promise<LinkEvidencePage | undefined> {
  const { offset, limit } = options;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RinglinkError('INVALID_ARGUMENT', `store: offset must be a non-negative integer, got ${offset}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RinglinkError('INVALID_ARGUMENT', `store: limit must be a positive integer, got ${limit}`);
  const q = linkByEnds(ref);
  const rec = (await tx.run(q.text, q.params)).records[0];
  if (rec === undefined) return undefined;
  const from = entityView(rec.get('from') as RawNode);
  const to = entityView(rec.get('to') as RawNode);
  const raw = rec.get('props') as Record<string, unknown>;
  const keys = (raw[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? [];
  // The order is the evidence order (source, file, row), which the keys do not carry: read all, sort, slice.
  const all = sortedEvidence(keys, await readEvidence(tx, keys));
  return {
    link: { id: linkId(ref.type as LinkKind, from.id, to.id), type: ref.type, from: from.id, to: to.id, props: linkProps(raw), evidenceCount: keys.length },
    from,
    to,
    evidence: all.slice(offset, offset + limit),
    total: all.length,
  };
}
