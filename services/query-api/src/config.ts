/**
 * The service's configuration: read once from the environment with zod into
 * a deeply frozen object (documented in `/.env.example`). Nothing else in
 * the service reads `process.env`.
 *
 * API keys (`RINGLINK_API_KEYS=key:role,…`) are kept as SHA-256 digests
 * only, with a short key id (`key-<12 hex>`) for logs and the audit trail.
 * When no keys are configured outside production, one random admin key is
 * generated per start (`devKey`) so a developer can try the service; a
 * fixed default key never exists. In production (`NODE_ENV=production`)
 * missing keys are a configuration error.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { RinglinkError, isPhoneRegion, type CountryCode } from '@ringlink/model';
import { connectionFromEnv, type ConnectionConfig } from '@ringlink/store-neo4j';
import { ROLES, type Role } from './roles.js';

export interface ConfiguredKey {
  /** `key-` + the first 12 hex of the key's SHA-256: safe to log. */
  id: string;
  role: Role;
  /** SHA-256 of the key (hex). The key itself is not kept. */
  sha256: string;
}

export interface ServiceConfig {
  host: string;
  port: number;
  /** `production` disables the generated dev key. */
  environment: 'production' | 'development' | 'test';
  /** Undefined: the caller (serve command, tests) decides which Neo4j to use. */
  neo4j: ConnectionConfig | undefined;
  apiKeys: readonly ConfiguredKey[];
  /** The generated key, when none was configured outside production (print it once, never log it). */
  devKey: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  limits: {
    /** Largest JSON body, bytes. */
    jsonBodyBytes: number;
    /** Largest ingest body (CSV or NDJSON), bytes. */
    ingestBodyBytes: number;
    /** Neo4j transaction timeout for one read, ms. */
    queryTimeoutMs: number;
    /** Whole-request deadline, ms (answers 504 past it). */
    requestTimeoutMs: number;
    /** Requests per key per window. */
    rateLimit: number;
    rateWindowMs: number;
    /** Failed authentications per client address per window, before 429. */
    authFailureLimit: number;
    /** Largest `limit` of any list. */
    maxPageSize: number;
    /** Default `limit` of lists. */
    defaultPageSize: number;
    /** Neighbours shown per node before "and N more". */
    hubCap: number;
  };
  /** Append-only audit log (JSON lines). */
  auditLogFile: string;
  /** Region for phone numbers typed without a country code. */
  phoneRegion: CountryCode;
  /** express `trust proxy` (false: the socket address is the client address). */
  trustProxy: boolean | number;
}

/** A size like `1mb`, `512kb`, `1048576`. */
const byteSize = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'expected a size such as 1048576, 512kb or 1mb')
  .transform((s) => {
    const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(s)!;
    const unit = (m[2] ?? 'b').toLowerCase();
    const mult = unit === 'gb' ? 2 ** 30 : unit === 'mb' ? 2 ** 20 : unit === 'kb' ? 2 ** 10 : 1;
    return Math.floor(Number(m[1]) * mult);
  })
  .pipe(z.number().int().min(1024, 'must be at least 1kb').max(2 ** 31, 'must be at most 2gb'));

const intFrom = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Minimum length of an API key: long enough that guessing is hopeless. */
export const MIN_API_KEY_LENGTH = 16;

export const keyIdOf = (key: string): string => `key-${sha256Hex(key).slice(0, 12)}`;
export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

