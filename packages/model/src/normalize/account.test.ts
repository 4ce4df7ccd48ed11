import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountKeyOf, normalizeAccount } from './account.js';

describe('normalizeAccount: IBANs', () => {
  it.each([
    ['PK36SCBL0000001123456702', 'PK36SCBL0000001123456702', 'PK'],
    ['pk36 scbl 0000 0011 2345 6702', 'PK36SCBL0000001123456702', 'PK'],
    ['PK36-SCBL-0000-0011-2345-6702', 'PK36SCBL0000001123456702', 'PK'],
    ['IBAN: GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'GB'],
    ['iban DE89 3704 0044 0532 0130 00', 'DE89370400440532013000', 'DE'],
  ])('%j → %s', (raw, iban, country) => {
    expect(normalizeAccount(raw)).toEqual({ ok: true, value: { kind: 'iban', iban, country } });
  });

  it.each([
    ['PK36SCBL0000001123456703', /check digits/], // last digit changed
    ['PK37SCBL0000001123456702', /check digits/],
    ['PK36SCBL000000112345670', /length/], // one digit short
    ['XX36SCBL0000001123456702', /not an IBAN country/],
    ['HB 12345678901234', /not an IBAN country/], // IBAN-shaped: never guessed into a local account
  ])('rejects %j as invalid_iban', (raw, why) => {
    const r = normalizeAccount(raw);
    expect(r).toMatchObject({ ok: false, code: 'invalid_iban' });
    if (!r.ok) expect(r.message).toMatch(why);
  });
});

describe('normalizeAccount: local accounts', () => {
  it.each([
    ['HBL 0012-3456789-01', 'HBL', '0012345678901'],
    ['hbl:00123456789', 'HBL', '00123456789'],
    ['MCB/123 456 789', 'MCB', '123456789'],
    ['UBL-0123456789', 'UBL', '0123456789'],
    ['BAFL 1234.5678.9012', 'BAFL', '123456789012'],
    ['ABL123456', 'ABL', '123456'],
  ])('%j → %s:%s', (raw, bankCode, number) => {
    expect(normalizeAccount(raw)).toEqual({ ok: true, value: { kind: 'local', bankCode, number } });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['00123456789', 'invalid_account'], // no bank code
    ['HBL 12345', 'invalid_account'], // 5 digits
    ['HBL 123456789012345678901', 'invalid_account'], // 21 digits
    ['HBL 12AB5678', 'invalid_account'],
    ['H 12345678', 'invalid_account'], // one-letter code
    ['HABIBBANK 12345678', 'invalid_account'], // nine letters
    ['HBL 000000', 'invalid_account'],
    ['HBL: 1234-5678-', 'invalid_account'],
    ['n/a', 'invalid_account'],
  ] as const)('rejects %j as %s', (raw, code) => {
    expect(normalizeAccount(raw)).toMatchObject({ ok: false, code });
  });
});

describe('accountKeyOf', () => {
  it('is the IBAN, or BANKCODE:digits', () => {
    expect(accountKeyOf({ kind: 'iban', iban: 'PK36SCBL0000001123456702', country: 'PK' })).toBe('PK36SCBL0000001123456702');
    expect(accountKeyOf({ kind: 'local', bankCode: 'HBL', number: '00123456789' })).toBe('HBL:00123456789');
  });
});

// ---------------------------------------------------------------------------

/** ISO 7064 MOD 97-10 over the IBAN rearranged (BBAN + country + check digits), letters A=10 … Z=35. */
function mod97(s: string): number {
  let rest = 0;
  for (const ch of s) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const letters = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n });

/** Valid IBANs of countries whose BBAN has no national check digits, built with their own mod-97. */
const validIban = fc.oneof(
  fc.tuple(letters(4), digits(16)).map(([bank, acc]) => makeIban('PK', bank + acc)),
  fc.tuple(letters(4), digits(14)).map(([bank, acc]) => makeIban('GB', bank + acc)),
  digits(18).map((acc) => makeIban('DE', acc)),
  digits(19).map((acc) => makeIban('AE', acc)),
  digits(20).map((acc) => makeIban('SA', acc)),
);

/** Any spacing (spaces, dashes, groups of any size) and any letter case. */
function respell(iban: string, cuts: readonly number[], seps: readonly string[], upper: readonly boolean[]): string {
  let out = '';
  for (let i = 0; i < iban.length; i++) {
    const ch = upper[i % upper.length] ? iban[i]! : iban[i]!.toLowerCase();
    out += ch;
    if (cuts.includes(i) && i < iban.length - 1) out += seps[i % seps.length];
  }
  return out;
}

describe('normalizeAccount properties', () => {
  it('any spacing or case of a valid IBAN normalizes to its electronic format', () => {
    fc.assert(
      fc.property(
        validIban,
        fc.array(fc.integer({ min: 0, max: 33 }), { maxLength: 10 }),
        fc.array(fc.constantFrom(' ', '-', '  ', ' - '), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        (iban, cuts, seps, upper) => {
          const r = normalizeAccount(respell(iban, cuts, seps, upper));
          expect(r).toEqual({ ok: true, value: { kind: 'iban', iban, country: iban.slice(0, 2) } });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(validIban, (iban) => {
        const r = normalizeAccount(iban);
        expect(r.ok).toBe(true);
        if (r.ok && r.value.kind === 'iban') expect(normalizeAccount(r.value.iban)).toEqual(r);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects every single-digit substitution (mod 97 catches them all)', () => {
    const mutation = validIban.chain((iban) => {
      const positions = [...iban].flatMap((ch, i) => (i >= 2 && /[0-9]/.test(ch) ? [i] : []));
      return fc.tuple(fc.constant(iban), fc.constantFrom(...positions), fc.integer({ min: 1, max: 9 }));
    });
    fc.assert(
      fc.property(mutation, ([iban, pos, delta]) => {
        const changed = String((Number(iban[pos]) + delta) % 10);
        const bad = iban.slice(0, pos) + changed + iban.slice(pos + 1);
        expect(normalizeAccount(bad)).toMatchObject({ ok: false, code: 'invalid_iban' });
      }),
      { numRuns: 400 },
    );
  });

  it('local accounts: any separators between the digits give BANKCODE:digits', () => {
    fc.assert(
      fc.property(
        letters(3),
        fc.constantFrom(' ', ':', '/', '-', ' : ', ''),
        fc.array(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(' ', '-', '.', '/'),
        (code, sep, groups, inner) => {
          const number = groups.join('');
          fc.pre(number.length >= 6 && number.length <= 20 && !/^0+$/.test(number));
          const r = normalizeAccount(`${code.toLowerCase()}${sep}${groups.join(inner)}`);
          expect(r).toEqual({ ok: true, value: { kind: 'local', bankCode: code, number } });
          if (r.ok) expect(accountKeyOf(r.value)).toBe(`${code}:${number}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = normalizeAccount(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
