/**
 * Roles of API keys. Each role includes the ones below it:
 *
 *   analyst  read every query endpoint (search, entities, paths, rings, brokers,
 *            evidence, analysis runs, the OpenAPI document)
 *   ingest   analyst + POST /ingest/{source}
 *   admin    ingest + trigger analysis runs (POST /analysis/runs)
 *
 * Health is the only endpoint that needs no key.
 */
export const ROLES = ['analyst', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { analyst: 1, ingest: 2, admin: 3 };

/** True when a key with role `held` may call an operation that requires `required`. */
export function roleAllows(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required];
}
