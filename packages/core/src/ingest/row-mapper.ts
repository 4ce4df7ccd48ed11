/**
 * Applies a mapping spec to one record: normalizes every identifier,
 * builds the record's mentions and links, and decides whether the record is
 * ingested (possibly with some fields dropped) or quarantined. Never throws
 * on bad data: every problem becomes an IngestIssue.
 */
import { createHash } from 'node:crypto';
import {
  accountKeyOf,
  addressId,
  documentId,
  emailId,
  ENTITY_KINDS,
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
  parseMrz,
  passportKey,
  phoneId,
  recordPersonId,
  type CountryCode,
  type EntityKind,
  type Evidence,
  type IngestIssue,
  type NormalizeResult,
  type Properties,
  type PropertyValue,
  type RoleLabel,
} from '@ringlink/model';
import type { EntityMapping, MappingSpec, PropertyMapping } from './mapping-spec.js';
import type { IdentifierMention, LinkFact, Mention, PersonMention, RecordFacts } from './mentions.js';

export type RawRecord = Record<string, string | undefined>;

export interface RecordContext {
  file: string;
  fileSha256: string;
  /** 1-based record number. */
  row: number;
}

/** SHA-256 over the record's fields in a canonical order (sorted keys). */
export function recordDigest(record: RawRecord): string {
  const keys = Object.keys(record).sort();
  const canonical = JSON.stringify(keys.map((k) => [k, record[k] ?? '']));
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Values such as countries and addresses repeat across many rows; their
 * normalizers are pure, so results are memoized (bounded, cleared when full).
 */
function memoize<T>(fn: (raw: string) => T, limit = 50_000): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    let v = cache.get(raw);
    if (v === undefined) {
      if (cache.size >= limit) cache.clear();
      v = fn(raw);
      cache.set(raw, v);
    }
    return v;
  };
}
const countryOf = memoize(normalizeCountry);
const addressOf = memoize(normalizeAddress);

class RecordMapper {
  readonly issues: IngestIssue[] = [];
  quarantined = false;

  constructor(
    private readonly spec: MappingSpec,
    private readonly record: RawRecord,
    private readonly ctx: RecordContext,
  ) {}

