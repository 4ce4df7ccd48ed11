import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organizationKey } from './organization.js';

describe('organizationKey', () => {
  it.each([
    ['M/s Al-Madina Travel & Tours (Pvt.) Ltd.', 'al-madina-travel-and-tours'],
    ['Al Madina Travel and Tours Pvt Ltd', 'al-madina-travel-and-tours'],
    ['AL-MADINA TRAVEL & TOURS (PRIVATE) LIMITED', 'al-madina-travel-and-tours'],
    ['Al Madina Travel & Tours', 'al-madina-travel-and-tours'],
    ['Messrs Khan & Co.', 'khan'],
    ['Gulf Visa Services FZ-LLC', 'gulf-visa-services'],
    ['Gulf Visa Services L.L.C.', 'gulf-visa-services'],
    ['Star Overseas Employment Promoters (SMC-Pvt.) Ltd', 'star-overseas-employment-promoters'],
    ['Crescent Manpower Inc.', 'crescent-manpower'],
    ["Noor's Consultants", 'noors-consultants'],
    ['Société Générale', 'societe-generale'],
    ['Ltd', 'ltd'], // nothing but a legal form: kept
    ['', ''],
    ['  & , ', 'and'],
    ['---', ''],
  ])('%j → %j', (raw, key) => {
    expect(organizationKey(raw)).toBe(key);
  });

  it('removes legal forms only at the end', () => {
    expect(organizationKey('Limited Edition Travels')).toBe('limited-edition-travels');
    expect(organizationKey('Co-operative Travels Ltd')).toBe('co-operative-travels');
  });
});

describe('organizationKey properties', () => {
  const word = fc.constantFrom('al', 'madina', 'travel', 'tours', 'overseas', 'employment', 'khan', 'gulf', 'visa');
  const suffix = fc.constantFrom('', ' (Pvt.) Ltd.', ' Pvt Ltd', ' (Private) Limited', ' LLC', ' & Co.', ' FZ-LLC', ' Ltd');

  it('legal form, case and punctuation do not change the key', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), suffix, fc.constantFrom(' ', '-', ' - ', '  '), (w, s, sep) => {
        expect(organizationKey(`${w.join(sep).toUpperCase()}${s}`)).toBe(w.join('-'));
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.oneof(word, suffix), { maxLength: 6 }).map((p) => p.join(' '))), (raw) => {
        const k = organizationKey(raw);
        expect(organizationKey(k)).toBe(k);
      }),
      { numRuns: 500 },
    );
  });
});
