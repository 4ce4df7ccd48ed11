/** The court-package request body and the export log's records. */
import { z } from 'zod';
import { entityIdParam, ringIdParam } from './common.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const ExportRequestSchema = z
  .strictObject(
    {
      ring: ringIdParam.optional().meta({ description: 'The ring to export, as the run that last found it describes it.' }),
      entities: z
        .array(entityIdParam('entities[]'), { error: 'entities must be a list of entity ids' })
        .min(1, { error: 'entities must name at least one entity' })
        .max(5000, { error: 'entities may name at most 5000 entities' })
        .optional()
        .meta({ description: 'Or these entities (ids or aliases), exported against `run` (default the latest run).' }),
      run: z
        .string({ error: 'run must be an analysis run id' })
        .regex(/^run-[0-9a-f]{16}$/, { error: 'run must be an analysis run id (run-<16 hex>)' })
        .optional()
        .meta({ description: 'The run the package rests on. With `ring` it must be the run that last found the ring.' }),
      caseRef: z
        .string({ error: 'caseRef must be a string' })
        .trim()
        .min(1, { error: 'caseRef must not be empty' })
        .max(200, { error: 'caseRef may be at most 200 characters' })
        .refine((s) => !CONTROL.test(s), { error: 'caseRef contains control characters' })
        .meta({ description: 'The case reference the package is for, as the prosecutor refers to it.', example: 'FIA-CC-2026-117' }),
      redact: z.boolean({ error: 'redact must be true or false' }).default(false).meta({ description: 'Mask the identifiers of third parties (entities outside the ring).' }),
      exportedAt: z
        .string({ error: 'exportedAt must be a string' })
        .refine((s) => ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)), { error: 'exportedAt must be an ISO 8601 date-time with a time zone, e.g. 2026-11-26T10:00:00Z' })
        .optional()
        .meta({ description: 'The export time recorded in the package (default: now). The same store, run, options and time give the same bytes.' }),
      pdf: z.boolean({ error: 'pdf must be true or false' }).default(true).meta({ description: 'Include report.pdf (default true).' }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (accepted: ring, entities, run, caseRef, redact, exportedAt, pdf)`
          : undefined,
    },
  )
  .refine((b) => (b.ring === undefined) !== (b.entities === undefined), { error: 'give either ring or entities (not both)' })
  .meta({ id: 'ExportRequest' });

export const ExportRecordSchema = z
  .object({
    id: z.string(),
    loggedAt: z.string().meta({ description: 'When the export was made (ISO 8601).' }),
    exportedAt: z.string().meta({ description: 'The export time recorded in the package.' }),
    actor: z.string().meta({ description: 'Who: the API key id, or the operating-system user of the CLI.' }),
    via: z.enum(['cli', 'api']),
    caseRef: z.string(),
    ring: z.string().nullable(),
    entityIds: z.array(z.string()),
    run: z.string(),
    sha256: z.string().meta({ description: 'SHA-256 of the package (the zip).' }),
    size: z.number().int(),
    redacted: z.boolean(),
    destination: z.string().meta({ description: 'The file written (CLI) or the request id (API).' }),
  })
  .meta({ id: 'ExportRecord' });
