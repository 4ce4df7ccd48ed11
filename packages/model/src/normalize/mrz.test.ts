import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrzCheckDigit, parseMrz } from './mrz.js';

/** ICAO 9303 Part 3 §4.9, written out again here so the tests do not trust the code under test. */
function cd(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  [...s].forEach((ch, i) => {
    const v = ch === '<' ? 0 : /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  });
  return String(sum % 10);
}

const pad = (s: string, n: number) => s.padEnd(n, '<');

/** A TD3 (passport) MRZ with correct check digits. */
function td3(o: { issuer?: string; surname?: string; given?: string; number: string; nat?: string; dob: string; sex?: string; exp: string; personal?: string }): [string, string] {
  const issuer = pad(o.issuer ?? 'PAK', 3);
  const nat = pad(o.nat ?? 'PAK', 3);
  const l1 = pad(`P<${issuer}${o.surname ?? 'KHAN'}<<${(o.given ?? 'MUHAMMAD ALI').replace(/ /g, '<')}`, 44);
  const num = pad(o.number, 9);
  const personal = pad(o.personal ?? '', 14);
  const personalCd = o.personal ? cd(personal) : '<';
  const a = `${num}${cd(num)}`;
  const b = `${o.dob}${cd(o.dob)}`;
  const c = `${o.exp}${cd(o.exp)}${personal}${personalCd}`;
  const l2 = `${a}${nat}${b}${o.sex ?? 'M'}${c}${cd(a + b + c)}`;
  return [l1, l2];
}

/** A TD1 (identity card) MRZ with correct check digits. */
function td1(o: { number: string; dob: string; exp: string; optional?: string; sex?: string }): [string, string, string] {
  const num = pad(o.number, 9);
  const opt = pad(o.optional ?? '', 15);
  const l1 = `I<PAK${num}${cd(num)}${opt}`;
  const l2head = `${o.dob}${cd(o.dob)}${o.sex ?? 'F'}${o.exp}${cd(o.exp)}PAK`;
  const opt2 = pad('', 11);
  const composite = cd(l1.slice(5, 30) + l2head.slice(0, 7) + l2head.slice(8, 15) + opt2);
  const l2 = `${l2head}${opt2}${composite}`;
  return [l1, l2, pad('BIBI<<AYESHA', 30)];
}

/** A TD2 MRZ with correct check digits. */
function td2(o: { number: string; dob: string; exp: string }): [string, string] {
  const num = pad(o.number, 9);
  const l1 = pad('I<PAKAHMAD<<ZAINAB', 36);
  const a = `${num}${cd(num)}`;
  const b = `${o.dob}${cd(o.dob)}`;
  const c = `${o.exp}${cd(o.exp)}${pad('', 7)}`;
  return [l1, `${a}PAK${b}F${c}${cd(a + b + c)}`];
}

const SPECIMEN = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const NOW = new Date('2025-06-01T00:00:00Z');

