/**
 * Mapping specs: declarative descriptions of how one source's rows become
 * entities and links (in the spirit of an i2 import specification or a
 * FollowTheMoney mapping). A spec is validated completely when it is loaded:
 * every problem is collected and reported at once, so a bad spec fails
 * before the first row is read, never halfway through a file.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENTITY_KINDS, LINK_KINDS, RinglinkError, type EntityKind, type LinkKind } from '@ringlink/model';

const column = z.string().min(1);

/** A property taken from a column; `type` decides how it is normalized. */
const PropertyMappingSchema = z.union([
  column,
  z.object({
    column,
    type: z.enum(['string', 'date', 'timestamp', 'number', 'country']).default('string'),
    /** An invalid value quarantines the row instead of dropping the field. */
    required: z.boolean().default(false),
  }),
]);

const PersonIdentitySchema = z.object({
  cnic: column.optional(),
  passport: z.object({ number: column, country: column.optional(), defaultCountry: z.string().optional() }).optional(),
  mrz: column.optional(),
});

const EntityMappingSchema = z.object({
  kind: z.string(),
  /** The value column for identifier kinds (Phone, BankAccount, Email, Address, Organization). */
  column: column.optional(),
  roles: z.array(z.string()).default([]),
  /** A missing or invalid identity quarantines the row. */
  required: z.boolean().default(false),
  /** Person only: how the person is identified. */
  identity: PersonIdentitySchema.optional(),
  /** Person only: give a record-scoped id when no strong identifier is present (only if some property is present). */
  allowRecordIdentity: z.boolean().default(false),
  /** Document only: fixed values or columns for the document key. */
  docType: z.union([column, z.object({ value: z.string() })]).optional(),
  number: column.optional(),
  issuer: z.union([column, z.object({ value: z.string() })]).optional(),
  /** Document only: a `type:number;type:number` list column, one document per item. */
  list: z.object({ column, itemSeparator: z.string().default(';'), typeSeparator: z.string().default(':') }).optional(),
  properties: z.record(z.string(), PropertyMappingSchema).default({}),
});

const LinkMappingSchema = z.object({
  type: z.string(),
  from: z.string(),
  to: z.string(),
  properties: z.record(z.string(), PropertyMappingSchema).default({}),
});

export const MappingSpecSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'spec name must be lower-case letters, digits, - or _'),
  description: z.string().default(''),
  /** Column holding the record's own id; `row-<n>` is used when absent. */
  recordId: column.optional(),
  /** Column holding when the record was observed. */
  observedAt: z.object({ column, required: z.boolean().default(false) }).optional(),
  /** Columns whose presence in a header row identifies this source. */
  detect: z.array(column).min(1),
  /** Default region for phone numbers written in national form. */
  phoneRegion: z.string().length(2).default('PK'),
  entities: z.record(z.string(), EntityMappingSchema),
  links: z.array(LinkMappingSchema).default([]),
});

export type MappingSpec = z.infer<typeof MappingSpecSchema>;
export type EntityMapping = z.infer<typeof EntityMappingSchema>;
export type LinkMapping = z.infer<typeof LinkMappingSchema>;
export type PropertyMapping = z.infer<typeof PropertyMappingSchema>;

const IDENTIFIER_COLUMN_KINDS: readonly EntityKind[] = ['Phone', 'BankAccount', 'Email', 'Address', 'Organization'];

/** Checks that go beyond shape: kinds, link endpoints, properties known to the model. */
function semanticProblems(spec: MappingSpec): string[] {
  const problems: string[] = [];
  for (const [name, mapping] of Object.entries(spec.entities)) {
    const where = `entities.${name}`;
    if (!(mapping.kind in ENTITY_KINDS)) {
      problems.push(`${where}.kind: unknown entity kind "${mapping.kind}" (known: ${Object.keys(ENTITY_KINDS).join(', ')})`);
      continue;
    }
    const kind = mapping.kind as EntityKind;
    const declared = ENTITY_KINDS[kind];
    for (const role of mapping.roles) {
      if (!(declared.roles as readonly string[]).includes(role)) {
        problems.push(`${where}.roles: "${role}" is not a role of ${kind} (known: ${declared.roles.join(', ') || 'none'})`);
      }
    }
    for (const prop of Object.keys(mapping.properties)) {
      if (!(prop in declared.properties)) {
        problems.push(`${where}.properties.${prop}: ${kind} has no property "${prop}"`);
      }
    }
    if (kind === 'Person') {
      const identity = mapping.identity;
      if (!identity?.cnic && !identity?.passport && !identity?.mrz && !mapping.allowRecordIdentity) {
        problems.push(`${where}: a Person needs identity.cnic, identity.passport, identity.mrz or allowRecordIdentity`);
      }
    } else if (kind === 'Document') {
      if (mapping.list === undefined && (mapping.number === undefined || mapping.docType === undefined)) {
        problems.push(`${where}: a Document needs "number" and "docType", or "list"`);
      }
    } else if (IDENTIFIER_COLUMN_KINDS.includes(kind) && mapping.column === undefined) {
      problems.push(`${where}: a ${kind} needs "column"`);
    }
  }
  spec.links.forEach((link, i) => {
    const where = `links[${i}]`;
    if (!(link.type in LINK_KINDS)) {
      problems.push(`${where}.type: unknown link kind "${link.type}"`);
      return;
    }
    const declared = LINK_KINDS[link.type as LinkKind];
    for (const end of ['from', 'to'] as const) {
      const entity = spec.entities[link[end]];
      if (entity === undefined) {
        problems.push(`${where}.${end}: no entity named "${link[end]}" in this spec`);
      } else if (entity.kind in ENTITY_KINDS && !(declared[end] as readonly string[]).includes(entity.kind)) {
        problems.push(`${where}.${end}: ${link.type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${entity.kind} (allowed: ${declared[end].join(', ')})`);
      }
    }
  });
  return problems;
}

/** Validates a parsed spec object; throws INVALID_SPEC listing every problem. */
export function parseMappingSpec(raw: unknown, origin = 'spec'): MappingSpec {
  const parsed = MappingSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new RinglinkError('INVALID_SPEC', `${origin}: invalid mapping spec:\n  - ${problems.join('\n  - ')}`, {
      details: { origin, problems },
    });
  }
  const problems = semanticProblems(parsed.data);
  if (problems.length > 0) {
    throw new RinglinkError('INVALID_SPEC', `${origin}: invalid mapping spec:\n  - ${problems.join('\n  - ')}`, {
      details: { origin, problems },
    });
  }
  return parsed.data;
}

export async function loadMappingSpec(file: string): Promise<MappingSpec> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new RinglinkError('INVALID_SPEC', `${file}: cannot read mapping spec: ${(cause as Error).message}`, { cause });
  }
  return parseMappingSpec(raw, path.basename(file));
}

/** The specs shipped with ringlink for the canonical sources (data/specs). */
export const CANONICAL_SPECS_DIR = fileURLToPath(new URL('../../../../data/specs/', import.meta.url));

export async function loadMappingSpecs(dir: string = CANONICAL_SPECS_DIR): Promise<MappingSpec[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map((f) => loadMappingSpec(path.join(dir, f))));
}

/** The spec whose detect columns all appear in the header; the most specific wins. */
export function detectSpec(header: readonly string[], specs: readonly MappingSpec[]): MappingSpec | undefined {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  const candidates = specs.filter((s) => s.detect.every((c) => present.has(c.toLowerCase())));
  candidates.sort((a, b) => b.detect.length - a.detect.length);
  return candidates[0];
}
