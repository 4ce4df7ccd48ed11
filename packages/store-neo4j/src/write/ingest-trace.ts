/**
 * What the store needs from an ingest beyond the resolved graph, collected
 * record by record through ingest()'s `onRecord` hook:
 *
 * - per-record contributions to summed aggregates (a PAID link's amount per
 *   transaction, a CALLED link's duration per call), so the store can union
 *   evidence across ingests without ever counting a record twice;
 * - the first record of the batch that names each strong person key (CNIC,
 *   passport), so a merge with a person stored earlier is attributed to the
 *   record that proves it.
 *
 * The types are structural (the store does not depend on @ringlink/core);
 * core's RecordFacts fits them.
 */
import { cnicPersonId, linkId, passportPersonId, type Evidence, type LinkKind, type Properties } from '@ringlink/model';
import { evidenceKey, summedProps, type Contributions } from './rows.js';

interface MentionLike {
  kind: string;
  id?: string;
  cnic?: string;
  passportKeys?: readonly string[];
}

export interface RecordFactsLike {
  evidence: Evidence;
  quarantined: boolean;
  mentions: readonly MentionLike[];
  links: ReadonlyArray<{ type: LinkKind; from: MentionLike; to: MentionLike; props: Properties }>;
}

export class IngestTrace {
  private readonly byLink = new Map<string, Map<string, Record<string, number>>>();
  private readonly firstMentions = new Map<string, Evidence>();

  /** Pass as `onRecord` to ingest(). */
  readonly onRecord = (facts: RecordFactsLike): void => {
    if (facts.quarantined) return;
    const ev = facts.evidence;
    for (const m of facts.mentions) {
      if (m.kind !== 'Person') continue;
      if (m.cnic) this.mention(cnicPersonId(m.cnic), ev);
      for (const k of m.passportKeys ?? []) {
        const at = k.indexOf(':');
        this.mention(passportPersonId(k.slice(0, at), k.slice(at + 1)), ev);
      }
    }
    for (const l of facts.links) {
      const summed = summedProps(l.type);
      // Summed aggregates only exist between identifier entities, whose ids
      // are final at mapping time (persons are not resolved yet).
      if (summed.length === 0 || l.from.id === undefined || l.to.id === undefined || l.from.id === l.to.id) continue;
      const values: Record<string, number> = {};
      for (const p of summed) {
        const v = l.props[p];
        if (typeof v === 'number') values[p] = v;
      }
      const id = linkId(l.type, l.from.id, l.to.id);
      let records = this.byLink.get(id);
      if (records === undefined) this.byLink.set(id, (records = new Map()));
      const key = evidenceKey(ev);
      if (!records.has(key)) records.set(key, values); // a repeated record counts once, as in the resolver
    }
  };

  private mention(personKeyId: string, ev: Evidence): void {
    if (!this.firstMentions.has(personKeyId)) this.firstMentions.set(personKeyId, ev);
  }

  get contributions(): Contributions {
    return this.byLink;
  }

  /** The first record of this ingest naming a person key id (`person:cnic:…`, `person:passport:…`). */
  firstMention(personKeyId: string): Evidence | undefined {
    return this.firstMentions.get(personKeyId);
  }
}
