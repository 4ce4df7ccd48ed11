import { describe, expect, it } from 'vitest';
import * as model from '../index.js';
import * as normalize from './index.js';

describe('normalize/index', () => {
  it('exports every normalizer, from here and from the package root', () => {
    const names = [
      'ok', 'fail',
      'normalizePhone', 'DEFAULT_PHONE_REGION', 'clearPhoneCache', 'isPhoneRegion',
      'normalizeAccount', 'accountKeyOf',
      'normalizeCnic',
      'normalizeCountry', 'ICAO_NON_ISO_CODES',
      'normalizePassport',
      'parseMrz', 'mrzCheckDigit',
      'normalizeEmail',
      'normalizeName', 'nameKey', 'nameSimilarity', 'jaroWinkler',
      'normalizeDate', 'normalizeTimestamp',
      'normalizeAddress',
      'organizationKey',
    ];
    for (const name of names) {
      expect(normalize, name).toHaveProperty(name);
      expect(model, name).toHaveProperty(name);
    }
  });

  it('normalized values build the documented ids', () => {
    const phone = normalize.normalizePhone('0300-1234567');
    const cnic = normalize.normalizeCnic('35202-1234567-1');
    const account = normalize.normalizeAccount('hbl:00123456789');
    const passport = normalize.normalizePassport('ab1234567', 'Pakistan');
    expect(phone.ok && model.phoneId(phone.value.e164)).toBe('phone:+923001234567');
    expect(cnic.ok && model.cnicPersonId(cnic.value)).toBe('person:cnic:3520212345671');
    expect(account.ok && `account:${normalize.accountKeyOf(account.value)}`).toBe('account:HBL:00123456789');
    expect(passport.ok && model.documentId('passport', passport.value.country, passport.value.number)).toBe('document:passport:PAK:AB1234567');
    expect(model.organizationId(normalize.organizationKey('Al Madina Travels (Pvt.) Ltd.'))).toBe('organization:al-madina-travels');
  });
});
