/**
 * FollowTheMoney import (NDJSON, one entity per line, as exported by Aleph).
 * Entities are read in full first (edges such as Payment refer to other
 * entities by id, in any order), then every line becomes one record:
 * things (Person, Company, BankAccount, Passport…) become mentions, edges
 * (Payment, Ownership, Representation, Family, Associate, Employment,
 * Directorship) become links between the mentions of their endpoints.
 * Schemas ringlink has no mapping for are quarantined with that reason.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import {
  accountKeyOf,
  addressId,
  documentId,
  emailId,
  ibanAccountId,
  localAccountId,
  nameKey,
  normalizeAccount,
  normalizeAddress,
  normalizeCnic,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePassport,
  normalizePhone,
  normalizeTimestamp,
  organizationId,
  organizationKey,
  passportKey,
  phoneId,
  recordPersonId,
  type Evidence,
  type IngestIssue,
  type LinkKind,
  type Properties,
} from '@ringlink/model';
import type { IngestProgress } from './ingest.js';
import type { IdentifierMention, LinkFact, Mention, PersonMention, RecordFacts } from './mentions.js';
import type { InputReport } from './report.js';

export const FTM_SOURCE = 'ftm';

interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

const PERSON_SCHEMAS = new Set(['Person']);
const ORG_SCHEMAS = new Set(['Company', 'Organization', 'LegalEntity', 'PublicBody']);
const THING_SCHEMAS = new Set([...PERSON_SCHEMAS, ...ORG_SCHEMAS, 'BankAccount', 'Passport', 'Identification']);

/** Edge schemas: which property holds each end, and the link it becomes. */
const EDGE_SCHEMAS: Record<string, { from: string; to: string; type: LinkKind }> = {
  Ownership: { from: 'owner', to: 'asset', type: 'OWNS' },
  Representation: { from: 'client', to: 'agent', type: 'APPLIED_VIA' },
  Family: { from: 'person', to: 'relative', type: 'ASSOCIATE_OF' },
  Associate: { from: 'person', to: 'associate', type: 'ASSOCIATE_OF' },
  Employment: { from: 'employee', to: 'employer', type: 'WORKS_FOR' },
  Directorship: { from: 'director', to: 'organization', type: 'WORKS_FOR' },
  Membership: { from: 'member', to: 'organization', type: 'WORKS_FOR' },
};

function first(e: FtmEntity, prop: string): string | undefined {
  const v = e.properties[prop]?.find((x) => typeof x === 'string' && x.trim() !== '');
  return v?.trim();
}