describe('parseMrz', () => {
  it('parses the ICAO 9303 specimen passport', () => {
    expect(parseMrz(SPECIMEN)).toEqual({
      ok: true,
      value: {
        format: 'TD3',
        documentCode: 'P',
        issuer: 'UTO',
        number: 'L898902C3',
        surname: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        nationality: 'UTO',
        birthDate: '1974-08-12',
        sex: 'F',
        expiryDate: '2012-04-15',
        personalNumber: 'ZE184226B',
      },
    });
  });

  it('accepts one string with line breaks, stray spaces and lower case (OCR output)', () => {
    const joined = `  ${SPECIMEN[0]!.toLowerCase()}\r\n${SPECIMEN[1]!.slice(0, 20)} ${SPECIMEN[1]!.slice(20)}\n`;
    expect(parseMrz(joined)).toMatchObject({ ok: true, value: { number: 'L898902C3' } });
    expect(parseMrz([`${SPECIMEN[0]}\n${SPECIMEN[1]}`])).toMatchObject({ ok: true });
  });

  it('parses a Pakistani passport with a CNIC as personal number', () => {
    const lines = td3({ number: 'AB1234567', dob: '900315', exp: '300101', personal: '3520212345671' });
    expect(lines[0]).toHaveLength(44);
    expect(lines[1]).toHaveLength(44);
    expect(parseMrz(lines, { now: NOW })).toEqual({
      ok: true,
      value: {
        format: 'TD3',
        documentCode: 'P',
        issuer: 'PAK',
        number: 'AB1234567',
        surname: 'KHAN',
        givenNames: 'MUHAMMAD ALI',
        nationality: 'PAK',
        birthDate: '1990-03-15',
        sex: 'M',
        expiryDate: '2030-01-01',
        personalNumber: '3520212345671',
      },
    });
  });

  it('maps the ICAO code D to DEU', () => {
    const lines = td3({ issuer: 'D', nat: 'D', surname: 'MUSTERMANN', given: 'ERIKA', number: 'C01X00T47', dob: '830812', sex: 'F', exp: '310101' });
    expect(parseMrz(lines, { now: NOW })).toMatchObject({ ok: true, value: { issuer: 'DEU', nationality: 'DEU', number: 'C01X00T47' } });
  });

  it('parses TD1 and TD2 cards', () => {
    expect(parseMrz(td1({ number: 'P12345678', dob: '010203', exp: '290304', optional: '3520212345672' }), { now: NOW })).toMatchObject({
      ok: true,
      value: { format: 'TD1', documentCode: 'I', number: 'P12345678', birthDate: '2001-02-03', sex: 'F', surname: 'BIBI', givenNames: 'AYESHA', personalNumber: '3520212345672' },
    });
    expect(parseMrz(td2({ number: 'Z98765432', dob: '751231', exp: '270101' }), { now: NOW })).toMatchObject({
      ok: true,
      value: { format: 'TD2', number: 'Z98765432', birthDate: '1975-12-31', surname: 'AHMAD', givenNames: 'ZAINAB', personalNumber: null },
    });
  });

  it('pivots the birth century on today: never in the future', () => {
    const born = (dob: string, now: Date) => {
      const r = parseMrz(td3({ number: 'AB1234567', dob, exp: '300101' }), { now });
      return r.ok ? r.value.birthDate : r.code;
    };
    expect(born('250531', NOW)).toBe('2025-05-31');
    expect(born('250601', NOW)).toBe('2025-06-01');
    expect(born('250602', NOW)).toBe('1925-06-02');
    expect(born('990101', NOW)).toBe('1999-01-01');
    expect(born('000229', NOW)).toBe('2000-02-29');
  });

  it('expiry dates are 20YY', () => {
    const r = parseMrz(td3({ number: 'AB1234567', dob: '900101', exp: '991231' }), { now: NOW });
    expect(r).toMatchObject({ ok: true, value: { expiryDate: '2099-12-31' } });
  });

  it('unknown date parts (<) give null, X or < give sex X', () => {
    expect(parseMrz(td3({ number: 'AB1234567', dob: '90<<<<', exp: '300101', sex: '<' }), { now: NOW })).toMatchObject({
      ok: true,
      value: { birthDate: null, sex: 'X' },
    });
    expect(parseMrz(td3({ number: 'AB1234567', dob: '900101', exp: '300101', sex: 'X' }), { now: NOW })).toMatchObject({
      ok: true,
      value: { sex: 'X' },
    });
  });

  it('names each failed check digit', () => {
    const bad = `${SPECIMEN[1]!.slice(0, 9)}7${SPECIMEN[1]!.slice(10)}`; // document number check digit 6 → 7
    const r = parseMrz([SPECIMEN[0]!, bad]);
    expect(r).toMatchObject({ ok: false, code: 'mrz_check_digit' });
    if (!r.ok) expect(r.message).toMatch(/document number.*composite/);

    const dob = `${SPECIMEN[1]!.slice(0, 13)}740813${SPECIMEN[1]!.slice(19)}`;
    const r2 = parseMrz([SPECIMEN[0]!, dob]);
    expect(r2).toMatchObject({ ok: false, code: 'mrz_check_digit' });
    if (!r2.ok) expect(r2.message).toContain('birth date');
  });

  it.each([
    ['', 'empty'],
    ['  \n  ', 'empty'],
    [[], 'empty'],
    [SPECIMEN[0]!, 'invalid_mrz'], // one line
    [[SPECIMEN[0]!, SPECIMEN[1]!.slice(0, 43)], 'invalid_mrz'], // short line
    [[SPECIMEN[0]!.slice(0, 30), SPECIMEN[1]!.slice(0, 30)], 'invalid_mrz'], // 2×30 is not a layout
    [[SPECIMEN[0]!, SPECIMEN[1]!, SPECIMEN[1]!], 'invalid_mrz'],
    [[SPECIMEN[0]!.replace('ERIKSSON', 'ERIKSSØN'), SPECIMEN[1]!], 'invalid_mrz'],
    [[SPECIMEN[0]!.replace('P<UTO', 'V<UTO'), SPECIMEN[1]!], 'invalid_mrz'], // visa (MRV-A): not supported
  ] as const)('rejects %j as %s', (input, code) => {
    expect(parseMrz(input as string | string[])).toMatchObject({ ok: false, code });
  });

  it('rejects unknown states and impossible dates even with correct check digits', () => {
    expect(parseMrz(td3({ issuer: 'ZZZ', number: 'AB1234567', dob: '900101', exp: '300101' }))).toMatchObject({
      ok: false,
      code: 'invalid_mrz',
      message: expect.stringContaining('issuing state'),
    });
    expect(parseMrz(td3({ number: 'AB1234567', dob: '900230', exp: '300101' }), { now: NOW })).toMatchObject({
      ok: false,
      code: 'invalid_mrz',
      message: expect.stringContaining('birth date'),
    });
    expect(parseMrz(td3({ number: 'AB1234567', dob: '901301', exp: '300101' }), { now: NOW })).toMatchObject({ ok: false, code: 'invalid_mrz' });
  });

  it('exports the same check digit as ICAO', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
  });
});

