import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from './ingest.js';

const lines = [
  { id: 'p1', schema: 'Person', properties: { name: ['Usman Tariq'], idNumber: ['35202-7777777-1'], phone: ['0300-7777777'], email: ['USMAN@Example.org'], birthDate: ['1985-02-03'] } },
  { id: 'p2', schema: 'Person', properties: { name: ['Osman Tariq'], passportNumber: ['xy1234567'], nationality: ['pk'] } },
  { id: 'pp2', schema: 'Passport', properties: { holder: ['p2'], number: ['XY1234567'], country: ['pk'] } },
  { id: 'c1', schema: 'Company', properties: { name: ['Sky Line Travels Pvt Ltd'], country: ['pk'], phone: ['+92 51 1234567'] } },
  { id: 'a1', schema: 'BankAccount', properties: { iban: ['PK36SCBL0000001123456702'] } },
  { id: 'a2', schema: 'BankAccount', properties: { iban: ['GB82 WEST 1234 5698 7654 32'] } },
  { id: 'pay1', schema: 'Payment', properties: { payer: ['p1'], payerAccount: ['a1'], beneficiary: ['c1'], beneficiaryAccount: ['a2'], amount: ['1200'], currency: ['usd'], date: ['2024-01-05'] } },
  { id: 'own1', schema: 'Ownership', properties: { owner: ['p1'], asset: ['c1'] } },
  { id: 'rep1', schema: 'Representation', properties: { agent: ['p1'], client: ['p2'] } },
  { id: 'fam1', schema: 'Family', properties: { person: ['p1'], relative: ['p2'] } },
  { id: 'v1', schema: 'Vessel', properties: { name: ['MV Sea'] } },
  { id: 'pay2', schema: 'Payment', properties: { payer: ['p1'], amount: ['5'] } },
];

async function ftmDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-ftm-'));
  await writeFile(path.join(dir, 'aleph.ndjson'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{not json\n`);
  return dir;
}

describe('FollowTheMoney import', () => {
  it('maps things and edges to entities and links, quarantining what it cannot map', async () => {
    const { report, graph } = await ingest([await ftmDir()]);
    expect(report.inputs[0]).toMatchObject({ file: 'aleph.ndjson', source: 'ftm', rows: 13, ingested: 10, quarantined: 3 });
    expect(report.issues.filter((i) => i.action === 'quarantined').map((i) => [i.row, i.code])).toEqual([
      [11, 'unsupported_schema'],
      [12, 'missing_endpoint'],
      [13, 'invalid_record'],
    ]);
    const ids = graph.entities.map((e) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'person:cnic:3520277777771',
        'person:passport:PAK:XY1234567',
        'document:passport:PAK:XY1234567',
        'organization:sky-line-travels',
        'account:PK36SCBL0000001123456702',
        'account:GB82WEST12345698765432',
        'phone:+923007777777',
        'email:usman@example.org',
      ]),
    );
    const types = graph.links.map((l) => `${l.from} ${l.type} ${l.to}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'account:PK36SCBL0000001123456702 PAID account:GB82WEST12345698765432',
        'person:cnic:3520277777771 HOLDS_ACCOUNT account:PK36SCBL0000001123456702',
        'person:cnic:3520277777771 OWNS organization:sky-line-travels',
        'person:passport:PAK:XY1234567 APPLIED_VIA person:cnic:3520277777771',
        'person:passport:PAK:XY1234567 HOLDS_DOCUMENT document:passport:PAK:XY1234567',
        'person:cnic:3520277777771 USES_PHONE phone:+923007777777',
      ]),
    );
    const paid = graph.links.find((l) => l.type === 'PAID')!;
    expect(paid.props).toMatchObject({ amount: 1200, currency: ['USD'] });
    expect(paid.evidence[0]).toMatchObject({ source: 'ftm', recordId: 'pay1', row: 7, observedAt: '2024-01-05T00:00:00Z' });
  });
});
