import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCnic } from './cnic.js';

describe('normalizeCnic', () => {
  it.each([
    '35202-1234567-1',
    '3520212345671',
    ' 35202 1234567 1 ',
    '35202 - 1234567 - 1',
    '35202–1234567–1', // en dashes from a word processor
    '٣٥٢٠٢-١٢٣٤٥٦٧-١', // Arabic-Indic digits
  ])('%j → 3520212345671', (raw) => {
    expect(normalizeCnic(raw)).toEqual({ ok: true, value: '3520212345671' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['352021234567', 'invalid_cnic'], // 12 digits
    ['35202123456712', 'invalid_cnic'], // 14 digits
    ['35202-1234567-12', 'invalid_cnic'],
    ['3520-21234567-1', 'invalid_cnic'], // dashes in the wrong places
    ['35202-12345671', 'invalid_cnic'], // one dash only
    ['35202-1234567-', 'invalid_cnic'],
    ['35202-123456A-1', 'invalid_cnic'],
    ['0000000000000', 'invalid_cnic'],
    ['00000-0000000-0', 'invalid_cnic'],
    ['11111-1111111-1', 'invalid_cnic'],
    ['N/A', 'invalid_cnic'],
  ] as const)('rejects %j as %s', (raw, code) => {
    expect(normalizeCnic(raw)).toMatchObject({ ok: false, code });
  });

  it('says why', () => {
    expect(normalizeCnic('352021234567')).toMatchObject({ message: expect.stringContaining('12 digits') });
    expect(normalizeCnic('3520-21234567-1')).toMatchObject({ message: expect.stringContaining('5-7-1') });
  });
});

describe('normalizeCnic properties', () => {
  const digit = fc.constantFrom(...'0123456789');
  const cnic = fc.string({ unit: digit, minLength: 13, maxLength: 13 }).filter((s) => !/^(\d)\1+$/.test(s));

  it('any 13 digits, with or without the 5-7-1 dashes or spaces, give the same 13 digits', () => {
    fc.assert(
      fc.property(cnic, fc.constantFrom('-', ' ', ' - ', ''), (d, sep) => {
        const dashed = `${d.slice(0, 5)}${sep}${d.slice(5, 12)}${sep}${d.slice(12)}`;
        expect(normalizeCnic(d)).toEqual({ ok: true, value: d });
        expect(normalizeCnic(dashed)).toEqual({ ok: true, value: d });
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(cnic, (d) => {
        const r = normalizeCnic(`${d.slice(0, 5)}-${d.slice(5, 12)}-${d.slice(12)}`);
        expect(r.ok && normalizeCnic(r.value)).toEqual(r);
      }),
      { numRuns: 100 },
    );
  });

  it('any other number of digits is rejected, dashed or not', () => {
    const other = fc.integer({ min: 1, max: 25 }).filter((n) => n !== 13).chain((n) => fc.string({ unit: digit, minLength: n, maxLength: n }));
    fc.assert(
      fc.property(other, (d) => {
        expect(normalizeCnic(d)).toMatchObject({ ok: false, code: 'invalid_cnic' });
        if (d.length > 6) {
          expect(normalizeCnic(`${d.slice(0, 5)}-${d.slice(5, -1)}-${d.slice(-1)}`)).toMatchObject({ ok: false, code: 'invalid_cnic' });
        }
      }),
      { numRuns: 300 },
    );
  });
});
