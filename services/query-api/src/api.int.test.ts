/**
 * The query API end to end: real HTTP (a server on port 0) over the real
 * Neo4j of the integration setup, holding a generated case loaded through
 * the store (ingest, write, analyse, write back). Every 200 answer is
 * checked against the response schema the OpenAPI document publishes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkId, type Link } from '@ringlink/model';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { appResources } from './app.js';
import { verifyAuditChain } from './audit/audit-log.js';
import { testConfig, type ServiceConfig } from './config.js';
import type { Operation } from './http/operation.js';
import { startServer, type RunningServer } from './server.js';
import { loadGeneratedCase, type LoadedCase } from './testing/case-fixture.js';
import { nationalSpelling } from './sample-case.js';

const KEYS = { analyst: 'int-analyst-key-0123456789', ingest: 'int-ingest-key-0123456789', admin: 'int-admin-key-0123456789' };

let store: Neo4jStore;
let server: RunningServer;
let fixture: LoadedCase;
let tmp: string;
let base: string;
let operations: readonly Operation[];

function config(limits: Partial<ServiceConfig['limits']> = {}) {
  return testConfig(
    [
      { key: KEYS.analyst, role: 'analyst' },
      { key: KEYS.ingest, role: 'ingest' },
      { key: KEYS.admin, role: 'admin' },
    ],
    { auditLogFile: path.join(tmp, `audit-${Object.keys(limits).join('-') || 'main'}.jsonl`), limits: { rateLimit: 100_000, ...limits } },
  );
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-api-int-'));
  store = await openStore({ uri: inject('neo4jUri') });
  fixture = await loadGeneratedCase(store, { seed: 5, rings: 4, brokers: 2 });
  server = await startServer({ config: config(), store, port: 0, host: '127.0.0.1' });
  base = `${server.url}/api/v1`;
  operations = appResources(server.app).operations;
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await fixture?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

const enc = encodeURIComponent;

/** GET (or another method) as a role; a 200 is checked against the operation's published response schema. */
async function api(operationId: string, url: string, init: RequestInit & { key?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const { key = KEYS.analyst, ...rest } = init;
  const res = await fetch(`${base}${url}`, { ...rest, headers: { Authorization: `Bearer ${key}`, ...(rest.headers as Record<string, string> | undefined) } });
  const body = (await res.json()) as unknown;
  const op = operations.find((o) => o.operationId === operationId);
  if (op === undefined) throw new Error(`no operation ${operationId}`);
  const schema = op.responses[res.status]?.schema;
  if (res.status < 300 && schema) {
    const checked = schema.safeParse(body);
    expect(checked.success, `${operationId} ${res.status} does not match its published schema: ${JSON.stringify(checked.error?.issues.slice(0, 3))}`).toBe(true);
  }
  return { status: res.status, body, headers: res.headers };
}

async function allPages<T>(operationId: string, url: string, limit: number): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const sep = url.includes('?') ? '&' : '?';
    const r = await api(operationId, `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(limit);
    out.push(...(r.body.items as T[]));
    cursor = r.body.next;
    if (cursor === null) return out;
  }
  throw new Error('paging did not end');
}

describe('health', () => {
  it('is live and ready with Neo4j up', async () => {
    const r = await fetch(`${base}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', ready: true, checks: { neo4j: { status: 'up' } } });
  });
});

