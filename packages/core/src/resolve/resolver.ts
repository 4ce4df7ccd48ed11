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
  nameSimilarityOfTokens,
  nameTokens,
  type Entity,
  type EntityKind,
  type Evidence,
  type Link,
  type LinkKind,
  type MergeRecord,
  type Properties,
  type PropertyValue,
  type ResolvedGraph,
  type RoleLabel,
} from '@ringlink/model';
import type { Mention, RecordFacts } from '../ingest/mentions.js';
import { PersonClusters, personIdOfKey } from './person-clusters.js';
import { barRanks, IdSorter } from './sort-by-id.js';

export interface ResolveOptions {
  /** Minimum name similarity (same birth date) for a POSSIBLY_SAME_AS link. */
  possiblySameAsThreshold: number;
  /** Birth-date blocks larger than this are not compared pairwise. */
  maxBlockSize: number;
}

export const RESOLVE_DEFAULTS: ResolveOptions = { possiblySameAsThreshold: 0.9, maxBlockSize: 500 };

const MAX_LIST_VALUES = 20;
const STATUS_SEVERITY: Record<string, number> = { forged: 3, suspect: 2, genuine: 1 };

/**
 * A person as one group of records names it: the facts of the records whose
 * first person key is `key`. Persons are combined by cluster in finalize().
 */
class PersonNode {
  constructor(
    /** Number of the person key (see PersonClusters) the node is filed under. */
    readonly key: number,
    readonly roles: RoleLabel[],
    readonly props: Properties,
    readonly evidence: Evidence[],
  ) {}
}

/**
 * Every entity and person key the resolver has seen is a node, numbered in
 * order of first sight. An identifier node is its (final) Entity object.
 */
type ResolverNode = Entity | PersonNode;

interface LinkAcc {
  type: LinkKind;
  /** Node numbers of the ends. */
  from: number;
  to: number;
  props: Properties;
  evidence: Evidence[];
}

/** Link accumulators of one kind, keyed by the node numbers of their ends. */
interface LinkKindAccs {
  type: LinkKind;
  directed: boolean;
  sums: readonly string[];
  accs: Map<number | string, LinkAcc>;
}

interface PendingMerge {
  /** Number of the record's first person key. */
  key: number;
  merged: string;
  reason: string;
  evidence: Evidence;
}

/** Node numbers below this make a numeric link key (from · limit + to, < 2^53). */
const END_LIMIT = 2 ** 26;
const NO_SUMS: readonly string[] = [];

/** Merges one property into `target` (see mergeProps). */
function mergeValue(target: Properties, k: string, v: PropertyValue, sumKeys: readonly string[]): void {
  const cur = target[k];
  if (cur === undefined) {
    target[k] = Array.isArray(v) ? [...v] : v;
  } else if (sumKeys.length > 0 && sumKeys.includes(k) && typeof cur === 'number' && typeof v === 'number') {
    target[k] = cur + v;
  } else if (Array.isArray(cur)) {
    if (Array.isArray(v)) {
      for (const item of v) if (cur.length < MAX_LIST_VALUES && !cur.includes(item)) cur.push(item);
    } else {
      const item = String(v);
      if (cur.length < MAX_LIST_VALUES && !cur.includes(item)) cur.push(item);
    }
  } else if (k === 'status' && typeof v === 'string' && (STATUS_SEVERITY[v] ?? 0) > (STATUS_SEVERITY[String(cur)] ?? 0)) {
    target[k] = v;
  }
}

/** Merges `incoming` properties into `target`: lists union, status by severity, otherwise first value wins. */
function mergeProps(target: Properties, incoming: Properties, sumKeys: readonly string[] = NO_SUMS): void {
  // for…in over a plain object: own keys in the order Object.entries gives them, without allocating pairs.
  for (const k in incoming) mergeValue(target, k, incoming[k]!, sumKeys);
}

