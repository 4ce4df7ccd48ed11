import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDate, normalizeTimestamp } from './date.js';

describe('normalizeDate', () => {
  it.each([
    '1990-03-05',
    '1990-3-5',
    '1990/03/05',
    '1990.03.05',
    '05/03/1990',
    '5/3/1990',
    '05-03-1990',
    '05.03.1990',
    '19900305',
    '5 Mar 1990',
    '05-MAR-1990',
    '5 March, 1990',
    '1990-03-05T10:00:00Z',
    '1990-03-05T23:30:00-05:00', // the date as written, not shifted to UTC
    '1990-03-05 10:00',
    ' 1990-03-05 ',
    '١٩٩٠-٠٣-٠٥',
  ])('%j → 1990-03-05', (raw) => {
    expect(normalizeDate(raw)).toEqual({ ok: true, value: '1990-03-05' });
  });

  it('accepts leap days only in leap years', () => {
    expect(normalizeDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(normalizeDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    expect(normalizeDate('1900-02-29')).toMatchObject({ ok: false, code: 'impossible_date' });
    expect(normalizeDate('2023-02-29')).toMatchObject({ ok: false, code: 'impossible_date' });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['2023-02-30', 'impossible_date'],
    ['1990-13-01', 'impossible_date'],
    ['1990-00-10', 'impossible_date'],
    ['1990-04-31', 'impossible_date'],
    ['31/04/1990', 'impossible_date'],
    ['12/31/1990', 'impossible_date'], // month-first is never read
    ['0000-01-01', 'impossible_date'],
    ['1990-03-05T25:00:00Z', 'impossible_date'],
    ['90-03-05', 'invalid_date'], // two-digit year: the century would be a guess
    ['05/03/90', 'invalid_date'],
    ['05/03-1990', 'invalid_date'], // mixed separators
    ['1990', 'invalid_date'],
    ['32874', 'invalid_date'], // a spreadsheet serial number
    ['yesterday', 'invalid_date'],
    ['5 Foo 1990', 'invalid_date'],
    ['1990-03-05Tnoon', 'invalid_date'],
    ['05031990', 'invalid_date'], // DDMMYYYY is not read
  ] as const)('rejects %j as %s', (raw, code) => {
    expect(normalizeDate(raw)).toMatchObject({ ok: false, code });
  });

  it('applies bounds as impossible_date', () => {
    const birth = { min: '1900-01-01', max: '2025-06-01' };
    expect(normalizeDate('2025-06-01', birth)).toEqual({ ok: true, value: '2025-06-01' });
    expect(normalizeDate('1900-01-01', birth)).toEqual({ ok: true, value: '1900-01-01' });
    expect(normalizeDate('2025-06-02', birth)).toMatchObject({ ok: false, code: 'impossible_date', message: expect.stringContaining('after 2025-06-01') });
    expect(normalizeDate('31/12/1899', birth)).toMatchObject({ ok: false, code: 'impossible_date' });
    expect(normalizeDate('1990-01-01', {})).toEqual({ ok: true, value: '1990-01-01' });
  });

  it('throws on malformed bounds: a programming error, not bad input', () => {
    expect(() => normalizeDate('1990-01-01', { max: '01/01/2000' })).toThrow(RangeError);
    expect(() => normalizeDate('1990-01-01', { min: '2000-02-30' })).toThrow(RangeError);
  });
});

describe('normalizeTimestamp', () => {
  it.each([
    ['2024-01-05 10:30', '2024-01-05T10:30:00Z'],
    ['2024-01-05T10:30', '2024-01-05T10:30:00Z'],
    ['2024-01-05 10:30:15', '2024-01-05T10:30:15Z'],
    ['2024-01-05T10:30:15Z', '2024-01-05T10:30:15Z'],
    ['2024-01-05t10:30:15z', '2024-01-05T10:30:15Z'],
    ['2024-01-05T10:30:15.999Z', '2024-01-05T10:30:15Z'], // fractions truncated
    ['2024-01-05T15:30:15+05:00', '2024-01-05T10:30:15Z'],
    ['2024-01-05T15:30:15+0500', '2024-01-05T10:30:15Z'],
    ['2024-01-05T15:30:15+05', '2024-01-05T10:30:15Z'],
    ['2024-01-05T01:00:00+05:00', '2024-01-04T20:00:00Z'], // crosses midnight
    ['2024-12-31T22:00:00-03:30', '2025-01-01T01:30:00Z'],
    ['2024-01-05 10:30 UTC', '2024-01-05T10:30:00Z'],
    ['05/01/2024 10:30', '2024-01-05T10:30:00Z'],
    ['05/01/2024 10:30 PM', '2024-01-05T22:30:00Z'],
    ['05/01/2024 12:05 am', '2024-01-05T00:05:00Z'],
    ['2024-01-05', '2024-01-05T00:00:00Z'],
    ['05.01.2024', '2024-01-05T00:00:00Z'],
  ])('%j → %s', (raw, iso) => {
    expect(normalizeTimestamp(raw)).toEqual({ ok: true, value: iso });
  });

  it('reads naive timestamps at the caller-given offset', () => {
    expect(normalizeTimestamp('2024-01-05 10:30', { defaultOffset: '+05:00' })).toEqual({ ok: true, value: '2024-01-05T05:30:00Z' });
    expect(normalizeTimestamp('2024-01-05 10:30Z', { defaultOffset: '+05:00' })).toEqual({ ok: true, value: '2024-01-05T10:30:00Z' });
    expect(() => normalizeTimestamp('2024-01-05', { defaultOffset: 'PKT' })).toThrow(RangeError);
  });

  it.each([
    ['', 'empty'],
    ['2024-01-05 24:00', 'impossible_date'],
    ['2024-01-05 10:60', 'impossible_date'],
    ['2024-01-05 23:59:60', 'impossible_date'],
    ['2024-01-05 13:00 PM', 'impossible_date'],
    ['2024-01-05T10:00+15:00', 'impossible_date'],
    ['2024-02-30 10:00', 'impossible_date'],
    ['2024-01-05 10', 'invalid_date'],
    ['2024-01-05 10:30 PKT', 'invalid_date'], // zone abbreviations are ambiguous
    ['10:30', 'invalid_date'],
    ['1704450600', 'invalid_date'], // epoch seconds are not guessed
  ] as const)('rejects %j as %s', (raw, code) => {
    expect(normalizeTimestamp(raw)).toMatchObject({ ok: false, code });
  });
});

describe('date properties', () => {
  const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const p2 = (n: number) => String(n).padStart(2, '0');

  it('round-trips random dates written in every accepted form', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('iso', 'slash', 'dmy/', 'dmy-', 'dmy.', 'compact', 'mon', 'datetime'), (d, form) => {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + 1;
        const dd = d.getUTCDate();
        const mon = d.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
        const text = {
          iso: `${y}-${p2(m)}-${p2(dd)}`,
          slash: `${y}/${p2(m)}/${p2(dd)}`,
          'dmy/': `${dd}/${m}/${y}`,
          'dmy-': `${p2(dd)}-${p2(m)}-${y}`,
          'dmy.': `${p2(dd)}.${p2(m)}.${y}`,
          compact: `${y}${p2(m)}${p2(dd)}`,
          mon: `${dd} ${mon} ${y}`,
          datetime: d.toISOString(),
        }[form];
        const r = normalizeDate(text);
        expect(r).toEqual({ ok: true, value: iso(d) });
        if (r.ok) expect(normalizeDate(r.value)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips random instants at random offsets, and is idempotent', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)), (d, offset) => {
        const exact = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const local = new Date(exact.getTime() + offset * 60_000);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${p2(Math.floor(Math.abs(offset) / 60))}:${p2(Math.abs(offset) % 60)}`;
        const text = `${local.toISOString().slice(0, 19)}${zone}`;
        const r = normalizeTimestamp(text);
        expect(r).toEqual({ ok: true, value: `${exact.toISOString().slice(0, 19)}Z` });
        if (r.ok) expect(normalizeTimestamp(r.value)).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = normalizeDate(s);
        if (r.ok) expect(r.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const t = normalizeTimestamp(s);
        if (t.ok) expect(t.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }),
      { numRuns: 500 },
    );
  });
});
