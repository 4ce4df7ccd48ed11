/**
 * Persons across ingests: a later file that ties two stored persons (one
 * known by passport, one by CNIC) merges them in the store — links moved,
 * the old id kept as an alias that still resolves, the merge recorded with
 * the record that proves it — and the result is what one ingest of both
 * files gives.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest } from '../../../core/src/index.js';
import type { Neo4jStore } from '../store.js';
import { writeApplications } from '../testing/csv-case.js';
import { VOLATILE_PROPS, dumpStore } from '../testing/store-digest.js';
import { freshStore } from '../testing/test-store.js';
import { IngestTrace } from './ingest-trace.js';

const uri = inject('neo4jUri');
let dir: string;
let store: Neo4jStore;
let first: string;
let second: string;

const CNIC_PERSON = 'person:cnic:3520212345671';
const PASSPORT_PERSON = 'person:passport:PAK:AB1234567';

async function ingestInto(paths: string[]) {
  const trace = new IngestTrace();
  const { report, graph } = await ingest(paths, { onRecord: trace.onRecord });
  const summary = await store.writeGraph(graph, { trace, sourceFiles: report.inputs, ingestedAt: '2026-01-01T00:00:00.000Z' });
  return { report, graph, summary };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-store-merge-'));
  const agent = { agent_name: 'Bilal Ahmed', agent_cnic: '61101-1111111-1', agent_phone: '0321-7654321', agency_name: 'Star Travels (Pvt) Ltd' };
  first = await writeApplications(dir, 'apps-1.csv', [
    { application_id: 'APP-1', applicant_name: 'Ali Khan', applicant_passport_no: 'AB1234567', applicant_phone: '0300-1234567', ...agent },
    { application_id: 'APP-2', applicant_name: 'Ali Khan', applicant_cnic: '35202-1234567-1', applicant_passport_no: '', applicant_phone: '0333-2222222', applicant_email: 'ali.khan@example.com', ...agent },
  ]);
  second = await writeApplications(dir, 'apps-2.csv', [
    { application_id: 'APP-3', submitted_at: '2024-04-01T09:00:00Z', applicant_name: 'Ali Khan', applicant_cnic: '35202 1234567 1', applicant_passport_no: 'ab 123 4567', applicant_address: 'House 12, Street 5, F-7/2 Islamabad', ...agent },
  ]);
  store = await freshStore(uri);
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a later file ties two stored persons', () => {
  it('keeps them apart while nothing ties them', async () => {
    await ingestInto([first]);
    expect((await store.getEntity(PASSPORT_PERSON))?.id).toBe(PASSPORT_PERSON);
    expect((await store.getEntity(CNIC_PERSON))?.id).toBe(CNIC_PERSON);
  });

  it('merges them into the CNIC person, recording the merge and its record', async () => {
    const { summary } = await ingestInto([second]);
    expect(summary.storeMerges.map((m) => [m.from, m.into])).toEqual([[PASSPORT_PERSON, CNIC_PERSON]]);
    expect(summary.storeMerges[0]!.evidence).toMatchObject({ file: 'apps-2.csv', row: 1, recordId: 'APP-3' });

    const viaAlias = await store.getEntity(PASSPORT_PERSON);
    expect(viaAlias?.id).toBe(CNIC_PERSON);
    expect(viaAlias?.requestedId).toBe(PASSPORT_PERSON);
    expect(viaAlias?.aliases).toContain(PASSPORT_PERSON);
    expect(viaAlias?.props.passportKeys).toEqual(['PAK:AB1234567']);

    const graph = await store.loadGraph();
    expect(graph.entities.filter((e) => e.kind === 'Person' && e.props.nameKey === 'ali khan').map((e) => e.id)).toEqual([CNIC_PERSON]);
    const merge = graph.merges.find((m) => m.merged === PASSPORT_PERSON);
    expect(merge).toMatchObject({ survivor: CNIC_PERSON, evidence: { file: 'apps-2.csv', recordId: 'APP-3' } });
    // The passport person's phone (APP-1) now belongs to the merged person, with its evidence.
    const phone = graph.links.find((l) => l.type === 'USES_PHONE' && l.to === 'phone:+923001234567');
    expect(phone?.from).toBe(CNIC_PERSON);
    expect(phone?.evidence.map((e) => e.recordId)).toEqual(['APP-1']);
    // Evidence of the merged person: all three applications.
    expect(graph.entities.find((e) => e.id === CNIC_PERSON)?.evidence.map((e) => e.recordId)).toEqual(['APP-1', 'APP-2', 'APP-3']);
  });

  it('finds the person by the passport in any spelling', async () => {
    for (const q of ['PAK:AB1234567', 'Pakistan / ab-1234567', PASSPORT_PERSON]) {
      const found = await store.findEntities(q);
      expect(found.map((f) => f.id), q).toContain(CNIC_PERSON);
    }
    const byCnic = await store.findEntities('35202-1234567-1');
    expect(byCnic[0]).toMatchObject({ id: CNIC_PERSON, matchedBy: 'cnic' });
  });

  it('ends in the state one ingest of both files gives (but for the wording of the merge reason)', async () => {
    const exclude = [...VOLATILE_PROPS, 'reason'];
    const stepwise = await dumpStore(uri, { exclude });
    await store.clear();
    const { summary } = await ingestInto([first, second]);
    expect(summary.storeMerges).toEqual([]);
    const single = await dumpStore(uri, { exclude });
    expect(stepwise.nodes).toEqual(single.nodes);
    expect(stepwise.relationships).toEqual(single.relationships);
  });

  it('re-running the second file after the merge changes nothing', async () => {
    await store.clear();
    await ingestInto([first]);
    await ingestInto([second]);
    const once = await dumpStore(uri);
    const { summary } = await ingestInto([second]);
    expect(summary.storeMerges).toEqual([]);
    expect(summary.linksChanged).toBe(0);
    expect((await dumpStore(uri)).digest).toBe(once.digest);
  });
});
