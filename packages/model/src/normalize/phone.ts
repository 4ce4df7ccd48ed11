/**
 * Phone numbers to E.164 with libphonenumber-js (Google's libphonenumber
 * metadata). The `/max` metadata is used so that `isValid()` checks the
 * number against the real numbering plan (ranges, lengths, types), not only
 * its length: a number that is merely "possible" is rejected.
 */
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, isBlank, preview } from './text.js';

export type { CountryCode } from 'libphonenumber-js/max';

/** Region used for national spellings (`0300-1234567`) when the caller names none. */
export const DEFAULT_PHONE_REGION: CountryCode = 'PK';

/** Most entries the memo cache holds; it is emptied when full (cheap, and bounded). */
export const PHONE_CACHE_LIMIT = 50_000;

export interface NormalizedPhone {
  /** `+` and country code and national number, digits only: `+923001234567`. */
  e164: string;
  /**
   * The region the number belongs to as libphonenumber names it (ISO 3166-1
   * alpha-2, e.g. `PK`, plus a few non-ISO regions such as `XK`, `AC`);
   * undefined for non-geographic numbers (`+800`, `+882`, …).
   */
  country: string | undefined;
}

export interface NormalizePhoneOptions {
  /** Region for numbers written without a country code. Default DEFAULT_PHONE_REGION. */
  defaultRegion?: CountryCode;
}

const cache = new Map<string, NormalizeResult<NormalizedPhone>>();

/**
 * True when libphonenumber has numbering-plan metadata for the region (use it
 * to validate a configured default region; normalizePhone throws a
 * RangeError on an unknown one, since that is a configuration error).
 */
export function isPhoneRegion(region: string): region is CountryCode {
  return typeof region === 'string' && isSupportedCountry(region);
}

/** Empties the memo cache (tests, or a caller that changes nothing but wants memory back). */
export function clearPhoneCache(): void {
  cache.clear();
}

/** Current number of memoized inputs (for tests and diagnostics). */
export function phoneCacheSize(): number {
  return cache.size;
}

/**
 * `0300-1234567`, `+92 300 1234567`, `923001234567`, `0092-300-1234567`,
 * `(0300) 123 4567`, `+92 (0) 300 1234567`, `tel:+923001234567` → `+923001234567`.
 *
 * Accepted characters: digits (ASCII, full-width, Arabic-Indic), one leading
 * `+`, spaces, `-`, `.`, `/`, `(`, `)`. Letters (vanity numbers, `ext`,
 * Excel's `9.23E+11`) are rejected, never interpreted. Results are memoized
 * per (region, raw) and frozen: do not mutate them. An unknown
 * `defaultRegion` throws a RangeError (configuration error, see isPhoneRegion).
 */
export function normalizePhone(raw: string, options?: NormalizePhoneOptions): NormalizeResult<NormalizedPhone> {
  const region = options?.defaultRegion ?? DEFAULT_PHONE_REGION;
  if (typeof raw !== 'string') return notAString(raw);
  const key = `${region}\u0000${raw}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (!isPhoneRegion(region)) {
    throw new RangeError(`normalizePhone: unknown default region ${JSON.stringify(region)} (expected an ISO 3166-1 alpha-2 code libphonenumber knows)`);
  }
  const result = freeze(computePhone(raw, region));
  if (cache.size >= PHONE_CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

const ALLOWED = /^\+?[0-9()\-./ ]+$/;
const MIN_DIGITS = 6;
/** 15 digits of E.164 plus a two-digit international prefix (`00`). */
const MAX_DIGITS = 17;

function computePhone(raw: string, region: CountryCode): NormalizeResult<NormalizedPhone> {
  if (isBlank(raw)) return fail('empty', 'phone number is empty');
  // Whitespace of any kind to one space; `(+92)` reads as `+92`.
  let s = cleanIdentifier(raw).replace(/\s+/g, ' ');
  s = s.replace(/^tel:\s*/i, '').replace(/^\(\s*\+\s*(\d{1,3})\s*\)/, '+$1');
  if (!ALLOWED.test(s)) {
    return fail('invalid_phone', `phone number ${preview(raw)} contains characters other than digits, a leading +, spaces and - . / ( )`);
  }
  const digits = s.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS) {
    return fail('invalid_phone', `phone number ${preview(raw)} is too short (${digits.length} digits)`);
  }
  if (digits.length > MAX_DIGITS) {
    return fail('invalid_phone', `phone number ${preview(raw)} is too long (${digits.length} digits)`);
  }

  const first = parse(s, region);
  if (first.valid) return first.result;

  if (!s.startsWith('+')) {
    // `923001234567`: the region's own country code written without `+`.
    // Tried only after the national reading failed, so a real national
    // number is never reinterpreted.
    const cc = callingCode(region);
    if (cc !== undefined && digits.startsWith(cc)) {
      const retry = parse(`+${digits}`, region);
      if (retry.valid) return retry.result;
    }
    // `0044 20 …` with a default region whose international prefix is not 00.
    if (digits.startsWith('00')) {
      const retry = parse(`+${digits.slice(2)}`, region);
      if (retry.valid) return retry.result;
    }
  }
  return fail(
    'invalid_phone',
    first.possible
      ? `phone number ${preview(raw)} has a possible length but is not a valid number in the numbering plan (region ${region})`
      : `phone number ${preview(raw)} is not a valid number (region ${region})`,
  );
}

function parse(s: string, region: CountryCode): { valid: boolean; possible: boolean; result: NormalizeResult<NormalizedPhone> } {
  const p = parsePhoneNumberFromString(s, { defaultCountry: region, extract: false });
  if (p === undefined) return { valid: false, possible: false, result: fail('invalid_phone', '') };
  if (!p.isValid()) return { valid: false, possible: p.isPossible(), result: fail('invalid_phone', '') };
  return { valid: true, possible: true, result: ok({ e164: p.number, country: p.country }) };
}

const callingCodes = new Map<string, string | undefined>();
function callingCode(region: CountryCode): string | undefined {
  if (!callingCodes.has(region)) {
    let cc: string | undefined;
    try {
      cc = getCountryCallingCode(region);
    } catch {
      cc = undefined;
    }
    callingCodes.set(region, cc);
  }
  return callingCodes.get(region);
}

function freeze<T>(result: NormalizeResult<T>): NormalizeResult<T> {
  if (result.ok) Object.freeze(result.value);
  return Object.freeze(result);
}

function notAString(raw: unknown): NormalizeResult<NormalizedPhone> {
  if (raw === null || raw === undefined) return fail('empty', 'phone number is empty');
  return fail('invalid_phone', `phone number must be a string, got ${typeof raw}`);
}
