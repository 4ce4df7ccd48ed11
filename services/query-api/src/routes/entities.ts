/**
 * Entities: search by any identifier in any spelling or by name, one
 * entity in full, and its k-hop neighbourhood with hub expansion capped.
 */
import { z } from 'zod';
import { RinglinkError } from '@ringlink/model';
import { defineOperation, type Operation } from '../http/operation.js';
import { entityIdParam, entityKindsParam, intParam, linkKindsParam, page, pageOf, pageParams, strictQuery } from '../schemas/common.js';
import { EntityDetailSchema, NeighborhoodSchema, SearchHitSchema } from '../schemas/graph.js';
import type { RouteDeps } from './deps.js';

/** Most search results reachable by paging. */
export const SEARCH_MAX_RESULTS = 1000;

const required = (name: string, what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${name} is required: ${what}` : `${name} must be given once, as text`;

export function entityOperations(deps: RouteDeps): Operation[] {
  const { config, queries } = deps;
  const paging = pageParams(config.limits.maxPageSize, config.limits.defaultPageSize);
  const idParams = z.object({ id: entityIdParam('id') });

  return [
    defineOperation({
      operationId: 'searchEntities',
      method: 'get',
      path: '/entities',
      tag: 'entities',
      summary: 'Search by any identifier in any spelling, or by name',
      description: [
        'The query is read by every identifier normalizer of the model: a phone in any national or international spelling',
        '(`0300-1234567` finds `phone:+923001234567`), an IBAN or bank account, a CNIC with or without dashes, a passport',
        'number (optionally `PAK:AB1234567`), an e-mail, an address, an organization name, an entity id, or a person name',
        '(transliteration variants folded: Mohammed = Muhammad). Exact matches only: nothing is guessed.',
      ].join(' '),
      role: 'analyst',
      query: strictQuery({
        q: z
          .string({ error: required('q', 'an identifier (phone, account, CNIC, passport, e-mail, …), an entity id or a name') })
          .trim()
          .min(1, { error: 'q must not be empty' })
          .max(200, { error: 'q must be at most 200 characters' })
          .meta({ description: 'An identifier in any spelling, an entity id, or a name.', example: '0300-1234567' }),
        ...paging,
      }),
      responses: { 200: { description: 'Matching entities, best reading first.', schema: pageOf(SearchHitSchema, 'SearchResults', 'A page of search hits.') } },
      handler: async ({ query, deadline }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const window = { offset: req.offset, limit: Math.max(0, Math.min(req.limit, SEARCH_MAX_RESULTS - req.offset)) };
        if (window.limit === 0) return { body: page([], req, null, false) };
        const found = await queries.search(query.q, window, { phoneRegion: config.phoneRegion }, deadline.queryTimeout());
        return { body: page(found.items, req, null, found.hasMore && req.offset + found.items.length < SEARCH_MAX_RESULTS) };
      },
    }),

    defineOperation({
      operationId: 'getEntity',
      method: 'get',
      path: '/entities/{id}',
      tag: 'entities',
      summary: 'One entity: kind, roles, properties, rings, broker scores, degree, hub flag',
      description: 'By id or by any id it was known by before a merge (`requestedId` then says which). The id is URL-encoded in the path (`phone%3A%2B923001234567`).',
      role: 'analyst',
      params: idParams,
      responses: {
        200: { description: 'The entity.', schema: EntityDetailSchema },
        404: { description: 'No entity with that id.' },
      },
      handler: async ({ params, deadline }) => {
        const e = await queries.entity(params.id, deadline.queryTimeout());
        if (e === undefined) throw new RinglinkError('NOT_FOUND', `no entity ${params.id}`);
        return { body: e };
      },
    }),

    defineOperation({
      operationId: 'getNeighbors',
      method: 'get',
      path: '/entities/{id}/neighbors',
      tag: 'entities',
      summary: 'k-hop neighbourhood (depth 1–3), hub expansion capped',
      description: [
        'Breadth-first, one level per query. Each node shows at most `cap` of its neighbours (in id order, so answers are',
        'stable) and `truncated` says how many more it has ("and 412 more"). At most `limit` nodes are returned, nearest first;',
        '`omittedNodes` counts the rest. This is a bounded graph, not a list: `cap` and `limit` are its paging.',
      ].join(' '),
      role: 'analyst',
      params: idParams,
      query: strictQuery({
        depth: intParam('depth', 1, 3).default(1).meta({ description: 'Hops from the entity (1–3).' }),
        kinds: entityKindsParam('kinds').optional().meta({ description: 'Only neighbours of these entity kinds, comma-separated (and only expand through them).', example: 'Person,Phone' }),
        linkKinds: linkKindsParam('linkKinds').optional().meta({ description: 'Only these link kinds, comma-separated.', example: 'USES_PHONE,HOLDS_ACCOUNT' }),
        cap: intParam('cap', 1, 200).default(config.limits.hubCap).meta({ description: `Neighbours shown per node (1–200, default ${config.limits.hubCap}).` }),
        limit: intParam('limit', 1, 5000).default(500).meta({ description: 'Most nodes returned (1–5000, default 500).' }),
      }),
      responses: {
        200: { description: 'The neighbourhood.', schema: NeighborhoodSchema },
        404: { description: 'No entity with that id.' },
      },
      handler: async ({ params, query, deadline }) => {
        const n = await queries.neighbors(
          params.id,
          {
            depth: query.depth,
            cap: query.cap,
            limit: query.limit,
            ...(query.kinds ? { kinds: query.kinds } : {}),
            ...(query.linkKinds ? { linkKinds: query.linkKinds } : {}),
          },
          deadline.queryTimeout(),
        );
        if (n === undefined) throw new RinglinkError('NOT_FOUND', `no entity ${params.id}`);
        return { body: n };
      },
    }),
  ];
}
