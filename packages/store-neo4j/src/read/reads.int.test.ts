/**
 * The reads the query service needs, on a small hand-made case: twelve
 * applicants paying into one consulate fee account (a hub), two of them
 * sharing a phone written two ways, two sharing an address.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../../core/src/index.js';
import type { Neo4jStore } from '../store.js';
import { writeApplications, type ApplicationRow } from '../testing/csv-case.js';
import { freshStore } from '../testing/test-store.js';
import { IngestTrace } from '../write/ingest-trace.js';

const uri = inject('neo4jUri');
let dir: string;
let store: Neo4jStore;

const cnicOf = (i: number): string => `35202${String(1_000_000 + i).padStart(7, '0')}1`;
const person = (i: number): string => `person:cnic:${cnicOf(i)}`;
const FEE = 'account:NBP:9000000001';
const PHONE = 'phone:+923001234567';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-store-reads-'));
  const rows: ApplicationRow[] = [];
  for (let i = 1; i <= 12; i++) {
    rows.push({
      application_id: `APP-${i}`,
      applicant_name: `Applicant Number ${i}`,
      applicant_dob: `1990-01-${String(i).padStart(2, '0')}`, // distinct, so no POSSIBLY_SAME_AS between the similar names
      applicant_cnic: cnicOf(i),
      applicant_phone: i === 1 ? '0300-1234567' : i === 2 ? '+92 300 1234567' : `0333-55500${String(i).padStart(2, '0')}`,
      applicant_address: i === 2 || i === 3 ? 'House 1, Street 2, Lahore' : `House ${100 + i}, Street 9, Karachi`,
      payment_account: 'NBP 9000000001',
    });
  }
  const file = await writeApplications(dir, 'applications.csv', rows);
  store = await freshStore(uri, { hubDegree: 8 });
  const trace = new IngestTrace();
  const { report, graph } = await ingest([file], { onRecord: trace.onRecord });
  await store.writeGraph(graph, { trace, sourceFiles: report.inputs });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('findEntities', () => {
  it('finds a phone typed in any spelling', async () => {
    for (const q of ['0300-1234567', '+92 300 1234567', '923001234567', '(0300) 123 4567', PHONE]) {
      const found = await store.findEntities(q);
      expect(found[0], q).toMatchObject({ id: PHONE, kind: 'Phone' });
    }
    expect((await store.findEntities('0300-1234567'))[0]!.matchedBy).toBe('phone');
  });

  it('finds an account, a CNIC and a name', async () => {
    expect((await store.findEntities('nbp/9000-000-001'))[0]?.id).toBe(FEE);
    expect((await store.findEntities(`${cnicOf(3).slice(0, 5)}-${cnicOf(3).slice(5, 12)}-${cnicOf(3).slice(12)}`))[0]?.id).toBe(person(3));
    const byName = await store.findEntities('applicant number 7');
    expect(byName.map((f) => [f.id, f.matchedBy])).toContainEqual([person(7), 'name']);
  });

  it('returns nothing for an unknown identifier', async () => {
    expect(await store.findEntities('0300-7777777')).toEqual([]);
  });
});

describe('getEntity and stats', () => {
  it('reads an entity with its degree by link kind', async () => {
    const fee = await store.getEntity(FEE);
    expect(fee).toMatchObject({ id: FEE, kind: 'BankAccount', degree: { PAID_INTO: 12 }, evidenceCount: 12 });
    expect(await store.getEntity('account:NBP:0000000404')).toBeUndefined();
  });

  it('counts nodes by label and relationships by type', async () => {
    const stats = await store.stats();
    expect(stats.nodes).toMatchObject({ Person: 12, Applicant: 12, BankAccount: 1, SourceRecord: 12, SourceFile: 1 });
    expect(stats.relationships).toMatchObject({ PAID_INTO: 12, USES_PHONE: 12, LIVES_AT: 12 });
  });
});

describe('neighbors', () => {
  it('caps a hub\'s neighbours and says how many more there are', async () => {
    const n = await store.neighbors(FEE, { depth: 1, hubCap: 5 });
    expect(n!.nodes.filter((x) => x.depth === 1)).toHaveLength(5);
    expect(n!.truncated).toEqual([{ id: FEE, shown: 5, more: 7 }]);
    expect(n!.links.every((l) => l.type === 'PAID_INTO' && l.evidenceCount === 1)).toBe(true);
  });

  it('walks two hops, capped at the hub on the way', async () => {
    const n = await store.neighbors(person(1), { depth: 2, hubCap: 5 });
    const ids = new Set(n!.nodes.map((x) => x.id));
    expect(ids.has(PHONE)).toBe(true);
    expect(ids.has(person(2))).toBe(true); // via the shared phone
    expect(n!.truncated.find((t) => t.id === FEE)).toMatchObject({ shown: 5, more: 7 });
    expect(n!.nodes.find((x) => x.id === person(1))!.depth).toBe(0);
  });

  it('filters by entity kind', async () => {
    const n = await store.neighbors(person(1), { depth: 1, kinds: ['Phone'] });
    expect(n!.nodes.map((x) => x.id).sort()).toEqual([person(1), PHONE].sort());
  });
});

describe('shortestPaths', () => {
  it('goes around the hub, each hop with the record that proves it', async () => {
    const paths = await store.shortestPaths(person(1), person(3));
    expect(paths).toHaveLength(1);
    const p = paths![0]!;
    expect(p.nodes.map((x) => x.id)).toEqual([person(1), PHONE, person(2), 'address:house 1 street 2 lahore', person(3)]);
    expect(p.hops.map((h) => h.type)).toEqual(['USES_PHONE', 'USES_PHONE', 'LIVES_AT', 'LIVES_AT']);
    expect(p.hops.map((h) => h.evidence.map((e) => e.recordId))).toEqual([['APP-1'], ['APP-2'], ['APP-2'], ['APP-3']]);
    for (const h of p.hops) expect(h.evidence[0]).toMatchObject({ source: 'applications', file: 'applications.csv', fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('goes through the hub only when asked', async () => {
    const paths = await store.shortestPaths(person(1), person(3), { includeHubs: true });
    expect(paths!.map((p) => p.nodes.map((x) => x.id))).toEqual([[person(1), FEE, person(3)]]);
  });

  it('finds nothing beyond maxDepth, and undefined for an unknown entity', async () => {
    expect(await store.shortestPaths(person(1), person(3), { maxDepth: 3 })).toEqual([]);
    expect(await store.shortestPaths(person(1), 'person:cnic:9999999999999')).toBeUndefined();
  });
});
