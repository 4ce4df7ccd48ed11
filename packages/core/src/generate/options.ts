/**
 * Options of the synthetic-case generator: the interface, the defaults and
 * the one function that resolves user values over the defaults and validates
 * them. Option names map one-to-one to the CLI flags of `ringlink generate`
 * (`--rings`, `--brokers`, `--background`, `--applications`, `--seed`,
 * `--spelling-noise`, `--link-noise`, `--bad-rows`, `--start-date`).
 */
import { RinglinkError } from '@ringlink/model';

export interface GenerateOptions {
  /** Seed of every random choice; the same options give byte-identical files. */
  seed: number;
  /** Planted rings (agent networks). */
  rings: number;
  /** Planted brokers (forger, money mule, fixer in turn), each serving 2–4 rings. */
  brokers: number;
  /** Honest background applicants (persons). Defaults to 40 per ring; overridden by `applications`. */
  background: number;
  /** Target total application rows; when set, `background` is computed so the total comes close. */
  applications?: number;
  /** Probability (0..1) that an identifier, name or date is written in a non-canonical spelling. */
  spellingNoise: number;
  /** Probability (0..1) that a ring application also carries an identifier of an unrelated person. */
  linkNoise: number;
  /** Share (0..1) of defective rows in each file (quarantined rows and rows with one field dropped). */
  badRows: number;
  /** First day of the year the case covers (ISO date YYYY-MM-DD). */
  startDate: string;
}

export const BACKGROUND_PER_RING = 40;
/** Upper bounds that keep every generated identifier unique (see identifiers.ts). */
export const MAX_RINGS = 1000;
export const MAX_BROKERS = 300;
export const MAX_ROWS = 2_000_000;

export const GENERATE_DEFAULTS: Readonly<GenerateOptions> = Object.freeze({
  seed: 1,
  rings: 6,
  brokers: 3,
  background: 6 * BACKGROUND_PER_RING,
  spellingNoise: 0.3,
  linkNoise: 0.05,
  badRows: 0.01,
  startDate: '2024-01-01',
});

const KNOWN = new Set<string>([
  'seed', 'rings', 'brokers', 'background', 'applications', 'spellingNoise', 'linkNoise', 'badRows', 'startDate',
]);

function fail(message: string, details?: unknown): never {
  throw new RinglinkError('INVALID_ARGUMENT', `generate: ${message}`, { details });
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${name} must be an integer, got ${JSON.stringify(value)}`);
  if (value < min || value > max) fail(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function share(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} must be a number between 0 and 1, got ${JSON.stringify(value)}`);
  if (value < 0 || value > 1) fail(`${name} must be between 0 and 1, got ${value}`);
  return value;
}

function isoDate(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) fail(`${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) fail(`${name} is not a real date: ${value}`);
  if (y < 1990 || y > 2100) fail(`${name} must be a year between 1990 and 2100, got ${value}`);
  return value;
}

/**
 * User values over the defaults, validated. Keys whose value is `undefined`
 * count as absent (so CLI parsers can pass every flag). `background`
 * defaults to 40 per ring; `applications`, when given, replaces it (the
 * generator computes the background size from it).
 */
export function resolveGenerateOptions(partial: Partial<GenerateOptions> = {}): GenerateOptions {
  if (partial === null || typeof partial !== 'object') fail('options must be an object');
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(partial)) {
    if (!KNOWN.has(k)) fail(`unknown option "${k}" (known: ${[...KNOWN].join(', ')})`);
    if (v !== undefined) given[k] = v;
  }
  const seed = given.seed ?? GENERATE_DEFAULTS.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) fail(`seed must be a safe integer, got ${JSON.stringify(seed)}`);
  const rings = integer('rings', given.rings ?? GENERATE_DEFAULTS.rings, 0, MAX_RINGS);
  const brokers = integer('brokers', given.brokers ?? GENERATE_DEFAULTS.brokers, 0, MAX_BROKERS);
  if (brokers > 0 && rings < 2) fail(`brokers connect rings: ${brokers} broker(s) need at least 2 rings, got rings=${rings} (use brokers=0)`);
  const background = integer('background', given.background ?? rings * BACKGROUND_PER_RING, 0, MAX_ROWS);
  const options: GenerateOptions = {
    seed,
    rings,
    brokers,
    background,
    spellingNoise: share('spellingNoise', given.spellingNoise ?? GENERATE_DEFAULTS.spellingNoise),
    linkNoise: share('linkNoise', given.linkNoise ?? GENERATE_DEFAULTS.linkNoise),
    badRows: share('badRows', given.badRows ?? GENERATE_DEFAULTS.badRows),
    startDate: isoDate('startDate', given.startDate ?? GENERATE_DEFAULTS.startDate),
  };
  if (given.applications !== undefined) {
    options.applications = integer('applications', given.applications, 1, MAX_ROWS);
  }
  return options;
}
