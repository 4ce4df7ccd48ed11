import { describe, expect, it } from 'vitest';
import { planLookup } from './lookup-plan.js';

const ids = (q: string): string[] => planLookup(q).ids.map((x) => `${x.how} ${x.id}`);

describe('planLookup', () => {
  it('reads a phone in any spelling as its E.164 id', () => {
    for (const q of ['0300-1234567', '+92 300 1234567', '923001234567', '0092-300-1234567', '(0300) 123 4567']) {
      expect(ids(q), q).toContain('phone phone:+923001234567');
    }
  });

  it('reads IBANs and local accounts', () => {
    expect(ids('pk36 scbl 0000 0011 2345 6702')).toContain('account account:PK36SCBL0000001123456702');
    expect(ids('HBL 0012-3456789-01')).toContain('account account:HBL:00123456789 01'.replace(' 01', '01'));
  });

  it('reads a CNIC as the person id, the person property and a document number', () => {
    const plan = planLookup('35202-1234567-1');
    expect(plan.ids).toContainEqual({ id: 'person:cnic:3520212345671', how: 'cnic' });
    expect(plan.properties).toContainEqual({ kind: 'Person', property: 'cnic', value: '3520212345671', how: 'cnic' });
    expect(plan.properties).toContainEqual({ kind: 'Document', property: 'number', value: '3520212345671', how: 'document' });
  });

  it('reads a passport with its country, and a bare number as a document number', () => {
    expect(ids('PAK:AB1234567')).toEqual(expect.arrayContaining(['passport person:passport:PAK:AB1234567', 'passport document:passport:PAK:AB1234567']));
    expect(ids('Pakistan / ab-123 4567')).toContain('passport person:passport:PAK:AB1234567');
    expect(planLookup('ab1234567').properties).toContainEqual({ kind: 'Document', property: 'number', value: 'AB1234567', how: 'document' });
  });

  it('reads e-mails, ids and names', () => {
    expect(ids(' Ali.Khan@Example.COM ')).toContain('email email:ali.khan@example.com');
    expect(ids('person:cnic:3520212345671')[0]).toBe('id person:cnic:3520212345671');
    const name = planLookup('Muhammad Ali Khan');
    expect(name.properties.some((p) => p.kind === 'Person' && p.property === 'nameKey')).toBe(true);
    expect(name.ids.some((x) => x.how === 'phone')).toBe(false);
  });

  it('refuses an empty search', () => {
    expect(() => planLookup('   ')).toThrow(/empty/);
  });
});
