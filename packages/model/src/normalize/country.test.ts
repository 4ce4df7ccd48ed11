import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICAO_NON_ISO_CODES, normalizeCountry } from './country.js';

describe('normalizeCountry', () => {
  it.each([
    ['PK', 'PAK'],
    ['pk', 'PAK'],
    ['PAK', 'PAK'],
    ['pak', 'PAK'],
    ['586', 'PAK'],
    ['Pakistan', 'PAK'],
    ['  PAKISTAN ', 'PAK'],
    ['Islamic Republic of Pakistan', 'PAK'],
    ['Afghanistan', 'AFG'],
    ['Iran', 'IRN'],
    ['UAE', 'ARE'],
    ['U.A.E.', 'ARE'],
    ['United Arab Emirates', 'ARE'],
    ['KSA', 'SAU'],
    ['Saudi Arabia', 'SAU'],
    ['UK', 'GBR'],
    ['Great Britain', 'GBR'],
    ['United States', 'USA'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ["Cote d'Ivoire", 'CIV'],
    ['Côte d’Ivoire', 'CIV'],
    ['The Netherlands', 'NLD'],
    ['D', 'DEU'], // ICAO 9303 code for Germany
    ['D<<', 'DEU'], // as cut from an MRZ
    ['DEU', 'DEU'],
    ['XK', 'RKS'],
    ['Kosovo', 'RKS'],
    ['GBD', 'GBD'],
    ['UNO', 'UNO'],
    ['XXA', 'XXA'],
  ])('%j → %s', (raw, alpha3) => {
    expect(normalizeCountry(raw)).toEqual({ ok: true, value: alpha3 });
  });

  it.each([
    ['', 'empty'],
    [' ', 'empty'],
    ['Congo', 'invalid_country'], // two countries have this name
    ['Pakistani', 'invalid_country'], // demonyms are not guessed
    ['ZZ', 'invalid_country'],
    ['ZZZ', 'invalid_country'],
    ['UTO', 'invalid_country'], // ICAO specimen state: only parseMrz accepts it
    ['999', 'invalid_country'],
    ['Narnia', 'invalid_country'],
    ['E', 'invalid_country'],
  ] as const)('rejects %j as %s', (raw, code) => {
    expect(normalizeCountry(raw)).toMatchObject({ ok: false, code });
  });

  it('accepts every ICAO-only code it lists, unchanged', () => {
    for (const code of Object.keys(ICAO_NON_ISO_CODES)) expect(normalizeCountry(code)).toEqual({ ok: true, value: code });
  });
});

describe('normalizeCountry properties', () => {
  it('is idempotent on whatever it accepts, and the output is a 3-letter code', () => {
    const input = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 3 }),
      fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0')),
      fc.constantFrom('Pakistan', 'india', 'Bangladesh', 'united kingdom', 'Oman', 'QATAR', 'Germany'),
    );
    fc.assert(
      fc.property(input, (raw) => {
        const r = normalizeCountry(raw);
        if (!r.ok) return;
        expect(r.value).toMatch(/^[A-Z]{3}$/);
        expect(normalizeCountry(r.value)).toEqual(r);
        expect(normalizeCountry(r.value.toLowerCase())).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });
});
