import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiDigits, cleanIdentifier, isBlank, preview, PREVIEW_CHARS, stripDiacritics } from './text.js';

describe('text helpers', () => {
  it('preview quotes short values and caps long ones at 40 characters', () => {
    expect(preview('0300-1234567')).toBe('"0300-1234567"');
    expect(preview('a\nb')).toBe('"a\\nb"');
    const long = 'x'.repeat(100);
    expect(preview(long)).toBe(`"${'x'.repeat(PREVIEW_CHARS)}"… (100 chars)`);
    expect(preview('😀'.repeat(41))).toBe(`"${'😀'.repeat(40)}"… (41 chars)`); // never splits a surrogate pair
  });

  it('cleanIdentifier folds spelling only', () => {
    expect(cleanIdentifier('  ０３００－１２３\u200B ')).toBe('0300-123');
    expect(cleanIdentifier('35202–1234567—1')).toBe('35202-1234567-1');
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
    expect(stripDiacritics('Ḥusayn Façade')).toBe('Husayn Facade');
  });

  it('isBlank: empty, whitespace, invisible characters, null and undefined', () => {
    for (const v of ['', ' ', '\t\n', '\u00A0', '\u200B', '\uFEFF ', null, undefined]) expect(isBlank(v)).toBe(true);
    for (const v of ['a', ' 0 ', 0, false]) expect(isBlank(v)).toBe(false);
  });

  it('cleanIdentifier is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const c = cleanIdentifier(s);
        expect(cleanIdentifier(c)).toBe(c);
      }),
      { numRuns: 300 },
    );
  });
});