  value(column: string | undefined): string | undefined {
    if (column === undefined) return undefined;
    const v = this.record[column];
    if (v === undefined) return undefined;
    const trimmed = v.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  /** Records a field problem; `required` problems quarantine the record. */
  problem(field: string | null, code: string, message: string, required: boolean): void {
    if (required) this.quarantined = true;
    this.issues.push({
      file: this.ctx.file,
      row: this.ctx.row,
      field,
      code,
      message,
      action: required ? 'quarantined' : 'field_dropped',
    });
  }

  /** Unwraps a normalizer result, reporting its failure against `column`. */
  take<T>(column: string, result: NormalizeResult<T>, required: boolean): T | undefined {
    if (result.ok) return result.value;
    this.problem(column, result.code, `${column}: ${result.message}`, required);
    return undefined;
  }

  property(name: string, mapping: PropertyMapping, kind: EntityKind | null, bounds: { observedDate?: string }): PropertyValue | undefined {
    const { column, type, required } =
      typeof mapping === 'string' ? { column: mapping, type: 'string' as const, required: false } : mapping;
    const raw = this.value(column);
    if (raw === undefined) {
      if (required) this.problem(column, 'missing', `${column}: required value is missing`, true);
      return undefined;
    }
    let value: PropertyValue | undefined;
    switch (type) {
      case 'string':
        value = name === 'name' || name === 'holderName' ? normalizeName(raw) : raw;
        break;
      case 'date':
        value = this.take(
          column,
          normalizeDate(raw, name === 'birthDate' ? { min: '1900-01-01', ...(bounds.observedDate ? { max: bounds.observedDate } : {}) } : {}),
          required,
        );
        break;
      case 'timestamp':
        value = this.take(column, normalizeTimestamp(raw), required);
        break;
      case 'country':
        value = this.take(column, countryOf(raw), required);
        break;
      case 'number': {
        const n = Number(raw.replace(/,/g, ''));
        if (Number.isFinite(n)) value = n;
        else this.problem(column, 'invalid_number', `${column}: "${raw.slice(0, 40)}" is not a number`, required);
        break;
      }
    }
    if (value !== undefined && kind !== null && ENTITY_KINDS[kind].properties[name as never] === 'string[]') {
      value = [String(value)];
    }
    return value;
  }

  properties(mapping: Record<string, PropertyMapping>, kind: EntityKind | null, bounds: { observedDate?: string }): Properties {
    const props: Properties = {};
    for (const [name, m] of Object.entries(mapping)) {
      const v = this.property(name, m, kind, bounds);
      if (v !== undefined) props[name] = v;
    }
    return props;
  }

  person(ref: string, m: EntityMapping, bounds: { observedDate?: string }): PersonMention | undefined {
    const identity = m.identity ?? {};
    const mention: PersonMention = { kind: 'Person', passportKeys: [], roles: m.roles as RoleLabel[], props: {} };
    const cnicRaw = this.value(identity.cnic);
    if (identity.cnic && cnicRaw !== undefined) {
      const cnic = this.take(identity.cnic, normalizeCnic(cnicRaw), false);
      if (cnic !== undefined) mention.cnic = cnic;
    }
    const passport = identity.passport;
    const passportRaw = this.value(passport?.number);
    if (passport && passportRaw !== undefined) {
      const country = this.value(passport.country) ?? passport.defaultCountry ?? '';
      const p = this.take(passport.number, normalizePassport(passportRaw, country), false);
      if (p !== undefined) mention.passportKeys.push(passportKey(p.country, p.number));
    }
    const mrzRaw = this.value(identity.mrz);
    if (identity.mrz && mrzRaw !== undefined) {
      const mrz = this.take(identity.mrz, parseMrz(mrzRaw), false);
      if (mrz !== undefined) {
        mention.passportKeys.push(passportKey(mrz.issuer, mrz.number));
        if (mrz.birthDate) mention.props.birthDate = mrz.birthDate;
        mention.props.name = normalizeName(`${mrz.givenNames} ${mrz.surname}`);
      }
    }
    Object.assign(mention.props, this.properties(m.properties, 'Person', bounds));
    if (typeof mention.props.name === 'string') {
      mention.props.nameKey = nameKey(mention.props.name);
      mention.props.names = [mention.props.name];
    }
    if (mention.cnic === undefined && mention.passportKeys.length === 0) {
      const columns = [identity.cnic, passport?.number, identity.mrz].filter(Boolean).join(', ');
      if (m.required) {
        this.problem(columns, 'missing_identity', `${ref}: no valid identifier (${columns})`, true);
        return undefined;
      }
      if (!m.allowRecordIdentity || Object.keys(mention.props).length === 0) return undefined;
      mention.recordId = recordPersonId(this.spec.name, this.recordId(), ref);
    }
    return mention;
  }

  identifier(ref: string, m: EntityMapping, bounds: { observedDate?: string }): IdentifierMention[] {
    const kind = m.kind as Exclude<EntityKind, 'Person'>;
    const roles = m.roles as RoleLabel[];
    if (kind === 'Document') return this.documents(ref, m, bounds);
    const column = m.column!;
    const raw = this.value(column);
    if (raw === undefined) {
      if (m.required) this.problem(column, 'missing', `${column}: required value is missing`, true);
      return [];
    }
    const props = this.properties(m.properties, kind, bounds);
    const one = (id: string, own: Properties): IdentifierMention[] => [{ kind, id, roles, props: { ...own, ...props } }];
    switch (kind) {
      case 'Phone': {
        const p = this.take(column, normalizePhone(raw, { defaultRegion: this.spec.phoneRegion as CountryCode }), m.required);
        if (!p) return [];
        return one(phoneId(p.e164), { e164: p.e164, ...(p.country ? { country: p.country } : {}), rawForms: [raw.slice(0, 40)] });
      }
      case 'BankAccount': {
        const a = this.take(column, normalizeAccount(raw), m.required);
        if (!a) return [];
        const key = accountKeyOf(a);
        const own: Properties =
          a.kind === 'iban'
            ? { iban: a.iban, accountKey: key, country: a.country }
            : { accountKey: key, bankCode: a.bankCode, number: a.number };
        own.rawForms = [raw.slice(0, 40)];
        return one(a.kind === 'iban' ? ibanAccountId(a.iban) : localAccountId(a.bankCode, a.number), own);
      }
      case 'Email': {
        const e = this.take(column, normalizeEmail(raw), m.required);
        if (!e) return [];
        return one(emailId(e), { address: e, domain: e.slice(e.indexOf('@') + 1) });
      }
      case 'Address': {
        const a = this.take(column, addressOf(raw), m.required);
        if (!a) return [];
        return one(addressId(a.key), { addressKey: a.key, text: a.text });
      }
      case 'Organization': {
        const key = organizationKey(raw);
        if (key === '') {
          this.problem(column, 'invalid_name', `${column}: no usable organization name`, m.required);
          return [];
        }
        return one(organizationId(key), { name: normalizeName(raw), nameKey: key });
      }
    }
    return [];
  }

  /** A single document (docType + number columns) or a `type:number;…` list. */
  documents(ref: string, m: EntityMapping, bounds: { observedDate?: string }): IdentifierMention[] {
    const fixedOrColumn = (v: string | { value: string } | undefined): string | undefined =>
      v === undefined ? undefined : typeof v === 'string' ? this.value(v) : v.value;
    const issuerRaw = fixedOrColumn(m.issuer);
    let issuer = 'XXX'; // ICAO 9303 code for "unspecified"
    if (issuerRaw !== undefined) {
      const c = countryOf(issuerRaw);
      if (c.ok) issuer = c.value;
      else this.problem(typeof m.issuer === 'string' ? m.issuer : ref, c.code, `${ref}: ${c.message}`, false);
    }
    const items: Array<{ docType: string; number: string; field: string }> = [];
    if (m.list) {
      const raw = this.value(m.list.column);
      for (const item of raw?.split(m.list.itemSeparator) ?? []) {
        if (item.trim() === '') continue;
        const at = item.indexOf(m.list.typeSeparator);
        if (at <= 0) {
          this.problem(m.list.column, 'invalid_document', `${m.list.column}: item "${item.slice(0, 40)}" is not type${m.list.typeSeparator}number`, false);
          continue;
        }
        items.push({ docType: item.slice(0, at), number: item.slice(at + 1), field: m.list.column });
      }
    } else {
      const docType = fixedOrColumn(m.docType);
      const number = this.value(m.number);
      if (docType === undefined || number === undefined) {
        const field = docType === undefined ? (typeof m.docType === 'string' ? m.docType : ref) : m.number!;
        this.problem(field, 'missing', `${field}: required value is missing`, m.required);
        return [];
      }
      items.push({ docType, number, field: m.number! });
    }
    const props = this.properties(m.properties, 'Document', bounds);
    const out: IdentifierMention[] = [];
    for (const item of items) {
      const docType = item.docType.trim().toLowerCase().replace(/[\s-]+/g, '_');
      let number = item.number.trim().toUpperCase().replace(/[\s-]+/g, '');
      if (docType === 'passport') {
        const p = this.take(item.field, normalizePassport(number, issuer), m.required);
        if (!p) continue;
        number = p.number;
      }
      if (!/^[A-Z0-9/]{3,40}$/.test(number)) {
        this.problem(item.field, 'invalid_document', `${item.field}: document number "${number.slice(0, 40)}" is not 3-40 letters and digits`, m.required);
        continue;
      }
      const key = `${docType}:${issuer}:${number}`;
      out.push({
        kind: 'Document',
        id: documentId(docType, issuer, number),
        roles: [],
        props: { documentKey: key, docType, number, issuer, ...props },
      });
    }
    return out;
  }

  recordId(): string {
    return this.value(this.spec.recordId) ?? `row-${this.ctx.row}`;
  }
}

/** Maps one raw record through a spec. */
export function mapRecord(spec: MappingSpec, record: RawRecord, ctx: RecordContext): RecordFacts {
  const mapper = new RecordMapper(spec, record, ctx);
  let observedAt: string | null = null;
  if (spec.observedAt) {
    const raw = mapper.value(spec.observedAt.column);
    if (raw === undefined) {
      if (spec.observedAt.required) mapper.problem(spec.observedAt.column, 'missing', `${spec.observedAt.column}: required value is missing`, true);
    } else {
      observedAt = mapper.take(spec.observedAt.column, normalizeTimestamp(raw), spec.observedAt.required) ?? null;
    }
  }
  const evidence: Evidence = {
    source: spec.name,
    file: ctx.file,
    fileSha256: ctx.fileSha256,
    row: ctx.row,
    recordId: mapper.recordId(),
    recordSha256: recordDigest(record),
    observedAt,
  };
  const bounds = observedAt ? { observedDate: observedAt.slice(0, 10) } : {};
  const byRef = new Map<string, Mention[]>();
  for (const [ref, m] of Object.entries(spec.entities)) {
    if (m.kind === 'Person') {
      const p = mapper.person(ref, m, bounds);
      byRef.set(ref, p ? [p] : []);
    } else {
      byRef.set(ref, mapper.identifier(ref, m, bounds));
    }
  }
  const links: LinkFact[] = [];
  for (const l of spec.links) {
    const props = mapper.properties(l.properties, null, bounds);
    for (const from of byRef.get(l.from) ?? []) {
      for (const to of byRef.get(l.to) ?? []) {
        links.push({ type: l.type as LinkFact['type'], from, to, props });
      }
    }
  }
  if (mapper.quarantined) {
    // Only the reasons for quarantine are reported for a quarantined record.
    const reasons = mapper.issues.filter((i) => i.action === 'quarantined');
    return { evidence, mentions: [], links: [], issues: reasons, quarantined: true };
  }
  return { evidence, mentions: [...byRef.values()].flat(), links, issues: mapper.issues, quarantined: false };
}
