/**
 * Fuzzing every operation of the published OpenAPI document over real HTTP
 * against the real Neo4j: path and query parameters drawn from what each
 * parameter's schema accepts (enums, bounds and their neighbours, real ids
 * from the loaded case) mixed with garbage (unicode, control characters,
 * broken percent-encoding, repeated and unknown parameters, huge values),
 * random bodies and media types, random keys. Whatever comes in, the
 * answer is never a 5xx: a 2xx matching its published schema, or a 4xx
 * problem document.
 *
 * Deterministic (fixed seed; FUZZ_SEED overrides) and bounded
 * (FUZZ_RUNS per operation, default 40).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { appResources, createApp } from './app.js';
import { fakeQueries } from './testing/fake-queries.js';
import { testConfig } from './config.js';
import type { Operation } from './http/operation.js';
import { startServer, type RunningServer } from './server.js';
import { loadGeneratedCase, type LoadedCase } from './testing/case-fixture.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const KEYS = { analyst: 'fuzz-analyst-key-0123456789', ingest: 'fuzz-ingest-key-0123456789', admin: 'fuzz-admin-key-0123456789' };

interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: { type?: string | string[]; enum?: unknown[]; minimum?: number; maximum?: number; example?: unknown };
}

let store: Neo4jStore;
let server: RunningServer;
let fixture: LoadedCase;
let tmp: string;
let doc: { paths: Record<string, Record<string, { operationId: string; parameters?: Param[]; requestBody?: { content: Record<string, unknown> } }>> };
let operations: readonly Operation[];
let realIds: { entities: string[]; links: string[]; rings: string[]; runs: string[] };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-api-fuzz-'));
  store = await openStore({ uri: inject('neo4jUri') });
  fixture = await loadGeneratedCase(store, { seed: 9, rings: 3, brokers: 2 });
  const config = testConfig(
    [
      { key: KEYS.analyst, role: 'analyst' },
      { key: KEYS.ingest, role: 'ingest' },
      { key: KEYS.admin, role: 'admin' },
    ],
    { auditLogFile: path.join(tmp, 'audit.jsonl'), limits: { rateLimit: 1_000_000, authFailureLimit: 1_000_000, ingestBodyBytes: 64 * 1024, jsonBodyBytes: 8 * 1024 } },
  );
  server = await startServer({ config, store, port: 0, host: '127.0.0.1' });
  const resources = appResources(server.app);
  doc = resources.openapi() as typeof doc;
  operations = resources.operations;
  const hub = fixture.analysis.run.hubs.map((h) => h.id);
  realIds = {
    entities: [...hub, ...fixture.graph.entities.slice(0, 40).map((e) => e.id), ...fixture.graph.entities.flatMap((e) => e.aliases).slice(0, 5)],
    links: fixture.graph.links.slice(0, 30).map((l) => l.id),
    rings: fixture.analysis.rings.map((r) => r.id),
    runs: [fixture.analysis.run.id],
  };
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await fixture?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

/** Raw (already encoded) fragments that break parsers: bad percent-encoding, separators, traversal. */
const NASTY_RAW = ['%', '%E0%A4%A', '%00', '%FF%FE', '..%2F..%2Fetc%2Fpasswd', '%0d%0aSet-Cookie:x=1', '&&&', '==', '%2F', '+', '%2B', '%25', '%3Cscript%3E', '%20', '%C0%AF'];

const garbage = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'Infinity', '0x10', 'null', 'true', '[]', '{}', "' OR 1=1 --", 'MATCH (n) DETACH DELETE n', '`', '\\', '\u0000', '\u202e', '9'.repeat(400), 'x'.repeat(3000)),
);

