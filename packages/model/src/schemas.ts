/**
 * Zod schemas derived from the kind declarations. Used to validate data
 * crossing a boundary (API bodies, files read back, store reads) and, later,
 * to generate the OpenAPI components.
 */
import { z } from 'zod';
import { ENTITY_KINDS, ENTITY_KIND_NAMES, ROLE_LABELS, type EntityKind, type PropertyType } from './entity-kinds.js';
import { LINK_KIND_NAMES } from './link-kinds.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const isoDateTime = z.iso.datetime({ offset: true });

function propertySchema(type: PropertyType): z.ZodType {
  switch (type) {
    case 'string': return z.string();
    case 'string[]': return z.array(z.string());
    case 'date': return isoDate;
    case 'datetime': return isoDateTime;
    case 'number': return z.number();
    case 'boolean': return z.boolean();
  }
}

export const EntityKindSchema = z.enum(ENTITY_KIND_NAMES as [EntityKind, ...EntityKind[]]);
export const LinkKindSchema = z.enum(LINK_KIND_NAMES as [string, ...string[]]);
export const RoleLabelSchema = z.enum(ROLE_LABELS as [string, ...string[]]);

/** One properties schema per entity kind, every property optional. */
export const entityPropertiesSchemas = Object.fromEntries(
  ENTITY_KIND_NAMES.map((kind) => {
    const shape = Object.fromEntries(
      Object.entries(ENTITY_KINDS[kind].properties).map(([name, type]) => [name, propertySchema(type).optional()]),
    );
    return [kind, z.object(shape).strict()];
  }),
) as Record<EntityKind, z.ZodObject>;

export const EvidenceSchema = z.object({
  source: z.string().min(1),
  file: z.string().min(1),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  row: z.number().int().positive(),
  recordId: z.string().min(1),
  recordSha256: z.string().regex(/^[0-9a-f]{64}$/),
  observedAt: z.string().nullable(),
});

export const EntitySchema = z
  .object({
    id: z.string().min(3),
    kind: EntityKindSchema,
    roles: z.array(RoleLabelSchema),
    props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
    evidence: z.array(EvidenceSchema),
    aliases: z.array(z.string()),
  })
  .superRefine((entity, ctx) => {
    const prefix = ENTITY_KINDS[entity.kind].prefix;
    if (!entity.id.startsWith(`${prefix}:`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `id of a ${entity.kind} must start with "${prefix}:"` });
    }
    const result = entityPropertiesSchemas[entity.kind].safeParse(entity.props);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: ['props', ...issue.path] } as never);
    }
  });

export const LinkSchema = z.object({
  id: z.string().min(3),
  type: LinkKindSchema,
  from: z.string().min(3),
  to: z.string().min(3),
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  evidence: z.array(EvidenceSchema).min(1),
});
