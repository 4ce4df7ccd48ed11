/**
 * Resolution: turns the facts of many records into one graph of entities
 * and links. Identifier entities resolve by their normalized id; persons
 * through PersonClusters (strong identifiers only). Links and entities
 * accumulate their evidence, each source record once, so re-ingesting a
 * file adds nothing. Name + birth-date similarity yields scored
 * POSSIBLY_SAME_AS links for an analyst, never a merge.
 */
import {
  LINK_KINDS,
  linkId,
  nameSimilarity,
  type Entity,
  type EntityKind,
  type Evidence,
  type Link,
  type LinkKind,
  type MergeRecord,
  type Properties,
  type ResolvedGraph,
  type RoleLabel,
} from '@ringlink/model';
import type { Mention, RecordFacts } from '../ingest/mentions.js';
import { PersonClusters, personIdOfKey } from './person-clusters.js';

export interface ResolveOptions {
  /** Minimum name similarity (same birth date) for a POSSIBLY_SAME_AS link. */
  possiblySameAsThreshold: number;
  /** Birth-date blocks larger than this are not compared pairwise. */
  maxBlockSize: number;
}

export const RESOLVE_DEFAULTS: ResolveOptions = { possiblySameAsThreshold: 0.9, maxBlockSize: 500 };

const MAX_LIST_VALUES = 20;
const STATUS_SEVERITY: Record<string, number> = { forged: 3, suspect: 2, genuine: 1 };

interface EntityAcc {
  kind: EntityKind;
  roles: RoleLabel[];
  props: Properties;
  evidence: Evidence[];
}

interface LinkAcc {
  type: LinkKind;
  from: string;
  to: string;
  props: Properties;
  evidence: Evidence[];
}

interface PendingMerge {
  key: string;
  merged: string;
  reason: string;
  evidence: Evidence;
}

/** Merges `incoming` properties into `target`: lists union, status by severity, otherwise first value wins. */
function mergeProps(target: Properties, incoming: Properties, sumKeys: readonly string[] = []): void {
  for (const [k, v] of Object.entries(incoming)) {
    const cur = target[k];
    if (cur === undefined) {
      target[k] = Array.isArray(v) ? [...v] : v;
    } else if (sumKeys.includes(k) && typeof cur === 'number' && typeof v === 'number') {
      target[k] = cur + v;
    } else if (Array.isArray(cur)) {
      for (const item of Array.isArray(v) ? v : [String(v)]) {
        if (cur.length < MAX_LIST_VALUES && !cur.includes(item)) cur.push(item);
      }
    } else if (k === 'status' && typeof v === 'string' && (STATUS_SEVERITY[v] ?? 0) > (STATUS_SEVERITY[String(cur)] ?? 0)) {
      target[k] = v;
    }
  }
}

/**
 * Appends evidence unless this record already attests the fact. Records are
 * added one at a time and each has one Evidence object, so a repeat can only
 * be the last element: O(1) even for hubs attested by 100k records.
 */
function addEvidence(list: Evidence[], ev: Evidence): boolean {
  if (list[list.length - 1] === ev) return false;
  list.push(ev);
  return true;
}

/** Appends the evidence of `from` not already in `into`. Returns how many were new. */
function unionEvidence(into: Evidence[], from: readonly Evidence[]): number {
  const seen = new Set(into);
  let added = 0;
  for (const ev of from) {
    if (!seen.has(ev)) {
      seen.add(ev);
      into.push(ev);
      added++;
    }
  }
  return added;
}

export class Resolver {
  private readonly options: ResolveOptions;
  private readonly clusters = new PersonClusters();
  private readonly identifiers = new Map<string, EntityAcc>();
  /** Person facts accumulate per key; clusters are combined in finalize(). */
  private readonly personFacts = new Map<string, EntityAcc>();
  private readonly links = new Map<string, LinkAcc>();
  private readonly records = new Map<string, Evidence>();
  private readonly pendingMerges: PendingMerge[] = [];

  constructor(options: Partial<ResolveOptions> = {}) {
    this.options = { ...RESOLVE_DEFAULTS, ...options };
  }

