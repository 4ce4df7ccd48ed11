import { describe, expect, it } from 'vitest';
import type { Evidence } from '@ringlink/model';
import { IngestTrace } from './ingest-trace.js';
import { evidenceKey } from './rows.js';

const ev = (n: number): Evidence => ({ source: 'transactions', file: 't.csv', fileSha256: 'f'.repeat(64), row: n, recordId: `T${n}`, recordSha256: String(n).repeat(64).slice(0, 64), observedAt: null });
const account = (id: string) => ({ kind: 'BankAccount', id });

describe('IngestTrace', () => {
  it('keeps each record\'s contribution to a summed link, once', () => {
    const t = new IngestTrace();
    const paid = (n: number, amount: number) => ({
      evidence: ev(n), quarantined: false, mentions: [],
      links: [{ type: 'PAID' as const, from: account('account:A'), to: account('account:B'), props: { amount, currency: 'PKR' } }],
    });
    t.onRecord(paid(1, 100));
    t.onRecord(paid(2, 50));
    t.onRecord(paid(1, 100)); // the same record again
    t.onRecord({ ...paid(3, 999), quarantined: true });
    expect(t.contributions.get('account:A|PAID|account:B')).toEqual(new Map([[evidenceKey(ev(1)), { amount: 100 }], [evidenceKey(ev(2)), { amount: 50 }]]));
    expect(t.contributions.size).toBe(1);
  });

  it('remembers the first record naming each strong person key', () => {
    const t = new IngestTrace();
    const person = (n: number) => ({ evidence: ev(n), quarantined: false, links: [], mentions: [{ kind: 'Person', cnic: '3520212345671', passportKeys: ['PAK:AB1234567'] }] });
    t.onRecord(person(4));
    t.onRecord(person(5));
    expect(t.firstMention('person:cnic:3520212345671')?.row).toBe(4);
    expect(t.firstMention('person:passport:PAK:AB1234567')?.row).toBe(4);
    expect(t.firstMention('person:cnic:0000000000000')).toBeUndefined();
  });
});
