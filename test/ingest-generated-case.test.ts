/**
 * Ingest of a generated case checked against its ground truth: rows are
 * conserved, every spelling of one identifier becomes one entity, persons
 * merge exactly as planted, and what the generator planted is in the graph.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, writeCase, type GroundTruth, type IngestResult } from '../packages/core/src/index.js';

describe('ingest of a generated case against its ground truth', () => {
  let dir: string;
  let truth: GroundTruth;
  let result: IngestResult;
  const resolveId = (id: string): string | undefined =>
    result.graph.entities.find((e) => e.id === id || e.aliases.includes(id))?.id;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-case-'));
    await writeCase(dir, { seed: 3, rings: 5, brokers: 3, background: 150, badRows: 0.02 });
    truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as GroundTruth;
    result = await ingest([dir]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('conserves rows and quarantines or drops exactly the planted bad values', () => {
    for (const input of result.report.inputs) {
      const expected = truth.expected.files[input.file]!;
      expect(input.rows).toBe(expected.rows);
      expect(input.rows).toBe(input.ingested + input.quarantined);
      expect({ file: input.file, quarantined: input.quarantined }).toEqual({ file: input.file, quarantined: expected.quarantined });
      const dropped = result.report.issues.filter((i) => i.file === input.file && i.action === 'field_dropped').length;
      expect({ file: input.file, dropped }).toEqual({ file: input.file, dropped: expected.fieldDropped });
    }
  });

  it('makes one entity of every spelling of a phone or an account', () => {
    const spellings = Object.entries(truth.identifierSpellings);
    expect(spellings.length).toBeGreaterThan(10);
    const ids = new Set(result.graph.entities.map((e) => e.id));
    for (const [id, forms] of spellings) {
      expect(ids.has(id), `${id} (written ${forms.join(' | ')})`).toBe(true);
      const holders = result.graph.entities.filter(
        (e) => Array.isArray(e.props.rawForms) && forms.some((f) => (e.props.rawForms as string[]).includes(f.slice(0, 40))),
      );
      expect(holders.map((e) => e.id)).toEqual([id]);
    }
  });

  it('merges persons exactly as planted: every id of one person resolves to the same entity', () => {
    expect(truth.expected.merges.length).toBeGreaterThan(0);
    for (const merge of truth.expected.merges) {
      const resolved = new Set(merge.ids.map(resolveId));
      expect(resolved.size, `${merge.reason}: ${merge.ids.join(', ')}`).toBe(1);
      expect([...resolved][0]).toMatch(/^person:cnic:/);
    }
  });

  it('holds every planted ring member, broker and hub', () => {
    for (const ring of truth.rings) {
      for (const id of [...ring.agents, ...ring.applicants, ...ring.identifiers]) {
        expect(resolveId(id), `${ring.id} member ${id}`).toBeDefined();
      }
    }
    for (const broker of truth.brokers) expect(resolveId(broker.id), broker.id).toBeDefined();
    for (const hub of truth.hubs) expect(resolveId(hub), hub).toBeDefined();
  });

  it('traces every link to at least one source row of an ingested file', () => {
    const digests = new Map(result.report.inputs.map((i) => [i.file, i.sha256]));
    for (const link of result.graph.links) {
      expect(link.evidence.length).toBeGreaterThan(0);
      for (const ev of link.evidence) expect(digests.get(ev.file)).toBe(ev.fileSha256);
    }
  });
});
