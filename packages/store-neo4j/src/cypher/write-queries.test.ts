import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, ENTITY_KIND_NAMES, LINK_KIND_NAMES, type Entity, type Link } from '@ringlink/model';
import { entityRow, linkRow, sourceFileRow, sourceRecordRow } from '../write/rows.js';
import { lookupPersons, upsertAliases, upsertEntities, upsertLinks, upsertSourceFiles, upsertSourceRecords } from './write-queries.js';

const ev = { source: 'applications', file: 'a.csv', fileSha256: 'f'.repeat(64), row: 3, recordId: 'APP-3', recordSha256: 'a'.repeat(64), observedAt: '2024-01-02T00:00:00Z' };
const hostile = "x'}) DETACH DELETE n //`";

describe('write queries', () => {
  it('are parameterized UNWIND batches: input values never reach the text', () => {
    const person: Entity = { id: `person:record:${hostile}`, kind: 'Person', roles: ['Applicant'], props: { name: hostile }, evidence: [ev], aliases: [] };
    const link: Link = { id: 'l', type: 'USES_PHONE', from: person.id, to: `phone:${hostile}`, props: { note: hostile }, evidence: [ev] };
    const queries = [
      upsertSourceRecords([sourceRecordRow({ ...ev, recordId: hostile })]),
      upsertEntities('Person', ['Applicant'], [entityRow(person)]),
      upsertAliases([{ id: hostile, target: person.id, reason: hostile, evidenceKey: null }]),
      upsertLinks('USES_PHONE', [linkRow(link)]),
      upsertSourceFiles([sourceFileRow({ file: hostile, source: hostile, sha256: 'f'.repeat(64), rows: 1, ingested: 1, quarantined: 0 }, hostile)]),
      lookupPersons([hostile]),
    ];
    for (const q of queries) {
      expect(q.text).not.toContain(hostile);
      expect(q.text.startsWith('UNWIND $')).toBe(true);
      expect(JSON.stringify(q.params)).toContain('DETACH DELETE');
    }
  });

  it('merges entities on :Entity {id} with the kind and role labels from the model', () => {
    const q = upsertEntities('Person', ['Agent', 'Applicant'], []);
    expect(q.text).toContain('MERGE (e:Entity {id: row.id})');
    expect(q.text).toContain('ON CREATE SET e:Entity:Person:Agent:Applicant, e += row.props');
    expect(q.text).toContain('MERGE (s)-[:MENTIONS]->(e)');
    expect(q.params).toEqual({ rows: [] });
  });

  it('derives the merge rule of every declared property (lists union capped, status by severity, scalars kept)', () => {
    for (const kind of ENTITY_KIND_NAMES) {
      const text = upsertEntities(kind, [], []).text;
      for (const [p, type] of Object.entries(ENTITY_KINDS[kind].properties)) {
        if (type === 'string[]') expect(text).toContain(`(e.${p} + [x IN row.props.${p} WHERE NOT x IN e.${p}])[..20]`);
        else if (p === 'status') expect(text).toMatch(/e\.status = CASE WHEN CASE row\.props\.status WHEN 'forged' THEN 3/);
        else expect(text).toContain(`e.${p} = coalesce(e.${p}, row.props.${p})`);
      }
    }
  });

  it('writes links as typed relationships, with sums kept per record for aggregate kinds', () => {
    for (const type of LINK_KIND_NAMES) expect(upsertLinks(type, []).text).toContain(`MERGE (a)-[r:${type}]->(b)`);
    const paid = upsertLinks('PAID', []).text;
    expect(paid).toContain('r.amountByRecord = [x IN row.agg.amount | coalesce(x, 0.0)]');
    expect(paid).toContain('WHERE size(fresh) > 0');
    expect(paid).toContain('ORDER BY k');
    expect(upsertLinks('USES_PHONE', []).text).not.toContain('ByRecord');
  });

  it('refuses link kinds the model does not declare', () => {
    expect(() => upsertLinks('KNOWS' as never, [])).toThrow(/unknown link kind "KNOWS"/);
    expect(() => upsertEntities('Vehicle' as never, [], [])).toThrow(/unknown entity kind/);
    expect(() => upsertEntities('Person', ['Smuggler' as never], [])).toThrow(/unknown role label/);
  });
});
