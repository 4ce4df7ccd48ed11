/**
 * Roles of API keys and what each may do:
 *
 *   analyst   read every query endpoint (search, entities, paths, rings, brokers,
 *             evidence, analysis runs, the OpenAPI document)
 *   exporter  analyst + court packages (POST /exports) and the export log
 *   ingest    analyst + POST /ingest/{source}
 *   admin     everything: ingest, exports, trigger analysis runs (POST /analysis/runs)
 *
 * Exporting evidence for a court and feeding data in are separate duties,
 * so neither `exporter` nor `ingest` includes the other.
 *
 * Health is the only endpoint that needs no key.
 */
export const ROLES = ['analyst', 'exporter', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Record<Role, readonly Role[]> = {
  analyst: ['analyst'],
  exporter: ['analyst', 'exporter'],
  ingest: ['analyst', 'ingest'],
  admin: ['analyst', 'exporter', 'ingest', 'admin'],
};

/** True when a key with role `held` may call an operation that requires `required`. */
export function roleAllows(held: Role, required: Role): boolean {
  return GRANTS[held].includes(required);
}
