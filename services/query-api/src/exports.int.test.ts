/**
 * Court packages over HTTP: POST /api/v1/exports and GET /api/v1/exports on
 * a real server over the real Neo4j holding a generated, analysed case.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyCourtPackage } from '@ringlink/core';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { appResources } from './app.js';
import { verifyAuditChain } from './audit/audit-log.js';
import { keyIdOf, testConfig } from './config.js';
import { startServer, type RunningServer } from './server.js';
import { loadGeneratedCase, type LoadedCase } from './testing/case-fixture.js';

const KEYS = { analyst: 'exp-analyst-key-0123456789', exporter: 'exp-exporter-key-0123456789', ingest: 'exp-ingest-key-0123456789', admin: 'exp-admin-key-0123456789' };

let store: Neo4jStore;
let server: RunningServer;
let fixture: LoadedCase;
let tmp: string;
let base: string;
let ring: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-api-exports-'));
  store = await openStore({ uri: inject('neo4jUri') });
  fixture = await loadGeneratedCase(store, { seed: 6, rings: 3, brokers: 1 });
  ring = [...fixture.analysis.rings].sort((a, b) => b.members.length - a.members.length)[0]!.id;
  const config = testConfig(
    (Object.keys(KEYS) as Array<keyof typeof KEYS>).map((role) => ({ key: KEYS[role], role })),
    { auditLogFile: path.join(tmp, 'audit.jsonl'), limits: { rateLimit: 100_000 } },
  );
  server = await startServer({ config, store, port: 0, host: '127.0.0.1' });
  base = `${server.url}/api/v1`;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  await fixture?.cleanup();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function post(body: unknown, key: string = KEYS.exporter): Promise<Response> {
  return fetch(`${base}/exports`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('POST /api/v1/exports', () => {
  it('returns the ring\'s court package, deterministic and verifiable, with its digest in a header', async () => {
    const body = { ring, caseRef: 'FIA-CC-2026-117', exportedAt: '2026-11-26T10:00:00Z', redact: true, pdf: false };
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ringlink-${ring}-FIA-CC-2026-117.zip"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-ringlink-package-sha256')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(res.headers.get('x-ringlink-run')).toBe(fixture.analysis.run.id);
    const verified = await verifyCourtPackage(bytes, { expectedSha256: res.headers.get('x-ringlink-package-sha256')! });
    expect(verified.ok).toBe(true);
    expect(verified.manifest).toMatchObject({ caseRef: 'FIA-CC-2026-117', exportedAt: '2026-11-26T10:00:00.000Z', scope: { type: 'ring', ring }, runId: fixture.analysis.run.id });
    // The same request gives the same bytes.
    const again = Buffer.from(await (await post(body)).arrayBuffer());
    expect(Buffer.compare(bytes, again)).toBe(0);
  }, 60_000);

  it('is for exporters and admins only', async () => {
    for (const key of [KEYS.analyst, KEYS.ingest]) {
      const res = await post({ ring, caseRef: 'X' }, key);
      expect(res.status).toBe(403);
    }
    const admin = await post({ ring, caseRef: 'X', pdf: false }, KEYS.admin);
    expect(admin.status).toBe(200);
    await admin.arrayBuffer();
  }, 60_000);

  it('rejects bad requests with a precise 4xx', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ ring, entities: ['phone:+923001234567'], caseRef: 'X' }, 400, /either ring or entities/],
      [{ caseRef: 'X' }, 400, /either ring or entities/],
      [{ ring, caseRef: 'X', format: 'pdf' }, 400, /unknown field "format"/],
      [{ ring: 'R-7', caseRef: '' }, 400, /caseRef must not be empty/],
      [{ ring, caseRef: 'X', exportedAt: 'yesterday' }, 400, /exportedAt must be an ISO 8601 date-time/],
      [{ ring: 'ring seven', caseRef: 'X' }, 400, /ring id such as R-0007/],
      [{ ring: 'R-9999', caseRef: 'X' }, 404, /no ring R-9999/],
      [{ ring, run: 'run-0000000000000000', caseRef: 'X' }, 404, /was last found by run/],
      [{ entities: ['phone:+920000000001'], caseRef: 'X' }, 404, /1 entity is not in the store \(phone:\+920000000001\)/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await post(body);
      const problem = (await res.json()) as { detail?: string; errors?: Array<{ message: string }> };
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(`${problem.detail ?? ''} ${JSON.stringify(problem.errors ?? [])}`).toMatch(detail);
    }
  }, 60_000);
});

describe('GET /api/v1/exports and the audit log', () => {
  it('logs who exported what, when, with the package digest', async () => {
    const res = await post({ ring, caseRef: 'CASE-LOG', exportedAt: '2026-11-26T11:00:00Z', pdf: false });
    const sha256 = res.headers.get('x-ringlink-package-sha256')!;
    const exportId = res.headers.get('x-ringlink-export-id')!;
    await res.arrayBuffer();
    const list = await fetch(`${base}/exports?sha256=${sha256}`, { headers: { Authorization: `Bearer ${KEYS.exporter}` } });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: Array<Record<string, unknown>>; total: number };
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: exportId, actor: keyIdOf(KEYS.exporter), via: 'api', caseRef: 'CASE-LOG', ring, run: fixture.analysis.run.id, sha256, redacted: false, exportedAt: '2026-11-26T11:00:00.000Z' });
    const forbidden = await fetch(`${base}/exports`, { headers: { Authorization: `Bearer ${KEYS.analyst}` } });
    expect(forbidden.status).toBe(403);

    await appResources(server.app).audit.flush();
    const text = await readFile(path.join(tmp, 'audit.jsonl'), 'utf8');
    expect(verifyAuditChain(text).firstBadLine).toBe(0);
    const line = text.trim().split('\n').map((l) => JSON.parse(l) as { route: string; method: string; extra?: Record<string, unknown> }).find((l) => l.extra?.export === exportId);
    expect(line).toMatchObject({ method: 'POST', route: '/api/v1/exports', extra: { sha256, caseRef: 'CASE-LOG', ring, run: fixture.analysis.run.id } });
  }, 60_000);
});
