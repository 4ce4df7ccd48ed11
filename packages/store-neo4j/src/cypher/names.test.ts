import { describe, expect, it } from 'vitest';
import { entityLabels, kindLabel, linkType, linkTypeAlternation, quoteDbName, roleLabel } from './names.js';

describe('names', () => {
  it('builds labels and types only from the model', () => {
    expect(kindLabel('BankAccount')).toBe('BankAccount');
    expect(roleLabel('Agent')).toBe('Agent');
    expect(linkType('PAID')).toBe('PAID');
    expect(entityLabels('Person', ['Applicant', 'Agent', 'Agent'])).toBe(':Entity:Person:Agent:Applicant');
    expect(linkTypeAlternation(['PAID', 'CALLED', 'PAID'])).toBe('PAID|CALLED');
    expect(linkTypeAlternation()).toContain('POSSIBLY_SAME_AS');
  });

  it('refuses anything else', () => {
    expect(() => kindLabel('Person`) DETACH DELETE (n')).toThrow(/unknown entity kind/);
    expect(() => roleLabel('Admin')).toThrow(/unknown role label/);
    expect(() => linkType('paid')).toThrow(/unknown link kind/);
  });

  it('quotes names read from the database', () => {
    expect(quoteDbName('We`ird')).toBe('`We``ird`');
  });
});
