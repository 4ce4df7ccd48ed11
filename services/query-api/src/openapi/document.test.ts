/**
 * The OpenAPI document is generated from the operations' zod schemas: every
 * operation is in it with the parameters the validators accept, and the
 * docs page renders it without any external resource.
 */
import { describe, expect, it } from 'vitest';
import { appResources, createApp } from '../app.js';
import { testConfig } from '../config.js';
import { fakeQueries } from '../testing/fake-queries.js';
import { DOCS_CSP, renderDocsPage } from './docs-page.js';
import { JsonlAuditLog } from '../audit/audit-log.js';
import os from 'node:os';
import path from 'node:path';

function app() {
  const auditLogFile = path.join(os.tmpdir(), `ringlink-doc-test-${process.pid}.jsonl`);
  return createApp({ config: testConfig([], { auditLogFile }), queries: fakeQueries(), audit: new JsonlAuditLog(auditLogFile) });
}

const CONTRACT = [
  'GET /api/v1/health',
  'GET /api/v1/entities',
  'GET /api/v1/entities/{id}',
  'GET /api/v1/entities/{id}/neighbors',
  'GET /api/v1/paths',
  'GET /api/v1/links/{linkId}/evidence',
  'GET /api/v1/rings',
  'GET /api/v1/rings/{id}',
  'GET /api/v1/brokers',
  'GET /api/v1/analysis/runs',
  'POST /api/v1/analysis/runs',
  'GET /api/v1/analysis/runs/{id}',
  'POST /api/v1/ingest/{source}',
  'POST /api/v1/exports',
  'GET /api/v1/exports',
  'GET /api/v1/openapi.json',
  'GET /api/v1/docs',
];

describe('OpenAPI document', () => {
  const doc = appResources(app()).openapi() as any;

  it('is OpenAPI 3.1 and holds exactly the public paths', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((x) => `${x.toUpperCase()} ${p}`));
    expect(ops.sort()).toEqual([...CONTRACT].sort());
  });

  it('documents every parameter with the bounds its validator enforces', () => {
    const neighbors = doc.paths['/api/v1/entities/{id}/neighbors'].get;
    const param = (name: string) => neighbors.parameters.find((p: { name: string }) => p.name === name);
    expect(param('id')).toMatchObject({ in: 'path', required: true });
    expect(param('depth').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 3, default: 1 });
    expect(param('cap').schema).toMatchObject({ minimum: 1, maximum: 200 });
    const search = doc.paths['/api/v1/entities'].get;
    expect(search.parameters.find((p: { name: string }) => p.name === 'q')).toMatchObject({ required: true, in: 'query' });
    expect(search.parameters.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ maximum: 200, default: 50 });
    const rings = doc.paths['/api/v1/rings'].get;
    expect(rings.parameters.find((p: { name: string }) => p.name === 'sort').schema.enum).toEqual(['score', 'size', 'changed']);
    const ingest = doc.paths['/api/v1/ingest/{source}'].post;
    expect(ingest.parameters.find((p: { name: string }) => p.name === 'source').schema.enum).toEqual(['ftm', 'applications', 'calls', 'documents', 'transactions']);
    expect(Object.keys(ingest.requestBody.content)).toContain('text/csv');
    expect(doc.paths['/api/v1/analysis/runs'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/AnalysisRequest');
  });

  it('names security, roles and problem responses on every operation', () => {
    expect(doc.components.securitySchemes.bearerKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [p, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(methods)) {
        expect(op.operationId).toBeTruthy();
        if (p === '/api/v1/health') {
          expect(op.security).toEqual([]);
          continue;
        }
        expect(op.security).toEqual([{ bearerKey: [] }]);
        expect(['analyst', 'exporter', 'ingest', 'admin']).toContain(op['x-required-role']);
        for (const s of ['400', '401', '403', '429', '500', '503', '504']) expect(op.responses[s]?.content?.['application/problem+json']).toBeDefined();
      }
    }
    expect(doc.paths['/api/v1/ingest/{source}'].post['x-required-role']).toBe('ingest');
    expect(doc.paths['/api/v1/analysis/runs'].post['x-required-role']).toBe('admin');
    expect(doc.components.schemas.Problem.properties.errors).toBeDefined();
  });

  it('renders a self-contained docs page', () => {
    const html = renderDocsPage(doc);
    for (const op of CONTRACT) expect(html).toContain(`<code>${op.split(' ')[1]}</code>`);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3)/);
    expect(DOCS_CSP).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(html).toContain('urn:ringlink:problem:rate-limited');
  });
});