describe('parseMrz properties', () => {
  const digit = fc.constantFrom(...'0123456789');
  const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  const yymmdd = fc
    .record({ y: fc.integer({ min: 0, max: 99 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
    .map(({ y, m, d }) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''));
  const passport = fc.record({
    number: fc.string({ unit: alnum, minLength: 9, maxLength: 9 }),
    dob: yymmdd,
    exp: yymmdd,
    personal: fc.string({ unit: digit, minLength: 13, maxLength: 13 }),
    sex: fc.constantFrom('M', 'F', '<'),
  });

  it('every generated passport with correct check digits parses', () => {
    fc.assert(
      fc.property(passport, (p) => {
        const r = parseMrz(td3(p), { now: NOW });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value.number).toBe(p.number);
          expect(r.value.personalNumber).toBe(p.personal);
          expect(r.value.expiryDate).toBe(`20${p.exp.slice(0, 2)}-${p.exp.slice(2, 4)}-${p.exp.slice(4)}`);
          expect(r.value.birthDate! <= '2025-06-01').toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('changing any digit covered by a check digit is caught as mrz_check_digit', () => {
    // TD3 line 2: number 0–8, its check 9, birth 13–18 + 19, expiry 21–26 + 27, personal 28–41 + 42, composite 43.
    const covered = [...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 7 }, (_, i) => 13 + i), ...Array.from({ length: 23 }, (_, i) => 21 + i)];
    fc.assert(
      fc.property(passport, fc.constantFrom(...covered), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
        const [l1, l2] = td3(p);
        const ch = l2[pos]!;
        fc.pre(/[0-9]/.test(ch));
        const flipped = l2.slice(0, pos) + String((Number(ch) + delta) % 10) + l2.slice(pos + 1);
        expect(parseMrz([l1, flipped], { now: NOW })).toMatchObject({ ok: false, code: 'mrz_check_digit' });
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary input', () => {
    const line = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCPKZ0129<'), minLength: n, maxLength: n });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(line(44), line(44)), fc.tuple(line(36), line(36)), fc.tuple(line(30), line(30), line(30)), fc.array(fc.string())), (lines) => {
        const r = parseMrz(lines as string[]);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
