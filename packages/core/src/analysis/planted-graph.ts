/**
 * A planted-ring graph built directly in memory (no CSV, no ingest), for
 * unit tests and for the speed benchmark at 100k–1M links where writing
 * and parsing files would dominate. The quality benchmark uses the real
 * generator and ingest instead.
 *
 * The model, per ring: one or two agents (each with their own phone and a
 * travel agency), applicants who applied through them, and the ring's
 * shared instruments — one to three bank accounts used for fake bank
 * statements, forged supporting documents each shared by a few applicants,
 * sometimes a shared safe-house address. Every applicant also has their own
 * phone, e-mail, address and passport, and pays the fee into their
 * consulate's account (a hub). Honest background applicants have only
 * their own identifiers, the consulate account, sometimes a legitimate
 * agent with many clients, sometimes a spouse sharing their address, and
 * sometimes a call to a visa call centre (another hub). Brokers, in turn
 * forger, money mule and fixer, each serve 2–4 rings: the forger supplied
 * documents held by applicants of each, the mule's account receives
 * payments from each ring's accounts, the fixer's phone calls each ring's
 * agents. With probability `linkNoise` an applicant's form carries the phone
 * or e-mail of an unrelated background person.
 *
 * Every ring, the background and the brokers draw from their own seeded
 * streams, so growing `ringScale` or `background` keeps every existing
 * entity and link and only adds (used by the ring-tracking tests).
 */
import type { Entity, Evidence, Link, LinkKind, ResolvedGraph } from '@ringlink/model';
import { linkId } from '@ringlink/model';
import { createRng, hashSeed, type Rng } from '../rng.js';

export interface PlantedOptions {
  seed: number;
  rings: number;
  brokers: number;
  background: number;
  /** Applicants per ring: uniform in [min, max], times ringScale. */
  ringSize: [number, number];
  ringScale: number;
  linkNoise: number;
  consulates: number;
  legitAgents: number;
}

export const PLANTED_DEFAULTS: PlantedOptions = {
  seed: 1, rings: 6, brokers: 3, background: 240, ringSize: [8, 24], ringScale: 1, linkNoise: 0.05, consulates: 3, legitAgents: 4,
};

export interface PlantedTruth {
  /** Person id → `ring-<n>` for ring members (agents and applicants). */
  ringOf: Map<string, string>;
  brokers: Array<{ id: string; type: 'forger' | 'money mule' | 'fixer'; rings: string[] }>;
  background: string[];
  hubs: string[];
}

const EV: Evidence = { source: 'planted', file: 'planted', fileSha256: '', row: 1, recordId: 'planted', recordSha256: '', observedAt: null };

