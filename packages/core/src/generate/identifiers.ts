/**
 * Identifiers of the synthetic case: how they are made (unique by
 * construction), how their canonical entity ids are formed (the contract of
 * packages/model/src/ids.ts), and how they are misspelled.
 *
 * Uniqueness: every party or identifier that must be unique draws a
 * *serial* (0, 1, 2, …) and derives its digits through a seeded affine
 * permutation x → (a·x + b) mod M with gcd(a, M) = 1, a bijection on
 * [0, M). Two serials therefore never share a phone, CNIC, passport,
 * account or address, without keeping a set of used values, so a 2-million
 * row case needs no memory for them.
 */
import type { Rng } from '../rng.js';
import {
  RinglinkError, addressId, cnicPersonId, documentId, emailId, ibanAccountId, localAccountId, normalizeAddress, organizationId,
  organizationKey, passportPersonId, phoneId,
} from '@ringlink/model';
import { createRng, hashSeed } from '../rng.js';


// ---------------------------------------------------------------------------
// Seeded bijections

export interface Permutation {
  readonly modulus: number;
  apply(x: number): number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** A seeded bijection of [0, modulus); modulus ≤ 1e8 keeps a·x exact in doubles. */
export function permutation(seed: number, label: string, modulus: number): Permutation {
  const rng = createRng(hashSeed(seed, 'perm', label));
  const hi = Math.min(modulus - 1, Math.floor(Number.MAX_SAFE_INTEGER / modulus));
  let a = rng.int(Math.max(1, Math.floor(hi / 3)), hi);
  while (gcd(a, modulus) !== 1) a = a + 1 >= modulus ? 1 : a + 1;
  const b = rng.int(0, modulus - 1);
  return { modulus, apply: (x) => (a * (x % modulus) + b) % modulus };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------
// IBAN (ISO 13616, mod-97 per ISO 7064)

/** Remainder mod 97 of the IBAN's numeric form (letters A=10 … Z=35), computed piecewise. */
export function ibanMod97(rearranged: string): number {
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) rem = (rem * 10 + (code - 48)) % 97;
    else if (code >= 65 && code <= 90) rem = (rem * 100 + (code - 55)) % 97;
    else return -1;
  }
  return rem;
}

/** The two check digits of an IBAN with this country and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return pad(98 - ibanMod97(`${bban}${country}00`), 2);
}

export function makeIban(country: string, bban: string): string {
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}

/** True when the compact, upper-case IBAN's checksum is right. */
export function ibanChecksumValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  return ibanMod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** The same IBAN with wrong check digits (never valid). */
export function corruptIban(iban: string): string {
  // Check digits are unique for a BBAN, so any other value in 02..98 is wrong.
  const right = Number(iban.slice(2, 4));
  return `${iban.slice(0, 2)}${pad(right === 98 ? 97 : right + 1, 2)}${iban.slice(4)}`;
}

// ---------------------------------------------------------------------------
// Canonical values and ids

/** A phone as its national significant number (no leading 0) plus the length of its area/operator prefix. */
export interface PhoneValue {
  nsn: string;
  areaDigits: number;
}

export type AccountValue = { kind: 'iban'; iban: string } | { kind: 'local'; bank: string; branch: string; number: string; suffix: string };

export const phoneEntityId = (p: PhoneValue): string => phoneId(`+92${p.nsn}`);
export const accountEntityId = (a: AccountValue): string =>
  a.kind === 'iban' ? ibanAccountId(a.iban) : localAccountId(a.bank, `${a.branch}${a.number}${a.suffix}`);
export const cnicPersonEntityId = (cnic: string): string => cnicPersonId(cnic);
export const passportPersonEntityId = (country: string, number: string): string => passportPersonId(country, number);
export const documentEntityId = (docType: string, issuer: string, number: string): string =>
  documentId(docType, issuer, number.toUpperCase());
export const emailEntityId = (email: string): string => emailId(email.toLowerCase());
/** Organization ids use the model's own key (legal suffixes dropped, words joined by `-`). */
export const organizationEntityId = (name: string): string => organizationId(organizationKey(name));
/** Address ids use the model's own address key; generated addresses always have one. */
export function addressEntityId(text: string): string {
  const a = normalizeAddress(text);
  if (!a.ok) throw new RinglinkError('INTERNAL', `generate: generated address has no key: ${text}`);
  return addressId(a.value.key);
}

// ---------------------------------------------------------------------------
// Derivations from a serial

/** Per-run bijections, built once per seed. */
export class IdentifierSpace {
  private readonly seven: Permutation;
  private readonly sevenPassport: Permutation;
  private readonly sevenCnic: Permutation;
  private readonly sevenAccount: Permutation;
  private readonly sevenLocal: Permutation;
  private readonly docs: Permutation;
  private readonly address: Permutation;
  readonly addressCapacity: number;

