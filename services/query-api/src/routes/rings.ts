/** Rings and brokers, as the latest analysis run wrote them back. */
import { z } from 'zod';
import { RinglinkError } from '@ringlink/model';
import { defineOperation, type Operation } from '../http/operation.js';
import { BrokerSchema, RingDetailSchema, RingSummarySchema } from '../schemas/analysis.js';
import { intParam, numberParam, page, pageOf, pageParams, ringIdParam, strictQuery } from '../schemas/common.js';
import type { RouteDeps } from './deps.js';

export function ringOperations(deps: RouteDeps): Operation[] {
  const { config, queries } = deps;
  const paging = pageParams(config.limits.maxPageSize, config.limits.defaultPageSize);
  return [
    defineOperation({
      operationId: 'listRings',
      method: 'get',
      path: '/rings',
      tag: 'rings',
      summary: 'Rings by score, size or most recent change',
      role: 'analyst',
      query: strictQuery({
        sort: z
          .enum(['score', 'size', 'changed'], { error: 'sort must be one of score, size, changed' })
          .default('score')
          .meta({ description: '`score` (default, highest first), `size` (most persons first) or `changed` (most recently changed by a run first).' }),
        scope: z
          .enum(['current', 'all'], { error: 'scope must be current or all' })
          .default('current')
          .meta({ description: '`current`: rings the latest run found (default); `all`: also rings dissolved or merged away since.' }),
        minScore: numberParam('minScore', 0, 100).optional().meta({ description: 'Only rings scoring at least this (0–100).' }),
        minPersons: intParam('minPersons', 0, 1_000_000).optional().meta({ description: 'Only rings with at least this many persons.' }),
        ...paging,
      }),
      responses: { 200: { description: 'A page of rings.', schema: pageOf(RingSummarySchema, 'RingPage', 'A page of rings.') } },
      handler: async ({ query, deadline }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await queries.rings(
          {
            sort: query.sort,
            scope: query.scope,
            offset: req.offset,
            limit: req.limit,
            ...(query.minScore !== undefined ? { minScore: query.minScore } : {}),
            ...(query.minPersons !== undefined ? { minPersons: query.minPersons } : {}),
          },
          deadline.queryTimeout(),
        );
        return { body: page(found.items, req, found.total) };
      },
    }),

    defineOperation({
      operationId: 'getRing',
      method: 'get',
      path: '/rings/{id}',
      tag: 'rings',
      summary: 'One ring: members by role, binding identifiers, brokers, history',
      role: 'analyst',
      params: z.object({ id: ringIdParam }),
      responses: {
        200: { description: 'The ring as the run that last found it describes it, with its history across runs.', schema: RingDetailSchema },
        404: { description: 'No ring with that id.' },
      },
      handler: async ({ params, deadline }) => {
        const ring = await queries.ring(params.id, deadline.queryTimeout());
        if (ring === undefined) throw new RinglinkError('NOT_FOUND', `no ring ${params.id}`);
        return { body: ring };
      },
    }),

    defineOperation({
      operationId: 'listBrokers',
      method: 'get',
      path: '/brokers',
      tag: 'rings',
      summary: 'Brokers, ranked, with the rings they connect',
      description: 'The entities the latest analysis run ranked as brokers (betweenness on the hub-free graph, bridging, PageRank), best first. With `ring`, only those connecting that ring.',
      role: 'analyst',
      query: strictQuery({
        ring: ringIdParam.optional().meta({ description: 'Only brokers of this ring.' }),
        ...paging,
      }),
      responses: { 200: { description: 'A page of brokers.', schema: pageOf(BrokerSchema, 'BrokerPage', 'A page of brokers.') } },
      handler: async ({ query, deadline }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await queries.brokers({ offset: req.offset, limit: req.limit, ...(query.ring ? { ring: query.ring } : {}) }, deadline.queryTimeout());
        return { body: page(found.items, req, found.total) };
      },
    }),
  ];
}
