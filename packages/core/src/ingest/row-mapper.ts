/**
 * Applies a mapping spec to one record: normalizes every identifier,
 * builds the record's mentions and links, and decides whether the record is
 * ingested (possibly with some fields dropped) or quarantined. Never throws
 * on bad data: every problem becomes an IngestIssue.
 */
import * as crypto from 'node:crypto';
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
  type DateBounds,
  type EntityKind,
  type Evidence,
  type IngestIssue,
  type NormalizeResult,
  type Properties,
  type PropertyValue,
  type RoleLabel,
} from '@ringlink/model';
import type { EntityMapping, LinkMapping, MappingSpec, PropertyMapping } from './mapping-spec.js';
import type { IdentifierMention, LinkFact, Mention, PersonMention, RecordFacts } from './mentions.js';

export type RawRecord = Record<string, string | undefined>;

export interface RecordContext {
  file: string;
  fileSha256: string;
  /** 1-based record number. */
  row: number;
}

/** One-shot SHA-256 (Node ≥ 20.12), else the streaming API. */
const sha256Hex: (data: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (data) => (crypto as unknown as { hash: (alg: string, data: string) => string }).hash('sha256', data)
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

/**
 * The columns of one kind of record (a CSV header, or the keys of a
 * RawRecord): where each column's value is, and what the record digest needs
 * (the columns sorted, each with the JSON text that opens its pair).
 */
export interface RecordShape {
  /** Column name → position of its value. */
  readonly columns: ReadonlyMap<string, number>;
  /** Positions of the values in digest order (columns sorted by name). */
  readonly digestOrder: readonly number[];
  /** `["name","` (`,["name","` after the first; `[` before the first): opens a pair whose value needs no escaping. */
  readonly openQuoted: readonly string[];
  /** The same without the value's opening quote. */
  readonly openRaw: readonly string[];
}

/**
 * The shape of records whose values come in the order of `names` (undefined:
 * a value to ignore). A name given twice takes its last value, as when the
 * values are assigned to an object in order.
 */
export function recordShape(names: readonly (string | undefined)[]): RecordShape {
  const columns = new Map<string, number>();
  names.forEach((name, i) => {
    if (name !== undefined) columns.set(name, i);
  });
  const sorted = [...columns.keys()].sort();
  const openRaw = sorted.map((k, i) => `${i === 0 ? '[' : ','}[${JSON.stringify(k)},`);
  return {
    columns,
    digestOrder: sorted.map((k) => columns.get(k)!),
    openRaw,
    openQuoted: openRaw.map((o) => `${o}"`),
  };
}

/** Characters JSON.stringify escapes in a string (surrogates: only when unpaired, tested conservatively). */
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const digestParts: string[] = [];

/**
 * SHA-256 (hex) over the record's fields in a canonical order: the UTF-8 of
 * `JSON.stringify(keys.sort().map((k) => [k, record[k] ?? '']))`, i.e. a
 * JSON array of `[column, value]` pairs sorted by column name (UTF-16 code
 * unit order), absent values as `""`, no whitespace. It identifies the raw
 * record, whatever the column order of its file. Built without the
 * intermediate arrays (a value with nothing to escape is its own JSON body);
 * the text hashed is exactly that JSON.
 */
export function recordDigest(record: RawRecord): string {
  const { shape, values } = rawRecordValues(record);
  return digestOf(shape, values);
}

/** recordDigest of the record whose values, in the order of `shape`, are `values`. */
function digestOf(shape: RecordShape, values: readonly (string | undefined)[]): string {
  const { digestOrder, openQuoted, openRaw } = shape;
  const parts = digestParts;
  parts.length = 0;
  if (digestOrder.length === 0) parts.push('[');
  for (let i = 0; i < digestOrder.length; i++) {
    const v = values[digestOrder[i]!] ?? '';
    if (typeof v === 'string' && !JSON_ESCAPED.test(v)) parts.push(openQuoted[i]!, v, '"]');
    else parts.push(openRaw[i]!, JSON.stringify(v), ']');
  }
  parts.push(']');
  return sha256Hex(parts.join(''));
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The shape of the last RawRecord keys seen (records of one source share their keys). */
let lastKeys: readonly string[] = [];
let lastShape: RecordShape = recordShape([]);

function rawRecordValues(record: RawRecord): { shape: RecordShape; values: (string | undefined)[] } {
  const keys = Object.keys(record);
  if (!sameKeys(keys, lastKeys)) {
    lastKeys = keys;
    lastShape = recordShape(keys);
  }
  const values: (string | undefined)[] = [];
  for (const k of keys) values.push(record[k]);
  return { shape: lastShape, values };
}

/**
 * Values such as countries, names, agencies, payment accounts and dates
 * repeat across many rows; their normalizers are pure, so results are
 * memoized (bounded, cleared when full), one memo per column. A column whose
 * values rarely repeat (statement accounts, addresses, applicant CNICs) turns
 * its memo off for a while: a miss costs a lookup, an insert and memory.
 * Results are shared: never mutated.
 */
class Memo<T> {
  private cache = new Map<string, T>();
  /** The last value asked for (dates, countries and agents repeat row after row): no hashing then. */
  private lastRaw: string | undefined;
  private lastValue: T | undefined;
  private calls = 0;
  private hits = 0;
  /** Windows left with the memo off. */
  private off = 0;

  constructor(
    private readonly fn: (raw: string) => T,
    private readonly limit = 50_000,
  ) {}

  get(raw: string): T {
    if (this.off > 0) {
      if (++this.calls >= MEMO_WINDOW) {
        this.calls = 0;
        this.off--;
      }
      return this.fn(raw);
    }
    if (++this.calls >= MEMO_WINDOW) this.review();
    if (raw === this.lastRaw) {
      this.hits++;
      return this.lastValue!;
    }
    let v = this.cache.get(raw);
    if (v !== undefined) {
      this.hits++;
    } else {
      v = this.fn(raw);
      if (this.cache.size >= this.limit) this.cache.clear();
      this.cache.set(raw, v);
    }
    this.lastRaw = raw;
    this.lastValue = v;
    return v;
  }

  private review(): void {
    if (this.hits < this.calls * MEMO_MIN_HIT_RATE) {
      this.off = MEMO_OFF_WINDOWS;
      this.cache.clear();
      this.lastRaw = undefined;
      this.lastValue = undefined;
    }
    this.calls = 0;
    this.hits = 0;
  }
}

const MEMO_WINDOW = 4096;
const MEMO_MIN_HIT_RATE = 0.2;
const MEMO_OFF_WINDOWS = 16;

const timestampOnly = (raw: string): NormalizeResult<string> => normalizeTimestamp(raw);

/** The memos of one entity mapping (or of a spec's observedAt column). */
class EntityMemos {
  readonly cnic = new Memo(normalizeCnic);
  readonly nameKey = new Memo(nameKey);
  readonly account = new Memo(normalizeAccount);
  readonly address = new Memo(normalizeAddress);
  readonly organizationKey = new Memo(organizationKey);
  readonly name = new Memo(normalizeName);
  readonly country = new Memo(normalizeCountry);
  readonly timestamp = new Memo(timestampOnly);
}

const entityMemos = new WeakMap<object, EntityMemos>();
function memosOf(owner: object): EntityMemos {
  let m = entityMemos.get(owner);
  if (m === undefined) entityMemos.set(owner, (m = new EntityMemos()));
  return m;
}

/** A property mapping, resolved once per mapping object (see compiledProperties). */
interface CompiledProperty {
  name: string;
  column: string;
  type: 'string' | 'date' | 'timestamp' | 'number' | 'country';
  required: boolean;
  /** A `string[]` property of the entity kind: the value is wrapped in a list. */
  list: boolean;
  /** `name` / `holderName`: a string normalized as a name. */
  isName: boolean;
  isBirthDate: boolean;
  /** The memo of this column's normalizer (names, timestamps, countries). */
  memo: Memo<unknown> | undefined;
}

const compiled = new WeakMap<Record<string, PropertyMapping>, Map<string, CompiledProperty[]>>();

/** The properties of a mapping as an array, for `kind` (null for links). */
function compiledProperties(mapping: Record<string, PropertyMapping>, kind: EntityKind | null): CompiledProperty[] {
  let byKind = compiled.get(mapping);
  if (byKind === undefined) compiled.set(mapping, (byKind = new Map()));
  const k = kind ?? '';
  let props = byKind.get(k);
  if (props === undefined) {
    props = Object.entries(mapping).map(([name, m]) => {
      const { column, type, required } = typeof m === 'string' ? { column: m, type: 'string' as const, required: false } : m;
      return {
        name,
        column,
        type,
        required,
        list: kind !== null && ENTITY_KINDS[kind].properties[name as never] === 'string[]',
        isName: name === 'name' || name === 'holderName',
        isBirthDate: name === 'birthDate',
        memo:
          type === 'string' && (name === 'name' || name === 'holderName')
            ? new Memo<unknown>(normalizeName)
            : type === 'timestamp'
              ? new Memo<unknown>(timestampOnly)
              : type === 'country'
                ? new Memo<unknown>(normalizeCountry)
                : undefined,
      };
    });
    byKind.set(k, props);
  }
  return props;
}

interface Bounds {
  observedDate?: string;
}

const NO_BOUNDS: Bounds = {};
const BIRTH_MIN = '1900-01-01';
const NO_DATE_BOUNDS: DateBounds = {};
const BIRTH_BOUNDS_OPEN: DateBounds = { min: BIRTH_MIN };
/** Birth dates lie between 1900 and the day the record was made: bounds per observation date. */
const birthBoundsCache = new Map<string, DateBounds>();
function birthBounds(bounds: Bounds): DateBounds {
  if (!bounds.observedDate) return BIRTH_BOUNDS_OPEN;
  let b = birthBoundsCache.get(bounds.observedDate);
  if (b === undefined) {
    if (birthBoundsCache.size >= 10_000) birthBoundsCache.clear();
    b = { min: BIRTH_MIN, max: bounds.observedDate };
    birthBoundsCache.set(bounds.observedDate, b);
  }
  return b;
}

const SEPARATORS = /[\s-]+/g;
const DOCUMENT_NUMBER = /^[A-Z0-9/]{3,40}$/;

/** `{ ...own, ...props }`; `own` itself when there are no props (it is always a fresh object). */
function withProps(own: Properties, props: Properties): Properties {
  return isEmpty(props) ? own : { ...own, ...props };
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

const phoneOptionsBySpec = new WeakMap<MappingSpec, { defaultRegion: CountryCode }>();
function phoneOptions(spec: MappingSpec): { defaultRegion: CountryCode } {
  let o = phoneOptionsBySpec.get(spec);
  if (o === undefined) phoneOptionsBySpec.set(spec, (o = { defaultRegion: spec.phoneRegion as CountryCode }));
  return o;
}

class RecordMapper {
  readonly issues: IngestIssue[] = [];
  quarantined = false;

  constructor(
    private readonly spec: MappingSpec,
    private readonly shape: RecordShape,
    private readonly values: readonly (string | undefined)[],
    private readonly ctx: RecordContext,
  ) {}

  value(column: string | undefined): string | undefined {
    if (column === undefined) return undefined;
    const at = this.shape.columns.get(column);
    if (at === undefined) return undefined;
    const v = this.values[at];
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

  property(p: CompiledProperty, bounds: Bounds): PropertyValue | undefined {
    const column = p.column;
    const required = p.required;
    const raw = this.value(column);
    if (raw === undefined) {
      if (required) this.problem(column, 'missing', `${column}: required value is missing`, true);
      return undefined;
    }
    let value: PropertyValue | undefined;
    switch (p.type) {
      case 'string':
        value = p.isName ? (p.memo!.get(raw) as string) : raw;
        break;
      case 'date':
        value = this.take(column, normalizeDate(raw, p.isBirthDate ? birthBounds(bounds) : NO_DATE_BOUNDS), required);
        break;
      case 'timestamp':
        value = this.take(column, p.memo!.get(raw) as NormalizeResult<string>, required);
        break;
      case 'country':
        value = this.take(column, p.memo!.get(raw) as NormalizeResult<string>, required);
        break;
      case 'number': {
        const n = Number(raw.replace(/,/g, ''));
        if (Number.isFinite(n)) value = n;
        else this.problem(column, 'invalid_number', `${column}: "${raw.slice(0, 40)}" is not a number`, required);
        break;
      }
    }
    if (value !== undefined && p.list) value = [String(value)];
    return value;
  }

  properties(mapping: Record<string, PropertyMapping>, kind: EntityKind | null, bounds: Bounds): Properties {
    const props: Properties = {};
    for (const p of compiledProperties(mapping, kind)) {
      const v = this.property(p, bounds);
      if (v !== undefined) props[p.name] = v;
    }
    return props;
  }

  /** Like properties(), writing into `target` (the same keys, in the same order, as Object.assign of properties()). */
  propertiesInto(target: Properties, mapping: Record<string, PropertyMapping>, kind: EntityKind | null, bounds: Bounds): void {
    for (const p of compiledProperties(mapping, kind)) {
      const v = this.property(p, bounds);
      if (v !== undefined) target[p.name] = v;
    }
  }

  person(ref: string, m: EntityMapping, bounds: Bounds): PersonMention | undefined {
    const identity = m.identity ?? {};
    const mention: PersonMention = { kind: 'Person', passportKeys: [], roles: m.roles as RoleLabel[], props: {} };
    const cnicRaw = this.value(identity.cnic);
    if (identity.cnic && cnicRaw !== undefined) {
      const cnic = this.take(identity.cnic, memosOf(m).cnic.get(cnicRaw), false);
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
    this.propertiesInto(mention.props, m.properties, 'Person', bounds);
    if (typeof mention.props.name === 'string') {
      mention.props.nameKey = memosOf(m).nameKey.get(mention.props.name);
      mention.props.names = [mention.props.name];
    }
    if (mention.cnic === undefined && mention.passportKeys.length === 0) {
      const columns = [identity.cnic, passport?.number, identity.mrz].filter(Boolean).join(', ');
      if (m.required) {
        this.problem(columns, 'missing_identity', `${ref}: no valid identifier (${columns})`, true);
        return undefined;
      }
      if (!m.allowRecordIdentity || isEmpty(mention.props)) return undefined;
      mention.recordId = recordPersonId(this.spec.name, this.recordId(), ref);
    }
    return mention;
  }

  identifier(ref: string, m: EntityMapping, bounds: Bounds): IdentifierMention[] {
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
    switch (kind) {
      case 'Phone': {
        const p = this.take(column, normalizePhone(raw, phoneOptions(this.spec)), m.required);
        if (!p) return [];
        const own: Properties = p.country ? { e164: p.e164, country: p.country, rawForms: [raw.slice(0, 40)] } : { e164: p.e164, rawForms: [raw.slice(0, 40)] };
        return [{ kind, id: phoneId(p.e164), roles, props: withProps(own, props) }];
      }
      case 'BankAccount': {
        const a = this.take(column, memosOf(m).account.get(raw), m.required);
        if (!a) return [];
        const key = accountKeyOf(a);
        const own: Properties =
          a.kind === 'iban'
            ? { iban: a.iban, accountKey: key, country: a.country }
            : { accountKey: key, bankCode: a.bankCode, number: a.number };
        own.rawForms = [raw.slice(0, 40)];
        const id = a.kind === 'iban' ? ibanAccountId(a.iban) : localAccountId(a.bankCode, a.number);
        return [{ kind, id, roles, props: withProps(own, props) }];
      }
      case 'Email': {
        const e = this.take(column, normalizeEmail(raw), m.required);
        if (!e) return [];
        return [{ kind, id: emailId(e), roles, props: withProps({ address: e, domain: e.slice(e.indexOf('@') + 1) }, props) }];
      }
      case 'Address': {
        const a = this.take(column, memosOf(m).address.get(raw), m.required);
        if (!a) return [];
        return [{ kind, id: addressId(a.key), roles, props: withProps({ addressKey: a.key, text: a.text }, props) }];
      }
      case 'Organization': {
        const memos = memosOf(m);
        const key = memos.organizationKey.get(raw);
        if (key === '') {
          this.problem(column, 'invalid_name', `${column}: no usable organization name`, m.required);
          return [];
        }
        return [{ kind, id: organizationId(key), roles, props: withProps({ name: memos.name.get(raw), nameKey: key }, props) }];
      }
    }
    return [];
  }

  private fixedOrColumn(v: string | { value: string } | undefined): string | undefined {
    return v === undefined ? undefined : typeof v === 'string' ? this.value(v) : v.value;
  }

  /** A single document (docType + number columns) or a `type:number;…` list. */
  documents(ref: string, m: EntityMapping, bounds: Bounds): IdentifierMention[] {
    const issuerRaw = this.fixedOrColumn(m.issuer);
    let issuer = 'XXX'; // ICAO 9303 code for "unspecified"
    if (issuerRaw !== undefined) {
      const c = memosOf(m).country.get(issuerRaw);
      if (c.ok) issuer = c.value;
      else this.problem(typeof m.issuer === 'string' ? m.issuer : ref, c.code, `${ref}: ${c.message}`, false);
    }
    const items: Array<{ docType: string; number: string; field: string }> = [];
    if (m.list) {
      const raw = this.value(m.list.column);
      if (raw !== undefined) {
        for (const item of raw.split(m.list.itemSeparator)) {
          if (item.trim() === '') continue;
          const at = item.indexOf(m.list.typeSeparator);
          if (at <= 0) {
            this.problem(m.list.column, 'invalid_document', `${m.list.column}: item "${item.slice(0, 40)}" is not type${m.list.typeSeparator}number`, false);
            continue;
          }
          items.push({ docType: item.slice(0, at), number: item.slice(at + 1), field: m.list.column });
        }
      }
    } else {
      const docType = this.fixedOrColumn(m.docType);
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
      const docType = item.docType.trim().toLowerCase().replace(SEPARATORS, '_');
      let number = item.number.trim().toUpperCase().replace(SEPARATORS, '');
      if (docType === 'passport') {
        const p = this.take(item.field, normalizePassport(number, issuer), m.required);
        if (!p) continue;
        number = p.number;
      }
      if (!DOCUMENT_NUMBER.test(number)) {
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

/** A spec's entities and links as arrays, links with the positions of their ends (-1: no such entity). */
interface CompiledSpec {
  entities: Array<[ref: string, mapping: EntityMapping]>;
  links: Array<{ link: LinkMapping; from: number; to: number }>;
}

const compiledSpecs = new WeakMap<MappingSpec, CompiledSpec>();
function compileSpec(spec: MappingSpec): CompiledSpec {
  let c = compiledSpecs.get(spec);
  if (c === undefined) {
    const entities = Object.entries(spec.entities);
    const refs = entities.map(([ref]) => ref);
    c = { entities, links: spec.links.map((link) => ({ link, from: refs.indexOf(link.from), to: refs.indexOf(link.to) })) };
    compiledSpecs.set(spec, c);
  }
  return c;
}

const NO_MENTIONS: Mention[] = [];

/** Maps one raw record through a spec. */
export function mapRecord(spec: MappingSpec, record: RawRecord, ctx: RecordContext): RecordFacts {
  const { shape, values } = rawRecordValues(record);
  return mapValues(spec, shape, values, ctx);
}

/**
 * Maps one record given as values in the order of `shape` (a CSV row and
 * the shape of its header): the same as mapRecord of the object with those
 * columns and values, without building the object.
 */
export function mapValues(spec: MappingSpec, shape: RecordShape, values: readonly (string | undefined)[], ctx: RecordContext): RecordFacts {
  const compiledSpec = compileSpec(spec);
  const mapper = new RecordMapper(spec, shape, values, ctx);
  let observedAt: string | null = null;
  if (spec.observedAt) {
    const raw = mapper.value(spec.observedAt.column);
    if (raw === undefined) {
      if (spec.observedAt.required) mapper.problem(spec.observedAt.column, 'missing', `${spec.observedAt.column}: required value is missing`, true);
    } else {
      observedAt = mapper.take(spec.observedAt.column, memosOf(spec.observedAt).timestamp.get(raw), spec.observedAt.required) ?? null;
    }
  }
  const evidence: Evidence = {
    source: spec.name,
    file: ctx.file,
    fileSha256: ctx.fileSha256,
    row: ctx.row,
    recordId: mapper.recordId(),
    recordSha256: digestOf(shape, values),
    observedAt,
  };
  const bounds: Bounds = observedAt ? { observedDate: observedAt.slice(0, 10) } : NO_BOUNDS;
  // Mentions of each entity of the spec, in spec order.
  const byEntity: Mention[][] = [];
  const mentions: Mention[] = [];
  for (const [ref, m] of compiledSpec.entities) {
    let found: Mention[];
    if (m.kind === 'Person') {
      const p = mapper.person(ref, m, bounds);
      found = p ? [p] : NO_MENTIONS;
    } else {
      found = mapper.identifier(ref, m, bounds);
    }
    byEntity.push(found);
    for (const x of found) mentions.push(x);
  }
  const links: LinkFact[] = [];
  for (const { link: l, from: fi, to: ti } of compiledSpec.links) {
    const props = mapper.properties(l.properties, null, bounds);
    if (fi < 0 || ti < 0) continue;
    for (const from of byEntity[fi]!) {
      for (const to of byEntity[ti]!) {
        links.push({ type: l.type as LinkFact['type'], from, to, props });
      }
    }
  }
  if (mapper.quarantined) {
    // Only the reasons for quarantine are reported for a quarantined record.
    const reasons = mapper.issues.filter((i) => i.action === 'quarantined');
    return { evidence, mentions: [], links: [], issues: reasons, quarantined: true };
  }
  return { evidence, mentions, links, issues: mapper.issues, quarantined: false };
}
