/**
 * Building blocks of the request and response schemas: paging (`limit`,
 * opaque `cursor`, `next`), ids in path and query, flags, comma lists, and
 * the problem document. Every request parameter is validated by these
 * schemas, and the OpenAPI document is generated from the same objects.
 *
 * Messages are written for the analyst who typed the request: they name
 * the parameter and what it accepts.
 */
import { z } from 'zod';
import { ENTITY_KIND_NAMES, LINK_KIND_NAMES, kindOfId, type EntityKind, type LinkKind } from '@ringlink/model';

/** Largest offset a cursor may carry: deeper pages are not a use case, and deep SKIPs are slow. */
export const MAX_OFFSET = 100_000;

/** A whole number parameter in [min, max]. */
export function intParam(name: string, min: number, max: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** A number parameter in [min, max]. */
export function numberParam(name: string, min: number, max: number) {
  const message = `${name} must be a number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).refine(Number.isFinite, { error: message }).pipe(z.number().min(min, { error: message }).max(max, { error: message }));
}

/** `true` or `false`. */
export function flagParam(name: string, fallback: boolean) {
  return z
    .enum(['true', 'false'], { error: `${name} must be true or false` })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true');
}

/** A comma-separated list of names from a fixed set (`kinds=Person,Phone`). */
export function listParam<T extends string>(name: string, values: readonly T[]) {
  return z
    .string({ error: `${name} must be a comma-separated list of ${values.join(', ')}` })
    .max(1000, { error: `${name} is too long` })
    .transform((s, ctx) => {
      const items = s.split(',').map((x) => x.trim()).filter((x) => x !== '');
      const bad = items.filter((x) => !(values as readonly string[]).includes(x));
      if (items.length === 0 || bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: bad.length > 0
            ? `${name}: unknown ${bad.slice(0, 3).map((b) => JSON.stringify(b.slice(0, 40))).join(', ')} (expected any of ${values.join(', ')})`
            : `${name} must name at least one of ${values.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(items)] as T[];
    });
}

export const entityKindsParam = (name = 'kinds') => listParam<EntityKind>(name, ENTITY_KIND_NAMES);
export const linkKindsParam = (name = 'linkKinds') => listParam<LinkKind>(name, LINK_KIND_NAMES as LinkKind[]);

const CONTROL = /[\u0000-\u001f\u007f]/;

/** An entity id as the model writes it: `<kind prefix>:<identifier>` (aliases of merged persons included). */
export function entityIdParam(name: string) {
  return z
    .string({ error: `${name} must be an entity id` })
    .min(3, { error: `${name} must be an entity id such as phone:+923001234567` })
    .max(512, { error: `${name} is longer than any entity id (512 characters)` })
    .refine((s) => !CONTROL.test(s), { error: `${name} contains control characters` })
    .refine((s) => kindOfId(s) !== undefined, {
      error: `${name} must be an entity id: <kind>:<identifier>, where kind is one of person, phone, account, document, email, address, organization (e.g. phone:+923001234567)`,
    })
    .meta({ description: 'An entity id (or an id the entity was known by before a merge), e.g. `phone:+923001234567`.', example: 'phone:+923001234567' });
}

/** A link id: `<from>|<LINK_KIND>|<to>`. */
export const linkIdParam = z
  .string({ error: 'linkId must be a link id' })
  .min(7, { error: 'linkId must be a link id: <from entity id>|<LINK_KIND>|<to entity id>' })
  .max(1100, { error: 'linkId is longer than any link id' })
  .refine((s) => !CONTROL.test(s), { error: 'linkId contains control characters' })
  .refine(
    (s) => LINK_KIND_NAMES.some((t) => {
      const at = s.indexOf(`|${t}|`);
      return at > 0 && kindOfId(s.slice(0, at)) !== undefined && kindOfId(s.slice(at + t.length + 2)) !== undefined;
    }),
    { error: `linkId must be a link id: <from entity id>|<LINK_KIND>|<to entity id>, LINK_KIND one of ${LINK_KIND_NAMES.join(', ')}` },
  )
  .meta({ description: 'A link id: `<from>|<LINK_KIND>|<to>` (URL-encoded), as every link in a response carries it.', example: 'person:cnic:3520212345671|USES_PHONE|phone:+923001234567' });