describe('search', () => {
  it('finds an identifier typed in any of its spellings', async () => {
    const samples = Object.entries(fixture.truth.identifierSpellings).slice(0, 8);
    expect(samples.length).toBeGreaterThan(3);
    for (const [id, spellings] of samples) {
      for (const spelling of spellings) {
        const r = await api('searchEntities', `/entities?q=${enc(spelling)}`);
        expect(r.status).toBe(200);
        expect(r.body.items.map((x: { id: string }) => x.id), `${spelling} → ${id}`).toContain(id);
      }
    }
  });

  it('finds a phone typed nationally (0300-…) as its E.164 entity', async () => {
    const phone = fixture.graph.entities.find((e) => e.kind === 'Phone' && typeof e.props.e164 === 'string' && /^\+92\d{10}$/.test(e.props.e164 as string))!;
    const r = await api('searchEntities', `/entities?q=${enc(nationalSpelling(phone.props.e164 as string))}`);
    expect(r.body.items[0]).toMatchObject({ id: phone.id, matchedBy: 'phone' });
  });

  it('finds a person by every spelling of the name the records gave', async () => {
    const person = fixture.graph.entities.find((e) => e.kind === 'Person' && Array.isArray(e.props.names) && (e.props.names as string[]).length >= 2)!;
    for (const name of person.props.names as string[]) {
      const r = await api('searchEntities', `/entities?q=${enc(name)}&limit=200`);
      expect(r.body.items.map((x: { id: string }) => x.id), name).toContain(person.id);
    }
  });

  it('answers an empty page, not an error, for something unknown', async () => {
    const r = await api('searchEntities', `/entities?q=${enc('0300-0000001')}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ items: [], next: null });
  });
});

describe('entities and neighbourhoods', () => {
  it('shows a ring member with its ring, degree and evidence', async () => {
    const ring = fixture.analysis.rings[0]!;
    const person = ring.personIds[0]!;
    const r = await api('getEntity', `/entities/${enc(person)}`);
    expect(r.status).toBe(200);
    expect(r.body.rings.memberOf.map((m: { id: string }) => m.id)).toContain(ring.id);
    expect(r.body.degree.total).toBeGreaterThan(0);
    expect(r.body.evidenceCount).toBeGreaterThan(0);
  });

  it('shows a broker with its scores and the rings it connects', async () => {
    const broker = fixture.analysis.brokers.find((b) => b.rings.length > 0)!;
    const r = await api('getEntity', `/entities/${enc(broker.id)}`);
    expect(r.body.broker).toMatchObject({ rank: broker.rank });
    expect(r.body.rings.brokerFor.map((x: { id: string }) => x.id).sort()).toEqual([...broker.rings].sort());
  });

  it('caps a hub\'s expansion and says how many more it has', async () => {
    const hub = fixture.analysis.run.hubs[0]!;
    const detail = await api('getEntity', `/entities/${enc(hub.id)}`);
    expect(detail.body.isHub).toBe(true);
    const total = detail.body.degree.total as number;
    expect(total).toBeGreaterThan(5);
    const r = await api('getNeighbors', `/entities/${enc(hub.id)}/neighbors?cap=5`);
    expect(r.status).toBe(200);
    expect(r.body.nodes).toHaveLength(6);
    expect(r.body.truncated).toContainEqual({ id: hub.id, shown: 5, more: total - 5 });
    expect(r.body.links).toHaveLength(5);
  });

  it('walks depth 2 with kinds and a node limit, nearest first', async () => {
    const person = fixture.analysis.rings[0]!.personIds[0]!;
    const full = await api('getNeighbors', `/entities/${enc(person)}/neighbors?depth=2`);
    expect(full.body.nodes.some((n: { depth: number }) => n.depth === 2)).toBe(true);
    const limited = await api('getNeighbors', `/entities/${enc(person)}/neighbors?depth=2&limit=3`);
    expect(limited.body.nodes).toHaveLength(3);
    expect(limited.body.omittedNodes).toBe(full.body.nodes.length - 3);
    const depths = limited.body.nodes.map((n: { depth: number }) => n.depth);
    expect(depths).toEqual([...depths].sort());
    const ids = new Set(limited.body.nodes.map((n: { id: string }) => n.id));
    for (const l of limited.body.links) expect(ids.has(l.from) && ids.has(l.to)).toBe(true);
    const phones = await api('getNeighbors', `/entities/${enc(person)}/neighbors?kinds=Phone`);
    expect(phones.body.nodes.slice(1).every((n: { kind: string }) => n.kind === 'Phone')).toBe(true);
  });

  it('finds a merged person by any id it was known by', async () => {
    const merged = fixture.graph.entities.find((e) => e.aliases.length > 0);
    expect(merged, 'the generated case plants merges').toBeDefined();
    const alias = merged!.aliases[0]!;
    const r = await api('getEntity', `/entities/${enc(alias)}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: merged!.id, requestedId: alias });
    expect(r.body.aliases).toContain(alias);
  });

  it('answers 404 for an entity that does not exist', async () => {
    const r = await api('getEntity', `/entities/${enc('person:cnic:0000000000000')}`);
    expect(r.status).toBe(404);
    expect((await api('getNeighbors', `/entities/${enc('phone:+920000000000')}/neighbors`)).status).toBe(404);
  });
});

