/**
 * The alert rules, evaluated on one ingested batch, incrementally: only the
 * batch's entities and links are looked at, and only their stored
 * neighbourhood facts are read (through AlertContext); the analysis is not
 * run again. Rules:
 *
 * - joined-ring: a new link attaches an entity that was not in ring R to a
 *   member of R (a person or an identifier): a new applicant using a ring
 *   agent's phone, paying into its fee account, carrying its forged
 *   statement.
 * - bridged-rings: a new link connects a member of ring R₁ (not in R₂) to a
 *   member of ring R₂ (not in R₁). Such a link raises bridged-rings only,
 *   not two joined-ring alerts besides.
 * - watchlist-hit: a watch-listed identifier appears in a record that is
 *   new to the store.
 *
 * "New" means not in the store before this batch: a link is new when no
 * relationship of its type joins its (stored) endpoints, a record when its
 * key is not stored. Re-ingesting a file therefore raises nothing. Entity
 * ids of the batch are mapped to stored ids first (a batch person may be a
 * stored person under another id, found through its CNIC or passport), so
 * rings and links are looked up where the store keeps them.
 *
 * Hubs (entities the analysis flagged) neither join nor are joined: a link
 * with a hub at either end raises no joined-ring or bridged-rings alert,
 * or every applicant paying the consulate's fee account would "join" the
 * ring whose agent also paid it.
 *
 * Candidates of one batch are merged by their deduplication key
 * (`rule|entity|ring(s)`): an applicant who uses the agent's phone and pays
 * into the fee account of the same ring is one candidate with two links.
 * Deterministic: the same batch and store give the same candidates in the
 * same order (severity, then key).
 */
import { ENTITY_KINDS, LINK_KINDS, kindOfId, linkId, personIdStrength, type EntityKind, type Evidence, type LinkKind } from '@ringlink/model';
import { resolveAlertOptions, type AlertOptions } from './defaults.js';
import { severityOf } from './severity.js';
import {
  recordKey,
  type AlertBatch,
  type AlertCandidate,
  type AlertContext,
  type AlertHop,
  type AlertPath,
  type AlertRule,
  type EntityFacts,
  type RingRef,
  type WatchMatch,
} from './types.js';
import { watchKeysOfEntity } from './watch-keys.js';

interface Node {
  /** Id in the batch. */
  batchId: string;
  /** Id shown in alerts: the stored id, or the batch id when new (persons: the stronger of the two, as the store will keep it). */
  id: string;
  kind: EntityKind;
  /** Stored ids the batch entity resolves to (none when new). */
  stored: string[];
  isHub: boolean;
  brokerRank: number | null;
  rings: RingRef[];
}

