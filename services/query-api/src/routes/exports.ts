/**
 * Court packages: POST /exports builds the package
 * for a ring (or chosen entities) from the store and returns the zip;
 * GET /exports lists the export log. Both need the `exporter` role. Every
 * export is logged twice: in the store's export log (who, when, what, the
 * package's SHA-256, shared with the CLI's exports) and in this service's
 * audit log (the request line carries the same facts).
 */
import { z } from 'zod';
import { packageInputFromResult } from '@ringlink/core';
import { defineOperation, type Operation } from '../http/operation.js';
import { buildPackageInWorker } from '../in-worker.js';
import { page, pageOf, pageParams, ringIdParam, strictQuery } from '../schemas/common.js';
import { ExportRecordSchema, ExportRequestSchema } from '../schemas/exports.js';
import type { RouteDeps } from './deps.js';

/** A file name safe in a Content-Disposition header. */
const fileNamePart = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

export function exportOperations(deps: RouteDeps): Operation[] {
  const { config, queries, version } = deps;
  return [
    defineOperation({
      operationId: 'createExport',
      method: 'post',
      path: '/exports',
      tag: 'exports',
      summary: 'A court package (zip) for a ring or chosen entities (exporter)',
      description: [
        'Builds the evidence package from the store — manifest.json with the SHA-256 of every file, entities.csv, links.csv',
        'with every evidence row, graph.graphml, chart.svg, report.html (and report.pdf), methodology.md — and returns it.',
        'The package is deterministic: the same store, run, options and `exportedAt` give the same bytes. The export is',
        'logged (who, when, what, the package digest) in the export log (`GET /exports`) and the audit log.',
        'Check a package with `ringlink verify <file.zip>`.',
      ].join(' '),
      role: 'exporter',
      deadline: 'ingest',
      body: ExportRequestSchema,
      responses: {
        200: {
          description: 'The package. `X-Ringlink-Package-Sha256` holds its SHA-256, `X-Ringlink-Export-Id` the export log record.',
          contentType: 'application/zip',
          schema: z.string().meta({ format: 'binary', description: 'The zip.' }),
        },
        404: { description: 'No such ring, run or entity in the store.' },
      },
      handler: async ({ body, principal, res }) => {
        const loggedAt = new Date().toISOString();
        const exportedAt = body.exportedAt ?? `${loggedAt.slice(0, 19)}Z`;
        const scope = body.ring !== undefined ? { ring: body.ring } : { entityIds: body.entities! };
        const source = await queries.exportSource({ ...scope, ...(body.run !== undefined ? { run: body.run } : {}) });
        const input = packageInputFromResult(source.result, source.graph, {
          caseRef: body.caseRef,
          exportedAt,
          software: { name: 'ringlink', version },
          ...scope,
          redact: body.redact,
        });
        // Layout, chart, report and PDF take seconds on a large ring: off the event loop.
        const pkg = await buildPackageInWorker(input, { pdf: body.pdf });
        const requestId = String(res.locals.requestId ?? '');
        const record = await queries.recordExport({
          loggedAt,
          exportedAt: pkg.manifest.exportedAt,
          actor: principal?.keyId ?? 'unknown',
          via: 'api',
          caseRef: pkg.manifest.caseRef,
          ring: body.ring ?? null,
          entityIds: body.entities ? [...body.entities].sort() : [],
          run: pkg.manifest.run.id,
          sha256: pkg.sha256,
          size: pkg.bytes.byteLength,
          redacted: body.redact,
          destination: `request ${requestId}`,
        });
        res.locals.auditExtra = { export: record.id, caseRef: record.caseRef, ring: record.ring, entities: record.entityIds.length, run: record.run, sha256: record.sha256, bytes: record.size, redacted: record.redacted };
        const name = `ringlink-${fileNamePart(body.ring ?? 'entities')}-${fileNamePart(body.caseRef)}.zip`;
        return {
          body: Buffer.from(pkg.bytes.buffer, pkg.bytes.byteOffset, pkg.bytes.byteLength),
          contentType: 'application/zip',
          headers: {
            'Content-Disposition': `attachment; filename="${name}"`,
            'X-Ringlink-Package-Sha256': pkg.sha256,
            'X-Ringlink-Export-Id': record.id,
            'X-Ringlink-Run': record.run,
            'Cache-Control': 'no-store',
          },
        };
      },
    }),

    defineOperation({
      operationId: 'listExports',
      method: 'get',
      path: '/exports',
      tag: 'exports',
      summary: 'The export log: court packages made, newest first (exporter)',
      role: 'exporter',
      query: strictQuery({
        sha256: z
          .string({ error: 'sha256 must be given once' })
          .regex(/^[0-9a-f]{64}$/, { error: 'sha256 must be 64 lowercase hex digits' })
          .optional()
          .meta({ description: 'Only the export(s) that produced the package with this SHA-256.' }),
        ring: ringIdParam.optional().meta({ description: 'Only exports of this ring.' }),
        ...pageParams(config.limits.maxPageSize, config.limits.defaultPageSize),
      }),
      responses: { 200: { description: 'A page of export records.', schema: pageOf(ExportRecordSchema, 'ExportRecordPage', 'A page of export records, newest first.') } },
      handler: async ({ query, deadline }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await queries.exports(
          { ...req, ...(query.sha256 !== undefined ? { sha256: query.sha256 } : {}), ...(query.ring !== undefined ? { ring: query.ring } : {}) },
          deadline.queryTimeout(),
        );
        return { body: page(found.items, req, found.total) };
      },
    }),
  ];
}
