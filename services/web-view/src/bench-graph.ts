/**
 * The benchmark's graph (no DOM): shaped like ringlink's real ones — rings
 * of persons bound by shared phones, accounts, documents, e-mails and
 * addresses, agents they applied through, a few hub accounts many pay
 * into, and brokers tied to several rings. Deterministic under a seed.
 */
import type { Entity, Link } from './api/types.js';

/** Mulberry32: the same graph every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCase(nodes: number, seed = 7): { entities: Entity[]; links: Link[] } {
  const r = rng(seed);
  const entities: Entity[] = [];
  const links: Link[] = [];
  const kinds = ['Phone', 'BankAccount', 'Document', 'Email', 'Address'];
  const add = (e: Entity): string => {
    entities.push(e);
    return e.id;
  };
  const link = (from: string, to: string, type: string): void => {
    links.push({ id: `${from}|${type}|${to}`, type, from, to, props: {}, evidenceCount: 1 + Math.floor(r() * 3) });
  };
  const hubs = Array.from({ length: 4 }, (_, i) => add({ id: `account:HUB${i}`, kind: 'BankAccount', roles: [], props: { accountKey: `HUB${i}` }, isHub: true }));
  let ring = 0;
  const persons: string[][] = [];
  while (entities.length < nodes) {
    ring++;
    const size = 12 + Math.floor(r() * 30);
    const ids: string[] = [];
    const shared = Array.from({ length: 3 + Math.floor(size / 6) }, (_, j) => {
      const kind = kinds[j % kinds.length]!;
      return add({ id: `${kind.toLowerCase()}:r${ring}-${j}`, kind, roles: [], props: { e164: `+9230${ring}${j}`, iban: `PK00R${ring}X${j}`, number: `D${ring}${j}`, address: `r${ring}.${j}@example.com`, text: `Street ${ring}/${j}` }, isHub: false });
    });
    for (let i = 0; i < size && entities.length < nodes; i++) {
      const p = add({ id: `person:r${ring}-${i}`, kind: 'Person', roles: [i === 0 ? 'Agent' : 'Applicant'], props: { name: `Person ${ring}-${i}` }, isHub: false });
      ids.push(p);
      for (let k = 0; k < 2; k++) link(p, shared[Math.floor(r() * shared.length)]!, ['USES_PHONE', 'HOLDS_ACCOUNT', 'HOLDS_DOCUMENT', 'USES_EMAIL', 'LIVES_AT'][Math.floor(r() * 5)]!);
      if (i > 0) link(p, ids[0]!, 'APPLIED_VIA');
      if (r() < 0.3) link(p, hubs[Math.floor(r() * hubs.length)]!, 'PAID_INTO');
    }
    persons.push(ids);
  }
  // Brokers: a person of one ring tied to identifiers of others.
  for (let b = 0; b < Math.max(2, Math.floor(ring / 10)); b++) {
    const id = add({ id: `person:broker-${b}`, kind: 'Person', roles: ['Agent'], props: { name: `Broker ${b}` }, isHub: false, broker: { rank: b + 1, betweenness: 0.3 / (b + 1), bridging: 3, pagerank: 0.01 } });
    for (let k = 0; k < 4; k++) link(id, persons[Math.floor(r() * persons.length)]![0]!, 'ASSOCIATE_OF');
  }
  return { entities, links };
}

