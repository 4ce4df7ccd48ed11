/**
 * Store configuration: the connection read once from the environment
 * (`NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`, optional `NEO4J_DATABASE`)
 * with zod into a frozen object, and the store's tunables with their
 * exported defaults. The store never starts a server: without NEO4J_URI the
 * caller (the CLI, the test setup) decides what to connect to.
 */
import { z } from 'zod';
import { RinglinkError } from '@ringlink/model';

export interface ConnectionConfig {
  /** `bolt://…`, `neo4j://…`, `neo4j+s://…` (Aura). */
  uri: string;
  /** Omitted (with password) when the server has authentication disabled. */
  user?: string;
  password?: string;
  /** Database name; the server's default database when omitted (Community has one: `neo4j`). */
  database?: string;
}

export interface StoreOptions {
  /** Rows per write transaction (`UNWIND $rows`). */
  batchSize: number;
  /**
   * Write transactions in flight at once within a phase (batches of one
   * phase never depend on each other; Neo4j's deadlock detection plus the
   * driver's retry cover the rare lock cycle on shared hub nodes).
   */
  writeConcurrency: number;
  /** Rows per page when loading the graph back or listing. */
  pageSize: number;
  /** Ids per lookup query during person resolution against the store. */
  lookupBatchSize: number;
  /** Degree above which an entity counts as a hub in reads (besides the `isHub` flag of analysis). */
  hubDegree: number;
  /** Driver connection pool size. */
  maxConnectionPoolSize: number;
  /** How long executeRead/executeWrite keep retrying transient errors, ms. */
  maxTransactionRetryTimeMs: number;
}

export const STORE_DEFAULTS: Readonly<StoreOptions> = Object.freeze({
  batchSize: 10_000,
  writeConcurrency: 2,
  pageSize: 10_000,
  lookupBatchSize: 5_000,
  hubDegree: 200,
  maxConnectionPoolSize: 20,
  maxTransactionRetryTimeMs: 30_000,
});

const positiveInt = z.number().int().positive();
const OptionsSchema = z
  .object({
    batchSize: positiveInt.max(1_000_000),
    writeConcurrency: positiveInt.max(16),
    pageSize: positiveInt.max(1_000_000),
    lookupBatchSize: positiveInt.max(1_000_000),
    hubDegree: positiveInt,
    maxConnectionPoolSize: positiveInt.max(1_000),
    maxTransactionRetryTimeMs: z.number().int().nonnegative(),
  })
  .strict();

/** User values over STORE_DEFAULTS, validated; messages start with `store:`. */
export function resolveStoreOptions(options: Partial<StoreOptions> = {}): Readonly<StoreOptions> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const result = OptionsSchema.safeParse({ ...STORE_DEFAULTS, ...defined });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new RinglinkError('INVALID_ARGUMENT', `store: invalid options: ${problems.join('; ')}`, { details: problems });
  }
  return Object.freeze(result.data);
}

const EnvSchema = z.object({
  NEO4J_URI: z
    .string()
    .trim()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/, 'must be a bolt:// or neo4j:// URI (optionally +s / +ssc)')
    .optional(),
  NEO4J_USER: z.string().trim().min(1).optional(),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().trim().min(1).optional(),
});

/**
 * Reads the connection from the environment once. Returns undefined when
 * `NEO4J_URI` is not set (the caller decides what to start); throws
 * INVALID_ARGUMENT, naming every bad variable, when something is malformed.
 */
export function connectionFromEnv(env: Record<string, string | undefined> = process.env): Readonly<ConnectionConfig> | undefined {
  const blankToUndefined = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);
  const result = EnvSchema.safeParse({
    NEO4J_URI: blankToUndefined(env.NEO4J_URI),
    NEO4J_USER: blankToUndefined(env.NEO4J_USER),
    NEO4J_PASSWORD: env.NEO4J_PASSWORD,
    NEO4J_DATABASE: blankToUndefined(env.NEO4J_DATABASE),
  });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RinglinkError('INVALID_ARGUMENT', `store: bad environment: ${problems.join('; ')}`, { details: problems });
  }
  const e = result.data;
  if (e.NEO4J_URI === undefined) return undefined;
  if (e.NEO4J_PASSWORD !== undefined && e.NEO4J_USER === undefined) {
    throw new RinglinkError('INVALID_ARGUMENT', 'store: bad environment: NEO4J_PASSWORD is set but NEO4J_USER is not');
  }
  return Object.freeze({
    uri: e.NEO4J_URI,
    ...(e.NEO4J_USER !== undefined ? { user: e.NEO4J_USER } : {}),
    ...(e.NEO4J_PASSWORD !== undefined ? { password: e.NEO4J_PASSWORD } : {}),
    ...(e.NEO4J_DATABASE !== undefined ? { database: e.NEO4J_DATABASE } : {}),
  });
}
