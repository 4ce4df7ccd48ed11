import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './address.js';

const key = (raw: string) => {
  const r = normalizeAddress(raw);
  return r.ok ? r.value.key : r.code;
};

describe('normalizeAddress', () => {
  it('folds the common spellings of one address to one key', () => {
    const expected = 'house 12 street 5 sector f 7 2 islamabad';
    for (const raw of [
      'H# 12, St. 5, Sector F-7/2, Islamabad',
      'House No 12 Street 5 Sec F7/2 Islamabad',
      'h. no. 12 st 5 sector F 7/2 islamabad',
      'House # 12, Street # 5, F-7/2, Islamabad'.replace('F-7/2', 'Sector F-7/2'),
      'H 12 Str 5 Sec F-7/2 ISLAMABAD',
      'House Number 12, Street No. 5, Sector F‑7/2, Islamābād',
    ]) {
      expect(key(raw)).toBe(expected);
    }
  });

  it.each([
    ['Flat 3, 1st Floor, Block B', 'flat 3 1st floor block b'],
    ['Apt 3 1st Fl Blk B', 'flat 3 1st floor block b'],
    ['Mohallah Qazi, Gali No. 4, Distt. Mardan', 'mohalla qazi gali 4 district mardan'],
    ['Plot 7, Main Rd, Ph 5, DHA', 'plot 7 main road phase 5 dha'],
    ['Block H, Street 3', 'block h street 3'], // a lone H that is not before a number stays
  ])('%j → %j', (raw, k) => {
    expect(key(raw)).toBe(k);
  });

  it('keeps the text as written, whitespace collapsed', () => {
    expect(normalizeAddress('  H# 12,\n St. 5 ')).toEqual({ ok: true, value: { key: 'house 12 street 5', text: 'H# 12, St. 5' } });
  });

  it('empty or punctuation only → empty', () => {
    expect(normalizeAddress('')).toMatchObject({ ok: false, code: 'empty' });
    expect(normalizeAddress(' \t ')).toMatchObject({ ok: false, code: 'empty' });
    expect(normalizeAddress('#, -')).toMatchObject({ ok: false, code: 'empty' });
  });
});

describe('normalizeAddress properties', () => {
  const piece = fc.constantFrom('h#', 'house', 'no.', '12', 'st.', 'street', 'sec', 'f-7/2', 'flat', '1st', 'rd', 'gali', 'lahore', 'b', '#', ',', 'H.', 'NO');

  it('the key is idempotent: the key of a key is itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(piece, { maxLength: 10 }).map((p) => p.join(' ')), fc.string({ maxLength: 40 })), (raw) => {
        const r = normalizeAddress(raw);
        if (r.ok) expect(normalizeAddress(r.value.key)).toMatchObject({ ok: true, value: { key: r.value.key } });
      }),
      { numRuns: 500 },
    );
  });

  it('case and spacing do not change the key', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', '  ', '\t', ' \n '), (p, ws) => {
        expect(key(p.join(ws).toUpperCase())).toBe(key(p.join(' ').toLowerCase()));
      }),
      { numRuns: 300 },
    );
  });
});
