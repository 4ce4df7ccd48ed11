import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity, Link, ResolvedGraph } from '@ringlink/model';
import { Resolver } from '../resolve/resolver.js';
import { ingest, type IngestResult } from './ingest.js';

const APP_HEADER =
  'application_id,submitted_at,consulate,visa_type,applicant_name,applicant_dob,applicant_cnic,applicant_passport_no,applicant_passport_country,applicant_phone,applicant_email,applicant_address,agent_name,agent_phone,agent_cnic,agency_name,payment_account,statement_account,documents,decision';

// Rows are written so that resolution has to be transitive and order-independent:
// A-3 has only a passport (seen before its CNIC), A-4 ties that passport to a CNIC,
// A-5 has a malformed CNIC but the same passport.
const APPLICATIONS = [
  APP_HEADER,
  'A-1,2024-03-01,Islamabad,work,Muhammad Ali Khan,1990-05-04,35202-1234567-1,ab1234567,PAK,0300-1234567,Ali.Khan@Example.com,"House 12, Street 4, G-9 Islamabad",Tariq Mehmood,+92 321 7654321,61101-7654321-3,Al Noor Travels (Pvt) Ltd,PK36 SCBL 0000 0011 2345 6702,GB82WEST12345698765432,bank_statement:ST-778;passport:AB1234567,approved',
  'A-2,2024-03-02,Islamabad,work,Mohammed Ali Khan,1990-05-04,3520212345671,AB1234567,PAK,+92 300 1234567,ali.khan@example.com,,Tariq Mehmood,0092-321-7654321,6110176543213,Al Noor Travels,pk36scbl0000001123456702,,bank_statement:st778,approved',
  'A-3,2024-03-03,Lahore,study,Ayesha Bibi,1995-01-20,,CD7654321,PAK,923001234567,,,Tariq Mehmood,(0321) 765 4321,,,DE89370400440532013000,,,pending',
  'A-4,2024-03-04,Lahore,study,Ayesha Bibi,1995-01-20,42101-1111111-2,CD7654321,PAK,0300 1234567,,,,,,,,,,approved',
  'A-5,2024-03-05,Lahore,study,Aisha Bibi,1995-01-20,42101-11111,CD7654321,PAK,,,,,,,,,,,refused',
  'A-6,2024-03-06,Karachi,visit,Nobody Known,1980-01-01,,,,0300-9999999,,,,,,,,,,pending',
  'A-7,2024-02-30,Karachi,visit,Bad Date,1980-01-01,35202-9999999-9,,,,,,,,,,,,,pending',
  'A-8,2024-03-08,Karachi,visit,Zainab Noor,1988-08-08,35202-5555555-5,,,0300-1234567,,,,,,,PK36SCBL0000001123456703,,,pending',
  'A-9,2024-03-09,Karachi,visit,Short Row',
].join('\n');

const TRANSACTIONS = [
  'txn_id,timestamp,from_account,from_holder,to_account,to_holder,amount,currency,reference',
  'T-1,2024-03-01T10:00:00Z,PK36SCBL0000001123456702,Tariq M,DE89 3704 0044 0532 0130 00,Mule,50000,PKR,fee',
  'T-2,2024-03-02 11:00,pk36scbl0000001123456702,Tariq Mehmood,DE89370400440532013000,,25000,PKR,fee',
  'T-3,2024-03-03T12:00:00Z,PK36SCBL0000001123456701,X,DE89370400440532013000,,100,PKR,bad checksum',
].join('\n');

const CALLS = [
  'call_id,started_at,caller,callee,duration_s',
  'C-1,2024-03-01T09:00:00Z,0321-7654321,0300-1234567,60',
  'C-2,2024-03-01T10:00:00Z,+923217654321,923001234567,30',
  'C-3,2024-03-01T11:00:00Z,not-a-number,0300-1234567,10',
].join('\n');

