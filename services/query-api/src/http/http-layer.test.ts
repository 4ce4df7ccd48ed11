/**
 * The HTTP layer over real HTTP (a server on port 0) with a fake store:
 * authentication and roles, validation and problem documents, limits,
 * deadlines, error mapping, security headers, audit trail and logs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain, JsonlAuditLog } from '../audit/audit-log.js';
import { testConfig, type ServiceConfig } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import { FAIL_IDS, PHONE, fakeQueries } from '../testing/fake-queries.js';
import { createLogger } from './logging.js';
import type { QueryStore } from '../store/query-store.js';

const KEYS = {
  analyst: 'analyst-key-0123456789abcdef',
  ingest: 'ingest-key-0123456789abcdefgh',
  admin: 'admin-key-0123456789abcdefghij',
} as const;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-api-unit-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()!.close();
});

interface Started {
  url: string;
  logs: string[];
  auditFile: string;
  server: RunningServer;
  queries: QueryStore & { calls: string[] };
}

async function start(options: { limits?: Partial<ServiceConfig['limits']>; queries?: Partial<QueryStore> } = {}): Promise<Started> {
  const auditFile = path.join(dir, `audit-${running.length}-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
  const config = testConfig(
    [
      { key: KEYS.analyst, role: 'analyst' },
      { key: KEYS.ingest, role: 'ingest' },
      { key: KEYS.admin, role: 'admin' },
    ],
    { auditLogFile: auditFile, logLevel: 'info', limits: options.limits ?? {} },
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const queries = fakeQueries(options.queries);
  const server = await startServer({ config, queries, logger: createLogger(config, sink), port: 0, host: '127.0.0.1', audit: await JsonlAuditLog.open(auditFile) });
  running.push(server);
  return { url: `${server.url}/api/v1`, logs, auditFile, server, queries };
}

const auth = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

async function call(url: string, init: RequestInit & { key?: string } = {}): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const { key, headers, ...rest } = init;
  const res = await fetch(url, { ...rest, headers: { ...(key ? auth(key) : {}), ...(headers as Record<string, string> | undefined) } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, type: string): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ type: `urn:ringlink:problem:${type}`, status, title: expect.any(String), detail: expect.any(String) });
  expect(r.body.instance).toBe(`urn:ringlink:request:${r.body.requestId}`);
  expect(r.headers.get('x-request-id')).toBe(r.body.requestId);
  expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
}

describe('authentication and roles', () => {
  it('answers health without a key, and nothing else', async () => {
    const s = await start();
    const health = await call(`${s.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', live: true, ready: true, checks: { neo4j: { status: 'up' } } });
    for (const p of ['/entities?q=x', '/entities/phone%3A%2B923001234567', '/rings', '/brokers', '/openapi.json', '/docs', '/analysis/runs', '/no-such-thing']) {
      const r = await call(`${s.url}${p}`);
      expectProblem(r, 401, 'unauthenticated');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('rejects a wrong key, a wrong scheme and an empty bearer alike', async () => {
    const s = await start();
    for (const h of [`Bearer ${KEYS.analyst}x`, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer ', KEYS.analyst, `Bearer ${KEYS.analyst.slice(0, -1)}`]) {
      const r = await call(`${s.url}/rings`, { headers: { Authorization: h } });
      expectProblem(r, 401, 'unauthenticated');
    }
  });

  it('reports readiness 503 when the store does not answer, still live', async () => {
    const s = await start({ queries: { ping: async () => { throw new Error('down'); } } });
    const r = await call(`${s.url}/health`);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'unavailable', live: true, ready: false, checks: { neo4j: { status: 'down', latencyMs: null } } });
  });

  it('lets each role do what it includes and nothing more (admin ⊇ ingest ⊇ analyst)', async () => {
    const s = await start();
    const csv = 'call_id,started_at,caller,callee,duration_s\nC1,2025-01-01T10:00:00Z,0300-1234567,0321-7654321,60\n';
    const ingest = (key: string) => call(`${s.url}/ingest/calls`, { method: 'POST', key, headers: { 'Content-Type': 'text/csv' }, body: csv });
    const analyse = (key: string) => call(`${s.url}/analysis/runs`, { method: 'POST', key });

    expect((await call(`${s.url}/rings`, { key: KEYS.analyst })).status).toBe(200);
    expect((await call(`${s.url}/rings`, { key: KEYS.ingest })).status).toBe(200);
    expect((await call(`${s.url}/rings`, { key: KEYS.admin })).status).toBe(200);

    const denied = await ingest(KEYS.analyst);
    expectProblem(denied, 403, 'forbidden');
    expect(denied.body.detail).toMatch(/needs the ingest role; this key has analyst/);
    expect((await ingest(KEYS.ingest)).status).toBe(200);
    expect((await ingest(KEYS.admin)).status).toBe(200);

    expectProblem(await analyse(KEYS.analyst), 403, 'forbidden');
    expectProblem(await analyse(KEYS.ingest), 403, 'forbidden');
    const started = await analyse(KEYS.admin);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/v1/analysis/runs/${started.body.id}`);
    await s.server.close();
  });
});

describe('validation: every bad input is a 400 problem naming the parameter', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['/entities', 'query.q', /q is required/],
    ['/entities?q=', 'query.q', /must not be empty/],
    ['/entities?q=a&q=b', 'query.q', /given once/],
    [`/entities?q=${'x'.repeat(201)}`, 'query.q', /at most 200/],
    ['/entities?q=a&limit=0', 'query.limit', /1 to 200/],
    ['/entities?q=a&limit=201', 'query.limit', /1 to 200/],
    ['/entities?q=a&limit=2.5', 'query.limit', /whole number/],
    ['/entities?q=a&limit=abc', 'query.limit', /whole number/],
    ['/entities?q=a&cursor=%21%21', 'query.cursor', /not one this service issued/],
    ['/entities?q=a&cursor=eyJvIjotMX0', 'query.cursor', /not one this service issued/],
    ['/entities?q=a&depth=2', 'query', /unknown parameter "depth"/],
    ['/entities/nope', 'params.id', /entity id/],
    ['/entities/phone%3A%2B923001234567/neighbors?depth=4', 'query.depth', /1 to 3/],
    ['/entities/phone%3A%2B923001234567/neighbors?depth=0', 'query.depth', /1 to 3/],
    ['/entities/phone%3A%2B923001234567/neighbors?kinds=Person,Planet', 'query.kinds', /unknown "Planet"/],
    ['/entities/phone%3A%2B923001234567/neighbors?kinds=,', 'query.kinds', /at least one/],
    ['/entities/phone%3A%2B923001234567/neighbors?linkKinds=KNOWS', 'query.linkKinds', /unknown "KNOWS"/],
    ['/entities/phone%3A%2B923001234567/neighbors?cap=0', 'query.cap', /1 to 200/],
    ['/entities/phone%3A%2B923001234567/neighbors?limit=5001', 'query.limit', /1 to 5000/],
    ['/paths?to=phone%3A%2B923001234567', 'query.from', /from is required/],
    ['/paths?from=phone%3A%2B923001234567&to=banana', 'query.to', /entity id/],
    ['/paths?from=phone%3A%2B923001234567&to=phone%3A1&includeHubs=yes', 'query.includeHubs', /true or false/],
    ['/paths?from=phone%3A%2B923001234567&to=phone%3A1&maxDepth=11', 'query.maxDepth', /1 to 10/],
    ['/paths?from=phone%3A%2B923001234567&to=phone%3A1&evidence=-1', 'query.evidence', /0 to 50/],
    ['/links/abc/evidence', 'params.linkId', /link id/],
    ['/links/phone%3A1%7CKNOWS%7Cphone%3A2/evidence', 'params.linkId', /link id/],
    ['/rings?sort=age', 'query.sort', /score, size, changed/],
    ['/rings?scope=some', 'query.scope', /current or all/],
    ['/rings?minScore=101', 'query.minScore', /0 to 100/],
    ['/rings?minScore=NaN', 'query.minScore', /number from 0 to 100/],
    ['/rings/7', 'params.id', /ring id/],
    ['/brokers?ring=R7', 'query.ring', /ring id/],
    ['/analysis/runs/run-xyz', 'params.id', /analysis run id/],
    ['/entities/%E0%A4%A', 'params', /percent-encoding/],
  ];
  it.each(cases)('GET %s → 400 at %s', async (p, where, message) => {
    const s = await start();
    const r = await call(`${s.url}${p}`, { key: KEYS.analyst });
    expectProblem(r, 400, 'invalid-argument');
    if (where === 'params' && r.body.errors === undefined) {
      expect(r.body.detail).toMatch(message);
      return;
    }
    const err = (r.body.errors as Array<{ path: string; message: string }>).find((e) => e.path === where);
    expect(err, JSON.stringify(r.body.errors)).toBeDefined();
    expect(err!.message).toMatch(message);
  });

  it('collects every problem of a request, one per parameter', async () => {
    const s = await start();
    const r = await call(`${s.url}/entities/x/neighbors?depth=9&kinds=Foo&cap=-1&bogus=1`, { key: KEYS.analyst });
    expectProblem(r, 400, 'invalid-argument');
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['params.id', 'query', 'query.cap', 'query.depth', 'query.kinds']);
    expect(r.body.detail).toMatch(/and 4 more problems/);
  });

  it('validates the analysis body: unknown fields, types, ranges, bad JSON', async () => {
    const s = await start();
    const post = (body: string, type = 'application/json') =>
      call(`${s.url}/analysis/runs`, { method: 'POST', key: KEYS.admin, headers: { 'Content-Type': type }, body });
    const unknown = await post('{"seed":1,"louvain":"yes"}');
    expectProblem(unknown, 400, 'invalid-argument');
    expect(unknown.body.errors[0]).toMatchObject({ path: 'body', message: expect.stringMatching(/unknown field "louvain"/) });
    const badSeed = await post('{"seed":-3}');
    expect(badSeed.body.errors[0].path).toBe('body.seed');
    const badJson = await post('{"seed":');
    expectProblem(badJson, 400, 'invalid-input');
    expect(badJson.body.detail).toMatch(/not valid JSON/);
    expectProblem(await post('[1,2]'), 400, 'invalid-argument');
    expectProblem(await post('seed=1', 'application/x-www-form-urlencoded'), 415, 'unsupported-media-type');
  });

  it('refuses a body where none is taken, and unknown methods with 405 and Allow', async () => {
    const s = await start();
    expectProblem(await call(`${s.url}/rings`, { method: 'POST', key: KEYS.admin, body: '{}' }), 405, 'method-not-allowed');
    const del = await call(`${s.url}/entities/phone%3A1`, { method: 'DELETE', key: KEYS.admin });
    expectProblem(del, 405, 'method-not-allowed');
    expect(del.headers.get('allow')).toContain('GET');
    expectProblem(await call(`${s.url}/nothing-here`, { key: KEYS.analyst }), 404, 'not-found');
  });
});

describe('errors and deadlines', () => {
  it('maps store failures to 503, 504 and a 500 that says nothing of the cause', async () => {
    const s = await start();
    const get = (id: string) => call(`${s.url}/entities/${encodeURIComponent(id)}`, { key: KEYS.analyst });
    const unavailable = await get(FAIL_IDS.unavailable);
    expectProblem(unavailable, 503, 'store-unavailable');
    expect(unavailable.headers.get('retry-after')).toBe('5');
    expectProblem(await get(FAIL_IDS.timeout), 504, 'timeout');
    const crash = await get(FAIL_IDS.crash);
    expectProblem(crash, 500, 'internal');
    expect(crash.text).not.toMatch(/3520212345671|0300|undefined|TypeError/);
    expectProblem(await get('phone:+923009999999'), 404, 'not-found');
    // The log says what failed (by code), without the identifiers in the message.
    await new Promise((r) => setTimeout(r, 20));
    const errorLines = s.logs.filter((l) => l.includes('"level":50'));
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.join('\n')).not.toMatch(/3520212345671|0300-1234567/);
    expect(errorLines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('answers 504 when a query outlives the request deadline', async () => {
    const s = await start({ limits: { requestTimeoutMs: 300, queryTimeoutMs: 200 } });
    const t = performance.now();
    const r = await call(`${s.url}/entities/${encodeURIComponent(FAIL_IDS.hang)}`, { key: KEYS.analyst });
    expectProblem(r, 504, 'timeout');
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('passes the remaining time to the store as the query timeout', async () => {
    const seen: number[] = [];
    const s = await start({ limits: { requestTimeoutMs: 5000, queryTimeoutMs: 1234 }, queries: { entity: async (_id, timeoutMs) => { seen.push(timeoutMs); return undefined; } } });
    await call(`${s.url}/entities/phone%3A%2B923001234567`, { key: KEYS.analyst });
    expect(seen[0]).toBe(1234);
  });
});

describe('limits', () => {
  it('answers 413 beyond the JSON and the ingest limits, before the body is read', async () => {
    const s = await start({ limits: { jsonBodyBytes: 1024, ingestBodyBytes: 4096 } });
    const big = JSON.stringify({ seed: 1, pad: 'x'.repeat(2000) });
    expectProblem(await call(`${s.url}/analysis/runs`, { method: 'POST', key: KEYS.admin, headers: { 'Content-Type': 'application/json' }, body: big }), 413, 'payload-too-large');
    const csv = `call_id,started_at,caller,callee,duration_s\n${'C1,2025-01-01T10:00:00Z,0300-1234567,0321-7654321,60\n'.repeat(200)}`;
    expectProblem(await call(`${s.url}/ingest/calls`, { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'text/csv' }, body: csv }), 413, 'payload-too-large');
  });

  it('takes ingest bodies only as CSV or NDJSON in UTF-8, matched to the source, never empty', async () => {
    const s = await start();
    const post = (source: string, type: string, body: string) => call(`${s.url}/ingest/${source}`, { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': type }, body });
    expectProblem(await post('calls', 'application/json', '{}'), 415, 'unsupported-media-type');
    expectProblem(await post('calls', 'text/csv; charset=latin1', 'a,b\n1,2\n'), 415, 'unsupported-media-type');
    expectProblem(await post('calls', 'application/x-ndjson', '{}\n'), 415, 'unsupported-media-type');
    expectProblem(await post('ftm', 'text/csv', 'a,b\n'), 415, 'unsupported-media-type');
    expectProblem(await post('calls', 'text/csv', ''), 400, 'invalid-input');
    const unknown = await post('telegrams', 'text/csv', 'a,b\n1,2\n');
    expectProblem(unknown, 400, 'invalid-argument');
    expect(unknown.body.errors[0].message).toMatch(/source must be one of ftm, applications, calls, documents, transactions/);
  });

  it('returns the CLI report for an ingested batch, rows = ingested + quarantined', async () => {
    const s = await start();
    const csv = 'call_id,started_at,caller,callee,duration_s\nC1,2025-01-01T10:00:00Z,0300-1234567,0321-7654321,60\nC2,2025-01-01T11:00:00Z,not a phone,0321-7654321,5\n';
    const r = await call(`${s.url}/ingest/calls?file=calls-batch-7.csv`, { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: csv });
    expect(r.status).toBe(200);
    expect(r.body.report.inputs).toEqual([{ file: 'calls-batch-7.csv', source: 'calls', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows: 2, ingested: 1, quarantined: 1 }]);
    expect(r.body.report.issues[0]).toMatchObject({ row: 2, field: 'caller', action: 'quarantined' });
    expect(r.body.report.entities).toEqual({ Phone: 2 });
    const badName = await call(`${s.url}/ingest/calls?file=..%2Fetc%2Fpasswd`, { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'text/csv' }, body: csv });
    expectProblem(badName, 400, 'invalid-argument');
  });

  it('limits requests per key, each key on its own', async () => {
    const s = await start({ limits: { rateLimit: 3, rateWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(`${s.url}/rings`, { key: KEYS.analyst })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call(`${s.url}/rings`, { key: KEYS.analyst });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(`${s.url}/rings`, { key: KEYS.admin })).status).toBe(200);
  });

  it('slows down key guessing from one address', async () => {
    const s = await start({ limits: { authFailureLimit: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(`${s.url}/rings`, { key: `wrong-key-${i}-0123456789` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('counts only 401s as failed authentications, not requests their client cut off', async () => {
    const s = await start({ limits: { authFailureLimit: 3, requestTimeoutMs: 10_000, queryTimeoutMs: 5_000 } });
    for (let i = 0; i < 6; i++) {
      const abort = new AbortController();
      const pending = fetch(`${s.url}/entities/${encodeURIComponent(FAIL_IDS.hang)}`, { headers: auth(KEYS.analyst), signal: abort.signal }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 30));
      abort.abort();
      await pending;
    }
    expect((await call(`${s.url}/rings`, { key: KEYS.analyst })).status).toBe(200);
    await s.server.server.closeAllConnections();
  });
});

describe('paging', () => {
  it('pages with an opaque cursor until `next` is null', async () => {
    const s = await start();
    const seen: string[] = [];
    let url = `${s.url}/entities?q=0300-1234567&limit=3`;
    for (let i = 0; i < 5; i++) {
      const r = await call(url, { key: KEYS.analyst });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((x: { id: string }) => x.id));
      if (r.body.next === null) break;
      expect(r.body.next).toMatch(/^[A-Za-z0-9_-]+$/);
      url = `${s.url}/entities?q=0300-1234567&limit=3&cursor=${r.body.next}`;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('headers, audit and logs', () => {
  it('sets security headers and forbids caching', async () => {
    const s = await start();
    const r = await call(`${s.url}/entities/phone%3A%2B923001234567`, { key: KEYS.analyst });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: PHONE.id, degree: { total: 2 } });
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBeTruthy();
    expect(r.headers.get('x-powered-by')).toBeNull();
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes who asked what to a hash-chained audit log, key ids only, health not audited', async () => {
    const s = await start();
    await call(`${s.url}/health`);
    await call(`${s.url}/entities?q=0300-1234567`, { key: KEYS.analyst });
    await call(`${s.url}/entities/phone%3A%2B923001234567/neighbors?depth=2`, { key: KEYS.admin });
    await call(`${s.url}/rings`);
    await s.server.close();
    const text = await readFile(s.auditFile, 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ keyId: expect.stringMatching(/^key-[0-9a-f]{12}$/), role: 'analyst', method: 'GET', route: '/api/v1/entities', query: { q: '0300-1234567' }, status: 200 });
    expect(lines[1]).toMatchObject({ role: 'admin', route: '/api/v1/entities/{id}/neighbors', params: { id: 'phone:+923001234567' }, query: { depth: '2' } });
    expect(lines[2]).toMatchObject({ keyId: null, status: 401, problem: 'UNAUTHENTICATED' });
    expect(text).not.toContain(KEYS.analyst);
    expect(text).not.toContain(KEYS.admin);
    expect(verifyAuditChain(text)).toEqual({ lines: 3, firstBadLine: 0 });
    const tampered = text.replace('"status":401', '"status":200');
    expect(verifyAuditChain(tampered).firstBadLine).toBe(0); // the last line can be edited undetected …
    const tamperedFirst = text.replace('0300-1234567', '0300-7654321');
    expect(verifyAuditChain(tamperedFirst).firstBadLine).toBe(2); // … any earlier one breaks the chain
  });

  it('refuses to answer unaudited: 503 while the audit log cannot be written', async () => {
    const broken = new JsonlAuditLog(dir); // a directory: cannot be opened for appending
    await broken.flush();
    expect(broken.failed).toBe(true);
    const config = testConfig([{ key: KEYS.analyst, role: 'analyst' }], { auditLogFile: dir });
    const server = await startServer({ config, queries: fakeQueries(), port: 0, host: '127.0.0.1', audit: broken });
    running.push(server);
    const r = await call(`${server.url}/api/v1/rings`, { key: KEYS.analyst });
    expectProblem(r, 503, 'audit-unavailable');
  });

  it('continues the chain across restarts', async () => {
    const file = path.join(dir, 'restart.jsonl');
    for (let i = 0; i < 2; i++) {
      const log = await JsonlAuditLog.open(file);
      log.append({ time: new Date().toISOString(), requestId: `r${i}`, keyId: null, role: null, method: 'GET', route: '/x', params: {}, query: {}, status: 200, durationMs: 1, ip: null });
      await log.close();
    }
    expect(verifyAuditChain(await readFile(file, 'utf8'))).toEqual({ lines: 2, firstBadLine: 0 });
  });

  it('logs requests by path template without keys, URLs, query strings or identifiers', async () => {
    const s = await start();
    await call(`${s.url}/entities?q=0300-1234567`, { key: KEYS.analyst });
    await call(`${s.url}/entities/phone%3A%2B923001234567`, { key: KEYS.analyst });
    await call(`${s.url}/rings`, { key: 'wrong-key-0123456789abcdef' });
    await new Promise((r) => setTimeout(r, 20));
    const all = s.logs.join('\n');
    expect(s.logs.filter((l) => l.includes('request completed')).length).toBeGreaterThanOrEqual(3);
    expect(all).toContain('"route":"/api/v1/entities/{id}"');
    for (const secret of [KEYS.analyst, 'wrong-key-0123456789abcdef', '0300-1234567', '923001234567', 'Bearer', 'q=']) expect(all).not.toContain(secret);
  });
});