  /**
   * Adds one ingested record. Returns false (and changes nothing) when the
   * same record (source, record id, digest) was already added.
   */
  add(facts: RecordFacts): boolean {
    if (facts.quarantined) return false;
    const recordKey = `${facts.evidence.source}\u0000${facts.evidence.recordId}\u0000${facts.evidence.recordSha256}`;
    if (this.records.has(recordKey)) return false;
    this.records.set(recordKey, facts.evidence);
    const ev = facts.evidence;
    const handles = new Map<Mention, string>();
    for (const m of facts.mentions) handles.set(m, this.addMention(m, ev));
    for (const l of facts.links) {
      const from = handles.get(l.from);
      const to = handles.get(l.to);
      if (from === undefined || to === undefined || from === to) continue;
      const key = `${l.type}\u0000${from}\u0000${to}`;
      let acc = this.links.get(key);
      if (acc === undefined) {
        acc = { type: l.type, from, to, props: {}, evidence: [] };
        this.links.set(key, acc);
      }
      if (addEvidence(acc.evidence, ev)) {
        mergeProps(acc.props, l.props, (LINK_KINDS[l.type] as { aggregate?: readonly string[] }).aggregate ?? []);
      }
    }
    return true;
  }

  /** Returns the handle a link uses for this mention: an entity id, or `P:<person key>`. */
  private addMention(m: Mention, ev: Evidence): string {
    if (m.kind !== 'Person') {
      let acc = this.identifiers.get(m.id);
      if (acc === undefined) {
        acc = { kind: m.kind, roles: [], props: {}, evidence: [] };
        this.identifiers.set(m.id, acc);
      }
      for (const r of m.roles) if (!acc.roles.includes(r)) acc.roles.push(r);
      mergeProps(acc.props, m.props);
      addEvidence(acc.evidence, ev);
      return m.id;
    }
    const keys = [
      ...(m.cnic ? [`cnic:${m.cnic}`] : []),
      ...m.passportKeys.map((k) => `passport:${k}`),
      ...(m.recordId ? [`record:${m.recordId}`] : []),
    ];
    const first = keys[0]!;
    // Ids of the separate persons this record is about to join, before it joins them.
    const before = new Set<string>();
    for (const k of keys) if (this.clusters.has(k)) before.add(this.clusters.idOf(k));
    for (const k of keys) this.clusters.add(k);
    for (const k of keys.slice(1)) this.clusters.union(first, k);
    const after = this.clusters.idOf(first);
    for (const old of before) {
      if (old !== after) {
        this.pendingMerges.push({
          key: first,
          merged: old,
          reason: `one record ties ${keys.map((k) => k.replace(/^(\w+):/, '$1 ')).join(' and ')}`,
          evidence: ev,
        });
      }
    }
    let acc = this.personFacts.get(first);
    if (acc === undefined) {
      acc = { kind: 'Person', roles: [], props: {}, evidence: [] };
      this.personFacts.set(first, acc);
    }
    for (const r of m.roles) if (!acc.roles.includes(r)) acc.roles.push(r);
    const props: Properties = { ...m.props };
    if (m.cnic) props.cnic = m.cnic;
    if (m.passportKeys.length > 0) props.passportKeys = m.passportKeys;
    mergeProps(acc.props, props);
    addEvidence(acc.evidence, ev);
    return `P:${first}`;
  }

  /** Number of distinct records added so far. */
  get recordCount(): number {
    return this.records.size;
  }

