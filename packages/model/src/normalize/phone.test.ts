import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearPhoneCache, DEFAULT_PHONE_REGION, isPhoneRegion, normalizePhone, PHONE_CACHE_LIMIT, phoneCacheSize, type CountryCode } from './phone.js';

const E164 = '+923001234567';

describe('normalizePhone', () => {
  beforeEach(() => clearPhoneCache());

  it('defaults to Pakistan', () => {
    expect(DEFAULT_PHONE_REGION).toBe('PK');
  });

  it.each([
    '0300-1234567',
    '+92 300 1234567',
    '923001234567',
    '0092-300-1234567',
    '(0300) 123 4567',
    '+92-300-123-4567',
    '0300 1234567',
    '92 300 1234567',
    '+92 (0) 300 1234567',
    '(+92) 300 1234567',
    'tel:+923001234567',
    '  0300.123.4567  ',
    '3001234567', // leading zero lost by a spreadsheet: still the national significant number
    '０３００−１２３４５６７', // full-width
    '۰۳۰۰۱۲۳۴۵۶۷', // Urdu (Extended Arabic-Indic) digits
    '\u200E0300-1234567\u200F', // bidi marks from copy-paste
  ])('%j → +923001234567', (raw) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value: { e164: E164, country: 'PK' } });
  });

  it('reads landlines and other regions', () => {
    expect(normalizePhone('021-35123456')).toEqual({ ok: true, value: { e164: '+922135123456', country: 'PK' } });
    expect(normalizePhone('+44 20 7946 0000')).toEqual({ ok: true, value: { e164: '+442079460000', country: 'GB' } });
    expect(normalizePhone('0044 20 7946 0000')).toEqual({ ok: true, value: { e164: '+442079460000', country: 'GB' } });
    expect(normalizePhone('020 7946 0000', { defaultRegion: 'GB' })).toEqual({
      ok: true,
      value: { e164: '+442079460000', country: 'GB' },
    });
    expect(normalizePhone('+971 50 123 4567')).toEqual({ ok: true, value: { e164: '+971501234567', country: 'AE' } });
  });

  it('retries a bare country code only for the default region', () => {
    // 44… without + is not read as a UK number when the default region is PK.
    expect(normalizePhone('442079460000').ok).toBe(false);
    expect(normalizePhone('442079460000', { defaultRegion: 'GB' })).toMatchObject({ ok: true, value: { e164: '+442079460000' } });
  });

  it('leaves country undefined for non-geographic numbers', () => {
    const r = normalizePhone('+800 1234 5678');
    expect(r).toEqual({ ok: true, value: { e164: '+80012345678', country: undefined } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\t\n', 'empty'],
    ['0300-CALLNOW', 'invalid_phone'],
    ['1-800-FLOWERS', 'invalid_phone'],
    ['03001234567 ext 12', 'invalid_phone'],
    ['9.23001E+11', 'invalid_phone'],
    ['12', 'invalid_phone'],
    ['12345', 'invalid_phone'],
    ['0300-123456', 'invalid_phone'], // one digit short
    ['+92 300 12345678', 'invalid_phone'], // one digit too many
    ['0300-1234567 / 0321-7654321', 'invalid_phone'], // two numbers in one field
    ['+92+300 1234567', 'invalid_phone'],
    ['n/a', 'invalid_phone'],
    ['-', 'invalid_phone'],
    ['1234567890123456789', 'invalid_phone'],
  ] as const)('rejects %j as %s', (raw, code) => {
    const r = normalizePhone(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('throws on an unknown default region: a configuration error, not bad input', () => {
    expect(isPhoneRegion('PK')).toBe(true);
    expect(isPhoneRegion('XX')).toBe(false);
    expect(() => normalizePhone('0300-1234567', { defaultRegion: 'XX' as CountryCode })).toThrow(RangeError);
  });

  it('never throws on non-string input from JavaScript callers', () => {
    expect(normalizePhone(undefined as unknown as string)).toMatchObject({ ok: false, code: 'empty' });
    expect(normalizePhone(923001234567 as unknown as string)).toMatchObject({ ok: false, code: 'invalid_phone' });
  });

  it('caps the offending value in messages at 40 characters', () => {
    const r = normalizePhone(`0300-${'x'.repeat(200)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('(205 chars)');
      expect(r.message.length).toBeLessThan(200);
    }
  });

  it('memoizes per region and raw value, returning the same frozen result', () => {
    const a = normalizePhone('0300-1234567');
    const b = normalizePhone('0300-1234567');
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    if (a.ok) expect(Object.isFrozen(a.value)).toBe(true);
    const gb = normalizePhone('0300-1234567', { defaultRegion: 'GB' });
    expect(gb).not.toBe(a);
    expect(phoneCacheSize()).toBe(2);
  });

  it('keeps the cache bounded: it is emptied when full', () => {
    for (let i = 0; i <= PHONE_CACHE_LIMIT + 10; i++) normalizePhone(`x${i}`);
    expect(phoneCacheSize()).toBeLessThanOrEqual(PHONE_CACHE_LIMIT);
    expect(phoneCacheSize()).toBeGreaterThan(0);
  });
});

describe('normalizePhone properties', () => {
  // Mobile operator codes libphonenumber's metadata (/max) knows as valid.
  const operator = fc.constantFrom('300', '301', '306', '311', '315', '321', '323', '333', '336', '340', '345', '349');
  const subscriber = fc.integer({ min: 0, max: 9_999_999 }).map((n) => String(n).padStart(7, '0'));
  const sep = fc.constantFrom('', ' ', '-', '.', ' - ');

  /** Every spelling: national 0, +92, 92, 0092, +92 (0), (0300), with any separators and groupings. */
  const spelling = fc
    .record({
      op: operator,
      sub: subscriber,
      form: fc.constantFrom('0', '+92', '92', '0092', '+92 (0)', '(0)', '00 92', '+92-'),
      s1: sep,
      s2: sep,
      grouping: fc.constantFrom('3-7', '3-3-4', '10'),
    })
    .map(({ op, sub, form, s1, s2, grouping }) => {
      const rest = grouping === '3-7' ? sub : grouping === '3-3-4' ? `${sub.slice(0, 3)}${s2}${sub.slice(3)}` : sub;
      const body = grouping === '10' ? `${op}${sub}` : `${op}${s1}${rest}`;
      const text = form === '(0)' ? `(0${op})${s1}${rest}` : `${form}${s1}${body}`;
      return { text, e164: `+92${op}${sub}` };
    });

  it('every spelling of a valid PK mobile number normalizes to the same E.164', () => {
    fc.assert(
      fc.property(spelling, ({ text, e164 }) => {
        expect(normalizePhone(text)).toEqual({ ok: true, value: { e164, country: 'PK' } });
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent: normalizing the E.164 output gives the output', () => {
    fc.assert(
      fc.property(spelling, ({ text }) => {
        const first = normalizePhone(text);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(normalizePhone(first.value.e164)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, and anything with a letter is rejected', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = normalizePhone(s);
        if (/[a-zA-Z]/.test(s.replace(/^\s*tel:/i, ''))) expect(r.ok).toBe(false);
        if (r.ok) expect(r.value.e164).toMatch(/^\+[1-9][0-9]{6,14}$/);
      }),
      { numRuns: 300 },
    );
  });
});