function valueFor(p: Param): fc.Arbitrary<string> {
  const s = p.schema ?? {};
  const options: Array<fc.WeightedArbitrary<string>> = [{ weight: 2, arbitrary: garbage }];
  const valid = (arbitrary: fc.Arbitrary<string>): void => {
    options.push({ weight: 3, arbitrary });
  };
  if (Array.isArray(s.enum)) valid(fc.constantFrom(...s.enum.map(String)));
  if (s.type === 'integer' || s.type === 'number') {
    const min = s.minimum ?? 0;
    const max = s.maximum ?? 1000;
    valid(fc.constantFrom(String(min - 1), String(min), String(max), String(max + 1)));
    valid(fc.integer({ min, max }).map(String));
    options.push({ weight: 1, arbitrary: fc.double({ noNaN: false }).map(String) });
  }
  const n = p.name.toLowerCase();
  if (n === 'id' || n === 'from' || n === 'to') valid(fc.oneof(fc.constantFrom(...realIds.entities, ...realIds.rings, ...realIds.runs, 'person:', 'phone:+', 'phone:+92', 'R-', 'run-', 'job-')));
  if (n === 'linkid') valid(fc.oneof(fc.constantFrom(...realIds.links)));
  if (n === 'ring') valid(fc.oneof(fc.constantFrom(...realIds.rings, 'R-0000')));
  if (n === 'kinds') valid(fc.oneof(fc.subarray(['Person', 'Phone', 'BankAccount', 'Document', 'Email', 'Address', 'Organization', 'Planet']).map((a) => a.join(','))));
  if (n === 'linkkinds') valid(fc.oneof(fc.subarray(['USES_PHONE', 'HOLDS_ACCOUNT', 'PAID', 'CALLED', 'KNOWS']).map((a) => a.join(','))));
  if (n === 'q') valid(fc.oneof(fc.constantFrom('0300-1234567', '+92 300 1234567', 'Muhammad', 'PK36SCBL0000001123456702', '35202-1234567-1', 'PAK:AB1234567', 'a@b.co', '*', '%', '(', '"')));
  if (n === 'cursor') valid(fc.oneof(fc.constantFrom('eyJvIjoxfQ', 'eyJvIjotMX0', 'eyJvIjoxZTIwfQ', 'AAAA'), fc.nat({ max: 200 }).map((o) => Buffer.from(JSON.stringify({ o })).toString('base64url'))));
  return fc.oneof(...options);
}

interface FuzzRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function requestFor(pathTemplate: string, method: string, params: Param[], takesBody: boolean): fc.Arbitrary<FuzzRequest> {
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const encodedOrRaw = (v: fc.Arbitrary<string>) => fc.oneof({ weight: 12, arbitrary: v.map(encodeURIComponent) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_RAW) });
  const pathValues = fc.tuple(...pathParams.map((p) => encodedOrRaw(valueFor(p))));
  const queryEntries = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }).chain((n) =>
          fc.array(encodedOrRaw(valueFor(p)), { minLength: n, maxLength: n }).map((vs) => vs.map((v) => `${p.name}=${v}`).join('&')),
        ),
        { freq: p.required ? 12 : 3 },
      ),
    ),
  );
  const extra = fc.option(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'limit[]', 'q[a]', 'x'), fc.string({ maxLength: 8 }).map(encodeURIComponent)), garbage.map(encodeURIComponent)).map(([k, v]) => `${k}=${v}`), { freq: 6 }).map((x) => x).chain((x) => fc.constantFrom(x, null, null, null, null));
  const key = fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom<string | undefined>(KEYS.admin, KEYS.admin, KEYS.analyst, KEYS.ingest) },
    { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, 'not-a-key-0123456789abcdef') },
  );
  const body = takesBody
    ? fc.option(
        fc.oneof(
          fc.json({ maxDepth: 3 }).map((b) => ({ type: 'application/json', body: b })),
          fc.record({ seed: fc.oneof(fc.integer(), fc.double()), resolution: fc.double(), minPersons: fc.integer({ min: -5, max: 2000 }) }, { requiredKeys: [] }).map((b) => ({ type: 'application/json', body: JSON.stringify(b) })),
          fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 }), { maxLength: 8 }).map((rows) => ({ type: 'text/csv', body: rows.map((r) => r.join(',')).join('\n') })),
          fc.constantFrom('call_id,started_at,caller,callee,duration_s\nF1,2025-01-01T00:00:00Z,0300-1234567,0321-7654321,9\n').map((b) => ({ type: 'text/csv', body: b })),
          fc.array(fc.json({ maxDepth: 2 }), { maxLength: 5 }).map((lines) => ({ type: 'application/x-ndjson', body: lines.join('\n') })),
          fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'text/csv; charset=utf-16', 'application/json; charset=latin1', ''), fc.string({ maxLength: 200 })).map(([type, b]) => ({ type, body: b })),
          fc.constantFrom({ type: 'text/csv', body: 'x'.repeat(70 * 1024) }, { type: 'application/json', body: `{"pad":"${'x'.repeat(9 * 1024)}"}` }),
        ),
        { freq: 4 },
      )
    : fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom({ type: 'application/json', body: '{}' }, { type: 'text/plain', body: 'hello' }) },
      );
  return fc.record({ pathValues, queryEntries, extra, key, body }).map(({ pathValues, queryEntries, extra, key, body }) => {
    let i = 0;
    const p = pathTemplate.replace(/\{[^}]+\}/g, () => pathValues[i++] ?? 'x');
    const query = [...queryEntries.filter((q): q is string => q !== null), ...(extra ? [extra] : [])].join('&');
    const headers: Record<string, string> = {};
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body && body.type) headers['Content-Type'] = body.type;
    return { url: `${p}${query ? `?${query}` : ''}`, method: method.toUpperCase(), headers, ...(body ? { body: body.body } : {}) };
  });
}

