/**
 * Person resolution across ingests. A batch is resolved in memory on its
 * own; before it is written, every id a batch person is known by (its id
 * and aliases: the ids of its CNIC, passports and record keys) is looked up
 * in the store. Batch persons and stored persons that share one are one
 * person: the survivor is the best id of the group by the model's id rule
 * (CNIC, else passport, else record; then the smaller id), batch persons are
 * renamed to it, and stored persons with another id are merged into it in
 * the store (merge-persons.ts), each merge recorded with the record that
 * names the shared identifier.
 *
 * Invariant kept by the store: every id of a stored person's identifiers is
 * either its own id or an :Alias pointing to it, so one indexed lookup per
 * id finds it. Pure (unit-tested); the lookup itself is in write-graph.ts.
 */
import {
  LINK_KINDS,
  linkId,
  personIdStrength,
  type Entity,
  type Evidence,
  type Link,
  type MergeRecord,
  type Properties,
  type ResolvedGraph,
} from '@ringlink/model';
import { MAX_LIST_VALUES } from '../cypher/write-queries.js';
import { evidenceKey, summedProps } from './rows.js';

export interface StoreMerge {
  /** Stored person id that disappears (becomes an alias). */
  from: string;
  /** Survivor id (stored already or written by this batch). */
  into: string;
  reason: string;
  evidence: Evidence;
}

export interface PersonPlan {
  graph: ResolvedGraph;
  storeMerges: StoreMerge[];
  /** Batch persons whose id changed to a stored identity. */
  renamed: Map<string, string>;
}

export interface FirstMentions {
  firstMention(personKeyId: string): Evidence | undefined;
}

/** Every id a person is known by. */
export function personKeyIds(p: Entity): string[] {
  return [p.id, ...p.aliases];
}

/** True when `a` is the better person id (the id rule of model/ids.ts). */
export function betterPersonId(a: string, b: string): boolean {
  const sa = personIdStrength(a);
  const sb = personIdStrength(b);
  return sa !== sb ? sa > sb : a < b;
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.row !== b.row) return a.row - b.row;
  return a.recordSha256 < b.recordSha256 ? -1 : a.recordSha256 > b.recordSha256 ? 1 : 0;
}

const STATUS_SEVERITY: Record<string, number> = { forged: 3, suspect: 2, genuine: 1 };

/** The store's merge rule, in memory: existing scalars win, lists union (capped), status by severity. */
export function mergeProperties(target: Properties, incoming: Properties): void {
  for (const [k, v] of Object.entries(incoming)) {
    const cur = target[k];
    if (cur === undefined) target[k] = Array.isArray(v) ? [...v] : v;
    else if (Array.isArray(cur) && Array.isArray(v)) {
      for (const item of v) if (cur.length < MAX_LIST_VALUES && !cur.includes(item)) cur.push(item);
    } else if (k === 'status' && typeof v === 'string' && (STATUS_SEVERITY[v] ?? 0) > (STATUS_SEVERITY[String(cur)] ?? 0)) {
      target[k] = v;
    }
  }
}

