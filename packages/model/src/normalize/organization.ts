/**
 * Organization name keys, for `organization:<key>` ids: travel agencies,
 * employers and sponsor companies named in many spellings of their legal form.
 */
import { stripDiacritics, stripInvisible } from './text.js';

/**
 * Legal-form suffixes removed from the end of a name (repeatedly), as token
 * sequences after punctuation has become spaces: `(Pvt.) Ltd.` → `pvt ltd`.
 * Longer sequences are tried first (`and co` before `co`, `fz llc` before `llc`).
 */
const LEGAL_SUFFIXES: ReadonlyArray<readonly string[]> = ([
  ['private', 'limited'], ['private', 'ltd'], ['pvt', 'limited'], ['pvt', 'ltd'], ['pvt'], ['private'],
  ['smc'], ['ltd'], ['limited'], ['llc'], ['l', 'l', 'c'], ['llp'], ['plc'], ['inc'], ['incorporated'],
  ['and', 'co'], ['and', 'company'], ['corp'], ['corporation'], ['co'], ['company'],
  ['gmbh'], ['fze'], ['fzco'], ['fzc'], ['fz', 'llc'], ['fzllc'], ['est'], ['establishment'],
] as const satisfies ReadonlyArray<readonly string[]>)
  .slice()
  .sort((a, b) => b.length - a.length);

/** `M/s` (Messrs), the customary prefix of Pakistani firm names. */
const LEADING = [['m', 's'], ['messrs']];

/**
 * `M/s Al-Madina Travel & Tours (Pvt.) Ltd.` → `al-madina-travel-and-tours`.
 *
 * NFKD without diacritics, lower case, `&` → `and`, apostrophes dropped,
 * other punctuation to spaces, a leading `M/s` or `Messrs` dropped, legal
 * forms at the end dropped (pvt ltd, private limited, smc, ltd, limited,
 * llc, llp, plc, inc, corp, co, & co, company, gmbh, fze, fzco, fz-llc,
 * est), words joined by `-`. A name that is nothing but a legal form keeps
 * it. Returns '' when no letter or digit is left. Idempotent.
 */
export function organizationKey(raw: string): string {
  if (typeof raw !== 'string') return '';
  const tokens = stripDiacritics(stripInvisible(raw.normalize('NFKC')).toLowerCase())
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of LEADING) {
      if (tokens.length > prefix.length && prefix.every((p, i) => tokens[i] === p)) {
        tokens.splice(0, prefix.length);
        changed = true;
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (tokens.length > suffix.length && suffix.every((p, i) => tokens[tokens.length - suffix.length + i] === p)) {
        tokens.splice(tokens.length - suffix.length);
        changed = true;
        break;
      }
    }
  }
  return tokens.join('-');
}
