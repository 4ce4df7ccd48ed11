/** Constraints and indexes from the model, on a real Neo4j. */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENTITY_KINDS, ENTITY_KIND_NAMES } from '@ringlink/model';
import { schemaPlan } from './schema.js';
import type { Neo4jStore } from './store.js';
import { freshStore } from './testing/test-store.js';

const uri = inject('neo4jUri');
let store: Neo4jStore;

beforeAll(async () => {
  store = await freshStore(uri);
});
afterAll(async () => {
  await store?.close();
});

async function show(what: 'CONSTRAINTS' | 'INDEXES'): Promise<Array<{ name: string; labelsOrTypes: string[]; properties: string[]; state?: string }>> {
  const driver = neo4j.driver(uri);
  try {
    const res = await driver.executeQuery(`SHOW ${what}`);
    return res.records.map((r) => r.toObject() as never);
  } finally {
    await driver.close();
  }
}

describe('ensureSchema', () => {
  it('leaves every uniqueness constraint and identifier index of the model in place, online', async () => {
    await store.ensureSchema();
    const constraints = await show('CONSTRAINTS');
    const indexes = await show('INDEXES');
    const has = (list: typeof constraints, label: string, prop: string) =>
      list.some((c) => c.labelsOrTypes?.[0] === label && c.properties?.[0] === prop);
    for (const [label, prop] of [['Entity', 'id'], ['Alias', 'id'], ['SourceRecord', 'key'], ['SourceFile', 'sha256'], ['Ring', 'id'], ['AnalysisRun', 'id']]) {
      expect(has(constraints, label!, prop!), `${label}.${prop}`).toBe(true);
    }
    for (const kind of ENTITY_KIND_NAMES) {
      for (const prop of ENTITY_KINDS[kind].identifiers) expect(has(indexes, kind, prop), `${kind}.${prop}`).toBe(true);
    }
    expect(indexes.filter((i) => i.state !== 'ONLINE')).toEqual([]);
  });

  it('is idempotent: nothing is created the second time', async () => {
    const report = await store.ensureSchema();
    expect(report).toEqual({ required: schemaPlan().length, created: 0 });
  });

  it('collects every problem before failing (a conflicting index under a planned name)', async () => {
    const driver = neo4j.driver(uri);
    try {
      await driver.executeQuery('DROP INDEX email_address IF EXISTS');
      await driver.executeQuery('DROP INDEX phone_e164 IF EXISTS');
      // Same names, other properties: CREATE … IF NOT EXISTS keeps these, so the check must notice.
      await driver.executeQuery('CREATE INDEX email_address FOR (n:Email) ON (n.domain)');
      await driver.executeQuery('CREATE INDEX phone_e164 FOR (n:Phone) ON (n.country)');
      const err = await store.ensureSchema().then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({ code: 'STORE_ERROR' });
      const details = (err as { details: string[] }).details;
      expect(details.some((d) => d.includes(':Email(address)'))).toBe(true);
      expect(details.some((d) => d.includes(':Phone(e164)'))).toBe(true);
    } finally {
      await driver.executeQuery('DROP INDEX email_address IF EXISTS');
      await driver.executeQuery('DROP INDEX phone_e164 IF EXISTS');
      await driver.close();
    }
    await store.ensureSchema();
  });
});
