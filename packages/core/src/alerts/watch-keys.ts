/**
 * Watch-list keys. An analyst watch-lists an identifier as they have it,
 * in any spelling (`0300-1234567`, `pk36 scbl 0000 0011 2345 6702`,
 * `35202-1234567-1`); it is normalized with the model's normalizers into
 * one key, and every entity of a batch is given the keys it can be known
 * by. A hit is a key on both sides.
 *
 * | watch kind | key                         | entities that carry it                              |
 * | ---------- | --------------------------- | --------------------------------------------------- |
 * | phone      | `phone:+923001234567`       | the Phone entity (its id)                           |
 * | account    | `account:PK36SCBL…`         | the BankAccount entity (its id)                     |
 * | email      | `email:ali@example.com`     | the Email entity (its id)                           |
 * | cnic       | `cnic:3520212345671`        | a Person with that CNIC; a Document of a CNIC type  |
 * | passport   | `passport:PAK:AB1234567`    | a Person holding it; the passport Document          |
 * | document   | `document-number:AB1234567` | any Document with that number, whatever its type    |
 *
 * Identifiers that cannot be normalized are refused (INVALID_ARGUMENT with
 * the normalizer's reason), never guessed.
 */
import {
  accountKeyOf,
  normalizeAccount,
  normalizeCnic,
  normalizeEmail,
  normalizePassport,
  normalizePhone,
  RinglinkError,
  type CountryCode,
  type EntityKind,
  type NormalizeResult,
} from '@ringlink/model';
import { WATCH_KINDS, type WatchKind } from './types.js';

export interface WatchKeyOptions {
  /** Region for phone numbers without a country code (default PK). */
  phoneRegion?: CountryCode;
  /** Issuing country of a passport given without one (`AB1234567` + `Pakistan`). */
  country?: string;
}

export interface WatchIdentifier {
  key: string;
  kind: WatchKind;
  /** The normalized identifier, for display (`+923001234567`, `PAK:AB1234567`). */
  normalized: string;
}

export function isWatchKind(value: string): value is WatchKind {
  return (WATCH_KINDS as readonly string[]).includes(value);
}

const DOCUMENT_NUMBER = /^[A-Z0-9/]{3,40}$/;
/** Document types that are national identity cards (their numbers are CNICs). */
const CNIC_DOCUMENT_TYPES = new Set(['cnic', 'nicop', 'national_id', 'id_card', 'nic']);

const documentNumber = (raw: string): string => raw.trim().toUpperCase().replace(/[\s-]+/g, '');

function take<T>(kind: WatchKind, raw: string, r: NormalizeResult<T>): T {
  if (r.ok) return r.value;
  throw new RinglinkError('INVALID_ARGUMENT', `alerts: ${kind} ${JSON.stringify(raw.slice(0, 60))} cannot be watch-listed: ${r.message}`, {
    details: [{ path: 'identifier', message: r.message }],
  });
}

/** The watch key of an identifier of a given kind, in any spelling. */
export function watchKeyOf(kind: WatchKind, identifier: string, options: WatchKeyOptions = {}): WatchIdentifier {
  if (!isWatchKind(kind)) throw new RinglinkError('INVALID_ARGUMENT', `alerts: unknown watch kind ${JSON.stringify(kind)} (known: ${WATCH_KINDS.join(', ')})`);
  if (typeof identifier !== 'string' || identifier.trim() === '') throw new RinglinkError('INVALID_ARGUMENT', `alerts: the ${kind} to watch is empty`);
  switch (kind) {
    case 'phone': {
      const p = take(kind, identifier, normalizePhone(identifier, options.phoneRegion ? { defaultRegion: options.phoneRegion } : {}));
      return { kind, key: `phone:${p.e164}`, normalized: p.e164 };
    }
    case 'account': {
      const a = accountKeyOf(take(kind, identifier, normalizeAccount(identifier)));
      return { kind, key: `account:${a}`, normalized: a };
    }
    case 'email': {
      const e = take(kind, identifier, normalizeEmail(identifier));
      return { kind, key: `email:${e}`, normalized: e };
    }
    case 'cnic': {
      const c = take(kind, identifier, normalizeCnic(identifier));
      return { kind, key: `cnic:${c}`, normalized: c };
    }
    case 'passport': {
      // `PAK:AB1234567`, `PAK AB1234567` (country first) or a number with options.country.
      let number = identifier.trim();
      let country = options.country;
      const m = /^([A-Za-z]{2,3})\s*[:/]\s*(.+)$/.exec(number);
      if (country === undefined && m) {
        country = m[1]!;
        number = m[2]!;
      }
      const p = take(kind, identifier, normalizePassport(number, country ?? ''));
      return { kind, key: `passport:${p.country}:${p.number}`, normalized: `${p.country}:${p.number}` };
    }
    case 'document': {
      // A document id (`document:<type>:<issuer>:<number>`) or a bare number.
      const raw = identifier.startsWith('document:') ? identifier.split(':').slice(3).join(':') : identifier;
      const n = documentNumber(raw);
      if (!DOCUMENT_NUMBER.test(n)) {
        throw new RinglinkError('INVALID_ARGUMENT', `alerts: document ${JSON.stringify(identifier.slice(0, 60))} cannot be watch-listed: a document number is 3-40 letters and digits`, {
          details: [{ path: 'identifier', message: 'a document number is 3-40 letters and digits' }],
        });
      }
      return { kind, key: `document-number:${n}`, normalized: n };
    }
  }
}

/** Every watch key an entity of a batch can be known by. */
export function watchKeysOfEntity(e: { id: string; kind: EntityKind; props: Record<string, unknown> }): string[] {
  switch (e.kind) {
    case 'Phone':
    case 'BankAccount':
    case 'Email':
      return [e.id];
    case 'Person': {
      const keys: string[] = [];
      if (typeof e.props.cnic === 'string' && e.props.cnic !== '') keys.push(`cnic:${e.props.cnic}`);
      if (Array.isArray(e.props.passportKeys)) for (const k of e.props.passportKeys) if (typeof k === 'string') keys.push(`passport:${k}`);
      return keys;
    }
    case 'Document': {
      const number = typeof e.props.number === 'string' ? documentNumber(e.props.number) : '';
      if (number === '') return [];
      const keys = [`document-number:${number}`];
      const type = typeof e.props.docType === 'string' ? e.props.docType : '';
      if (type === 'passport' && typeof e.props.issuer === 'string') keys.push(`passport:${e.props.issuer}:${number}`);
      if (CNIC_DOCUMENT_TYPES.has(type) && /^\d{13}$/.test(number)) keys.push(`cnic:${number}`);
      return keys;
    }
    default:
      return [];
  }
}