const apiKeysSchema = z.string().transform((raw, ctx): Array<{ key: string; role: Role }> => {
  const out: Array<{ key: string; role: Role }> = [];
  const entries = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  entries.forEach((entry, i) => {
    const at = entry.lastIndexOf(':');
    const key = at < 0 ? entry : entry.slice(0, at);
    const role = at < 0 ? '' : entry.slice(at + 1);
    // Messages never contain the key, only its position.
    if (!(ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: role must be one of ${ROLES.join(', ')} (key:role)` });
      return;
    }
    if (key.length < MIN_API_KEY_LENGTH) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: key must be at least ${MIN_API_KEY_LENGTH} characters` });
      return;
    }
    if (!/^[\x21-\x7e]+$/.test(key) || key.includes(',')) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: key must be printable ASCII without spaces or commas` });
      return;
    }
    if (out.some((k) => k.key === key)) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: the same key appears twice` });
      return;
    }
    out.push({ key, role: role as Role });
  });
  return out;
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: intFrom(0, 65535).default(8080),
  RINGLINK_API_KEYS: apiKeysSchema.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RINGLINK_JSON_LIMIT: byteSize.default(2 ** 20),
  RINGLINK_INGEST_LIMIT: byteSize.default(50 * 2 ** 20),
  RINGLINK_QUERY_TIMEOUT_MS: intFrom(100, 600_000).default(10_000),
  RINGLINK_REQUEST_TIMEOUT_MS: intFrom(100, 600_000).default(15_000),
  RINGLINK_RATE_LIMIT: intFrom(1, 1_000_000).default(600),
  RINGLINK_RATE_WINDOW_MS: intFrom(1000, 3_600_000).default(60_000),
  RINGLINK_AUTH_FAILURE_LIMIT: intFrom(1, 1_000_000).default(30),
  RINGLINK_MAX_PAGE_SIZE: intFrom(1, 10_000).default(200),
  RINGLINK_DEFAULT_PAGE_SIZE: intFrom(1, 10_000).default(50),
  RINGLINK_HUB_CAP: intFrom(1, 1000).default(25),
  RINGLINK_AUDIT_LOG: z.string().trim().min(1).default('.data/audit/query-api.jsonl'),
  RINGLINK_PHONE_REGION: z
    .string()
    .trim()
    .refine((r) => isPhoneRegion(r), 'must be a region libphonenumber knows (ISO 3166-1 alpha-2, e.g. PK)')
    .default('PK'),
  RINGLINK_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d+)$/, 'expected true, false or a number of proxy hops')
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number(v)))
    .default(false),
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Parses the environment once. Throws INVALID_ARGUMENT naming every bad
 * variable (never its value: keys and passwords live there).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<ServiceConfig> {
  const blank = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);
  const input = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, blank(env[k])]));
  const parsed = EnvSchema.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  let neo4j: ConnectionConfig | undefined;
  try {
    neo4j = connectionFromEnv(env);
  } catch (err) {
    problems.push(err instanceof Error ? err.message.replace(/^store: bad environment: /, '') : String(err));
  }
  if (!parsed.success || problems.length > 0) {
    throw new RinglinkError('INVALID_ARGUMENT', `query-api: bad environment: ${problems.join('; ')}`, { details: problems });
  }
  const e = parsed.data;
  const limits = {
    jsonBodyBytes: e.RINGLINK_JSON_LIMIT,
    ingestBodyBytes: e.RINGLINK_INGEST_LIMIT,
    queryTimeoutMs: e.RINGLINK_QUERY_TIMEOUT_MS,
    requestTimeoutMs: e.RINGLINK_REQUEST_TIMEOUT_MS,
    rateLimit: e.RINGLINK_RATE_LIMIT,
    rateWindowMs: e.RINGLINK_RATE_WINDOW_MS,
    authFailureLimit: e.RINGLINK_AUTH_FAILURE_LIMIT,
    maxPageSize: e.RINGLINK_MAX_PAGE_SIZE,
    defaultPageSize: Math.min(e.RINGLINK_DEFAULT_PAGE_SIZE, e.RINGLINK_MAX_PAGE_SIZE),
    hubCap: e.RINGLINK_HUB_CAP,
  };
  if (limits.queryTimeoutMs > limits.requestTimeoutMs) {
    throw new RinglinkError(
      'INVALID_ARGUMENT',
      'query-api: bad environment: RINGLINK_QUERY_TIMEOUT_MS must not exceed RINGLINK_REQUEST_TIMEOUT_MS',
    );
  }
  let keys = e.RINGLINK_API_KEYS;
  let devKey: string | undefined;
  if (keys.length === 0) {
    if (e.NODE_ENV === 'production') {
      throw new RinglinkError('INVALID_ARGUMENT', 'query-api: bad environment: RINGLINK_API_KEYS is required when NODE_ENV=production');
    }
    devKey = `rl_dev_${randomBytes(24).toString('base64url')}`;
    keys = [{ key: devKey, role: 'admin' }];
  }
  return deepFreeze({
    host: e.HOST,
    port: e.PORT,
    environment: e.NODE_ENV,
    neo4j,
    apiKeys: keys.map((k) => ({ id: keyIdOf(k.key), role: k.role, sha256: sha256Hex(k.key) })),
    devKey,
    logLevel: e.LOG_LEVEL,
    limits,
    auditLogFile: path.resolve(e.RINGLINK_AUDIT_LOG),
    phoneRegion: e.RINGLINK_PHONE_REGION as CountryCode,
    trustProxy: e.RINGLINK_TRUST_PROXY,
  });
}

/** A configuration for tests: defaults, the given keys, overrides on top. */
export function testConfig(
  keys: Array<{ key: string; role: Role }>,
  overrides: Partial<Omit<ServiceConfig, 'limits'>> & { limits?: Partial<ServiceConfig['limits']> } = {},
): Readonly<ServiceConfig> {
  const base = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RINGLINK_API_KEYS: keys.map((k) => `${k.key}:${k.role}`).join(','),
  });
  const { limits, ...rest } = overrides;
  return deepFreeze({ ...base, ...rest, limits: { ...base.limits, ...limits } });
}