  constructor(readonly seed: number, areaCount: number) {
    this.seven = permutation(seed, 'phone', 10_000_000);
    this.sevenPassport = permutation(seed, 'passport', 10_000_000);
    this.sevenCnic = permutation(seed, 'cnic', 10_000_000);
    this.sevenAccount = permutation(seed, 'iban', 10_000_000);
    this.sevenLocal = permutation(seed, 'local', 10_000_000);
    this.docs = permutation(seed, 'docs', 100_000_000);
    this.addressCapacity = 600 * 80 * areaCount;
    this.address = permutation(seed, 'address', this.addressCapacity);
  }

  /** `r` supplies the non-unique parts (operator prefix, district, bank, branch); the serial the unique digits. */
  mobile(serial: number, prefixes: readonly string[], r: Rng): PhoneValue {
    return { nsn: `${r.pick(prefixes)}${pad(this.seven.apply(serial), 7)}`, areaDigits: 3 };
  }

  cnic(serial: number, districts: readonly string[], female: boolean, r: Rng): string {
    const district = r.pick(districts);
    const last = female ? r.pick([2, 4, 6, 8]) : r.pick([1, 3, 5, 7, 9]);
    return `${district}${pad(this.sevenCnic.apply(serial), 7)}${last}`;
  }

  passport(serial: number, letters: readonly string[], r: Rng): string {
    return `${r.pick(letters)}${pad(this.sevenPassport.apply(serial), 7)}`;
  }

  iban(serial: number, banks: readonly string[], r: Rng): AccountValue {
    const bban = `${r.pick(banks)}${pad(r.int(0, 9999), 4)}${pad(r.int(0, 99999), 5)}${pad(this.sevenAccount.apply(serial), 7)}`;
    return { kind: 'iban', iban: makeIban('PK', bban) };
  }

  /** A UAE IBAN (AE + check + 3-digit bank + 16 digits), for money leaving the country. */
  aeIban(serial: number, r: Rng): AccountValue {
    const bban = `${r.pick(['033', '035', '026', '030'])}${pad(r.int(0, 999999999), 9)}${pad(this.sevenAccount.apply(serial), 7)}`;
    return { kind: 'iban', iban: makeIban('AE', bban) };
  }

  local(serial: number, banks: readonly string[], r: Rng): AccountValue {
    return { kind: 'local', bank: r.pick(banks), branch: pad(r.int(1, 9999), 4), number: pad(this.sevenLocal.apply(serial), 7), suffix: pad(r.int(1, 99), 2) };
  }

  /** Document numbers: a prefix and 8 digits, unique per (prefix, serial). */
  docNumber(prefix: string, serial: number): string {
    return `${prefix}${pad(this.docs.apply(serial), 8)}`;
  }

  /** House, street and area index, unique per serial below addressCapacity. */
  addressParts(serial: number): { house: number; street: number; area: number } {
    const x = this.address.apply(serial);
    return { house: (x % 600) + 1, street: (Math.floor(x / 600) % 80) + 1, area: Math.floor(x / 48_000) };
  }
}

// ---------------------------------------------------------------------------
// Spellings

/** Written forms of identifiers; `noise` is the probability of a non-canonical form. */
export class Speller {
  constructor(private readonly rng: Rng, private readonly noise: number) {}

  private vary(): boolean {
    return this.rng.chance(this.noise);
  }

  phone(p: PhoneValue): string {
    const area = p.nsn.slice(0, p.areaDigits);
    const rest = p.nsn.slice(p.areaDigits);
    if (!this.vary()) return `0${area}-${rest}`;
    const split = rest.length === 7 ? `${rest.slice(0, 3)} ${rest.slice(3)}` : `${rest.slice(0, 4)} ${rest.slice(4)}`;
    switch (this.rng.int(0, 7)) {
      case 0: return `+92 ${area} ${rest}`;
      case 1: return `92${p.nsn}`;
      case 2: return `0092-${area}-${rest}`;
      case 3: return `(0${area}) ${split}`;
      case 4: return `0${area} ${rest}`;
      case 5: return `+92${p.nsn}`;
      case 6: return `0${p.nsn}`;
      default: return `+92-${area}-${rest}`;
    }
  }

  account(a: AccountValue): string {
    if (a.kind === 'iban') {
      if (!this.vary()) return a.iban;
      const spaced = a.iban.replace(/(.{4})(?=.)/g, '$1 ');
      switch (this.rng.int(0, 2)) {
        case 0: return spaced;
        case 1: return a.iban.toLowerCase();
        default: return spaced.toLowerCase();
      }
    }
    if (!this.vary()) return `${a.bank} ${a.branch}-${a.number}-${a.suffix}`;
    switch (this.rng.int(0, 3)) {
      case 0: return `${a.bank}-${a.branch}${a.number}${a.suffix}`;
      case 1: return `${a.bank.toLowerCase()} ${a.branch} ${a.number} ${a.suffix}`;
      case 2: return `${a.bank} ${a.branch}${a.number}${a.suffix}`;
      default: return `${a.bank} ${a.branch} ${a.number}-${a.suffix}`;
    }
  }