interface Acc {
  rule: AlertRule;
  entity: Node;
  member: Node | null;
  rings: RingRef[];
  /** Ring on the entity's side (bridged-rings), for the explaining path. */
  entityRing: RingRef | null;
  links: Map<string, AlertHop>;
  /** Members touched (their broker ranks count in the severity). */
  touched: Map<string, Node>;
  records: Map<string, Evidence>;
  watch: Map<string, WatchMatch>;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function betterId(a: string, b: string): string {
  const sa = personIdStrength(a);
  const sb = personIdStrength(b);
  if (sa !== sb) return sa > sb ? a : b;
  return a <= b ? a : b;
}

function mergeFacts(facts: Array<EntityFacts | undefined>): Pick<Node, 'isHub' | 'brokerRank' | 'rings'> {
  const rings = new Map<string, RingRef>();
  let isHub = false;
  let brokerRank: number | null = null;
  for (const f of facts) {
    if (f === undefined) continue;
    isHub ||= f.isHub;
    if (f.brokerRank !== null && (brokerRank === null || f.brokerRank < brokerRank)) brokerRank = f.brokerRank;
    for (const r of f.rings) {
      const had = rings.get(r.id);
      if (had === undefined || had.score < r.score) rings.set(r.id, { id: r.id, score: r.score });
    }
  }
  return { isHub, brokerRank, rings: [...rings.values()].sort(byId) };
}

const describe = (kind: EntityKind): string => ENTITY_KINDS[kind].label.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const firstRecord = (records: Iterable<Evidence>): string => {
  for (const r of records) return `${r.source} record ${r.recordId} (${r.file} row ${r.row})`;
  return 'no record';
};

/** Evaluates the rules on one batch. See the module comment. */
export async function evaluateAlerts(batch: AlertBatch, ctx: AlertContext, options: Partial<AlertOptions> = {}): Promise<AlertCandidate[]> {
  const opts = resolveAlertOptions(options);

  // 1. Batch entities, mapped to what the store holds.
  const batchEntities = new Map(batch.entities.map((e) => [e.id, e] as const));
  const keysOf = (id: string): string[] => {
    const e = batchEntities.get(id);
    return e === undefined ? [id] : [...new Set([e.id, ...e.aliases])];
  };
  const ids = new Set<string>(batchEntities.keys());
  for (const l of batch.links) {
    ids.add(l.from);
    ids.add(l.to);
  }
  const allKeys = [...new Set([...ids].flatMap(keysOf))];
  // The watch list depends on the batch only: asked while the store resolves the batch's ids.
  const watchKeys = new Map<string, string[]>();
  for (const e of batch.entities) {
    const keys = watchKeysOfEntity(e);
    if (keys.length > 0) watchKeys.set(e.id, keys);
  }
  const allWatchKeys = [...new Set([...watchKeys.values()].flat())];
  const matchesAsked = allWatchKeys.length > 0 ? ctx.watchlistMatches(allWatchKeys) : Promise.resolve(new Map<string, WatchMatch[]>());
  matchesAsked.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  let resolved = new Map<string, string>();
  let facts = new Map<string, EntityFacts>();
  if (allKeys.length > 0 && ctx.resolveWithFacts) {
    ({ resolved, facts } = await ctx.resolveWithFacts(allKeys));
  } else if (allKeys.length > 0) {
    resolved = await ctx.resolve(allKeys);
    const storedIds = [...new Set(resolved.values())];
    if (storedIds.length > 0) facts = await ctx.entityFacts(storedIds);
  }

  const nodes = new Map<string, Node>();
  for (const id of ids) {
    const kind = batchEntities.get(id)?.kind ?? kindOfId(id);
    if (kind === undefined) continue;
    const stored = [...new Set(keysOf(id).map((k) => resolved.get(k)).filter((s): s is string => s !== undefined))].sort();
    let shown = stored[0] ?? id;
    if (kind === 'Person') for (const s of stored) shown = betterId(shown, betterId(s, id));
    nodes.set(id, { batchId: id, id: shown, kind, stored, ...mergeFacts(stored.map((s) => facts.get(s))) });
  }

  const accs = new Map<string, Acc>();
  const accFor = (key: string, init: () => Acc): Acc => {
    let a = accs.get(key);
    if (a === undefined) accs.set(key, (a = init()));
    return a;
  };

  // 2. Ring rules, on links new to the store.
  const ringKinds = new Set<LinkKind>(opts.ringLinkKinds);
  const candidates: Array<{ link: AlertBatch['links'][number]; u: Node; v: Node; storedIds: string[] }> = [];
  for (const l of batch.links) {
    if (!ringKinds.has(l.type)) continue;
    const u = nodes.get(l.from);
    const v = nodes.get(l.to);
    if (u === undefined || v === undefined || u.id === v.id) continue;
    if (u.rings.length === 0 && v.rings.length === 0) continue;
    if (u.isHub || v.isHub) continue; // hub suppression
    const combos: string[] = [];
    for (const a of u.stored) for (const b of v.stored) combos.push(linkId(l.type, a, b));
    candidates.push({ link: l, u, v, storedIds: combos });
  }
  const toCheck = [...new Set(candidates.flatMap((c) => c.storedIds))];
  const existingAsked = toCheck.length > 0 ? ctx.existingLinks(toCheck) : Promise.resolve(new Set<string>());
  existingAsked.catch(() => {});
  // Meanwhile: which batch entities the watch list names, and whether their records are stored.
  const matches = await matchesAsked;
  const hits = matches.size > 0 ? batch.entities.filter((e) => (watchKeys.get(e.id) ?? []).some((k) => matches.has(k))) : [];
  const recordKeys = [...new Set(hits.flatMap((e) => e.evidence.map(recordKey)))];
  const knownAsked = recordKeys.length > 0 ? ctx.existingRecords(recordKeys) : Promise.resolve(new Set<string>());
  knownAsked.catch(() => {});
  const existing = await existingAsked;

  for (const { link, u, v, storedIds: combos } of candidates) {
    if (combos.some((id) => existing.has(id))) continue;
    const hop: AlertHop = {
      linkId: linkId(link.type, u.id, v.id),
      type: link.type,
      from: u.id,
      to: v.id,
      isNew: true,
      evidence: [...link.evidence],
    };
    const inV = new Set(v.rings.map((r) => r.id));
    const inU = new Set(u.rings.map((r) => r.id));
    const onlyU = u.rings.filter((r) => !inV.has(r.id));
    const onlyV = v.rings.filter((r) => !inU.has(r.id));
    const add = (acc: Acc, member: Node): void => {
      if (acc.links.size < opts.maxLinksPerAlert) acc.links.set(hop.linkId, hop);
      acc.touched.set(member.id, member);
      for (const ev of link.evidence) if (acc.records.size < opts.maxLinksPerAlert) acc.records.set(recordKey(ev), ev);
    };
    if (onlyU.length > 0 && onlyV.length > 0) {
      // A person is the actor of a bridge; between two identifiers the link's source is.
      const [entity, member] = u.kind !== 'Person' && v.kind === 'Person' ? [v, u] : [u, v];
      const entityRings = entity === u ? onlyU : onlyV;
      const memberRings = entity === u ? onlyV : onlyU;
      for (const r1 of entityRings) {
        for (const r2 of memberRings) {
          const pair = [r1, r2].sort(byId);
          const key = `bridged-rings|${entity.id}|${pair[0]!.id}+${pair[1]!.id}`;
          const acc = accFor(key, () => ({
            rule: 'bridged-rings', entity, member, rings: pair, entityRing: r1,
            links: new Map(), touched: new Map(), records: new Map(), watch: new Map(),
          }));
          add(acc, member);
          acc.touched.set(entity.id, entity);
        }
      }
      continue;
    }
    const joins: Array<[Node, Node, RingRef[]]> = [];
    if (onlyV.length > 0) joins.push([u, v, onlyV]);
    if (onlyU.length > 0) joins.push([v, u, onlyU]);
    for (const [entity, member, rings] of joins) {
      for (const ring of rings) {
        const key = `joined-ring|${entity.id}|${ring.id}`;
        const acc = accFor(key, () => ({
          rule: 'joined-ring', entity, member, rings: [ring], entityRing: null,
          links: new Map(), touched: new Map(), records: new Map(), watch: new Map(),
        }));
        add(acc, member);
      }
    }
  }

  // 3. Watch list, on records new to the store.
  const known = await knownAsked;
  if (hits.length > 0) {
    for (const e of hits) {
      const fresh = e.evidence.filter((ev) => !known.has(recordKey(ev)));
      if (fresh.length === 0) continue;
      const node = nodes.get(e.id)!;
      const freshKeys = new Set(fresh.map(recordKey));
      const related = batch.links
        .filter((l) => (l.from === e.id || l.to === e.id) && l.evidence.some((ev) => freshKeys.has(recordKey(ev))))
        .sort((a, b) => LINK_KINDS[b.type].weight - LINK_KINDS[a.type].weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const k of watchKeys.get(e.id)!) {
        const entries = matches.get(k);
        if (entries === undefined) continue;
        const acc = accFor(`watchlist-hit|${node.id}|${k}`, () => ({
          rule: 'watchlist-hit', entity: node, member: null, rings: node.rings, entityRing: null,
          links: new Map(), touched: new Map([[node.id, node]]), records: new Map(), watch: new Map(),
        }));
        for (const w of entries) acc.watch.set(`${w.key}\u0000${w.identifier}`, w);
        for (const ev of fresh) if (acc.records.size < opts.maxLinksPerAlert) acc.records.set(recordKey(ev), ev);
        for (const l of related) {
          if (acc.links.size >= opts.maxLinksPerAlert) break;
          const from = nodes.get(l.from)?.id ?? l.from;
          const to = nodes.get(l.to)?.id ?? l.to;
          const id = linkId(l.type, from, to);
          acc.links.set(id, { linkId: id, type: l.type, from, to, isNew: true, evidence: l.evidence.filter((ev) => freshKeys.has(recordKey(ev))) });
        }
      }
    }
  }

  // 4. Paths, severity, summaries.
  const out: AlertCandidate[] = [];
  out.push(...(await Promise.all([...accs].map(([key, acc]) => finish(key, acc, ctx, opts)))));
  out.sort((a, b) => b.severityScore - a.severityScore || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** The link that explains a ring alert best: one ending on a person, then the strongest kind, then by id. */
function bestHop(hops: Iterable<AlertHop>, memberOf: (h: AlertHop) => string): AlertHop {
  let best: AlertHop | undefined;
  const rank = (h: AlertHop): [number, number] => [kindOfId(memberOf(h)) === 'Person' ? 1 : 0, LINK_KINDS[h.type].weight];
  for (const h of hops) {
    if (best === undefined) { best = h; continue; }
    const [pa, wa] = rank(h);
    const [pb, wb] = rank(best);
    if (pa > pb || (pa === pb && (wa > wb || (wa === wb && h.linkId < best.linkId)))) best = h;
  }
  return best!;
}

async function tie(ctx: AlertContext, member: string, ring: RingRef | null): Promise<AlertHop | undefined> {
  if (ring === null || ctx.ringTie === undefined || kindOfId(member) === 'Person') return undefined;
  return ctx.ringTie(member, ring.id);
}

const other = (h: AlertHop, id: string): string => (h.from === id ? h.to : h.from);

async function finish(key: string, acc: Acc, ctx: AlertContext, opts: AlertOptions): Promise<AlertCandidate> {
  const links = [...acc.links.values()].sort((a, b) => (a.linkId < b.linkId ? -1 : 1));
  const records = [...acc.records.values()];
  const entity = acc.entity;
  let path: AlertPath;
  let member: string | null = null;
  let summary: string;
  const ringText = (r: RingRef): string => `ring ${r.id} (score ${Math.round(r.score * 10) / 10})`;

  if (acc.rule === 'joined-ring') {
    const hop = bestHop(links, (h) => other(h, entity.id));
    member = other(hop, entity.id);
    path = { nodes: [entity.id, member], hops: [hop] };
    const last = await tie(ctx, member, acc.rings[0]!);
    if (last) {
      path.nodes.push(other(last, member));
      path.hops.push(last);
    }
    const more = links.length > 1 ? ` and ${links.length - 1} more new link${links.length > 2 ? 's' : ''}` : '';
    summary =
      `${describe(entity.kind)} ${entity.id}${entity.stored.length === 0 ? ' (new)' : ''} is now tied to ${member}, ` +
      `a member of ${ringText(acc.rings[0]!)}, by ${hop.type}${more}; ${firstRecord(records)}.`;
  } else if (acc.rule === 'bridged-rings') {
    const hop = bestHop(links, (h) => other(h, entity.id));
    member = other(hop, entity.id);
    const memberRing = acc.rings.find((r) => r.id !== acc.entityRing!.id) ?? null;
    path = { nodes: [entity.id, member], hops: [hop] };
    const start = await tie(ctx, entity.id, acc.entityRing);
    if (start) {
      path.nodes.unshift(other(start, entity.id));
      path.hops.unshift(start);
    }
    const end = await tie(ctx, member, memberRing);
    if (end) {
      path.nodes.push(other(end, member));
      path.hops.push(end);
    }
    summary =
      `${describe(entity.kind)} ${entity.id} of ${ringText(acc.entityRing!)} is now tied to ${member} of ${ringText(memberRing ?? acc.rings[1]!)} ` +
      `by ${hop.type}: the two rings are bridged; ${firstRecord(records)}.`;
  } else {
    path = links.length > 0 ? { nodes: [entity.id, other(links[0]!, entity.id)], hops: [links[0]!] } : { nodes: [entity.id], hops: [] };
    const w = [...acc.watch.values()][0]!;
    const rings = acc.rings.length > 0 ? `; member of ${acc.rings.map(ringText).join(', ')}` : '';
    summary =
      `watch-listed ${w.kind} ${w.identifier}${w.note ? ` ("${w.note}")` : ''} appears in ${records.length} new record${records.length === 1 ? '' : 's'} ` +
      `as ${entity.id}: ${firstRecord(records)}${rings}.`;
  }

  const sev = severityOf(
    {
      rule: acc.rule,
      ringScores: acc.rings.map((r) => r.score),
      brokerRanks: [...acc.touched.values()].map((n) => n.brokerRank),
    },
    opts,
  );
  return {
    key,
    rule: acc.rule,
    entity: entity.id,
    entityKind: entity.kind,
    rings: acc.rings.map((r) => ({ ...r })),
    member,
    severity: sev.severity,
    severityScore: sev.score,
    severityParts: sev.parts,
    path,
    links,
    records,
    watch: [...acc.watch.values()],
    summary,
  };
}
