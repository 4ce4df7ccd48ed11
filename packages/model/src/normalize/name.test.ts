import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler, nameKey, nameSimilarity, normalizeName } from './name.js';

describe('normalizeName', () => {
  it('applies NFKC, trims, collapses whitespace and keeps case', () => {
    expect(normalizeName('  Muhammad   Ali\tKHAN ')).toBe('Muhammad Ali KHAN');
    expect(normalizeName('Ａｌｉ　Ｋｈａｎ')).toBe('Ali Khan'); // full-width letters and ideographic space
    expect(normalizeName('Zo\u0065\u0308')).toBe('Zoë'); // composed
    expect(normalizeName('')).toBe('');
    expect(normalizeName('   ')).toBe('');
  });
});

describe('nameKey', () => {
  it.each([
    ['Muhammad Ali Khan', 'muhammad ali khan'],
    ['MOHAMMED  ALI KHAN', 'muhammad ali khan'],
    ['Md. Ali Khan', 'muhammad ali khan'],
    ['Mohd Ali Khan', 'muhammad ali khan'],
    ['Muḥammad ʿAlī Khān', 'muhammad ali khan'],
    ['mohamed aly khan', 'muhammad ali khan'],
    ['Ahmed Usman', 'ahmad usman'],
    ['Ahmet Osman', 'ahmad usman'],
    ['Uthman', 'usman'],
    ['Hussein / Hossain', 'hussain hussain'],
    ['Hassan Hasan', 'hasan hasan'],
    ['Abdul Rehman', 'abdul rahman'],
    ['Abd al-Rahman', 'abdul rahman'],
    ['Abdel Rahmaan', 'abdul rahman'],
    ['Abdurrahman', 'abdul rahman'],
    ['Abdool Rahim', 'abdul rahim'],
    ['Abdul Hameed', 'abdul hamid'], // in Abdul position only
    ['Hameed', 'hameed'], // Hamid and Hameed are different names on their own
    ['Abdullah', 'abdullah'],
    ['Abdulla', 'abdullah'],
    ['Ikbal', 'iqbal'],
    ['Yousaf Yousuf Yusef', 'yusuf yusuf yusuf'],
    ['Joseph', 'joseph'], // not folded into Yusuf
    ['Zaynab', 'zainab'],
    ['Fatimah', 'fatima'],
    ['Ayesha Aysha Aisha', 'aisha aisha aisha'],
    ['Shaikh Shaykh', 'sheikh sheikh'],
    ['Ch. Pervaiz Elahi', 'chaudhry pervez elahi'],
    ['Choudhury', 'chaudhry'],
    ['Moin-ud-Din', 'moin uddin'],
    ['Rahmatulla', 'rahmatullah'],
    ["Sa'eed", 'saeed'],
    ['O’Brien', 'obrien'],
    ['  ', ''],
    ['محمد علی', 'محمد علی'],
    ['محمد علي', 'محمد علی'], // Arabic yeh → Farsi/Urdu yeh
  ])('%j → %j', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });

  it('keeps tokens in their original order', () => {
    expect(nameKey('Khan Muhammad Ali')).toBe('khan muhammad ali');
  });
});

describe('nameSimilarity', () => {
  it('is 1 for the same name in any spelling or order', () => {
    expect(nameSimilarity('Ali Khan', 'Khan Ali')).toBe(1);
    expect(nameSimilarity('Muhammad Ali Khan', 'MOHAMMED ALI KHAN')).toBe(1);
    expect(nameSimilarity('Moinuddin Ahmed', 'Moin-ud-Din Ahmad')).toBe(1);
  });

  it('scores partial matches and typos between 0 and 1', () => {
    expect(nameSimilarity('Muhammad Ali Khan', 'Ali Khan')).toBeCloseTo(0.8, 5);
    const typo = nameSimilarity('Zahid Mehmood', 'Zahed Mahmood');
    expect(typo).toBeGreaterThan(0.9);
    expect(typo).toBeLessThan(1);
    // A shared Muhammad alone does not make two names alike.
    expect(nameSimilarity('Muhammad Ali', 'Muhammad Asif')).toBe(0.5);
    expect(nameSimilarity('Ayesha Bibi', 'Tariq Jamil')).toBe(0);
  });

  it('is 0 when either side is empty', () => {
    expect(nameSimilarity('', 'Ali')).toBe(0);
    expect(nameSimilarity('', '')).toBe(0);
  });

  it('jaroWinkler matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('name properties', () => {
  const syllable = fc.constantFrom('muhammad', 'ali', 'khan', 'bibi', 'zahid', 'noor', 'gul', 'tariq', 'jamil', 'shah', 'akhtar', 'raza');
  const name = fc.array(syllable, { minLength: 1, maxLength: 4 });
  const accents = ['\u0301', '\u0304', '\u0323', '\u0308', '\u0331'];

  it('nameKey ignores case, extra whitespace and diacritics', () => {
    fc.assert(
      fc.property(
        name,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(' ', '  ', '\t', ' \u00A0 '),
        fc.array(fc.constantFrom(...accents, '', '', ''), { minLength: 1, maxLength: 7 }),
        (tokens, caps, ws, marks) => {
          const plain = tokens.join(' ');
          let i = 0;
          const noisy = tokens
            .map((t) => [...t].map((ch) => (caps[i % caps.length] ? ch.toUpperCase() : ch) + marks[i++ % marks.length]!).join(''))
            .join(ws);
          expect(nameKey(`${ws}${noisy}${ws}`)).toBe(nameKey(plain));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('folds every listed variant: Muhammad Ali Khan ≡ MOHAMMED  ALI KHAN ≡ Md. Ali Khan', () => {
    const muhammad = fc.constantFrom('Muhammad', 'Mohammad', 'Mohammed', 'Mohamed', 'Muhammed', 'Mohd', 'Md.', 'Md', 'MOHAMMED', 'muhamad');
    const ali = fc.constantFrom('Ali', 'Aly', 'ALI', 'Alī');
    fc.assert(
      fc.property(muhammad, ali, fc.constantFrom(' ', '  ', ' \t'), (m, a, ws) => {
        expect(nameKey(`${m}${ws}${a}${ws}Khan`)).toBe('muhammad ali khan');
      }),
      { numRuns: 100 },
    );
  });

  it('nameKey is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), name.map((t) => t.join(' '))), (s) => {
        const k = nameKey(s);
        expect(nameKey(k)).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('nameKey is idempotent on Abdul-names and particles', () => {
    const part = fc.constantFrom('abd', 'abdul', 'abdur', 'al', 'ul', 'ud', 'din', 'rahman', 'rehman', 'abdurrahman', 'hameed', 'ullah', 'rahmatulla', 'md', 'ch', 'uddin');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (tokens) => {
        const k = nameKey(tokens.join(' '));
        expect(nameKey(k)).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('nameSimilarity is symmetric, in [0, 1], 1 on itself and order-insensitive', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const s = nameSimilarity(a.join(' '), b.join(' '));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b.join(' '), a.join(' '))).toBe(s);
        expect(nameSimilarity(a.join(' '), [...a].reverse().join(' '))).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
