import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePassport } from './passport.js';

describe('normalizePassport', () => {
  it.each([
    ['AB1234567', 'PAK', 'PAK', 'AB1234567'],
    ['ab 123-4567', 'Pakistan', 'PAK', 'AB1234567'],
    [' ab1234567 ', 'pk', 'PAK', 'AB1234567'],
    ['C01X00T47', 'D', 'DEU', 'C01X00T47'],
    ['12345', 'GBR', 'GBR', '12345'],
    ['AB12345678CD', 'USA', 'USA', 'AB12345678CD'],
  ])('(%j, %j) → %s:%s', (number, country, c, n) => {
    expect(normalizePassport(number, country)).toEqual({ ok: true, value: { country: c, number: n } });
  });

  it.each([
    ['', 'PAK', 'empty'],
    ['  ', 'PAK', 'empty'],
    ['', '', 'empty'],
    ['AB12', 'PAK', 'invalid_passport'], // too short
    ['AB12345678901', 'PAK', 'invalid_passport'], // 13 characters
    ['AB.1234567', 'PAK', 'invalid_passport'],
    ['UNKNOWN', 'PAK', 'invalid_passport'], // placeholder without a digit
    ['XXXXXXXX', 'PAK', 'invalid_passport'],
    ['0000000', 'PAK', 'invalid_passport'],
    ['AB1234567', '', 'invalid_country'], // a number without its issuer identifies no one
    ['AB1234567', 'Narnia', 'invalid_country'],
  ] as const)('rejects (%j, %j) as %s', (number, country, code) => {
    expect(normalizePassport(number, country)).toMatchObject({ ok: false, code });
  });
});

describe('normalizePassport properties', () => {
  const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  const number = fc
    .string({ unit: alnum, minLength: 5, maxLength: 12 })
    .filter((s) => /[0-9]/.test(s) && !/^0+$/.test(s));

  it('case, spaces and dashes do not matter, and the result is idempotent', () => {
    fc.assert(
      fc.property(number, fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 3 }), fc.constantFrom(' ', '-'), (n, cuts, sep) => {
        let spelled = '';
        for (let i = 0; i < n.length; i++) spelled += (cuts.includes(i) ? sep : '') + (i % 2 ? n[i]!.toLowerCase() : n[i]!);
        const r = normalizePassport(spelled, 'pk');
        expect(r).toEqual({ ok: true, value: { country: 'PAK', number: n } });
        if (r.ok) expect(normalizePassport(r.value.number, r.value.country)).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });
});