function unionEvidence(into: Evidence[], from: readonly Evidence[]): Evidence[] {
  const seen = new Set(into.map(evidenceKey));
  const added: Evidence[] = [];
  for (const ev of from) {
    const k = evidenceKey(ev);
    if (!seen.has(k)) {
      seen.add(k);
      into.push(ev);
      added.push(ev);
    }
  }
  return added;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    for (let n = x; n !== root; ) {
      const next = this.parent.get(n)!;
      this.parent.set(n, root);
      n = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Rewrites a batch so its persons carry their stored identities and lists
 * the stored persons to merge. `stored` maps a person key id to the stored
 * person it resolves to (lookupPersons).
 */
export function planPersons(graph: ResolvedGraph, stored: ReadonlyMap<string, string>, mentions?: FirstMentions): PersonPlan {
  const persons = graph.entities.filter((e) => e.kind === 'Person');
  const uf = new UnionFind();
  const storedIds = new Set<string>();
  const tie = new Map<string, { key: string; person: Entity }>(); // stored id → the key that ties it to the batch
  for (const p of persons) {
    uf.find(p.id);
    for (const k of personKeyIds(p)) {
      const s = stored.get(k);
      if (s === undefined) continue;
      storedIds.add(s);
      uf.union(p.id, s);
      if (!tie.has(s)) tie.set(s, { key: k, person: p });
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of [...persons.map((p) => p.id), ...storedIds]) {
    const root = uf.find(id);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = []));
    if (!g.includes(id)) g.push(id);
  }
  const renamed = new Map<string, string>();
  const storeMerges: StoreMerge[] = [];
  const survivorOf = new Map<string, string>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const survivor = members.reduce((best, id) => (betterPersonId(id, best) ? id : best));
    for (const id of members) survivorOf.set(id, survivor);
    for (const id of [...members].sort()) {
      if (id === survivor) continue;
      if (storedIds.has(id)) {
        const t = tie.get(id)!;
        storeMerges.push({
          from: id,
          into: survivor,
          reason: `a later record ties ${t.key} to ${survivor}; ${id} was stored by an earlier ingest`,
          evidence: mentions?.firstMention(t.key) ?? t.person.evidence[0]!,
        });
      }
    }
  }
  for (const p of persons) {
    const s = survivorOf.get(p.id);
    if (s !== undefined && s !== p.id) renamed.set(p.id, s);
  }
  if (renamed.size === 0 && storeMerges.length === 0) return { graph, storeMerges, renamed };

  // Entities: renamed persons fold into their survivor (first in id order wins scalars).
  const entities = new Map<string, Entity>();
  for (const e of graph.entities) {
    const id = renamed.get(e.id) ?? e.id;
    const group = survivorOf.get(e.id);
    const extraAliases = group === undefined ? [] : [...groups.get(uf.find(e.id))!].filter((x) => x !== id);
    let target = entities.get(id);
    if (target === undefined) {
      target = { id, kind: e.kind, roles: [...e.roles], props: structuredClone(e.props), evidence: [...e.evidence], aliases: [] };
      entities.set(id, target);
    } else {
      for (const r of e.roles) if (!target.roles.includes(r)) target.roles.push(r);
      mergeProperties(target.props, e.props);
      unionEvidence(target.evidence, e.evidence);
    }
    for (const a of [...e.aliases, ...(e.id !== id ? [e.id] : []), ...extraAliases]) {
      if (a !== id && !target.aliases.includes(a)) target.aliases.push(a);
    }
  }
  for (const e of entities.values()) {
    e.roles.sort();
    e.aliases.sort();
    e.evidence.sort(compareEvidence);
  }

  // Links: endpoints renamed, self-loops dropped, duplicates combined.
  const rename = (id: string): string => renamed.get(id) ?? id;
  const links = new Map<string, Link>();
  for (const l of graph.links) {
    let from = rename(l.from);
    let to = rename(l.to);
    if (from === to) continue;
    if (!LINK_KINDS[l.type].directed && to < from) [from, to] = [to, from];
    const id = linkId(l.type, from, to);
    const existing = links.get(id);
    if (existing === undefined) {
      links.set(id, { id, type: l.type, from, to, props: structuredClone(l.props), evidence: [...l.evidence] });
      continue;
    }
    const added = unionEvidence(existing.evidence, l.evidence);
    if (added.length === 0) continue;
    const sums = summedProps(l.type);
    for (const p of sums) {
      const a = existing.props[p];
      const b = l.props[p];
      if (typeof b === 'number') existing.props[p] = (typeof a === 'number' ? a : 0) + b;
    }
    const rest = Object.fromEntries(Object.entries(l.props).filter(([k]) => !sums.includes(k)));
    mergeProperties(existing.props, rest);
  }
  for (const l of links.values()) {
    l.evidence.sort(compareEvidence);
    l.props.count = l.evidence.length;
    const times = l.evidence.map((e) => e.observedAt).filter((t): t is string => t !== null).sort();
    if (times.length > 0) {
      l.props.firstSeen = times[0]!;
      l.props.lastSeen = times[times.length - 1]!;
    }
  }
  const merges: MergeRecord[] = graph.merges
    .map((m) => ({ ...m, survivor: rename(m.survivor) }))
    .filter((m) => m.survivor !== m.merged);

  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    graph: { entities: [...entities.values()].sort(byId), links: [...links.values()].sort(byId), merges },
    storeMerges,
    renamed,
  };
}
