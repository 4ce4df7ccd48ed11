/**
 * The part of a resolved graph a court package shows: the members, every
 * link among them, and (by default) every link from a member to an entity
 * outside (a third party, one hop out) together with that entity. Links
 * between two third parties are not included. Member ids given by an old
 * alias (an id merged away) resolve to the surviving entity.
 *
 * One pass over the links; the entities and links returned are the graph's
 * own objects (not copies), in the graph's order.
 */
import type { Entity, Link, ResolvedGraph } from '@ringlink/model';

export interface SubgraphOptions {
  /** Include links from members to entities outside the set, and those entities (default true). */
  includeThirdParties: boolean;
}

export interface RingSubgraph {
  entities: Entity[];
  links: Link[];
  /** Member ids as found in the graph (aliases resolved), sorted. */
  memberIds: string[];
  /** Requested ids found neither as an entity nor as an alias. */
  missing: string[];
}

export function selectRingSubgraph(
  graph: Pick<ResolvedGraph, 'entities' | 'links'>,
  memberIds: Iterable<string>,
  options: SubgraphOptions = { includeThirdParties: true },
): RingSubgraph {
  const byId = new Map<string, Entity>();
  const alias = new Map<string, string>();
  for (const e of graph.entities) {
    byId.set(e.id, e);
    for (const a of e.aliases) alias.set(a, e.id);
  }
  const members = new Set<string>();
  const missing: string[] = [];
  for (const id of memberIds) {
    const resolved = byId.has(id) ? id : alias.get(id);
    if (resolved === undefined) missing.push(id);
    else members.add(resolved);
  }
  const links: Link[] = [];
  const third = new Set<string>();
  for (const l of graph.links) {
    const a = members.has(l.from);
    const b = members.has(l.to);
    if (a && b) links.push(l);
    else if ((a || b) && options.includeThirdParties) {
      links.push(l);
      third.add(a ? l.to : l.from);
    }
  }
  const entities = graph.entities.filter((e) => members.has(e.id) || third.has(e.id));
  return { entities, links, memberIds: [...members].sort(), missing: [...new Set(missing)].sort() };
}