function all(e: FtmEntity, prop: string): string[] {
  return (e.properties[prop] ?? []).filter((x) => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
}

class FtmMapper {
  readonly issues: IngestIssue[] = [];
  quarantined = false;
  readonly mentions: Mention[] = [];
  readonly links: LinkFact[] = [];

  constructor(
    private readonly byId: Map<string, FtmEntity>,
    private readonly file: string,
    private readonly row: number,
  ) {}

  problem(field: string, code: string, message: string, quarantine: boolean): void {
    if (quarantine) this.quarantined = true;
    this.issues.push({ file: this.file, row: this.row, field, code, message, action: quarantine ? 'quarantined' : 'field_dropped' });
  }

  private identifiers(e: FtmEntity, owner: Mention): void {
    for (const raw of all(e, 'phone')) {
      const p = normalizePhone(raw);
      if (!p.ok) { this.problem('phone', p.code, `phone: ${p.message}`, false); continue; }
      this.link('USES_PHONE', owner, this.add({ kind: 'Phone', id: phoneId(p.value.e164), roles: [], props: { e164: p.value.e164, rawForms: [raw.slice(0, 40)] } }));
    }
    for (const raw of all(e, 'email')) {
      const m = normalizeEmail(raw);
      if (!m.ok) { this.problem('email', m.code, `email: ${m.message}`, false); continue; }
      this.link('USES_EMAIL', owner, this.add({ kind: 'Email', id: emailId(m.value), roles: [], props: { address: m.value, domain: m.value.split('@')[1]! } }));
    }
    for (const raw of all(e, 'address')) {
      const a = normalizeAddress(raw);
      if (!a.ok) continue;
      this.link('LIVES_AT', owner, this.add({ kind: 'Address', id: addressId(a.value.key), roles: [], props: { addressKey: a.value.key, text: a.value.text } }));
    }
  }

  private add<M extends Mention>(m: M): M {
    this.mentions.push(m);
    return m;
  }

  private link(type: LinkKind, from: Mention, to: Mention, props: Properties = {}): void {
    this.links.push({ type, from, to, props });
  }

  /** The mention for a thing entity (with its contact identifiers when `withContacts`). */
  thing(e: FtmEntity, withContacts: boolean): Mention | undefined {
    if (PERSON_SCHEMAS.has(e.schema)) {
      const person: PersonMention = { kind: 'Person', passportKeys: [], roles: [], props: {} };
      for (const raw of all(e, 'idNumber')) {
        const c = normalizeCnic(raw);
        if (c.ok) person.cnic ??= c.value;
      }
      const nationality = first(e, 'nationality') ?? first(e, 'country');
      for (const raw of all(e, 'passportNumber')) {
        const p = normalizePassport(raw, nationality ?? '');
        if (p.ok) person.passportKeys.push(passportKey(p.value.country, p.value.number));
        else this.problem('passportNumber', p.code, `passportNumber: ${p.message}`, false);
      }
      const name = first(e, 'name');
      if (name) {
        person.props.name = normalizeName(name);
        person.props.names = all(e, 'name').map(normalizeName);
        person.props.nameKey = nameKey(name);
      }
      const dob = first(e, 'birthDate');
      if (dob) {
        const d = normalizeDate(dob);
        if (d.ok) person.props.birthDate = d.value;
        else this.problem('birthDate', d.code, `birthDate: ${d.message}`, false);
      }
      if (nationality) {
        const c = normalizeCountry(nationality);
        if (c.ok) person.props.nationality = c.value;
      }
      if (person.cnic === undefined && person.passportKeys.length === 0) person.recordId = recordPersonId(FTM_SOURCE, e.id, 'person');
      this.add(person);
      if (withContacts) this.identifiers(e, person);
      return person;
    }
    if (ORG_SCHEMAS.has(e.schema)) {
      const name = first(e, 'name');
      const key = name ? organizationKey(name) : '';
      if (key === '') { this.problem('name', 'invalid_name', `${e.schema} ${e.id} has no usable name`, false); return undefined; }
      const country = first(e, 'country') ?? first(e, 'jurisdiction');
      const c = country ? normalizeCountry(country) : undefined;
      const org = this.add<IdentifierMention>({
        kind: 'Organization', id: organizationId(key), roles: [],
        props: { name: normalizeName(name!), nameKey: key, ...(c?.ok ? { country: c.value } : {}) },
      });
      if (withContacts) this.identifiers(e, org);
      return org;
    }
    if (e.schema === 'BankAccount') {
      const raw = first(e, 'iban') ?? first(e, 'accountNumber');
      if (raw === undefined) { this.problem('iban', 'missing', `BankAccount ${e.id} has neither iban nor accountNumber`, false); return undefined; }
      const a = normalizeAccount(raw);
      if (!a.ok) { this.problem('iban', a.code, `iban: ${a.message}`, false); return undefined; }
      const key = accountKeyOf(a.value);
      return this.add<IdentifierMention>({
        kind: 'BankAccount',
        id: a.value.kind === 'iban' ? ibanAccountId(a.value.iban) : localAccountId(a.value.bankCode, a.value.number),
        roles: [],
        props: a.value.kind === 'iban'
          ? { iban: a.value.iban, accountKey: key, country: a.value.country, rawForms: [raw.slice(0, 40)] }
          : { accountKey: key, bankCode: a.value.bankCode, number: a.value.number, rawForms: [raw.slice(0, 40)] },
      });
    }
    if (e.schema === 'Passport' || e.schema === 'Identification') {
      const number = first(e, 'number') ?? first(e, 'passportNumber');
      const p = normalizePassport(number ?? '', first(e, 'country') ?? '');
      if (!p.ok) { this.problem('number', p.code, `number: ${p.message}`, false); return undefined; }
      const docType = e.schema === 'Passport' ? 'passport' : (first(e, 'type') ?? 'identification').toLowerCase().replace(/\s+/g, '_');
      return this.add<IdentifierMention>({
        kind: 'Document', id: documentId(docType, p.value.country, p.value.number), roles: [],
        props: { documentKey: `${docType}:${p.value.country}:${p.value.number}`, docType, number: p.value.number, issuer: p.value.country },
      });
    }
    return undefined;
  }

  ref(e: FtmEntity, prop: string): Mention | undefined {
    const id = first(e, prop);
    if (id === undefined) return undefined;
    const target = this.byId.get(id);
    if (target === undefined) {
      this.problem(prop, 'unknown_reference', `${prop}: refers to entity ${id.slice(0, 40)}, which is not in this file`, false);
      return undefined;
    }
    return this.thing(target, false);
  }

  map(e: FtmEntity): void {
    if (THING_SCHEMAS.has(e.schema)) {
      const m = this.thing(e, true);
      if (m === undefined) { this.quarantined = true; this.issues.forEach((i) => (i.action = 'quarantined')); return; }
      if (m.kind === 'Document') {
        const holder = this.ref(e, 'holder');
        if (holder?.kind === 'Person' && m.props.docType === 'passport') holder.passportKeys.push(String(m.props.issuer) + ':' + String(m.props.number));
        if (holder) this.link('HOLDS_DOCUMENT', holder, m);
      }
      return;
    }
    if (e.schema === 'Payment') {
      const from = this.ref(e, 'payerAccount');
      const to = this.ref(e, 'beneficiaryAccount');
      if (from?.kind !== 'BankAccount' || to?.kind !== 'BankAccount') {
        this.problem('payerAccount', 'missing_endpoint', 'Payment without both payerAccount and beneficiaryAccount resolvable to bank accounts', true);
        return;
      }
      const payer = this.ref(e, 'payer');
      const beneficiary = this.ref(e, 'beneficiary');
      if (payer) this.link('HOLDS_ACCOUNT', payer, from);
      if (beneficiary) this.link('HOLDS_ACCOUNT', beneficiary, to);
      const amount = Number(first(e, 'amount'));
      const props: Properties = {};
      if (Number.isFinite(amount)) props.amount = amount;
      const currency = first(e, 'currency');
      if (currency) props.currency = [currency.toUpperCase()];
      this.link('PAID', from, to, props);
      return;
    }
    const edge = EDGE_SCHEMAS[e.schema];
    if (edge === undefined) {
      this.problem('schema', 'unsupported_schema', `FtM schema ${e.schema.slice(0, 40)} has no ringlink mapping`, true);
      return;
    }
    const from = this.ref(e, edge.from);
    const to = this.ref(e, edge.to);
    if (from === undefined || to === undefined) {
      this.problem(from === undefined ? edge.from : edge.to, 'missing_endpoint', `${e.schema} without a resolvable ${from === undefined ? edge.from : edge.to}`, true);
      return;
    }
    this.link(edge.type, from, to);
  }
}

function observedAtOf(e: FtmEntity): string | null {
  for (const prop of ['date', 'startDate', 'modifiedAt', 'createdAt']) {
    const v = first(e, prop);
    if (v) {
      const t = normalizeTimestamp(v);
      if (t.ok) return t.value;
    }
  }
  return null;
}

export async function importFtmRecords(
  input: { name: string; sha256: string; stream: Readable; totalBytes?: number },
  sink: (facts: RecordFacts) => void | Promise<void>,
  options: { onProgress?: (p: IngestProgress) => void } = {},
): Promise<{ input: InputReport; issues: IngestIssue[] }> {
  const lines: Array<{ row: number; text: string; entity?: FtmEntity; error?: string }> = [];
  const byId = new Map<string, FtmEntity>();
  let row = 0;
  for await (const text of createInterface({ input: input.stream, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    row++;
    try {
      const e = JSON.parse(text) as FtmEntity;
      if (typeof e?.id !== 'string' || typeof e.schema !== 'string' || typeof e.properties !== 'object' || e.properties === null) {
        lines.push({ row, text, error: 'not an FtM entity (needs id, schema, properties)' });
      } else {
        byId.set(e.id, e);
        lines.push({ row, text, entity: e });
      }
    } catch {
      lines.push({ row, text, error: 'not valid JSON' });
    }
  }
  const report: InputReport = { file: input.name, source: FTM_SOURCE, sha256: input.sha256, rows: 0, ingested: 0, quarantined: 0 };
  const issues: IngestIssue[] = [];
  for (const line of lines) {
    report.rows++;
    const evidence: Evidence = {
      source: FTM_SOURCE, file: input.name, fileSha256: input.sha256, row: line.row,
      recordId: line.entity?.id ?? `row-${line.row}`,
      recordSha256: createHash('sha256').update(line.text).digest('hex'),
      observedAt: line.entity ? observedAtOf(line.entity) : null,
    };
    let facts: RecordFacts;
    if (line.entity === undefined) {
      const issue: IngestIssue = { file: input.name, row: line.row, field: null, code: 'invalid_record', message: line.error!, action: 'quarantined' };
      facts = { evidence, mentions: [], links: [], issues: [issue], quarantined: true };
    } else {
      const mapper = new FtmMapper(byId, input.name, line.row);
      mapper.map(line.entity);
      facts = mapper.quarantined
        ? { evidence, mentions: [], links: [], issues: mapper.issues.filter((i) => i.action === 'quarantined'), quarantined: true }
        : { evidence, mentions: mapper.mentions, links: mapper.links, issues: mapper.issues, quarantined: false };
    }
    issues.push(...facts.issues);
    if (facts.quarantined) report.quarantined++;
    else report.ingested++;
    await sink(facts);
  }
  options.onProgress?.({ file: input.name, bytes: input.totalBytes ?? 0, totalBytes: input.totalBytes ?? 0, rows: report.rows });
  return { input: report, issues };
}
