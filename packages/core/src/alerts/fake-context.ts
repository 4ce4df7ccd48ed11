/**
 * An in-memory AlertContext for unit tests and for callers without a store
 * (a what-if on a file): stored entities with their analysis facts,
 * aliases, stored link ids and record keys, and a watch list. Records
 * which lookups were made, so tests can check the rules stay incremental.
 */
import type { AlertContext, AlertHop, EntityFacts, RingRef, WatchMatch } from './types.js';

export interface MemoryStoreEntity {
  id: string;
  isHub?: boolean;
  brokerRank?: number;
  betweenness?: number;
  rings?: RingRef[];
}

export class MemoryAlertContext implements AlertContext {
  readonly entities = new Map<string, MemoryStoreEntity>();
  readonly aliases = new Map<string, string>();
  readonly links = new Set<string>();
  readonly records = new Set<string>();
  readonly watch = new Map<string, WatchMatch[]>();
  /** `member|ring` → the tie to a ring person. */
  readonly ties = new Map<string, AlertHop>();
  /** Every id or key each method was asked about, in order. */
  readonly asked: Record<'resolve' | 'entityFacts' | 'existingLinks' | 'existingRecords' | 'watchlistMatches', string[]> = {
    resolve: [], entityFacts: [], existingLinks: [], existingRecords: [], watchlistMatches: [],
  };

  entity(e: MemoryStoreEntity): this {
    this.entities.set(e.id, e);
    return this;
  }

  async resolve(keys: readonly string[]): Promise<Map<string, string>> {
    this.asked.resolve.push(...keys);
    const out = new Map<string, string>();
    for (const k of keys) {
      if (this.entities.has(k)) out.set(k, k);
      else if (this.aliases.has(k)) out.set(k, this.aliases.get(k)!);
    }
    return out;
  }

  async entityFacts(ids: readonly string[]): Promise<Map<string, EntityFacts>> {
    this.asked.entityFacts.push(...ids);
    const out = new Map<string, EntityFacts>();
    for (const id of ids) {
      const e = this.entities.get(id);
      if (e === undefined) continue;
      out.set(id, { id, isHub: e.isHub === true, brokerRank: e.brokerRank ?? null, betweenness: e.betweenness ?? null, rings: e.rings ?? [] });
    }
    return out;
  }

  async existingLinks(linkIds: readonly string[]): Promise<Set<string>> {
    this.asked.existingLinks.push(...linkIds);
    return new Set(linkIds.filter((id) => this.links.has(id)));
  }

  async existingRecords(keys: readonly string[]): Promise<Set<string>> {
    this.asked.existingRecords.push(...keys);
    return new Set(keys.filter((k) => this.records.has(k)));
  }

  async watchlistMatches(keys: readonly string[]): Promise<Map<string, WatchMatch[]>> {
    this.asked.watchlistMatches.push(...keys);
    const out = new Map<string, WatchMatch[]>();
    for (const k of keys) if (this.watch.has(k)) out.set(k, this.watch.get(k)!);
    return out;
  }

  async ringTie(memberId: string, ringId: string): Promise<AlertHop | undefined> {
    return this.ties.get(`${memberId}|${ringId}`);
  }
}
