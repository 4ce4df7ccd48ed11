/**
 * POST /ingest/{source}: one batch of records — CSV with its header row
 * for a mapping-spec source, NDJSON for FollowTheMoney (`ftm`) — ingested
 * exactly as `ringlink ingest` would (same mapping, normalization,
 * quarantine, resolution, report), then written to the store. The body's
 * SHA-256 is the file digest every piece of evidence names.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { FTM_SOURCE, Resolver, buildReport, importFtmRecords, ingestCsv, type RecordFacts } from '@ringlink/core';
import { IngestTrace } from '@ringlink/store-neo4j';
import { defineOperation, type Operation } from '../http/operation.js';
import { sendProblem } from '../http/problems.js';
import { IngestResponseSchema } from '../schemas/analysis.js';
import { strictQuery } from '../schemas/common.js';
import { writeWithAlerts } from '../alerts/alert-runtime.js';
import { IngestAlertsSchema } from '../alerts/schemas.js';
import type { RouteDeps } from './deps.js';

export const CSV_TYPES = ['text/csv'];
export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

export function ingestOperations(deps: RouteDeps): Operation[] {
  const { specs, queries, writeLock } = deps;
  const sources: [string, ...string[]] = [FTM_SOURCE, ...specs.map((s) => s.name)];
  return [
    defineOperation({
      operationId: 'ingestRecords',
      method: 'post',
      path: '/ingest/{source}',
      tag: 'ingest',
      summary: 'Ingest a batch of records (ingest role)',
      description: [
        `\`source\` is a mapping spec (${specs.map((s) => `\`${s.name}\``).join(', ')}) for CSV with its header row first,`,
        `or \`${FTM_SOURCE}\` for FollowTheMoney NDJSON. Returns the ingest report (the CLI's): every row is ingested or`,
        'quarantined with its reason, and rows = ingested + quarantined. Re-sending the same body changes nothing.',
      ].join(' '),
      role: 'ingest',
      deadline: 'ingest',
      params: z.object({
        source: z.enum(sources, { error: `source must be one of ${sources.join(', ')}` }).meta({ description: 'Which mapping spec reads the records.' }),
      }),
      query: strictQuery({
        file: z
          .string({ error: 'file must be given once' })
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, { error: 'file must be a plain file name (letters, digits, . _ -; at most 200 characters)' })
          .optional()
          .meta({ description: 'The name the evidence gives this batch (default `<source>-<first 12 hex of its SHA-256>.csv`).', example: 'applications-2026-11.csv' }),
      }),
      rawBody: { contentTypes: [...CSV_TYPES, ...NDJSON_TYPES], description: 'CSV (header row first) or NDJSON, UTF-8.' },
      responses: {
        200: { description: 'Ingested and written; the report, and the alerts the batch raised.', schema: IngestResponseSchema.extend({ alerts: IngestAlertsSchema }) },
        422: { description: 'The records could not be recognised.' },
      },
      handler: async ({ params, query, rawBody, req, res, principal }) => {
        const body = rawBody ?? Buffer.alloc(0);
        const ndjson = params.source === FTM_SOURCE;
        if (ndjson ? !req.is(NDJSON_TYPES) : !req.is(CSV_TYPES)) {
          sendProblem(res, {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            detail: ndjson ? `source ${FTM_SOURCE} takes NDJSON (${NDJSON_TYPES.join(', ')})` : `source ${params.source} takes CSV (text/csv)`,
          });
          return { body: null };
        }
        const sha256 = createHash('sha256').update(body).digest('hex');
        const name = query.file ?? `${params.source}-${sha256.slice(0, 12)}.${ndjson ? 'ndjson' : 'csv'}`;
        res.locals.auditExtra = { source: params.source, file: name, bytes: body.length, sha256 };
        const resolver = new Resolver();
        const trace = new IngestTrace();
        const sink = (facts: RecordFacts): void => {
          resolver.add(facts);
          trace.onRecord(facts);
        };
        const input = { name, sha256, stream: Readable.from([body]), totalBytes: body.length };
        const result = ndjson ? await importFtmRecords(input, sink) : await ingestCsv(input, specs, sink, { source: params.source });
        const graph = resolver.finalize();
        const report = buildReport([result.input], graph, result.issues);
        // The alert rules run on the batch before the write (what is new is only known then); alerts are raised after it.
        const meta = { via: 'api', actor: principal?.keyId ?? null, requestId: String(res.locals.requestId ?? ''), files: [{ file: name, sha256 }] };
        const { result: store, alerts } = await writeLock.run(() => writeWithAlerts(deps.alerts, graph, () => queries.writeIngest(graph, [result.input], trace), meta));
        const ref = ({ id, rule, entity, rings, severity, eventId }: (typeof alerts.raised)[number]) => ({ id, rule, entity, rings, severity, eventId });
        return { body: { report, store, alerts: { raised: alerts.raised.map(ref), updated: alerts.updated.map(ref), unchanged: alerts.unchanged } } };
      },
    }),
  ];
}