export const ringIdParam = z
  .string({ error: 'id must be a ring id' })
  .regex(/^R-\d{1,12}$/, { error: 'id must be a ring id such as R-0007' })
  .meta({ description: 'A ring id (stable across analysis runs), e.g. `R-0007`.', example: 'R-0007' });

export const runIdParam = z
  .string({ error: 'id must be an analysis run id or job id' })
  .regex(/^(run-[0-9a-f]{16}|job-[0-9a-f-]{36})$/, { error: 'id must be an analysis run id (run-<16 hex>) or a job id (job-<uuid>)' })
  .meta({ description: 'An analysis run id (`run-<16 hex>`) or the id of the job that is producing one (`job-<uuid>`).' });

// ---------------------------------------------------------------- paging

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

const CURSOR_MESSAGE = 'cursor is not one this service issued (pass back the `next` of the previous page as it is)';

export const cursorParam = z
  .string({ error: CURSOR_MESSAGE })
  .max(64, { error: CURSOR_MESSAGE })
  .regex(/^[A-Za-z0-9_-]+$/, { error: CURSOR_MESSAGE })
  .transform((s, ctx) => {
    try {
      const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { o?: unknown };
      if (typeof v?.o === 'number' && Number.isSafeInteger(v.o) && v.o >= 0 && v.o <= MAX_OFFSET) return v.o;
    } catch {
      // fall through
    }
    ctx.addIssue({ code: 'custom', message: CURSOR_MESSAGE });
    return z.NEVER;
  })
  .meta({ description: 'Opaque: the `next` of the previous page. Omit for the first page.' });

export interface PageRequest {
  limit: number;
  /** Decoded cursor. */
  offset: number;
}

/** `limit` and `cursor`, with the service's page sizes. */
export function pageParams(maxPageSize: number, defaultPageSize: number) {
  return {
    limit: intParam('limit', 1, maxPageSize)
      .default(defaultPageSize)
      .meta({ description: `Items per page (1–${maxPageSize}, default ${defaultPageSize}).` }),
    cursor: cursorParam.optional(),
  };
}

/** The paging part of every list response. */
export function pageOf<T extends z.ZodType>(item: T, id: string, description: string) {
  return z
    .object({
      items: z.array(item),
      limit: z.number().int(),
      total: z.number().int().nullable().meta({ description: 'Items in all pages, when known.' }),
      next: z.string().nullable().meta({ description: 'Cursor of the next page (pass it as `cursor`); null on the last page.' }),
    })
    .meta({ id, description });
}

/** Builds the page envelope: `next` when more items exist. */
export function page<T>(items: T[], req: PageRequest, total: number | null, hasMore?: boolean): { items: T[]; limit: number; total: number | null; next: string | null } {
  const more = hasMore ?? (total !== null && req.offset + items.length < total);
  const nextOffset = req.offset + items.length;
  return { items, limit: req.limit, total, next: more && items.length > 0 && nextOffset <= MAX_OFFSET ? encodeCursor(nextOffset) : null };
}

// ---------------------------------------------------------------- problems

export const FieldErrorSchema = z
  .object({
    path: z.string().meta({ description: 'Where: `query.limit`, `params.id`, `body.seed`.' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'A URN naming the kind of problem, e.g. `urn:ringlink:problem:invalid-argument`.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().meta({ description: '`urn:ringlink:request:<request id>`: this occurrence.' }),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional().meta({ description: 'One entry per invalid parameter or field.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (`application/problem+json`).' });

/** Query objects are strict: an unknown parameter is a 400, not silently ignored. */
export function strictQuery<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (accepted: ${Object.keys(shape).join(', ') || 'none'})`
        : undefined,
  });
}
