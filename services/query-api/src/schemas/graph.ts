/**
 * Response schemas of the graph reads: entities, links, evidence, search
 * results, entity details, neighbourhoods and paths. Kinds, roles, link
 * kinds and evidence come from the model's declarations.
 */
import { z } from 'zod';
import { EntityKindSchema, EvidenceSchema, LinkKindSchema, RoleLabelSchema } from '@ringlink/model';

export const PropertyValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const BrokerScoresSchema = z
  .object({
    rank: z.number().int(),
    betweenness: z.number().nullable(),
    bridging: z.number().nullable(),
    pagerank: z.number().nullable(),
  })
  .meta({ id: 'BrokerScores', description: 'Broker scores of the latest analysis run (absent when the entity is not a ranked broker).' });

export const EntitySchema = z
  .object({
    id: z.string(),
    kind: EntityKindSchema,
    roles: z.array(RoleLabelSchema),
    props: z.record(z.string(), PropertyValueSchema),
    isHub: z.boolean().meta({ description: 'A hub identifier (used by very many): kept out of ring detection and, unless asked, out of paths.' }),
    hubReason: z.string().optional(),
    broker: BrokerScoresSchema.optional(),
  })
  .meta({ id: 'Entity' });

export const SearchHitSchema = EntitySchema.extend({
  matchedBy: z.string().meta({ description: 'How the query matched: id, alias, phone, account, cnic, passport, document, email, address, organization, name.' }),
  matched: z.string().meta({ description: 'The normalized value (or id) that matched.' }),
}).meta({ id: 'SearchHit' });

export const EvidenceRecordSchema = EvidenceSchema.meta({
  id: 'Evidence',
  description: 'One source record behind a link: source, file and its SHA-256, row, record id and digest, when observed.',
});

export const LinkSchema = z
  .object({
    id: z.string().meta({ description: '`<from>|<TYPE>|<to>`; `GET /links/{id}/evidence` lists the records behind it.' }),
    type: LinkKindSchema,
    from: z.string(),
    to: z.string(),
    props: z.record(z.string(), PropertyValueSchema),
    evidenceCount: z.number().int(),
  })
  .meta({ id: 'Link' });

export const RingMembershipSchema = z.object({
  id: z.string(),
  run: z.string(),
  current: z.boolean().meta({ description: 'Found by the latest analysis run.' }),
  score: z.number(),
  person: z.boolean().meta({ description: 'Counted as one of the ring\'s persons (identifiers are members too).' }),
});

export const EntityDetailSchema = EntitySchema.extend({
  aliases: z.array(z.string()),
  requestedId: z.string().optional().meta({ description: 'The id asked for, when it was an alias of this entity.' }),
  evidenceCount: z.number().int().meta({ description: 'Records that mention the entity.' }),
  degree: z.object({
    total: z.number().int(),
    byLinkKind: z.record(z.string(), z.number().int()),
  }),
  rings: z.object({
    memberOf: z.array(RingMembershipSchema),
    brokerFor: z.array(z.object({ id: z.string(), run: z.string(), rank: z.number().int() })),
  }),
}).meta({ id: 'EntityDetail' });

export const NeighborhoodSchema = z
  .object({
    center: EntitySchema,
    depth: z.number().int(),
    nodes: z.array(EntitySchema.extend({ depth: z.number().int() })),
    links: z.array(LinkSchema),
    truncated: z
      .array(z.object({ id: z.string(), shown: z.number().int(), more: z.number().int().meta({ description: '"and N more": neighbours not shown.' }) }))
      .meta({ description: 'Nodes whose neighbours were capped at `cap`.' }),
    omittedNodes: z.number().int().meta({ description: 'Nodes left out because the neighbourhood exceeded `limit` (deepest first).' }),
  })
  .meta({ id: 'Neighborhood' });

export const HopSchema = LinkSchema.extend({
  evidence: z.array(EvidenceRecordSchema).meta({ description: 'The first records behind this hop (at most `evidence` per hop); `evidenceCount` says how many exist.' }),
}).meta({ id: 'Hop' });

export const PathSchema = z
  .object({
    length: z.number().int(),
    nodes: z.array(EntitySchema),
    hops: z.array(HopSchema),
  })
  .meta({ id: 'Path' });

export const PathsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    includeHubs: z.boolean(),
    maxDepth: z.number().int(),
    paths: z.array(PathSchema).meta({ description: 'All shortest paths found (up to `limit`); empty when none within `maxDepth`.' }),
  })
  .meta({ id: 'Paths' });

export const LinkEvidenceSchema = z
  .object({
    link: LinkSchema,
    from: EntitySchema,
    to: EntitySchema,
    items: z.array(EvidenceRecordSchema),
    limit: z.number().int(),
    total: z.number().int().nullable(),
    next: z.string().nullable(),
  })
  .meta({ id: 'LinkEvidence', description: 'A link and one page of the source records that prove it.' });

export type EntityDto = z.infer<typeof EntitySchema>;
export type SearchHitDto = z.infer<typeof SearchHitSchema>;
export type EntityDetailDto = z.infer<typeof EntityDetailSchema>;
export type LinkDto = z.infer<typeof LinkSchema>;
export type NeighborhoodDto = z.infer<typeof NeighborhoodSchema>;
export type PathsDto = z.infer<typeof PathsSchema>;
export type PathDto = z.infer<typeof PathSchema>;
export type LinkEvidenceDto = z.infer<typeof LinkEvidenceSchema>;