/** A copy of `roles` without repeats, allocated at its size. */
function uniqueRoles(roles: readonly RoleLabel[]): RoleLabel[] {
  if (roles.length === 0) return [];
  if (roles.length === 1) return [roles[0]!];
  const out: RoleLabel[] = [];
  for (const r of roles) if (!out.includes(r)) out.push(r);
  return out;
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

function sortEvidence(list: Evidence[]): void {
  if (list.length > 1) list.sort(compareEvidence);
}

/** `firstSeen` and `lastSeen` of a link: the least and greatest observedAt of its evidence. */
function setSeen(props: Properties, evidence: readonly Evidence[]): void {
  let first: string | undefined;
  let last: string | undefined;
  for (let i = 0; i < evidence.length; i++) {
    const t = evidence[i]!.observedAt;
    if (t === null) continue;
    if (typeof t !== 'string') {
      // Not the Evidence type: keep the exact semantics of sorting the values as strings.
      const times = evidence.map((e) => e.observedAt).filter((x): x is string => x !== null).sort();
      props.firstSeen = times[0]!;
      props.lastSeen = times[times.length - 1]!;
      return;
    }
    if (first === undefined || t < first) first = t;
    if (last === undefined || t > last) last = t;
  }
  if (first !== undefined) {
    props.firstSeen = first;
    props.lastSeen = last!;
  }
}

export class Resolver {
  private readonly options: ResolveOptions;
  private readonly clusters = new PersonClusters();
  /** Entities and person nodes, by node number. */
  private readonly nodes: ResolverNode[] = [];
  /** Identifier entity id → node number. */
  private readonly identifierNodes = new Map<string, number>();
  /** Person key number → node number of the person node filed under it (-1: none). */
  private readonly personNodeOfKey: number[] = [];
  private readonly linkKinds = new Map<string, LinkKindAccs>();
  private readonly records = new Set<string>();
  private readonly pendingMerges: PendingMerge[] = [];
  /** Scratch space reused by add(), one slot per mention / person key. */
  private readonly handles: number[] = [];
  private readonly keyScratch: string[] = [];
  private readonly keyNumbers: number[] = [];
  private readonly bestBefore: number[] = [];

  constructor(options: Partial<ResolveOptions> = {}) {
    this.options = { ...RESOLVE_DEFAULTS, ...options };
  }

  /**
   * Adds one ingested record. Returns false (and changes nothing) when the
   * same record (source, record id, digest) was already added.
   */
  add(facts: RecordFacts): boolean {
    if (facts.quarantined) return false;
    const ev = facts.evidence;
    const recordKey = `${ev.source}\u0000${ev.recordId}\u0000${ev.recordSha256}`;
    if (this.records.has(recordKey)) return false;
    this.records.add(recordKey);
    const mentions = facts.mentions;
    const handles = this.handles;
    handles.length = 0;
    for (let i = 0; i < mentions.length; i++) handles.push(this.addMention(mentions[i]!, ev));
    for (const l of facts.links) {
      // A mention listed twice resolves to one node, so its first position will do.
      const fi = mentions.indexOf(l.from);
      const ti = mentions.indexOf(l.to);
      if (fi < 0 || ti < 0) continue;
      const from = handles[fi]!;
      const to = handles[ti]!;
      if (from === to) continue;
      const kind = this.linkKind(l.type);
      const key = from < END_LIMIT && to < END_LIMIT ? from * END_LIMIT + to : `${from},${to}`;
      const acc = kind.accs.get(key);
      if (acc === undefined) {
        const props: Properties = {};
        mergeProps(props, l.props, kind.sums);
        kind.accs.set(key, { type: l.type, from, to, props, evidence: [ev] });
      } else if (addEvidence(acc.evidence, ev)) {
        mergeProps(acc.props, l.props, kind.sums);
      }
    }
    return true;
  }

  private linkKind(type: LinkKind): LinkKindAccs {
    let kind = this.linkKinds.get(type);
    if (kind === undefined) {
      const declared = LINK_KINDS[type] as { directed: boolean; aggregate?: readonly string[] };
      kind = { type, directed: declared.directed, sums: declared.aggregate ?? NO_SUMS, accs: new Map() };
      this.linkKinds.set(type, kind);
    }
    return kind;
  }

  /** Returns the node number a link uses for this mention. */
  private addMention(m: Mention, ev: Evidence): number {
    if (m.kind !== 'Person') {
      const n = this.identifierNodes.get(m.id);
      if (n === undefined) {
        const props: Properties = {};
        mergeProps(props, m.props);
        const entity: Entity = { id: m.id, kind: m.kind, roles: uniqueRoles(m.roles), props, evidence: [ev], aliases: [] };
        this.identifierNodes.set(m.id, this.nodes.length);
        this.nodes.push(entity);
        return this.nodes.length - 1;
      }
      const entity = this.nodes[n] as Entity;
      for (const r of m.roles) if (!entity.roles.includes(r)) entity.roles.push(r);
      mergeProps(entity.props, m.props);
      addEvidence(entity.evidence, ev);
      return n;
    }

    const clusters = this.clusters;
    const keys = this.keyScratch;
    keys.length = 0;
    if (m.cnic) keys.push(`cnic:${m.cnic}`);
    for (const k of m.passportKeys) keys.push(`passport:${k}`);
    if (m.recordId) keys.push(`record:${m.recordId}`);
    if (keys.length === 0) throw new TypeError('a person mention needs a CNIC, a passport key or a record id');
    // The separate persons this record is about to join, before it joins them
    // (by their best keys: one per cluster, in key order).
    const numbers = this.keyNumbers;
    const before = this.bestBefore;
    numbers.length = 0;
    before.length = 0;
    for (const k of keys) {
      const i = clusters.indexOf(k);
      numbers.push(i);
      if (i >= 0) {
        const best = clusters.bestOf(i);
        if (!before.includes(best)) before.push(best);
      }
    }
    for (let j = 0; j < keys.length; j++) if (numbers[j]! < 0) numbers[j] = clusters.intern(keys[j]!);
    const first = numbers[0]!;
    for (let j = 1; j < numbers.length; j++) clusters.unionAt(first, numbers[j]!);
    if (before.length > 0) {
      const after = clusters.bestOf(first);
      for (const old of before) {
        if (old !== after) {
          this.pendingMerges.push({
            key: first,
            merged: personIdOfKey(clusters.keyAt(old)),
            reason: `one record ties ${keys.map((k) => k.replace(/^(\w+):/, '$1 ')).join(' and ')}`,
            evidence: ev,
          });
        }
      }
    }

    const n = this.personNodeOfKey[first] ?? -1;
    let node: PersonNode;
    if (n < 0) {
      node = new PersonNode(first, uniqueRoles(m.roles), {}, [ev]);
      this.personNodeOfKey[first] = this.nodes.length;
      this.nodes.push(node);
    } else {
      node = this.nodes[n] as PersonNode;
      for (const r of m.roles) if (!node.roles.includes(r)) node.roles.push(r);
      addEvidence(node.evidence, ev);
    }
    if (Object.hasOwn(m.props, 'cnic') || Object.hasOwn(m.props, 'passportKeys')) {
      const props: Properties = { ...m.props };
      if (m.cnic) props.cnic = m.cnic;
      if (m.passportKeys.length > 0) props.passportKeys = m.passportKeys;
      mergeProps(node.props, props);
    } else {
      // The same as merging { ...m.props, cnic, passportKeys }, without the copy.
      mergeProps(node.props, m.props);
      if (m.cnic) mergeValue(node.props, 'cnic', m.cnic, NO_SUMS);
      if (m.passportKeys.length > 0) mergeValue(node.props, 'passportKeys', m.passportKeys, NO_SUMS);
    }
    return n < 0 ? this.nodes.length - 1 : n;
  }

  /** Number of distinct records added so far. */
  get recordCount(): number {
    return this.records.size;
  }

  /**
   * The resolved graph, sorted by id so the same input gives the same output.
   * Entities and links share their property objects and evidence lists with
   * the resolver (no copies of 1M+ entities): treat the graph as read-only if
   * more records will be added.
   */
  finalize(): ResolvedGraph {
    const nodes = this.nodes;
    const clusters = this.clusters;
    /** Entities: the identifiers in node order, then the persons. */
    const entities: Entity[] = [];
    /** Entity of every node; its id (filled by push: `new Array(n)` of a large n is a slow dictionary array). */
    const entityOf = new Int32Array(nodes.length);
    const finalId: string[] = [];
    /** Nodes that share their entity with other person nodes (their links may coincide). */
    const shared = new Uint8Array(nodes.length);
    // Sorting by id reads each id a few characters at a time; the first read is done as the id is met.
    const entitySorter = new IdSorter<number>();

    // Person nodes by cluster (root key number), in node order.
    const groups = new Map<number, number | number[]>();
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      if (!(node instanceof PersonNode)) {
        entityOf[n] = entities.length;
        finalId.push(node.id);
        entitySorter.push(entities.length, node.id);
        entities.push(node);
        continue;
      }
      finalId.push('');
      const root = clusters.rootOf(node.key);
      const group = groups.get(root);
      if (group === undefined) groups.set(root, n);
      else if (typeof group === 'number') groups.set(root, [group, n]);
      else group.push(n);
    }
    const firstPerson = entities.length;
    /** Root key number → entity number of the cluster's person. */
    const personOfRoot = new Map<number, number>();
    for (const [root, group] of groups) {
      const id = personIdOfKey(clusters.keyAt(clusters.bestOf(root)));
      const e = entities.length;
      let person: Entity;
      if (typeof group === 'number') {
        // One node: its facts are the person's (nothing to combine).
        const node = nodes[group] as PersonNode;
        person = { id, kind: 'Person', roles: node.roles, props: node.props, evidence: node.evidence, aliases: [] };
        entityOf[group] = e;
        finalId[group] = id;
      } else {
        // Combine the nodes' facts in key order, for determinism.
        const keyed = group.map((n) => ({ n, key: clusters.keyAt((nodes[n] as PersonNode).key) }));
        keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        person = { id, kind: 'Person', roles: [], props: {}, evidence: [], aliases: [] };
        for (const { n } of keyed) {
          const node = nodes[n] as PersonNode;
          for (const r of node.roles) if (!person.roles.includes(r)) person.roles.push(r);
          mergeProps(person.props, node.props);
          unionEvidence(person.evidence, node.evidence);
          entityOf[n] = e;
          finalId[n] = id;
          shared[n] = 1;
        }
      }
      personOfRoot.set(root, e);
      entitySorter.push(e, id);
      entities.push(person);
    }
    // Every identifier-derived id of a cluster other than its own is an alias.
    for (let k = 0; k < clusters.count; k++) {
      const root = clusters.rootOf(k);
      if (clusters.bestOf(root) === k) continue;
      const e = personOfRoot.get(root);
      if (e === undefined) continue;
      const person = entities[e]!;
      const own = personIdOfKey(clusters.keyAt(k));
      if (own !== person.id && !person.aliases.includes(own)) person.aliases.push(own);
    }
    for (let e = 0; e < entities.length; e++) {
      const entity = entities[e]!;
      if (entity.roles.length > 1) entity.roles.sort();
      if (e >= firstPerson) {
        if (entity.aliases.length > 1) entity.aliases.sort();
        if (Array.isArray(entity.props.passportKeys)) entity.props.passportKeys.sort();
      }
      sortEvidence(entity.evidence);
    }
    const anyBar = entitySorter.anyBar;
    const byId = entitySorter.sortWithIds();
    /** Rank of every entity in id order. */
    const rank = new Int32Array(entities.length);
    byId.items.forEach((e, r) => {
      rank[e] = r;
    });

    const links = new LinkList(anyBar);
    /** Ids of links that may coincide with another (ends shared after merges, undirected kinds) → index in links. */
    const mayCoincide = new Map<string, number>();
    for (const kind of this.linkKinds.values()) {
      const { type, directed, sums } = kind;
      const anyCoincide = !directed || type === 'POSSIBLY_SAME_AS';
      for (const acc of kind.accs.values()) {
        const from = finalId[acc.from]!;
        const to = finalId[acc.to]!;
        if (from === to) continue; // a person linked to themself after a merge
        const keep = directed || from <= to;
        const a = keep ? from : to;
        const b = keep ? to : from;
        const ea = entityOf[keep ? acc.from : acc.to]!;
        const eb = entityOf[keep ? acc.to : acc.from]!;
        const id = linkId(type, a, b);
        if (!anyCoincide && shared[acc.from] === 0 && shared[acc.to] === 0) {
          // Distinct ends make a distinct link: the accumulator becomes the link
          // (no copy of props or evidence: memory at 1M+ links).
          links.push({ id, type, from: a, to: b, props: acc.props, evidence: acc.evidence }, ea, eb);
          continue;
        }
        const at = mayCoincide.get(id);
        if (at === undefined) {
          mayCoincide.set(id, links.size);
          links.push({ id, type, from: a, to: b, props: acc.props, evidence: acc.evidence }, ea, eb);
        } else {
          const existing = links.at(at);
          // Two person keys of one record cannot both carry the same link, so
          // the evidence sets are disjoint and the sums may be added.
          if (unionEvidence(existing.evidence, acc.evidence) > 0) mergeProps(existing.props, acc.props, sums);
        }
      }
    }
    for (const { link, from, to } of this.possiblySameAs(entities, firstPerson)) {
      const at = mayCoincide.get(link.id);
      if (at === undefined) links.push(link, from, to);
      else links.replace(at, link);
    }
    links.forEach((l) => {
      sortEvidence(l.evidence);
      l.props.count = l.evidence.length;
      setSeen(l.props, l.evidence);
    });
    const merges: MergeRecord[] = [];
    for (const m of this.pendingMerges) {
      const survivor = personIdOfKey(clusters.keyAt(clusters.bestOf(m.key)));
      if (survivor !== m.merged) merges.push({ survivor, merged: m.merged, reason: m.reason, evidence: m.evidence });
    }

    const sortedEntities: Entity[] = [];
    for (const e of byId.items) sortedEntities.push(entities[e]!);
    // Link ids are `from|TYPE|to`: without a `|` inside entity ids, their order is that of
    // (from by barRanks, TYPE + '|', to by rank), all numbers. Otherwise, sort the ids.
    const sortedLinks = anyBar ? links.sortById() : links.sortByEnds(barRanks(byId.ids), byId.items, rank);
    return { entities: sortedEntities, links: sortedLinks, merges };
  }

  /** Persons with the same birth date and similar names: scored candidates, never merged. */
  private possiblySameAs(entities: readonly Entity[], firstPerson: number): Array<{ link: Link; from: number; to: number }> {
    const blocks = new Map<string, number[]>();
    for (let p = firstPerson; p < entities.length; p++) {
      const e = entities[p]!;
      const dob = e.props.birthDate;
      if (e.kind !== 'Person' || typeof dob !== 'string' || typeof e.props.nameKey !== 'string') continue;
      let block = blocks.get(dob);
      if (block === undefined) blocks.set(dob, (block = []));
      block.push(p);
    }
    const out: Array<{ link: Link; from: number; to: number }> = [];
    for (const block of blocks.values()) {
      if (block.length < 2 || block.length > this.options.maxBlockSize) continue;
      block.sort((x, y) => (entities[x]!.id < entities[y]!.id ? -1 : 1));
      // Cheap prefilter: similar names share at least one folded token.
      const keys = block.map((p) => String(entities[p]!.props.nameKey));
      const tokens = keys.map((k) => new Set(k.split(' ')));
      // What nameSimilarity compares, computed once per person.
      const compared = keys.map((k) => nameTokens(k));
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          let sharesToken = false;
          for (const t of tokens[i]!) if (tokens[j]!.has(t)) { sharesToken = true; break; }
          if (!sharesToken) continue;
          const score = nameSimilarityOfTokens(compared[i]!, compared[j]!);
          if (score < this.options.possiblySameAsThreshold) continue;
          const a = entities[block[i]!]!;
          const b = entities[block[j]!]!;
          out.push({
            link: {
              id: linkId('POSSIBLY_SAME_AS', a.id, b.id),
              type: 'POSSIBLY_SAME_AS',
              from: a.id,
              to: b.id,
              props: { score: Math.round(score * 1000) / 1000, basis: 'name and birth date' },
              evidence: [a.evidence[0]!, b.evidence[0]!].filter((ev, k, arr) => arr.indexOf(ev) === k),
            },
            from: block[i]!,
            to: block[j]!,
          });
        }
      }
    }
    return out;
  }
}