describe('paths and evidence', () => {
  const inputDigests = (): Set<string> => new Set(fixture.report.inputs.map((i) => i.sha256));

  it('ties two members of a ring, every hop with its records', async () => {
    const ring = fixture.analysis.rings[0]!;
    const [a, b] = [ring.personIds[0]!, ring.personIds[ring.personIds.length - 1]!];
    const r = await api('findPaths', `/paths?from=${enc(a)}&to=${enc(b)}`);
    expect(r.status).toBe(200);
    expect(r.body.paths.length).toBeGreaterThan(0);
    for (const p of r.body.paths) {
      expect(p.nodes[0].id).toBe(a);
      expect(p.nodes[p.nodes.length - 1].id).toBe(b);
      expect(p.hops).toHaveLength(p.length);
      p.hops.forEach((h: any, i: number) => {
        expect([h.from, h.to].sort()).toEqual([p.nodes[i].id, p.nodes[i + 1].id].sort());
        expect(h.evidence.length).toBeGreaterThan(0);
        expect(h.evidence.length).toBeLessThanOrEqual(Math.min(5, h.evidenceCount));
        for (const ev of h.evidence) expect(inputDigests().has(ev.fileSha256)).toBe(true);
      });
      for (const n of p.nodes.slice(1, -1)) expect(n.isHub).toBe(false);
    }
  });

  it('leaves hubs out of paths unless asked', async () => {
    const hub = fixture.analysis.run.hubs[0]!;
    const around = await api('getNeighbors', `/entities/${enc(hub.id)}/neighbors?cap=50`);
    const neighbours = around.body.nodes.filter((n: { id: string }) => n.id !== hub.id).map((n: { id: string }) => n.id) as string[];
    const [a, b] = [neighbours[0]!, neighbours[neighbours.length - 1]!];
    const withHubs = await api('findPaths', `/paths?from=${enc(a)}&to=${enc(b)}&includeHubs=true&maxDepth=2`);
    expect(withHubs.body.paths.some((p: { nodes: Array<{ id: string }> }) => p.nodes.some((n) => n.id === hub.id))).toBe(true);
    const without = await api('findPaths', `/paths?from=${enc(a)}&to=${enc(b)}&maxDepth=4`);
    for (const p of without.body.paths) expect(p.nodes.slice(1, -1).map((n: { id: string }) => n.id)).not.toContain(hub.id);
  });

  it('reads a `+` in a query id as the `+` that was meant', async () => {
    const phone = fixture.graph.entities.find((e) => e.kind === 'Phone')!;
    const person = fixture.graph.links.find((l) => l.to === phone.id && l.type === 'USES_PHONE')!.from;
    const r = await api('findPaths', `/paths?from=${phone.id}&to=${enc(person)}`); // `+` left unencoded on purpose
    expect(r.status).toBe(200);
    expect(r.body.paths[0].length).toBe(1);
  });

  it('answers 404 naming the end that does not exist', async () => {
    const person = fixture.analysis.rings[0]!.personIds[0]!;
    const r = await api('findPaths', `/paths?from=${enc(person)}&to=${enc('phone:+920000000000')}`);
    expect(r.status).toBe(404);
    expect(r.body.errors).toEqual([{ path: 'query.to', message: 'no entity with this id' }]);
  });

  it('pages through every record behind a link', async () => {
    const link = [...fixture.graph.links].sort((x: Link, y: Link) => y.evidence.length - x.evidence.length)[0]!;
    expect(link.evidence.length).toBeGreaterThan(2);
    const rows = await allPages<{ row: number; file: string; recordSha256: string }>('getLinkEvidence', `/links/${enc(link.id)}/evidence`, 2);
    expect(rows).toHaveLength(link.evidence.length);
    expect(rows.map((e) => `${e.file}:${e.row}`).sort()).toEqual(link.evidence.map((e) => `${e.file}:${e.row}`).sort());
    const first = await api('getLinkEvidence', `/links/${enc(link.id)}/evidence?limit=1`);
    expect(first.body.link).toMatchObject({ id: link.id, evidenceCount: link.evidence.length });
    expect(first.body.total).toBe(link.evidence.length);
  });

  it('answers 404 for a link that does not exist', async () => {
    const phone = fixture.graph.entities.find((e) => e.kind === 'Phone')!;
    expect((await api('getLinkEvidence', `/links/${enc(linkId('USES_PHONE', 'person:cnic:0000000000000', phone.id))}/evidence`)).status).toBe(404);
  });
});