function templateRegex(p: string): RegExp {
  const body = `/api/v1${p}`.split(/\{[A-Za-z]+\}/).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${body}/?$`);
}

/** A raw HTTP request: the path goes out exactly as built (no URL normalization), GETs may carry bodies. */
function send(req: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
  const { port } = server;
  return new Promise((resolve, reject) => {
    const headers = req.body !== undefined ? { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) } : req.headers;
    const r = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.body !== undefined) r.end(req.body);
    else r.end();
  });
}

/** The operations, known before any server starts (the document does not depend on the store). */
const OPERATIONS: Array<{ id: string; method: string; path: string }> = (() => {
  const noAudit = { append: () => {}, failed: false, flush: async () => {}, close: async () => {} };
  const d = appResources(createApp({ config: testConfig([]), queries: fakeQueries(), audit: noAudit })).openapi() as typeof doc;
  return Object.entries(d.paths).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ id: op.operationId, method, path: p })));
})();

const statuses = new Map<number, number>();

describe('fuzzing every operation of the OpenAPI document', () => {
  it('covers every operation of the query API', () => {
    // Operations that exist without a store: every graph read, ingest, analysis and export. Alerting registers its own
    // operations only with a store and is fuzzed by its own tests (its webhooks would call out).
    const served = operations.map((o) => o.operationId);
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(15);
    for (const o of OPERATIONS) expect(served).toContain(o.id);
  });

  it.each(OPERATIONS)('$method $path ($id): never 5xx; 4xx are problem documents; 2xx match their schema', async ({ id, method, path: p }) => {
    const op = doc.paths[p]![method]!;
    const operation = operations.find((o) => o.operationId === id)!;
    const arb = requestFor(p, method, op.parameters ?? [], op.requestBody !== undefined);
    const slow: string[] = [];
    await fc.assert(
      fc.asyncProperty(arb, async (req) => {
        const t = performance.now();
        const res = await send(req);
        const ms = performance.now() - t;
        if (ms > 2000) slow.push(`${Math.round(ms)} ms ${req.method} ${req.url.slice(0, 200)}`);
        const text = res.text;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${req.method} ${req.url.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.contentType, where).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(text) as { type: string; status: number; detail: string };
          expect(problem.status, where).toBe(res.status);
          expect(problem.type, where).toMatch(/^urn:ringlink:problem:/);
        } else {
          // The operation that answered (an empty path segment can route `/rings/` to `/rings`).
          const pathOnly = req.url.split('?')[0]!;
          const answered = operations.find((o) => o.method.toUpperCase() === req.method && templateRegex(o.path).test(pathOnly)) ?? operation;
          const schema = answered.responses[res.status]?.schema;
          if (schema && res.contentType.startsWith('application/json')) {
            const parsed = schema.safeParse(JSON.parse(text));
            expect(parsed.success, `${where}: ${JSON.stringify(parsed.error?.issues.slice(0, 2))}`).toBe(true);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    await appResources(server.app).jobs.idle();
    if (slow.length > 0) console.info(`slow answers for ${id}:\n  ${slow.slice(0, 5).join('\n  ')}`);
  }, 120_000);

  it('reached both sides: valid answers and rejections', () => {
    console.info(`fuzz: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    const ok = [...statuses].filter(([s]) => s < 300).reduce((a, [, n]) => a + n, 0);
    const rejected = [...statuses].filter(([s]) => s >= 400).reduce((a, [, n]) => a + n, 0);
    expect(ok).toBeGreaterThan(3 * RUNS);
    expect(rejected).toBeGreaterThan(3 * RUNS);
  });
});