/** Growable Int32Array. */
class IntList {
  private data = new Int32Array(1024);
  size = 0;

  push(v: number): void {
    if (this.size === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }
}

/** The links of a graph being finalized, with the entity numbers of their ends. */
class LinkList {
  private readonly links: Link[] = [];
  private readonly from = new IntList();
  private readonly to = new IntList();
  /** Kind of every link, as a number (see kindNumber). */
  private readonly kind = new IntList();
  private readonly kinds = new Map<string, number>();
  /** Only when ids must be sorted as strings (see finalize). */
  private readonly idSorter: IdSorter<Link> | undefined;

  constructor(sortIds: boolean) {
    this.idSorter = sortIds ? new IdSorter<Link>() : undefined;
  }

  get size(): number {
    return this.links.length;
  }

  push(link: Link, from: number, to: number): void {
    this.links.push(link);
    this.from.push(from);
    this.to.push(to);
    let kind = this.kinds.get(link.type);
    if (kind === undefined) this.kinds.set(link.type, (kind = this.kinds.size));
    this.kind.push(kind);
    this.idSorter?.push(link, link.id);
  }

  at(i: number): Link {
    return this.links[i]!;
  }

  /** Replaces link i by one with the same id (and ends). */
  replace(i: number, link: Link): void {
    this.links[i] = link;
    this.idSorter?.replace(i, link);
  }

