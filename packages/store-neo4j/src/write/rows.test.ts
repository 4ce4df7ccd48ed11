import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import type { Entity, Evidence, Link } from '@ringlink/model';
import { aliasRows, entityGroups, entityRow, evidenceKey, impliedEvidence, linkRow, sourceRecordRows } from './rows.js';

const ev = (n: number, at: string | null = `2024-01-0${n}T00:00:00Z`): Evidence => ({
  source: 'transactions', file: 't.csv', fileSha256: 'f'.repeat(64), row: n, recordId: `TXN-${n}`, recordSha256: String(n).repeat(64).slice(0, 64), observedAt: at,
});

describe('rows', () => {
  it('keys a record by source, record id and digest', () => {
    expect(evidenceKey(ev(1))).toBe(`transactions|TXN-1|${'1'.repeat(64)}`);
  });

  it('lists each source record once, with an integer row', () => {
    const e: Entity = { id: 'phone:+923001234567', kind: 'Phone', roles: [], props: {}, evidence: [ev(1), ev(2)], aliases: [] };
    const l: Link = { id: 'x', type: 'CALLED', from: 'a', to: 'b', props: {}, evidence: [ev(2), ev(3)] };
    const rows = sourceRecordRows([e], [l], []);
    expect(rows.map((r) => r.recordId)).toEqual(['TXN-1', 'TXN-2', 'TXN-3']);
    expect(neo4j.isInt(rows[0]!.row)).toBe(true);
  });

  it('stores only declared entity properties, refusing others', () => {
    const ok: Entity = { id: 'email:a@b.co', kind: 'Email', roles: [], props: { address: 'a@b.co' }, evidence: [ev(1)], aliases: [] };
    expect(entityRow(ok)).toEqual({ id: ok.id, props: { address: 'a@b.co', kind: 'Email' }, keys: [evidenceKey(ev(1))] });
    expect(() => entityRow({ ...ok, props: { address: 'a@b.co', colour: 'red' } })).toThrow(/colour/);
  });

  it('gives MENTIONS only to records that attest none of the entity\'s links', () => {
    const phone: Entity = { id: 'phone:+923001234567', kind: 'Phone', roles: [], props: {}, evidence: [ev(1), ev(2), ev(3)], aliases: [] };
    const links: Link[] = [
      { id: 'x', type: 'USES_PHONE', from: 'person:cnic:1', to: phone.id, props: {}, evidence: [ev(1)] },
      { id: 'y', type: 'POSSIBLY_SAME_AS', from: 'person:cnic:1', to: 'person:cnic:2', props: {}, evidence: [ev(2), ev(3)] },
      { id: 'z', type: 'CALLED', from: phone.id, to: 'phone:+923007654321', props: {}, evidence: [ev(2)] },
    ];
    const implied = impliedEvidence(links);
    expect(entityRow(phone, implied.get(phone.id)).keys).toEqual([evidenceKey(ev(3))]);
    expect([...implied.get('person:cnic:1')!]).toEqual([evidenceKey(ev(1))]); // POSSIBLY_SAME_AS implies nothing
  });

  it('groups entities by kind and role set', () => {
    const p = (id: string, roles: Entity['roles']): Entity => ({ id, kind: 'Person', roles, props: {}, evidence: [], aliases: [] });
    const groups = entityGroups([p('person:cnic:1', ['Applicant']), p('person:cnic:2', ['Agent', 'Applicant']), p('person:cnic:3', ['Applicant', 'Agent'])]);
    expect(groups.map((g) => [g.roles.join('+'), g.rows.length])).toEqual([['Agent+Applicant', 2], ['Applicant', 1]]);
  });

  it('carries per-record contributions of summed aggregates, sorted with their keys', () => {
    const l: Link = { id: 'a|PAID|b', type: 'PAID', from: 'a', to: 'b', props: { amount: 300, count: 2, currency: 'PKR', firstSeen: 'x', lastSeen: 'y' }, evidence: [ev(2), ev(1)] };
    const contributions = new Map([['a|PAID|b', new Map([[evidenceKey(ev(1)), { amount: 100 }], [evidenceKey(ev(2)), { amount: 200 }]])]]);
    const row = linkRow(l, contributions);
    expect(row.keys).toEqual([evidenceKey(ev(1)), evidenceKey(ev(2))]);
    expect(row.agg).toEqual({ amount: [100, 200] });
    expect(row.aggPresent).toEqual({ amount: true });
    expect(row.props).toEqual({ currency: 'PKR' }); // count, times and sums are derived in Cypher
    expect([row.firstSeen, row.lastSeen]).toEqual(['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z']);
    // Without contributions the sum is attributed to the first record.
    expect(linkRow(l).agg).toEqual({ amount: [300, null] });
  });

  it('refuses link properties named like the store\'s own', () => {
    const l: Link = { id: 'a|USES_PHONE|b', type: 'USES_PHONE', from: 'a', to: 'b', props: { evidenceKeys: ['x'] }, evidence: [ev(1)] };
    expect(() => linkRow(l)).toThrow(/reserves/);
  });

  it('turns aliases and merge records into alias rows, the merge record carrying its reason and record', () => {
    const p: Entity = { id: 'person:cnic:1', kind: 'Person', roles: [], props: {}, evidence: [], aliases: ['person:passport:PAK:A1', 'person:passport:PAK:B2'] };
    const rows = aliasRows([p], [{ survivor: p.id, merged: 'person:passport:PAK:A1', reason: 'tied', evidence: ev(4) }]);
    expect(rows).toEqual([
      { id: 'person:passport:PAK:A1', target: p.id, reason: 'tied', evidenceKey: evidenceKey(ev(4)) },
      { id: 'person:passport:PAK:B2', target: p.id, reason: null, evidenceKey: null },
    ]);
  });
});