  /** The resolved graph, sorted by id so the same input gives the same output. */
  finalize(): ResolvedGraph {
    const entities = new Map<string, Entity>();
    for (const [id, acc] of this.identifiers) {
      entities.set(id, { id, kind: acc.kind, roles: acc.roles, props: acc.props, evidence: acc.evidence, aliases: [] });
    }
    // Combine person facts by cluster, in key order for determinism.
    const personKeys = [...this.personFacts.keys()].sort();
    for (const key of personKeys) {
      const acc = this.personFacts.get(key)!;
      const id = this.clusters.idOf(key);
      let person = entities.get(id);
      if (person === undefined) {
        person = { id, kind: 'Person', roles: [], props: {}, evidence: [], aliases: [] };
        entities.set(id, person);
      }
      for (const r of acc.roles) if (!person.roles.includes(r)) person.roles.push(r);
      mergeProps(person.props, acc.props);
      unionEvidence(person.evidence, acc.evidence);
    }
    // Every identifier-derived id of a cluster other than its own is an alias.
    for (const key of this.clusters.keys()) {
      const id = this.clusters.idOf(key);
      const own = personIdOfKey(key);
      const person = entities.get(id);
      if (person && own !== id && !person.aliases.includes(own)) person.aliases.push(own);
    }
    for (const e of entities.values()) {
      e.roles.sort();
      e.aliases.sort();
      if (e.kind === 'Person' && Array.isArray(e.props.passportKeys)) e.props.passportKeys.sort();
      e.evidence.sort(compareEvidence);
    }

    const resolve = (handle: string): string => (handle.startsWith('P:') ? this.clusters.idOf(handle.slice(2)) : handle);
    const links = new Map<string, Link>();
    for (const acc of this.links.values()) {
      const from = resolve(acc.from);
      const to = resolve(acc.to);
      if (from === to) continue; // a person linked to themself after a merge
      const directed = LINK_KINDS[acc.type].directed;
      const [a, b] = directed || from <= to ? [from, to] : [to, from];
      const id = linkId(acc.type, a, b);
      const existing = links.get(id);
      if (existing === undefined) {
        // The accumulator becomes the link: no copy of props or evidence (memory at 1M+ links).
        links.set(id, { id, type: acc.type, from: a, to: b, props: acc.props, evidence: acc.evidence });
      } else {
        const sums = (LINK_KINDS[acc.type] as { aggregate?: readonly string[] }).aggregate ?? [];
        // Two person keys of one record cannot both carry the same link, so
        // the evidence sets are disjoint and the sums may be added.
        if (unionEvidence(existing.evidence, acc.evidence) > 0) mergeProps(existing.props, acc.props, sums);
      }
    }
    for (const link of this.possiblySameAs(entities)) links.set(link.id, link);
    for (const l of links.values()) {
      l.evidence.sort(compareEvidence);
      l.props.count = l.evidence.length;
      const times = l.evidence.map((e) => e.observedAt).filter((t): t is string => t !== null).sort();
      if (times.length > 0) {
        l.props.firstSeen = times[0]!;
        l.props.lastSeen = times[times.length - 1]!;
      }
    }
    const merges: MergeRecord[] = this.pendingMerges
      .map((m) => ({ survivor: this.clusters.idOf(m.key), merged: m.merged, reason: m.reason, evidence: m.evidence }))
      .filter((m) => m.survivor !== m.merged);

    return {
      entities: [...entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      links: [...links.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      merges,
    };
  }

  /** Persons with the same birth date and similar names: scored candidates, never merged. */
  private possiblySameAs(entities: Map<string, Entity>): Link[] {
    const blocks = new Map<string, Entity[]>();
    for (const e of entities.values()) {
      const dob = e.props.birthDate;
      if (e.kind !== 'Person' || typeof dob !== 'string' || typeof e.props.nameKey !== 'string') continue;
      let block = blocks.get(dob);
      if (block === undefined) blocks.set(dob, (block = []));
      block.push(e);
    }
    const out: Link[] = [];
    for (const block of blocks.values()) {
      if (block.length < 2 || block.length > this.options.maxBlockSize) continue;
      block.sort((a, b) => (a.id < b.id ? -1 : 1));
      // Cheap prefilter: similar names share at least one folded token.
      const tokens = block.map((e) => new Set(String(e.props.nameKey).split(' ')));
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const a = block[i]!;
          const b = block[j]!;
          let shared = false;
          for (const t of tokens[i]!) if (tokens[j]!.has(t)) { shared = true; break; }
          if (!shared) continue;
          const score = nameSimilarity(String(a.props.nameKey), String(b.props.nameKey));
          if (score < this.options.possiblySameAsThreshold) continue;
          out.push({
            id: linkId('POSSIBLY_SAME_AS', a.id, b.id),
            type: 'POSSIBLY_SAME_AS',
            from: a.id,
            to: b.id,
            props: { score: Math.round(score * 1000) / 1000, basis: 'name and birth date' },
            evidence: [a.evidence[0]!, b.evidence[0]!].filter((ev, k, arr) => arr.indexOf(ev) === k),
          });
        }
      }
    }
    return out;
  }
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.row !== b.row) return a.row - b.row;
  return a.recordSha256 < b.recordSha256 ? -1 : a.recordSha256 > b.recordSha256 ? 1 : 0;
}