  forEach(fn: (link: Link) => void): void {
    for (const l of this.links) fn(l);
  }

  sortById(): Link[] {
    return this.idSorter!.sort();
  }

  /**
   * The links in order of their ids, from the ranks of their ends: by
   * `from` in `fromRank` order (a counting sort), then by type (as `TYPE|`),
   * then by `to` in `toRank` order. `fromRank` is indexed by id order,
   * `byIdOrder` maps id order to entity numbers, `toRank` is indexed by
   * entity number.
   */
  sortByEnds(fromRank: Int32Array, byIdOrder: readonly number[], toRank: Int32Array): Link[] {
    const n = this.links.length;
    const entityCount = toRank.length;
    // Entity number → its from-rank.
    const fromRankOf = new Int32Array(entityCount);
    for (let r = 0; r < byIdOrder.length; r++) fromRankOf[byIdOrder[r]!] = fromRank[r]!;
    // Kind number → its place in the order of `TYPE|`.
    const kindOrder = new Int32Array(this.kinds.size);
    [...this.kinds.keys()]
      .sort((a, b) => (`${a}|` < `${b}|` ? -1 : 1))
      .forEach((t, i) => {
        kindOrder[this.kinds.get(t)!] = i;
      });
    // Counting sort by from-rank; each link's key within its `from` — (type, to) as one number
    // (< kinds · entities ≤ 2^53) — is placed alongside, so the small sorts below read contiguous memory.
    const start = new Int32Array(entityCount + 1);
    for (let i = 0; i < n; i++) start[fromRankOf[this.from.at(i)]! + 1]!++;
    for (let r = 0; r < entityCount; r++) start[r + 1]! += start[r]!;
    const fill = start.slice(0, entityCount);
    const order = new Int32Array(n);
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const at = fill[fromRankOf[this.from.at(i)]!]!++;
      order[at] = i;
      key[at] = kindOrder[this.kind.at(i)]! * entityCount + toRank[this.to.at(i)]!;
    }
    for (let r = 0; r < entityCount; r++) {
      const lo = start[r]!;
      const hi = start[r + 1]!;
      if (hi - lo > 1) sortRange(order, key, lo, hi);
    }
    const out: Link[] = [];
    for (let j = 0; j < n; j++) out.push(this.links[order[j]!]!);
    return out;
  }
}

/**
 * Sorts order[lo..hi) and key[lo..hi) together by key (stable): insertion
 * sort for the usual handful of links of one entity, a comparison sort for hubs.
 */
function sortRange(order: Int32Array, key: Float64Array, lo: number, hi: number): void {
  if (hi - lo <= 16) {
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i]!;
      const k = key[i]!;
      let j = i - 1;
      while (j >= lo && key[j]! > k) {
        order[j + 1] = order[j]!;
        key[j + 1] = key[j]!;
        j--;
      }
      order[j + 1] = v;
      key[j + 1] = k;
    }
    return;
  }
  const at: number[] = [];
  for (let i = lo; i < hi; i++) at.push(i);
  at.sort((a, b) => key[a]! - key[b]!);
  const o = at.map((i) => order[i]!);
  const k = at.map((i) => key[i]!);
  order.set(o, lo);
  key.set(k, lo);
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.row !== b.row) return a.row - b.row;
  return a.recordSha256 < b.recordSha256 ? -1 : a.recordSha256 > b.recordSha256 ? 1 : 0;
}