describe('rings and brokers', () => {
  it('lists the current rings by score, every ring once across pages', async () => {
    const rings = await allPages<{ id: string; score: number; persons: number }>('listRings', '/rings', 2);
    expect(rings.map((r) => r.id).sort()).toEqual(fixture.analysis.rings.map((r) => r.id).sort());
    for (let i = 1; i < rings.length; i++) expect(rings[i - 1]!.score).toBeGreaterThanOrEqual(rings[i]!.score);
    const bySize = await allPages<{ persons: number }>('listRings', '/rings?sort=size', 3);
    for (let i = 1; i < bySize.length; i++) expect(bySize[i - 1]!.persons).toBeGreaterThanOrEqual(bySize[i]!.persons);
    const changed = await allPages<{ changedAt: string | null }>('listRings', '/rings?sort=changed&scope=all', 3);
    expect(changed).toHaveLength(fixture.analysis.rings.length);
    expect(changed.every((r) => r.changedAt !== null)).toBe(true);
    const strong = await api('listRings', '/rings?minScore=50');
    expect(strong.body.items.every((r: { score: number }) => r.score >= 50)).toBe(true);
  });

  it('shows a ring with members by role, binding identifiers, brokers and history', async () => {
    const ring = fixture.analysis.rings[0]!;
    const r = await api('getRing', `/rings/${ring.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ring.id, current: true, score: ring.score });
    const persons = new Set(Object.values(r.body.membersByRole as Record<string, Array<{ id: string }>>).flat().map((m) => m.id));
    expect([...persons].sort()).toEqual([...ring.personIds].sort());
    expect(r.body.bindingIdentifiers.length).toBeGreaterThan(0);
    expect(r.body.history[0]).toMatchObject({ type: 'new', rings: [ring.id] });
    expect((await api('getRing', '/rings/R-9999')).status).toBe(404);
  });

  it('ranks brokers with the rings they connect, paged and filtered by ring', async () => {
    const brokers = await allPages<{ rank: number; rings: string[]; entity: { id: string } }>('listBrokers', '/brokers', 4);
    expect(brokers.length).toBe(fixture.analysis.brokers.length);
    expect(brokers.map((b) => b.rank)).toEqual([...brokers.map((b) => b.rank)].sort((a, b) => a - b));
    const ring = fixture.analysis.brokers.find((b) => b.rings.length > 0)!.rings[0]!;
    const ofRing = await api('listBrokers', `/brokers?ring=${ring}`);
    expect(ofRing.body.items.length).toBeGreaterThan(0);
    expect(ofRing.body.items.every((b: { rings: string[] }) => b.rings.includes(ring))).toBe(true);
  });
});

describe('ingest and analysis runs', () => {
  it('ingests a CSV batch, reports like the CLI, and is idempotent', async () => {
    const ringPhone = fixture.analysis.rings[0]!.bindingIdentifiers.find((b) => b.kind === 'Phone')?.id
      ?? fixture.graph.entities.find((e) => e.kind === 'Phone')!.id;
    const known = nationalSpelling(ringPhone.slice('phone:'.length));
    const csv = `call_id,started_at,caller,callee,duration_s\nAPI-C1,2025-03-01T10:00:00Z,${known},0345-1112223,120\nAPI-C2,2025-03-02T10:00:00Z,+92 345 1112223,${known},30\nAPI-C3,2025-03-03T10:00:00Z,junk,${known},5\n`;
    const post = () => api('ingestRecords', '/ingest/calls?file=api-calls-1.csv', { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'text/csv' }, body: csv });
    const r = await post();
    expect(r.status).toBe(200);
    expect(r.body.report.inputs[0]).toMatchObject({ file: 'api-calls-1.csv', source: 'calls', rows: 3, ingested: 2, quarantined: 1 });
    expect(r.body.store.linksChanged).toBe(2);
    const again = await post();
    expect(again.body.store.linksChanged).toBe(0);

    const found = await api('searchEntities', `/entities?q=${enc('0345 1112223')}`);
    expect(found.body.items[0].id).toBe('phone:+923451112223');
    const link = linkId('CALLED', ringPhone, 'phone:+923451112223');
    const ev = await api('getLinkEvidence', `/links/${enc(link)}/evidence`);
    expect(ev.status).toBe(200);
    expect(ev.body.items).toEqual([expect.objectContaining({ file: 'api-calls-1.csv', recordId: 'API-C1', source: 'calls' })]);
  });

  it('ingests FollowTheMoney NDJSON', async () => {
    const ndjson = `${JSON.stringify({ id: 'ftm-p1', schema: 'Person', properties: { name: ['Zulfiqar Test'], phone: ['+92 345 1112223'] } })}\n`;
    const r = await api('ingestRecords', '/ingest/ftm', { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'application/x-ndjson' }, body: ndjson });
    expect(r.status).toBe(200);
    expect(r.body.report.inputs[0]).toMatchObject({ source: 'ftm', rows: 1, ingested: 1 });
    const who = await api('getNeighbors', `/entities/${enc('phone:+923451112223')}/neighbors?kinds=Person`);
    expect(who.body.nodes.some((n: { props: { name?: string } }) => n.props.name === 'Zulfiqar Test')).toBe(true);
  });

  it('runs an analysis in the background and keeps ring ids across runs', async () => {
    const before = await api('listAnalysisRuns', '/analysis/runs');
    expect(before.body.total).toBe(1);
    const firstRun = before.body.items[0].id as string;
    const started = await api('startAnalysisRun', '/analysis/runs', { method: 'POST', key: KEYS.admin, headers: { 'Content-Type': 'application/json' }, body: '{"seed":1}' });
    expect(started.status).toBe(202);
    const conflict = await api('startAnalysisRun', '/analysis/runs', { method: 'POST', key: KEYS.admin });
    expect([202, 409]).toContain(conflict.status); // 409 while the first still runs
    let job: any;
    for (let i = 0; i < 300; i++) {
      job = (await api('getAnalysisRun', `/analysis/runs/${started.body.id}`)).body;
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await appResources(server.app).jobs.idle();
    expect(job).toMatchObject({ kind: 'job', status: 'succeeded', runId: expect.stringMatching(/^run-[0-9a-f]{16}$/) });
    const run = await api('getAnalysisRun', `/analysis/runs/${job.runId}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ id: job.runId, seed: 1, previousRunId: firstRun });
    expect((run.body.parameters as { seed: number }).seed).toBe(1);
    const ring = fixture.analysis.rings[0]!.id;
    const history = await api('getRing', `/rings/${ring}`);
    expect(history.body.history.length).toBeGreaterThanOrEqual(2);
    expect((await api('getAnalysisRun', '/analysis/runs/run-0000000000000000')).status).toBe(404);
  });
});

