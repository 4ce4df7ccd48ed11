/** Analysis runs: list the runs written, trigger one (admin), read one (or its job). */
import { z } from 'zod';
import { RinglinkError } from '@ringlink/model';
import { defineOperation, type Operation } from '../http/operation.js';
import { AnalysisRequestSchema, JobSchema, RunDetailSchema, RunSummarySchema } from '../schemas/analysis.js';
import { page, pageOf, pageParams, runIdParam, strictQuery } from '../schemas/common.js';
import type { RouteDeps } from './deps.js';

export function analysisOperations(deps: RouteDeps): Operation[] {
  const { config, queries, jobs } = deps;
  const RunPage = pageOf(RunSummarySchema, 'AnalysisRunPage', 'A page of analysis runs, newest first.');
  return [
    defineOperation({
      operationId: 'listAnalysisRuns',
      method: 'get',
      path: '/analysis/runs',
      tag: 'analysis',
      summary: 'Analysis runs written to the store, newest first, and recent jobs',
      role: 'analyst',
      query: strictQuery(pageParams(config.limits.maxPageSize, config.limits.defaultPageSize)),
      responses: {
        200: {
          description: 'A page of runs; `jobs` lists the runs triggered through this service instance recently (newest first).',
          schema: RunPage.extend({ jobs: z.array(JobSchema) }).meta({ id: 'AnalysisRunList' }),
        },
      },
      handler: async ({ query, deadline }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await queries.runs(req, deadline.queryTimeout());
        return { body: { ...page(found.items, req, found.total), jobs: jobs.list().slice(0, 20) } };
      },
    }),

    defineOperation({
      operationId: 'startAnalysisRun',
      method: 'post',
      path: '/analysis/runs',
      tag: 'analysis',
      summary: 'Run the analysis on the stored graph (admin)',
      description: [
        'Starts a run in the background: the stored graph is loaded, analysed (rings, ring tracking against the previous',
        'run, brokers) and written back. Answers 202 with the job; poll `GET /analysis/runs/{job id}` until `succeeded`,',
        'then read the run by its `runId`. One run at a time (409 while one is running). The body is optional.',
      ].join(' '),
      role: 'admin',
      body: AnalysisRequestSchema,
      responses: {
        202: { description: 'Started.', schema: JobSchema },
        409: { description: 'A run is already in progress.' },
      },
      handler: async ({ body, principal }) => {
        const job = jobs.start(body ?? {}, principal?.keyId ?? 'unknown');
        return { status: 202, body: job, headers: { Location: `/api/v1/analysis/runs/${job.id}` } };
      },
    }),

    defineOperation({
      operationId: 'getAnalysisRun',
      method: 'get',
      path: '/analysis/runs/{id}',
      tag: 'analysis',
      summary: 'One run (parameters, seed, software, input digests, hubs, events), or the job producing one',
      role: 'analyst',
      params: z.object({ id: runIdParam }),
      responses: {
        200: { description: 'The run record, or (for a `job-` id) the job with `kind: "job"`.', schema: z.union([RunDetailSchema, JobSchema.extend({ kind: z.literal('job') })]) },
        404: { description: 'No run or job with that id.' },
      },
      handler: async ({ params, deadline }) => {
        if (params.id.startsWith('job-')) {
          const job = jobs.get(params.id);
          if (job === undefined) throw new RinglinkError('NOT_FOUND', `no job ${params.id} (jobs are remembered by the instance that ran them, until it restarts)`);
          return { body: { kind: 'job', ...job } };
        }
        const run = await queries.run(params.id, deadline.queryTimeout());
        if (run === undefined) throw new RinglinkError('NOT_FOUND', `no analysis run ${params.id}`);
        return { body: run };
      },
    }),
  ];
}
