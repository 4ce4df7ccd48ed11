/**
 * Passport numbers with their issuing country: the pair is the key
 * (`PAK:AB1234567`), the number alone is not unique across countries.
 */
import { normalizeCountry } from './country.js';
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, isBlank, preview } from './text.js';

export interface NormalizedPassport {
  /** Issuing country, ISO 3166-1 alpha-3 (or an ICAO code, see normalizeCountry). */
  country: string;
  /** Upper case, no spaces or dashes: `AB1234567`. */
  number: string;
}

const NUMBER = /^[A-Z0-9]{5,12}$/;

/**
 * (`ab 123-4567`, `Pakistan`) → `{ country: 'PAK', number: 'AB1234567' }`.
 *
 * The number must be 5–12 letters and digits after removing spaces and
 * dashes, contain at least one digit (so `UNKNOWN`, `PENDING`, `XXXXXXX`
 * fail) and not be all zeros. `O`/`0` and `I`/`1` are never swapped.
 * An empty number is `empty`; a number with a missing or unknown country is
 * `invalid_country` (a passport number without its issuer identifies no one).
 */
export function normalizePassport(number: string, country: string): NormalizeResult<NormalizedPassport> {
  if (isBlank(number)) return fail('empty', 'passport number is empty');
  if (typeof number !== 'string') return fail('invalid_passport', `passport number must be a string, got ${typeof number}`);
  const n = cleanIdentifier(number).replace(/[\s-]+/g, '').toUpperCase();
  if (!NUMBER.test(n)) {
    return fail('invalid_passport', `passport number ${preview(number)} is not 5–12 letters and digits`);
  }
  if (!/[0-9]/.test(n)) return fail('invalid_passport', `passport number ${preview(number)} has no digit (a placeholder?)`);
  if (/^0+$/.test(n)) return fail('invalid_passport', `passport number ${preview(number)} is all zeros`);
  const c = normalizeCountry(country);
  if (!c.ok) {
    const why = c.code === 'empty' ? 'no issuing country given' : c.message;
    return fail('invalid_country', `passport ${preview(n)}: ${why}`);
  }
  return ok({ country: c.value, number: n });
}
