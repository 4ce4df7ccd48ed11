/**
 * How two entities are tied: shortest paths with the evidence of every
 * hop, and the records behind any one link.
 */
import { z } from 'zod';
import { RinglinkError } from '@ringlink/model';
import { defineOperation, type Operation } from '../http/operation.js';
import { entityIdParam, flagParam, intParam, linkIdParam, linkKindsParam, page, pageParams, strictQuery } from '../schemas/common.js';
import { LinkEvidenceSchema, PathsSchema } from '../schemas/graph.js';
import type { RouteDeps } from './deps.js';

/**
 * An entity id in a query string. A `+` there means a space to every URL
 * decoder, so `from=phone:+92…` arrives as `phone: 92…`; no entity id has
 * a space after its kind, so it is read back as the `+` that was meant.
 */
function entityIdInQuery(name: string) {
  return z
    .string({ error: (i) => (i.input === undefined ? `${name} is required: an entity id such as phone:+923001234567` : `${name} must be given once, as text`) })
    .transform((s) => s.replace(/^phone: (?=\d)/, 'phone:+'))
    .pipe(entityIdParam(name))
    .meta({ description: `Entity id (URL-encode it: \`+\` is \`%2B\`).`, example: 'person:cnic:3520212345671' });
}

export function pathOperations(deps: RouteDeps): Operation[] {
  const { config, queries } = deps;
  return [
    defineOperation({
      operationId: 'findPaths',
      method: 'get',
      path: '/paths',
      tag: 'paths',
      summary: 'Shortest paths between two entities, each hop with its evidence',
      description: [
        'All shortest paths up to `maxDepth` hops. Hubs (identifiers used by very many, flagged by analysis or above the',
        'store\'s hub degree) are not passed through unless `includeHubs=true`: a path through a consulate\'s fee account',
        'ties everyone to everyone and proves nothing. Each hop lists up to `evidence` of its source records; the rest are at',
        '`GET /links/{linkId}/evidence`.',
      ].join(' '),
      role: 'analyst',
      query: strictQuery({
        from: entityIdInQuery('from'),
        to: entityIdInQuery('to'),
        includeHubs: flagParam('includeHubs', false).meta({ description: 'Pass through hub identifiers (default false).' }),
        maxDepth: intParam('maxDepth', 1, 10).default(6).meta({ description: 'Most hops (1–10, default 6).' }),
        limit: intParam('limit', 1, 50).default(10).meta({ description: 'Most paths (1–50, default 10).' }),
        linkKinds: linkKindsParam('linkKinds').optional().meta({ description: 'Only these link kinds, comma-separated.' }),
        evidence: intParam('evidence', 0, 50).default(5).meta({ description: 'Source records shown per hop (0–50, default 5).' }),
      }),
      responses: {
        200: { description: 'The paths (empty when none within maxDepth).', schema: PathsSchema },
        404: { description: '`from` or `to` is not an entity.' },
      },
      handler: async ({ query, deadline }) => {
        const outcome = await queries.paths(
          query.from,
          query.to,
          {
            includeHubs: query.includeHubs,
            maxDepth: query.maxDepth,
            limit: query.limit,
            evidencePerHop: query.evidence,
            ...(query.linkKinds ? { linkKinds: query.linkKinds } : {}),
          },
          deadline.queryTimeout(),
        );
        if ('missing' in outcome) {
          const which = outcome.missing;
          throw new RinglinkError('NOT_FOUND', `${which}: no entity ${which === 'from' ? query.from : query.to}`, {
            details: [{ path: `query.${which}`, message: 'no entity with this id' }],
          });
        }
        return { body: outcome.found };
      },
    }),

    defineOperation({
      operationId: 'getLinkEvidence',
      method: 'get',
      path: '/links/{linkId}/evidence',
      tag: 'paths',
      summary: 'The source records behind a link',
      description: 'Every record that attests the link (source, file and its SHA-256, row, record id and digest, observation time), in source, file, row order, one page at a time.',
      role: 'analyst',
      params: z.object({ linkId: linkIdParam }),
      query: strictQuery(pageParams(config.limits.maxPageSize, config.limits.defaultPageSize)),
      responses: {
        200: { description: 'The link and a page of its evidence.', schema: LinkEvidenceSchema },
        404: { description: 'No such link.' },
      },
      handler: async ({ params, query, deadline }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await queries.linkEvidence(params.linkId, req, deadline.queryTimeout());
        if (found === undefined) throw new RinglinkError('NOT_FOUND', `no link ${params.linkId}`);
        const p = page(found.items, req, found.total);
        return { body: { link: found.link, from: found.from, to: found.to, ...p } };
      },
    }),
  ];
}
