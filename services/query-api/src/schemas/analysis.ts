/**
 * Response schemas of the analysis reads (rings, brokers, runs, jobs), the
 * analysis trigger body, the ingest report and health.
 */
import { z } from 'zod';
import { EntityKindSchema, LinkKindSchema } from '@ringlink/model';
import { EntitySchema } from './graph.js';

export const RingSummarySchema = z
  .object({
    id: z.string(),
    run: z.string().meta({ description: 'The analysis run that last found the ring.' }),
    current: z.boolean().meta({ description: 'Found by the latest run (false: dissolved or merged away since).' }),
    score: z.number().meta({ description: '0–100; see the ring\'s scoreParts.formula.' }),
    persons: z.number().int(),
    members: z.number().int().meta({ description: 'Persons and identifiers.' }),
    explanation: z.string(),
    changedAt: z.string().nullable().meta({ description: 'When an analysis run last changed the ring (ISO 8601).' }),
  })
  .meta({ id: 'RingSummary' });

export const RingHistoryEventSchema = z
  .object({
    run: z.string(),
    at: z.string().nullable(),
    type: z.string().meta({ description: 'new, continued, split, merged, dissolved.' }),
    rings: z.array(z.string()),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'RingHistoryEvent' });

export const RingDetailSchema = RingSummarySchema.extend({
  latestRun: z.string().nullable(),
  membersByRole: z
    .record(z.string(), z.array(EntitySchema))
    .meta({ description: 'Persons of the ring by role label (Agent, Applicant, Sponsor, Official; `Person` when no role is recorded). A person with two roles is listed under both.' }),
  identifiers: z.record(z.string(), z.array(EntitySchema)).meta({ description: 'Identifier members by kind (Phone, BankAccount, Document, …).' }),
  roles: z.record(z.string(), z.number()),
  bindingIdentifiers: z
    .array(z.object({ id: z.string(), kind: EntityKindSchema, persons: z.number().int(), status: z.string().optional() }))
    .meta({ description: 'The shared identifiers that bind the ring, strongest first.' }),
  strongestEvidence: z.array(
    z.object({
      link: z.string(),
      type: LinkKindSchema,
      from: z.string(),
      to: z.string(),
      records: z.number().int(),
      sources: z.array(z.object({ file: z.string(), row: z.number().int(), recordId: z.string() })),
    }),
  ),
  associates: z.array(z.string()).meta({ description: 'Persons tied by a single link or identifier: not counted as members.' }),
  scoreParts: z.record(z.string(), z.unknown()),
  brokers: z.array(EntitySchema.extend({ rank: z.number().int() })),
  history: z.array(RingHistoryEventSchema),
}).meta({ id: 'RingDetail' });

export const BrokerSchema = z
  .object({
    entity: EntitySchema,
    rank: z.number().int(),
    run: z.string(),
    explanation: z.string(),
    betweenness: z.number().nullable(),
    ringBetweenness: z.number().nullable(),
    bridging: z.number().nullable(),
    participation: z.number().nullable(),
    pagerank: z.number().nullable(),
    rings: z.array(z.string()).meta({ description: 'Rings it connects.' }),
  })
  .meta({ id: 'Broker' });

export const RunSummarySchema = z
  .object({
    id: z.string(),
    createdAt: z.string().nullable(),
    writtenAt: z.string().nullable(),
    seed: z.number().int(),
    modularity: z.number().nullable(),
    communities: z.number().int().nullable(),
    rings: z.number().int(),
    hubs: z.number().int(),
    previousRunId: z.string().nullable(),
  })
  .meta({ id: 'AnalysisRunSummary' });

export const RunDetailSchema = RunSummarySchema.extend({
  parameters: z.unknown(),
  software: z.unknown(),
  inputs: z.unknown(),
  graph: z.unknown(),
  hubDetection: z.unknown(),
  hubList: z.unknown(),
  betweenness: z.unknown(),
  timings: z.unknown(),
  nextRingNumber: z.number().int().nullable(),
  ringIds: z.array(z.string()),
  events: z.array(z.object({ index: z.number().int(), type: z.string(), rings: z.array(z.string()), details: z.unknown() })),
}).meta({ id: 'AnalysisRun', description: 'The run record: parameters, seed, software, input digests, hubs, betweenness method — what a court needs to repeat it.' });

export const JobSchema = z
  .object({
    id: z.string().meta({ description: '`job-<uuid>`.' }),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    requestedBy: z.string().meta({ description: 'Key id of the caller.' }),
    requestedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    options: z.record(z.string(), z.unknown()),
    runId: z.string().nullable().meta({ description: 'The run written, once succeeded: `GET /analysis/runs/{runId}`.' }),
    summary: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'AnalysisJob', description: 'An analysis triggered through the API, running in the background.' });


export const AnalysisRequestSchema = z
  .strictObject(
    {
      seed: z.number({ error: 'seed must be a whole number from 0 to 2147483647' }).int({ error: 'seed must be a whole number from 0 to 2147483647' }).min(0).max(2_147_483_647).optional(),
      resolution: z.number({ error: 'resolution must be a number from 0.05 to 10' }).min(0.05).max(10).optional(),
      minPersons: z.number({ error: 'minPersons must be a whole number from 2 to 1000' }).int().min(2).max(1000).optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (accepted: seed, resolution, minPersons)` : undefined) },
  )
  .meta({ id: 'AnalysisRequest', description: 'Options of an analysis run; every field optional (defaults of packages/core).' });

export const IngestReportSchema = z
  .object({
    inputs: z.array(
      z.object({ file: z.string(), source: z.string(), sha256: z.string(), rows: z.number().int(), ingested: z.number().int(), quarantined: z.number().int() }),
    ),
    entities: z.record(z.string(), z.number().int()),
    links: z.record(z.string(), z.number().int()),
    merges: z.array(z.object({ survivor: z.string(), merged: z.string(), reason: z.string(), file: z.string(), row: z.number().int() })),
    issues: z.array(
      z.object({
        file: z.string(),
        row: z.number().int(),
        field: z.string().nullable(),
        code: z.string(),
        message: z.string(),
        action: z.enum(['quarantined', 'field_dropped']),
      }),
    ),
  })
  .meta({ id: 'IngestReport', description: 'The ingest report, as `ringlink ingest --json` prints it.' });

export const IngestResponseSchema = z
  .object({
    report: IngestReportSchema,
    store: z.object({
      sourceRecords: z.number().int(),
      entities: z.number().int(),
      links: z.number().int(),
      linksChanged: z.number().int(),
      storeMerges: z.number().int(),
      batches: z.number().int(),
    }),
  })
  .meta({ id: 'IngestResponse' });

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    live: z.literal(true),
    ready: z.boolean(),
    checks: z.object({ neo4j: z.object({ status: z.enum(['up', 'down']), latencyMs: z.number().nullable() }) }),
    version: z.string(),
  })
  .meta({ id: 'Health' });

export type RingSummaryDto = z.infer<typeof RingSummarySchema>;
export type RingDetailDto = z.infer<typeof RingDetailSchema>;
export type BrokerDto = z.infer<typeof BrokerSchema>;
export type RunSummaryDto = z.infer<typeof RunSummarySchema>;
export type RunDetailDto = z.infer<typeof RunDetailSchema>;
export type JobDto = z.infer<typeof JobSchema>;
export type AnalysisRequest = z.infer<typeof AnalysisRequestSchema>;
export type IngestResponseDto = z.infer<typeof IngestResponseSchema>;
export type HealthDto = z.infer<typeof HealthSchema>;