  cnic(cnic: string): string {
    if (!this.vary()) return `${cnic.slice(0, 5)}-${cnic.slice(5, 12)}-${cnic.slice(12)}`;
    return this.rng.chance(0.7) ? cnic : `${cnic.slice(0, 5)} ${cnic.slice(5, 12)} ${cnic.slice(12)}`;
  }

  passport(number: string): string {
    if (!this.vary()) return number;
    switch (this.rng.int(0, 2)) {
      case 0: return number.toLowerCase();
      case 1: return `${number.slice(0, 2)} ${number.slice(2)}`;
      default: return `${number.slice(0, 2).toLowerCase()} ${number.slice(2)}`;
    }
  }

  /** Document numbers inside `type:number` lists: case only (spaces would change the number). */
  docNumber(number: string): string {
    return this.vary() ? number.toLowerCase() : number;
  }

  email(email: string): string {
    if (!this.vary()) return email;
    const [local, domain] = email.split('@') as [string, string];
    switch (this.rng.int(0, 2)) {
      case 0: return email.toUpperCase();
      case 1: return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain}`;
      default: return `${local}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
    }
  }

  country(iso3: string, alpha2: string, name: string): string {
    if (!this.vary()) return iso3;
    return this.rng.pick([alpha2, name, iso3.toLowerCase()]);
  }

  /** Free text (addresses, organization names): case and spacing only. */
  text(text: string): string {
    if (!this.vary()) return text;
    switch (this.rng.int(0, 2)) {
      case 0: return text.toUpperCase();
      case 1: return text.toLowerCase();
      default: return text.replace(/ /, '  ');
    }
  }

  organization(name: string, suffixes: readonly string[]): string {
    const suffix = this.vary() ? (this.rng.chance(0.3) ? '' : this.rng.pick(suffixes)) : suffixes[0] ?? '';
    const written = suffix ? `${name} ${suffix}` : name;
    return this.vary() ? this.text(written) : written;
  }

  /** Names: transliteration variants, then case/spacing noise. */
  name(name: string, groups: readonly (readonly string[])[]): string {
    if (!this.vary()) return name;
    let out = name;
    for (const group of groups) {
      const canonical = group[0]!;
      if (out.includes(canonical) && this.rng.chance(0.7)) out = out.replace(canonical, this.rng.pick(group.slice(1)));
    }
    if (this.rng.chance(0.3)) {
      out = this.rng.chance(0.5) ? out.toUpperCase() : out.toLowerCase();
    } else if (this.rng.chance(0.2)) {
      out = out.replace(' ', '  ');
    }
    return out;
  }

  /** A date (YYYY-MM-DD) as ISO or DD/MM/YYYY. */
  date(iso: string): string {
    if (!this.vary()) return iso;
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }

  /** A local date-time in Pakistan (UTC+5): ISO 8601 with its offset, or DD/MM/YYYY HH:MM:SS +05:00 (one instant either way). */
  dateTime(isoDate: string, secondOfDay: number): string {
    const hh = pad(Math.floor(secondOfDay / 3600), 2);
    const mm = pad(Math.floor(secondOfDay / 60) % 60, 2);
    const ss = pad(secondOfDay % 60, 2);
    if (!this.vary()) return `${isoDate}T${hh}:${mm}:${ss}+05:00`;
    return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)} ${hh}:${mm}:${ss} +05:00`;
  }
}

// ---------------------------------------------------------------------------
// Defects (for bad rows)

/** A phone no parser accepts as a valid number: the subscriber part cut to 4 digits. */
export function malformedPhone(p: PhoneValue): string {
  return `0${p.nsn.slice(0, p.areaDigits)}-${p.nsn.slice(p.areaDigits, p.areaDigits + 4)}`;
}

/** A CNIC with one digit missing from its middle block (12 digits). */
export function malformedCnic(cnic: string): string {
  return `${cnic.slice(0, 5)}-${cnic.slice(5, 11)}-${cnic.slice(12)}`;
}

// ---------------------------------------------------------------------------
// Dates

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The ISO date `days` after `isoDate` (pure arithmetic, no Date objects: it runs once per derived person). */
export function addDays(isoDate: string, days: number): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const d = Number(isoDate.slice(8, 10));
  return civilFromDays(daysFromCivil(y, m, d) + days);
}

/** An impossible date in the same year as `isoDate` (30 February, 31 April, …), ISO-spelled. */
export function impossibleDate(isoDate: string, rng: Rng): string {
  const y = Number(isoDate.slice(0, 4));
  const options = ['02-30', '02-31', '04-31', '06-31', '09-31', '11-31'];
  if (y % 4 !== 0) options.push('02-29');
  return `${y}-${rng.pick(options)}`;
}