export function plantedGraph(partial: Partial<PlantedOptions> = {}): { graph: ResolvedGraph; truth: PlantedTruth } {
  const o: PlantedOptions = { ...PLANTED_DEFAULTS, ...partial };
  const entities = new Map<string, Entity>();
  const links = new Map<string, Link>();
  const entity = (id: string, kind: Entity['kind'], roles: Entity['roles'] = [], props: Entity['props'] = {}): string => {
    const e = entities.get(id);
    if (!e) entities.set(id, { id, kind, roles: [...roles], props, evidence: [EV], aliases: [] });
    else for (const r of roles) if (!e.roles.includes(r)) e.roles.push(r);
    return id;
  };
  const link = (type: LinkKind, from: string, to: string): void => {
    if (from === to) return;
    const id = linkId(type, from, to);
    const l = links.get(id);
    if (l) l.evidence.push(EV);
    else links.set(id, { id, type, from, to, props: {}, evidence: [EV] });
  };
  const digits = (rng: Rng, k: number): string => {
    let s = '';
    for (let i = 0; i < k; i++) s += String(rng.int(0, 9));
    return s;
  };
  const truth: PlantedTruth = { ringOf: new Map(), brokers: [], background: [], hubs: [] };

  const fee = (c: number): string => entity(`account:PK00FEE${String(c).padStart(4, '0')}`, 'BankAccount', [], { holderNames: ['consulate'] });
  for (let c = 0; c < o.consulates; c++) truth.hubs.push(fee(c));
  const callCentre = entity('phone:+92510000000', 'Phone');
  truth.hubs.push(callCentre);

  const person = (rng: Rng, tag: string, roles: Entity['roles']): string =>
    entity(`person:cnic:${tag}${digits(rng, 13 - tag.length)}`, 'Person', roles, { name: `${tag} ${digits(rng, 3)}` });
  const ownIdentifiers = (rng: Rng, p: string, tag: string): { phone: string; email: string; address: string } => {
    const phone = entity(`phone:+923${tag}${digits(rng, 9 - tag.length)}`, 'Phone');
    const email = entity(`email:${tag}.${digits(rng, 8)}@example.com`, 'Email');
    link('USES_PHONE', p, phone);
    link('USES_EMAIL', p, email);
    const address = entity(`address:${tag}-${digits(rng, 8)}`, 'Address');
    link('LIVES_AT', p, address);
    link('HOLDS_DOCUMENT', p, entity(`document:passport:PAK:${tag}${digits(rng, 7)}`, 'Document', [], { status: 'genuine' }));
    return { phone, email, address };
  };

  // Background first (ring noise refers to it).
  const bg = createRng(hashSeed(o.seed, 'background'));
  const legit = Array.from({ length: o.legitAgents }, (_, i) => {
    const r = createRng(hashSeed(o.seed, 'legit', i));
    const a = person(r, `7${i % 10}`, ['Agent']);
    ownIdentifiers(r, a, `7${i % 10}`);
    return a;
  });
  const bgContacts: Array<{ phone: string; email: string; address: string }> = [];
  for (let i = 0; i < o.background; i++) {
    const p = person(bg, '9', ['Applicant']);
    truth.background.push(p);
    const own = ownIdentifiers(bg, p, '9');
    bgContacts.push(own);
    link('PAID_INTO', p, fee(bg.int(0, o.consulates - 1)));
    if (legit.length > 0 && bg.chance(0.3)) link('APPLIED_VIA', p, bg.pick(legit));
    if (bg.chance(0.1)) link('CALLED', own.phone, callCentre);
    if (bg.chance(0.08)) {
      const spouse = person(bg, '9', ['Applicant']);
      truth.background.push(spouse);
      bgContacts.push(ownIdentifiers(bg, spouse, '9'));
      link('PAID_INTO', spouse, fee(bg.int(0, o.consulates - 1)));
      link('LIVES_AT', spouse, own.address);
    }
  }

  const ringAccounts: string[][] = [];
  const ringAgents: Array<Array<{ agent: string; phone: string }>> = [];
  const ringApplicants: string[][] = [];
  for (let r = 0; r < o.rings; r++) {
    const rng = createRng(hashSeed(o.seed, 'ring', r));
    const label = `ring-${r + 1}`;
    const tag = String(10 + (r % 90));
    const agents = Array.from({ length: rng.chance(0.3) ? 2 : 1 }, () => {
      const agent = person(rng, tag, ['Agent']);
      truth.ringOf.set(agent, label);
      const phone = entity(`phone:+923${tag}${digits(rng, 7)}`, 'Phone');
      link('USES_PHONE', agent, phone);
      link('WORKS_FOR', agent, entity(`organization:agency ${tag} ${digits(rng, 4)}`, 'Organization', ['TravelAgency']));
      return { agent, phone };
    });
    const accounts = Array.from({ length: rng.int(1, 3) }, () => entity(`account:PK${tag}RING${digits(rng, 12)}`, 'BankAccount'));
    const docs = Array.from({ length: rng.int(2, 5) }, () =>
      entity(`document:bank_statement:PAK:${tag}${digits(rng, 8)}`, 'Document', [], { status: 'forged' }));
    const safeHouse = rng.chance(0.4) ? entity(`address:safe-house-${tag}-${digits(rng, 6)}`, 'Address') : undefined;
    const base = rng.int(o.ringSize[0], o.ringSize[1]);
    const size = Math.max(2, Math.round(base * o.ringScale));
    const applicants: string[] = [];
    // Each applicant draws from its own stream so larger rings keep the first ones.
    for (let i = 0; i < size; i++) {
      const ar = createRng(hashSeed(o.seed, 'ring', r, 'applicant', i));
      const p = person(ar, tag, ['Applicant']);
      applicants.push(p);
      truth.ringOf.set(p, label);
      ownIdentifiers(ar, p, tag);
      link('APPLIED_VIA', p, ar.pick(agents).agent);
      link('PAID_INTO', p, fee(ar.int(0, o.consulates - 1)));
      link('HOLDS_ACCOUNT', p, ar.pick(accounts));
      link('HOLDS_DOCUMENT', p, ar.pick(docs));
      if (ar.chance(0.5)) link('HOLDS_DOCUMENT', p, ar.pick(docs));
      if (safeHouse && ar.chance(0.5)) link('LIVES_AT', p, safeHouse);
      if (ar.chance(o.linkNoise) && bgContacts.length > 0) {
        const other = ar.pick(bgContacts);
        if (ar.chance(0.5)) link('USES_PHONE', p, other.phone);
        else link('USES_EMAIL', p, other.email);
      }
    }
    for (let i = 0; i + 1 < accounts.length; i++) link('PAID', accounts[i]!, accounts[i + 1]!);
    ringAccounts.push(accounts);
    ringAgents.push(agents);
    ringApplicants.push(applicants);
  }

  const types = ['forger', 'money mule', 'fixer'] as const;
  for (let b = 0; b < o.brokers && o.rings >= 2; b++) {
    const rng = createRng(hashSeed(o.seed, 'broker', b));
    const type = types[b % 3]!;
    const k = Math.min(o.rings, rng.int(2, 4));
    const served = rng.sample(Array.from({ length: o.rings }, (_, i) => i), k).sort((x, y) => x - y);
    const broker = person(rng, '8', []);
    const phone = entity(`phone:+9238${digits(rng, 8)}`, 'Phone');
    link('USES_PHONE', broker, phone);
    truth.brokers.push({ id: broker, type, rings: served.map((r) => `ring-${r + 1}`) });
    if (type === 'forger') {
      for (const r of served) {
        for (const p of rng.sample(ringApplicants[r]!, rng.int(2, 4))) {
          const doc = entity(`document:employment_letter:PAK:8${digits(rng, 9)}`, 'Document', [], { status: 'forged' });
          link('SUPPLIED_DOCUMENT', broker, doc);
          link('HOLDS_DOCUMENT', p, doc);
        }
      }
    } else if (type === 'money mule') {
      const account = entity(`account:PK88MULE${digits(rng, 12)}`, 'BankAccount');
      link('HOLDS_ACCOUNT', broker, account);
      for (const r of served) for (const a of rng.sample(ringAccounts[r]!, rng.int(1, 2))) link('PAID', a, account);
    } else {
      for (const r of served) for (const a of ringAgents[r]!) link('CALLED', phone, a.phone);
    }
  }

  const graph: ResolvedGraph = {
    entities: [...entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    links: [...links.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    merges: [],
  };
  for (const e of graph.entities) e.roles.sort();
  return { graph, truth };
}