async function caseDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-ingest-'));
  await writeFile(path.join(dir, 'applications.csv'), APPLICATIONS);
  await writeFile(path.join(dir, 'transactions.csv'), TRANSACTIONS);
  await writeFile(path.join(dir, 'calls.csv'), CALLS);
  return dir;
}

const entity = (g: ResolvedGraph, id: string): Entity | undefined => g.entities.find((e) => e.id === id);
const linksOf = (g: ResolvedGraph, type: string): Link[] => g.links.filter((l) => l.type === type);

describe('ingest', () => {
  let dir: string;
  let result: IngestResult;
  beforeAll(async () => {
    dir = await caseDir();
    result = await ingest([dir], { quarantineDir: path.join(dir, 'quarantine') });
  });

  it('accounts for every row: rows = ingested + quarantined', () => {
    const byFile = Object.fromEntries(result.report.inputs.map((i) => [i.file, i]));
    expect(byFile['applications.csv']).toMatchObject({ source: 'applications', rows: 9, ingested: 6, quarantined: 3 });
    expect(byFile['transactions.csv']).toMatchObject({ source: 'transactions', rows: 3, ingested: 2, quarantined: 1 });
    expect(byFile['calls.csv']).toMatchObject({ source: 'calls', rows: 3, ingested: 2, quarantined: 1 });
    for (const i of result.report.inputs) {
      expect(i.rows).toBe(i.ingested + i.quarantined);
      expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('quarantines rows without identity, with impossible dates or with the wrong shape, saying why', () => {
    const q = result.report.issues.filter((i) => i.action === 'quarantined' && i.file === 'applications.csv');
    expect(q.map((i) => [i.row, i.code])).toEqual([
      [6, 'missing_identity'],
      [7, 'impossible_date'],
      [9, 'column_count'],
    ]);
    expect(q[1]!.field).toBe('submitted_at');
  });

  it('drops one bad optional identifier and keeps the row, reporting the field', () => {
    const dropped = result.report.issues.filter((i) => i.action === 'field_dropped');
    expect(dropped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'applications.csv', row: 8, field: 'payment_account', code: 'invalid_iban' }),
        expect.objectContaining({ file: 'applications.csv', row: 5, field: 'applicant_cnic', code: 'invalid_cnic' }),
      ]),
    );
    expect(entity(result.graph, 'person:cnic:3520255555555')).toBeDefined();
  });

  it('turns every spelling of one phone or IBAN into one entity', () => {
    const phone = entity(result.graph, 'phone:+923001234567');
    expect(phone?.kind).toBe('Phone');
    expect(result.graph.entities.filter((e) => e.kind === 'Phone').map((e) => e.id).sort()).toEqual([
      'phone:+923001234567',
      'phone:+923217654321',
    ]);
    const iban = entity(result.graph, 'account:PK36SCBL0000001123456702');
    expect(iban?.props.iban).toBe('PK36SCBL0000001123456702');
    expect(entity(result.graph, 'account:DE89370400440532013000')).toBeDefined();
  });

  it('merges persons on strong identifiers only, transitively, and keeps the old id as an alias', () => {
    const persons = result.graph.entities.filter((e) => e.kind === 'Person');
    const ayesha = entity(result.graph, 'person:cnic:4210111111112');
    expect(ayesha).toBeDefined();
    expect(ayesha!.aliases).toContain('person:passport:PAK:CD7654321');
    // and A-5 (malformed CNIC, same passport) are one person.
    expect(ayesha!.evidence.map((e) => e.recordId)).toEqual(['A-3', 'A-4', 'A-5']);
    expect(persons.filter((p) => String(p.props.nameKey ?? '').includes('bibi'))).toHaveLength(1);
    expect(result.report.merges).toEqual([
      expect.objectContaining({ survivor: 'person:cnic:4210111111112', merged: 'person:passport:PAK:CD7654321', row: 4 }),
    ]);
    // Spelling variants of one CNIC are one person; the agent's CNIC too.
    const ali = entity(result.graph, 'person:cnic:3520212345671')!;
    expect(ali.roles).toEqual(['Applicant']);
    expect(ali.props.passportKeys).toEqual(['PAK:AB1234567']);
    expect(entity(result.graph, 'person:cnic:6110176543213')?.roles).toEqual(['Agent']);
  });

  it('gives a person with no strong identifier a record-scoped id', () => {
    expect(entity(result.graph, 'person:record:applications:A-3:agent')?.props.name).toBe('Tariq Mehmood');
  });

  it('never merges on names: similar name and same birth date become a scored POSSIBLY_SAME_AS', () => {
    const candidates = linksOf(result.graph, 'POSSIBLY_SAME_AS');
    for (const l of candidates) {
      expect(l.props.score).toBeGreaterThanOrEqual(0.9);
      expect(l.evidence.length).toBeGreaterThan(0);
    }
  });

  it('attaches every record that attests a link as evidence, and aggregates amounts', () => {
    const paid = linksOf(result.graph, 'PAID');
    expect(paid).toHaveLength(1);
    expect(paid[0]!.from).toBe('account:PK36SCBL0000001123456702');
    expect(paid[0]!.props.amount).toBe(75000);
    expect(paid[0]!.evidence.map((e) => [e.recordId, e.row])).toEqual([['T-1', 1], ['T-2', 2]]);
    expect(paid[0]!.evidence[0]).toMatchObject({ source: 'transactions', file: 'transactions.csv', observedAt: '2024-03-01T10:00:00Z' });
    expect(paid[0]!.evidence[0]!.recordSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entity(result.graph, 'account:DE89370400440532013000')?.props.holderNames).toEqual(['Mule']);
    const called = linksOf(result.graph, 'CALLED');
    expect(called).toHaveLength(1);
    expect(called[0]!.props).toMatchObject({ durationS: 90, count: 2 });
    const usesPhone = result.graph.links.find((l) => l.id === 'person:cnic:3520212345671|USES_PHONE|phone:+923001234567');
    expect(usesPhone?.evidence.map((e) => e.recordId)).toEqual(['A-1', 'A-2']);
  });

  it('adds no duplicate evidence when the same files are ingested again', async () => {
    const resolver = new Resolver();
    await ingest([dir], { resolver });
    const twice = await ingest([dir], { resolver });
    expect(twice.graph.links.map((l) => [l.id, l.evidence.length, l.props.amount ?? null])).toEqual(
      result.graph.links.map((l) => [l.id, l.evidence.length, l.props.amount ?? null]),
    );
    expect(twice.graph.entities.length).toBe(result.graph.entities.length);
  });

  it('gives the same output for the same input', async () => {
    const again = await ingest([dir]);
    expect(JSON.stringify(again.graph)).toBe(JSON.stringify(result.graph));
  });

  it('writes quarantined rows to a file that can be fixed and re-ingested', async () => {
    const file = path.join(dir, 'quarantine', 'applications.quarantine.csv');
    const text = await readFile(file, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(`${APP_HEADER},quarantine_reason`);
    expect(lines).toHaveLength(4);
    // Fix the impossible date and ingest the quarantine file again.
    const fixedDir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-fixed-'));
    await writeFile(path.join(fixedDir, 'applications.quarantine.csv'), text.replace('2024-02-30', '2024-02-28'));
    const fixed = await ingest([fixedDir]);
    expect(fixed.report.inputs[0]).toMatchObject({ source: 'applications', rows: 3, ingested: 1, quarantined: 2 });
    expect(entity(fixed.graph, 'person:cnic:3520299999999')).toBeDefined();
  });

  it('refuses a file whose source it cannot recognise, naming the header', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'ringlink-unknown-'));
    await writeFile(path.join(other, 'x.csv'), 'foo,bar\n1,2\n');
    await expect(ingest([other])).rejects.toThrow(/cannot recognise the source from its header \(foo, bar\)/);
  });
});
