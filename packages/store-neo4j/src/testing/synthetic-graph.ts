/**
 * A large, well-formed ResolvedGraph built directly in memory (no CSV, no
 * resolution), for the store benchmark and tests that need volume: visa
 * applications (applicant, phone, e-mail, address, agent, agency, fee
 * account, statement account, passport), bank transfers (PAID, summed
 * amounts) and calls (CALLED, summed durations). Shared identifiers and
 * hubs appear as in real data: phones shared by pairs of applicants, a
 * consulate fee account that every 20th application pays into, agents
 * serving many applicants. Deterministic for a given size.
 */
import {
  addressId,
  cnicPersonId,
  documentId,
  emailId,
  linkId,
  localAccountId,
  organizationId,
  phoneId,
  type Entity,
  type Evidence,
  type Link,
  type LinkKind,
  type Properties,
  type ResolvedGraph,
  type RoleLabel,
} from '@ringlink/model';

export interface SyntheticGraphOptions {
  /** Approximate number of links (the result has at least this many). */
  links: number;
}

const HEX = '0123456789abcdef';
function fakeSha(n: number, salt: number): string {
  // Deterministic 64-hex string (not a real digest; the store only keys on it).
  let x = (n * 2654435761 + salt * 40503) >>> 0;
  let s = '';
  for (let i = 0; i < 64; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += HEX[(x >>> 16) & 15];
  }
  return s;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** A valid Pakistani mobile number (+92 300–309) for a serial below 10^8. */
export function syntheticPhone(serial: number): string {
  return `+9230${Math.floor(serial / 10_000_000) % 10}${pad(serial % 10_000_000, 7)}`;
}

export function syntheticGraph(options: SyntheticGraphOptions): ResolvedGraph {
  const apps = Math.ceil(options.links / 7.7);
  const transfers = Math.ceil(apps * 0.35);
  const calls = Math.ceil(apps * 0.35);
  const entities = new Map<string, Entity>();
  const links = new Map<string, Link>();
  const appFile = fakeSha(1, 1);
  const txnFile = fakeSha(2, 2);
  const callFile = fakeSha(3, 3);
  const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + (n % 365) * 86_400_000).toISOString().replace('.000Z', 'Z');

  const entity = (id: string, kind: Entity['kind'], props: Properties, ev: Evidence, roles: RoleLabel[] = []): void => {
    let e = entities.get(id);
    if (e === undefined) {
      e = { id, kind, roles: [...roles], props, evidence: [], aliases: [] };
      entities.set(id, e);
    }
    for (const r of roles) if (!e.roles.includes(r)) e.roles.push(r);
    if (e.evidence[e.evidence.length - 1] !== ev) e.evidence.push(ev);
  };
  const link = (type: LinkKind, from: string, to: string, ev: Evidence, props: Properties = {}, sums: string[] = []): void => {
    const id = linkId(type, from, to);
    let l = links.get(id);
    if (l === undefined) {
      l = { id, type, from, to, props: { ...props }, evidence: [] };
      links.set(id, l);
    } else {
      for (const s of sums) l.props[s] = (l.props[s] as number) + (props[s] as number);
    }
    l.evidence.push(ev);
  };

  const feeAccount = localAccountId('NBP', '9000000001');
  const agents = Math.max(10, Math.floor(apps / 70));
  const agencies = Math.max(3, Math.floor(agents / 20));
  for (let i = 0; i < apps; i++) {
    const ev: Evidence = {
      source: 'applications', file: 'applications.csv', fileSha256: appFile, row: i + 1,
      recordId: `APP-${pad(i, 8)}`, recordSha256: fakeSha(i, 11), observedAt: day(i),
    };
    const cnic = `35202${pad(i, 8)}`;
    const person = cnicPersonId(cnic);
    entity(person, 'Person', { name: `applicant ${i}`, nameKey: `applicant ${i}`, names: [`applicant ${i}`], cnic, birthDate: '1990-01-01' }, ev, ['Applicant']);
    const e164 = syntheticPhone(Math.floor(i / 2));
    entity(phoneId(e164), 'Phone', { e164, country: 'PK', rawForms: [e164] }, ev);
    link('USES_PHONE', person, phoneId(e164), ev);
    const mail = `applicant${i}@example.com`;
    entity(emailId(mail), 'Email', { address: mail, domain: 'example.com' }, ev);
    link('USES_EMAIL', person, emailId(mail), ev);
    const addr = `house ${Math.floor(i / 3)} street 5 islamabad`;
    entity(addressId(addr), 'Address', { addressKey: addr, text: addr }, ev);
    link('LIVES_AT', person, addressId(addr), ev);
    const a = i % agents;
    const agentCnic = `61101${pad(a, 8)}`;
    const agent = cnicPersonId(agentCnic);
    entity(agent, 'Person', { name: `agent ${a}`, nameKey: `agent ${a}`, names: [`agent ${a}`], cnic: agentCnic }, ev, ['Agent']);
    link('APPLIED_VIA', person, agent, ev);
    const agencyKey = `agency-${a % agencies}`;
    entity(organizationId(agencyKey), 'Organization', { name: `Agency ${a % agencies}`, nameKey: agencyKey }, ev, ['TravelAgency']);
    link('WORKS_FOR', agent, organizationId(agencyKey), ev);
    const payInto = i % 20 === 0 ? feeAccount : localAccountId('HBL', pad(10_000_000 + Math.floor(i / 4), 10));
    entity(payInto, 'BankAccount', { accountKey: payInto.slice(8), bankCode: payInto.split(':')[1]!, number: payInto.split(':')[2]! }, ev);
    link('PAID_INTO', person, payInto, ev);
    const statement = localAccountId('MCB', pad(20_000_000 + Math.floor(i / 2), 10));
    entity(statement, 'BankAccount', { accountKey: statement.slice(8), bankCode: 'MCB', number: statement.split(':')[2]! }, ev);
    link('HOLDS_ACCOUNT', person, statement, ev);
    const passport = `AB${pad(i, 7)}`;
    const doc = documentId('passport', 'PAK', passport);
    entity(doc, 'Document', { documentKey: `passport:PAK:${passport}`, docType: 'passport', number: passport, issuer: 'PAK', status: i % 50 === 0 ? 'forged' : 'genuine' }, ev);
    link('HOLDS_DOCUMENT', person, doc, ev);
  }
  for (let t = 0; t < transfers; t++) {
    const ev: Evidence = {
      source: 'transactions', file: 'transactions.csv', fileSha256: txnFile, row: t + 1,
      recordId: `TXN-${pad(t, 8)}`, recordSha256: fakeSha(t, 22), observedAt: day(t),
    };
    const from = localAccountId('MCB', pad(20_000_000 + (t % Math.ceil(apps / 2)), 10));
    const to = localAccountId('HBL', pad(10_000_000 + ((t * 7) % Math.ceil(apps / 4)), 10));
    entity(from, 'BankAccount', { accountKey: from.slice(8), bankCode: 'MCB', number: from.split(':')[2]! }, ev);
    entity(to, 'BankAccount', { accountKey: to.slice(8), bankCode: 'HBL', number: to.split(':')[2]! }, ev);
    if (from !== to) link('PAID', from, to, ev, { amount: 1000 + (t % 97) * 250, currency: 'PKR' }, ['amount']);
  }
  for (let c = 0; c < calls; c++) {
    const ev: Evidence = {
      source: 'calls', file: 'calls.csv', fileSha256: callFile, row: c + 1,
      recordId: `CALL-${pad(c, 8)}`, recordSha256: fakeSha(c, 33), observedAt: day(c),
    };
    const a = phoneId(syntheticPhone(c % Math.ceil(apps / 2)));
    const b = phoneId(syntheticPhone((c * 13 + 5) % Math.ceil(apps / 2)));
    entity(a, 'Phone', { e164: a.slice(6), country: 'PK', rawForms: [a.slice(6)] }, ev);
    entity(b, 'Phone', { e164: b.slice(6), country: 'PK', rawForms: [b.slice(6)] }, ev);
    if (a !== b) link('CALLED', a, b, ev, { durationS: 30 + (c % 300) }, ['durationS']);
  }
  for (const l of links.values()) {
    l.props.count = l.evidence.length;
    const times = l.evidence.map((e) => e.observedAt!).sort();
    l.props.firstSeen = times[0]!;
    l.props.lastSeen = times[times.length - 1]!;
  }
  const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  return { entities: [...entities.values()].sort(byId), links: [...links.values()].sort(byId), merges: [] };
}
