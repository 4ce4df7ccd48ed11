/**
 * Countries to ISO 3166-1 alpha-3 (the form ICAO 9303 uses in passports),
 * from alpha-2, alpha-3, numeric codes or English names, with
 * i18n-iso-countries for the code tables and names.
 */
import * as countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { fail, ok, type NormalizeResult } from './result.js';
import { cleanIdentifier, isBlank, preview, stripDiacritics } from './text.js';

countries.registerLocale(en);

/**
 * Codes that ICAO Doc 9303 Part 3 uses in machine-readable travel documents
 * but ISO 3166-1 does not assign. They are accepted and returned unchanged
 * (they name a nationality or issuing authority, not an ISO country), except
 * where ICAO_TO_ISO maps them.
 */
export const ICAO_NON_ISO_CODES: Readonly<Record<string, string>> = Object.freeze({
  GBD: 'British Overseas Territories Citizen',
  GBN: 'British National (Overseas)',
  GBO: 'British Overseas Citizen',
  GBP: 'British Protected Person',
  GBS: 'British Subject',
  EUE: 'European Union',
  UNO: 'United Nations Organization',
  UNA: 'specialized agency of the United Nations',
  UNK: 'United Nations Interim Administration Mission in Kosovo',
  XBA: 'African Development Bank',
  XIM: 'African Export-Import Bank',
  XCC: 'Caribbean Community',
  XCE: 'Council of Europe',
  XCO: 'Common Market for Eastern and Southern Africa',
  XEC: 'Economic Community of West African States',
  XPO: 'International Criminal Police Organization (INTERPOL)',
  XES: 'Organisation of Eastern Caribbean States',
  XMP: 'Parliamentary Assembly of the Mediterranean',
  XOM: 'Sovereign Military Order of Malta',
  XDC: 'Southern African Development Community',
  XXA: 'stateless person',
  XXB: 'refugee (1951 Convention)',
  XXC: 'refugee (other)',
  XXX: 'unspecified nationality',
  RKS: 'Kosovo',
});

/** ICAO or non-standard codes with an ISO (or ICAO, for Kosovo) alpha-3 equivalent. */
const CODE_ALIASES: Readonly<Record<string, string>> = {
  D: 'DEU', // Germany in ICAO 9303 MRZs
  UK: 'GBR', // exceptionally reserved alpha-2
  XK: 'RKS', // Kosovo: user-assigned code; ICAO documents carry RKS
  XKK: 'RKS',
  XKX: 'RKS',
};

/** Common English names the library does not list (folded form → alpha-3). */
const NAME_ALIASES: Readonly<Record<string, string>> = {
  'kosovo': 'RKS',
  'ksa': 'SAU',
  'saudi': 'SAU',
  'saudia': 'SAU',
  'kingdom of saudi arabia': 'SAU',
  'syria': 'SYR',
  'laos': 'LAO',
  'burma': 'MMR',
  'holland': 'NLD',
  'moldova': 'MDA',
  'micronesia': 'FSM',
  'brunei': 'BRN',
  'vatican': 'VAT',
  'vatican city': 'VAT',
  'swaziland': 'SWZ',
  'cabo verde': 'CPV',
  'macedonia': 'MKD',
  'britain': 'GBR',
  'united kingdom of great britain and northern ireland': 'GBR',
  'islamic republic of pakistan': 'PAK',
  'islamic republic of afghanistan': 'AFG',
  'peoples republic of bangladesh': 'BGD',
};

function foldName(s: string): string {
  return stripDiacritics(s)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** folded English name → alpha-3, or null when the name is shared by two countries ("Congo"). */
const byName = new Map<string, string | null>();
{
  const names = countries.getNames('en', { select: 'all' }) as Record<string, string[]>;
  for (const [alpha2, list] of Object.entries(names)) {
    const alpha3 = CODE_ALIASES[alpha2] ?? countries.alpha2ToAlpha3(alpha2);
    if (alpha3 === undefined) continue;
    for (const name of list) {
      const key = foldName(name);
      const seen = byName.get(key);
      byName.set(key, seen === undefined || seen === alpha3 ? alpha3 : null);
    }
  }
  for (const [key, alpha3] of Object.entries(NAME_ALIASES)) byName.set(key, alpha3);
}

/**
 * `PK`, `pak`, `586`, `Pakistan`, `Islamic Republic of Pakistan`, `D`
 * (ICAO for Germany) → `PAK` / `DEU`. Case-insensitive; MRZ fillers (`D<<`)
 * and dots (`U.A.E.`) are ignored. Names shared by two countries ("Congo")
 * and demonyms ("Pakistani") are rejected, not guessed.
 */
export function normalizeCountry(raw: string): NormalizeResult<string> {
  if (isBlank(raw)) return fail('empty', 'country is empty');
  if (typeof raw !== 'string') return fail('invalid_country', `country must be a string, got ${typeof raw}`);
  const s = cleanIdentifier(raw).replace(/<+$/, '').trim();
  const code = s.replace(/\./g, '').toUpperCase();

  if (/^[A-Z]{1,3}$/.test(code)) {
    const alias = CODE_ALIASES[code];
    if (alias !== undefined) return ok(alias);
    if (code.length === 2) {
      const a3 = countries.alpha2ToAlpha3(code);
      if (a3 !== undefined) return ok(CODE_ALIASES[a3] ?? a3);
    }
    if (code.length === 3) {
      if (countries.alpha3ToAlpha2(code) !== undefined) return ok(code);
      if (Object.prototype.hasOwnProperty.call(ICAO_NON_ISO_CODES, code)) return ok(code);
    }
  }
  if (/^[0-9]{3}$/.test(code)) {
    const a3 = countries.numericToAlpha3(code);
    if (a3 !== undefined) return ok(CODE_ALIASES[a3] ?? a3);
    return fail('invalid_country', `country ${preview(raw)} is not an ISO 3166-1 numeric code`);
  }
  const byNameHit = byName.get(foldName(s));
  if (byNameHit === null) return fail('invalid_country', `country name ${preview(raw)} is ambiguous (more than one country has it)`);
  if (byNameHit !== undefined) return ok(byNameHit);
  return fail('invalid_country', `country ${preview(raw)} is not an ISO 3166-1 code or English country name`);
}