describe('deadlines on the real store', () => {
  it('answers 504 when Neo4j stops a query at its transaction timeout', async () => {
    const slow = await startServer({ config: config({ queryTimeoutMs: 1, requestTimeoutMs: 5000 }), store, port: 0, host: '127.0.0.1' });
    try {
      const hub = fixture.analysis.run.hubs[0]!.id;
      let status = 0;
      // Neo4j checks the timeout as the query runs; a warm, quick run can finish inside 1 ms, so ask a few times.
      for (let i = 0; i < 20 && status !== 504; i++) {
        const res = await fetch(`${slow.url}/api/v1/entities/${enc(hub)}/neighbors?depth=3&cap=200&limit=5000`, { headers: { Authorization: `Bearer ${KEYS.analyst}` } });
        status = res.status;
        const body = (await res.json()) as { type?: string };
        if (status !== 200) expect(body.type).toBe('urn:ringlink:problem:timeout');
      }
      expect(status).toBe(504);
    } finally {
      await slow.close();
    }
  });
});

describe('audit trail', () => {
  it('has one chained line per audited request, with the key id and what was asked', async () => {
    await appResources(server.app).audit.flush();
    const text = await readFile(path.join(tmp, 'audit-main.jsonl'), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { keyId: string; route: string; query: Record<string, string> });
    expect(lines.length).toBeGreaterThan(20);
    expect(verifyAuditChain(text).firstBadLine).toBe(0);
    expect(lines.some((l) => l.route === '/api/v1/entities' && typeof l.query.q === 'string')).toBe(true);
    for (const k of Object.values(KEYS)) expect(text).not.toContain(k);
  });
});
