/**
 * What to look for when an analyst types an identifier "in any spelling":
 * the query is run through the model's normalizers (phone, IBAN / bank
 * account, CNIC, passport, e-mail, address, organization and person name
 * keys) and every reading that succeeds becomes an exact id to try (entity
 * id or alias) or an indexed identifier property to match. Pure
 * (unit-tested); nothing is guessed beyond what the normalizers accept.
 */
import {
  ENTITY_KINDS,
  RinglinkError,
  accountKeyOf,
  addressId,
  cnicPersonId,
  documentId,
  emailId,
  ibanAccountId,
  kindOfId,
  localAccountId,
  nameKey,
  normalizeAccount,
  normalizeAddress,
  normalizeCnic,
  normalizeEmail,
  normalizePassport,
  normalizePhone,
  organizationId,
  organizationKey,
  passportPersonId,
  phoneId,
  type CountryCode,
  type EntityKind,
} from '@ringlink/model';

export type MatchReason = 'id' | 'alias' | 'phone' | 'account' | 'cnic' | 'passport' | 'document' | 'email' | 'address' | 'organization' | 'name';

export interface IdLookup {
  id: string;
  how: MatchReason;
}

export interface PropertyLookup {
  kind: EntityKind;
  property: string;
  value: string;
  how: MatchReason;
}

export interface LookupPlan {
  ids: IdLookup[];
  properties: PropertyLookup[];
}

export interface LookupOptions {
  /** Region for phone numbers written without a country code; default the model's (PK). */
  phoneRegion?: CountryCode;
}

const PASSPORT_WITH_COUNTRY = /^([A-Za-z]{2,3}|[A-Za-z][A-Za-z .'-]+?)\s*[:/]\s*([A-Za-z0-9][A-Za-z0-9 -]{3,16})$/;
const BARE_DOCUMENT_NUMBER = /^(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9 -]{2,40}$/;

function property(kind: EntityKind, prop: string, value: string, how: MatchReason): PropertyLookup {
  if (!(ENTITY_KINDS[kind].identifiers as readonly string[]).includes(prop)) {
    throw new RinglinkError('INTERNAL', `store: ${kind}.${prop} is not a declared identifier`);
  }
  return { kind, property: prop, value, how };
}

export function planLookup(query: string, options: LookupOptions = {}): LookupPlan {
  const q = query.trim();
  if (q === '') throw new RinglinkError('INVALID_ARGUMENT', 'store: empty search');
  const ids: IdLookup[] = [];
  const properties: PropertyLookup[] = [];
  const addId = (id: string, how: MatchReason): void => {
    if (!ids.some((x) => x.id === id)) ids.push({ id, how });
  };

  if (kindOfId(q) !== undefined) addId(q, 'id');

  const phone = normalizePhone(q, options.phoneRegion ? { defaultRegion: options.phoneRegion } : {});
  if (phone.ok) addId(phoneId(phone.value.e164), 'phone');

  const account = normalizeAccount(q);
  if (account.ok) {
    const a = account.value;
    addId(a.kind === 'iban' ? ibanAccountId(a.iban) : localAccountId(a.bankCode, a.number), 'account');
    properties.push(property('BankAccount', 'accountKey', accountKeyOf(a), 'account'));
  }

  const cnic = normalizeCnic(q);
  if (cnic.ok) {
    addId(cnicPersonId(cnic.value), 'cnic');
    properties.push(property('Person', 'cnic', cnic.value, 'cnic'));
    properties.push(property('Document', 'number', cnic.value, 'document'));
  }

  const withCountry = PASSPORT_WITH_COUNTRY.exec(q);
  if (withCountry) {
    const p = normalizePassport(withCountry[2]!, withCountry[1]!);
    if (p.ok) {
      addId(passportPersonId(p.value.country, p.value.number), 'passport');
      addId(documentId('passport', p.value.country, p.value.number), 'passport');
    }
  }
  if (!cnic.ok && !phone.ok && BARE_DOCUMENT_NUMBER.test(q)) {
    // A passport or other document number without its issuer: documents by number (any issuer).
    properties.push(property('Document', 'number', q.toUpperCase().replace(/[\s-]+/g, ''), 'document'));
  }

  const email = normalizeEmail(q);
  if (email.ok) addId(emailId(email.value), 'email');

  if (/[0-9]/.test(q) && /\p{L}/u.test(q)) {
    const address = normalizeAddress(q);
    if (address.ok) addId(addressId(address.value.key), 'address');
  }

  if (/\p{L}/u.test(q) && !email.ok) {
    const org = organizationKey(q);
    if (org !== '') {
      addId(organizationId(org), 'organization');
      properties.push(property('Organization', 'nameKey', org, 'organization'));
    }
    const key = nameKey(q);
    if (key !== '') properties.push(property('Person', 'nameKey', key, 'name'));
  }
  return { ids, properties };
}
