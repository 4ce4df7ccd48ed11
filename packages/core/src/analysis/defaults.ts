/**
 * Options of the analysis: the interface, `ANALYSIS_DEFAULTS`, and the one
 * function that resolves user values over the defaults and validates them
 * (messages start with "analysis:"). Option names map to the CLI flags of
 * `ringlink analyze` (`--seed`, `--resolution`, `--min-persons`, …).
 *
 * `AnalysisParameters` is what the run record keeps: everything that can
 * change a result. `timings` and `softwareVersion` are not parameters.
 */
import { ENTITY_KIND_NAMES, RinglinkError, isEntityKind, isLinkKind, type EntityKind, type LinkKind } from '@ringlink/model';

export interface HubAllowListEntry {
  /** Entity id, e.g. `account:PK36SCBL0000001123456702`. */
  id: string;
  /** Why it is benign, as the analyst wrote it. */
  reason?: string;
}

export type BetweennessMode = 'auto' | 'exact' | 'sampled';

export interface AnalysisParameters {
  /** Seed of every random choice (Louvain's node order, betweenness pivots). */
  seed: number;
  /** Louvain resolution γ: above 1 gives more, smaller communities. */
  resolution: number;
  /** A ring is a community (connected part) with at least this many persons. */
  minPersons: number;
  /**
   * A person counts as a ring member when at least this many distinct
   * neighbours (persons, or identifiers shared with other members) tie them
   * to the ring; persons with fewer are listed as associates. 1 keeps
   * everyone Louvain put there.
   */
  minTies: number;
  /** Louvain runs with different seeded node orders; the partition of highest modularity is kept. */
  louvainRuns: number;
  /** Overrides of the link-kind weights of LINK_KINDS (strengths, not distances). */
  linkWeights: Partial<Record<LinkKind, number>>;
  /** Kinds that can be hubs. */
  hubKinds: EntityKind[];
  /** A hub has at least this many distinct neighbours… */
  hubMinDegree: number;
  /** …and at least `hubDegreeFactor` × the `hubQuantile` quantile of shared-identifier degrees. */
  hubDegreeFactor: number;
  hubQuantile: number;
  /** Below the degree threshold: an entity used by at least this many persons… */
  hubStrangerMinPersons: number;
  /** …is a hub when fewer than this share of them share anything else with one another. */
  hubStrangerShare: number;
  /** Known benign identifiers: always hubs. */
  hubAllowList: HubAllowListEntry[];
  /** A ring keeps its id when more than this share of the previous ring's persons are in it. */
  ringMatchShare: number;
  /** A previous ring counts in a split or merge when at least this share of its persons went there. */
  ringEventShare: number;
  /** A node connects a ring when at least this share of its ties into rings go to that ring. */
  bridgeMinShare: number;
  /** Summed link weight into a ring that makes a broker's tie to it strong (ranking tiers). */
  strongTie: number;
  /** Brokers listed in the result. */
  brokerLimit: number;
  /** exact everywhere, sampled everywhere, or auto: exact while the work fits `betweennessExactWork`. */
  betweenness: BetweennessMode;
  /** Total Brandes work (Σ sources × (nodes + edges)) that auto mode spends on exact components. */
  betweennessExactWork: number;
  /** Sources per sampling round. */
  pivotBatch: number;
  minPivots: number;
  maxPivots: number;
  /** Sampling stops when the top `brokerLimit` has been the same for this many rounds. */
  stableRounds: number;
  /** The betweenness error bound holds with probability 1 − delta. */
  errorDelta: number;
  pagerankDamping: number;
  /**
   * Evidence floor: a community with enough persons but a score below this
   * is listed as a weak cluster, not a ring (a household and their travel
   * agent are three persons, not a ring).
   */
  minScore: number;
  /** Evidence points at which the ring score reaches 63 (1 − 1/e) of its cap. */
  ringScoreScale: number;
}

export interface AnalysisOptions extends AnalysisParameters {
  /** Put wall-clock timings into `run.timings` (the only non-deterministic field). */
  timings: boolean;
  /** The ringlink version recorded in the run. */
  softwareVersion: string;
}

/** What callers may pass: any subset, allow-list entries also as bare ids. */
export type AnalysisOptionsInput = Partial<Omit<AnalysisOptions, 'hubAllowList'>> & {
  hubAllowList?: ReadonlyArray<HubAllowListEntry | string>;
};

export const DEFAULT_HUB_KINDS: readonly EntityKind[] = ['Phone', 'BankAccount', 'Document', 'Email', 'Address', 'Organization'];

export const ANALYSIS_DEFAULTS: Readonly<AnalysisOptions> = Object.freeze({
  seed: 1,
  resolution: 1,
  minPersons: 3,
  minTies: 2,
  louvainRuns: 5,
  linkWeights: Object.freeze({}) as Partial<Record<LinkKind, number>>,
  hubKinds: DEFAULT_HUB_KINDS as EntityKind[],
  hubMinDegree: 30,
  hubDegreeFactor: 5,
  hubQuantile: 0.9,
  hubStrangerMinPersons: 8,
  hubStrangerShare: 0.5,
  hubAllowList: Object.freeze([]) as unknown as HubAllowListEntry[],
  ringMatchShare: 0.5,
  ringEventShare: 0.25,
  bridgeMinShare: 0.1,
  strongTie: 3,
  brokerLimit: 25,
  betweenness: 'auto' as BetweennessMode,
  betweennessExactWork: 1e8,
  pivotBatch: 32,
  minPivots: 128,
  maxPivots: 1024,
  stableRounds: 4,
  errorDelta: 0.05,
  pagerankDamping: 0.85,
  ringScoreScale: 40,
  minScore: 30,
  timings: true,
  softwareVersion: 'unknown',
});

const KNOWN = new Set(Object.keys(ANALYSIS_DEFAULTS));

function fail(message: string, details?: unknown): never {
  throw new RinglinkError('INVALID_ARGUMENT', `analysis: ${message}`, { details });
}

function num(name: string, value: unknown, min: number, max: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} must be a number, got ${JSON.stringify(value)}`);
  if (integer && !Number.isInteger(value)) fail(`${name} must be an integer, got ${value}`);
  if (value < min || value > max) fail(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * User values over ANALYSIS_DEFAULTS, validated. Keys whose value is
 * `undefined` count as absent (so CLI parsers can pass every flag).
 */
export function resolveAnalysisOptions(partial: AnalysisOptionsInput = {}): AnalysisOptions {
  if (partial === null || typeof partial !== 'object') fail('options must be an object');
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(partial)) {
    if (!KNOWN.has(k)) fail(`unknown option "${k}" (known: ${[...KNOWN].join(', ')})`);
    if (v !== undefined) given[k] = v;
  }
  const d = ANALYSIS_DEFAULTS;
  const pick = (k: keyof AnalysisOptions): unknown => (given[k] !== undefined ? given[k] : d[k]);

  const seed = pick('seed');
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) fail(`seed must be a safe integer, got ${JSON.stringify(seed)}`);

  const linkWeightsIn = pick('linkWeights');
  if (linkWeightsIn === null || typeof linkWeightsIn !== 'object' || Array.isArray(linkWeightsIn)) fail('linkWeights must be an object of link kind → weight');
  const linkWeights: Partial<Record<LinkKind, number>> = {};
  for (const k of Object.keys(linkWeightsIn as object).sort()) {
    if (!isLinkKind(k)) fail(`linkWeights: unknown link kind "${k}"`);
    linkWeights[k] = num(`linkWeights.${k}`, (linkWeightsIn as Record<string, unknown>)[k], 0, 1e6);
  }

  const hubKindsIn = pick('hubKinds');
  if (!Array.isArray(hubKindsIn)) fail('hubKinds must be an array of entity kinds');
  const hubKinds: EntityKind[] = [];
  for (const k of hubKindsIn as unknown[]) {
    if (typeof k !== 'string' || !isEntityKind(k)) fail(`hubKinds: unknown entity kind ${JSON.stringify(k)} (known: ${ENTITY_KIND_NAMES.join(', ')})`);
    if (!hubKinds.includes(k)) hubKinds.push(k);
  }
  hubKinds.sort((a, b) => ENTITY_KIND_NAMES.indexOf(a) - ENTITY_KIND_NAMES.indexOf(b));

  const allowIn = pick('hubAllowList');
  if (!Array.isArray(allowIn)) fail('hubAllowList must be an array of { id, reason? } or ids');
  const allow = new Map<string, HubAllowListEntry>();
  for (const entry of allowIn as unknown[]) {
    const e = typeof entry === 'string' ? { id: entry } : entry;
    if (e === null || typeof e !== 'object' || typeof (e as HubAllowListEntry).id !== 'string' || (e as HubAllowListEntry).id === '') {
      fail(`hubAllowList: each entry must be an entity id or { id, reason }, got ${JSON.stringify(entry)}`);
    }
    const { id, reason } = e as HubAllowListEntry;
    if (!id.includes(':')) fail(`hubAllowList: "${id}" is not an entity id (expected e.g. phone:+923001234567)`);
    if (reason !== undefined && typeof reason !== 'string') fail(`hubAllowList: reason of ${id} must be a string`);
    if (!allow.has(id)) allow.set(id, reason ? { id, reason } : { id });
  }
  const hubAllowList = [...allow.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const betweenness = pick('betweenness');
  if (betweenness !== 'auto' && betweenness !== 'exact' && betweenness !== 'sampled') fail(`betweenness must be auto, exact or sampled, got ${JSON.stringify(betweenness)}`);

  const timings = pick('timings');
  if (typeof timings !== 'boolean') fail('timings must be a boolean');
  const softwareVersion = pick('softwareVersion');
  if (typeof softwareVersion !== 'string') fail('softwareVersion must be a string');

  const options: AnalysisOptions = {
    seed,
    resolution: num('resolution', pick('resolution'), 1e-6, 1e6),
    minPersons: num('minPersons', pick('minPersons'), 1, 1e9, true),
    minTies: num('minTies', pick('minTies'), 1, 1000, true),
    louvainRuns: num('louvainRuns', pick('louvainRuns'), 1, 1000, true),
    linkWeights,
    hubKinds,
    hubMinDegree: num('hubMinDegree', pick('hubMinDegree'), 2, 1e9, true),
    hubDegreeFactor: num('hubDegreeFactor', pick('hubDegreeFactor'), 0, 1e6),
    hubQuantile: num('hubQuantile', pick('hubQuantile'), 0, 1),
    hubStrangerMinPersons: num('hubStrangerMinPersons', pick('hubStrangerMinPersons'), 2, 1e9, true),
    hubStrangerShare: num('hubStrangerShare', pick('hubStrangerShare'), 0, 1),
    hubAllowList,
    ringMatchShare: num('ringMatchShare', pick('ringMatchShare'), 0, 1),
    ringEventShare: num('ringEventShare', pick('ringEventShare'), 0, 1),
    bridgeMinShare: num('bridgeMinShare', pick('bridgeMinShare'), 0, 1),
    strongTie: num('strongTie', pick('strongTie'), 0, 1e9),
    brokerLimit: num('brokerLimit', pick('brokerLimit'), 0, 1e6, true),
    betweenness,
    betweennessExactWork: num('betweennessExactWork', pick('betweennessExactWork'), 0, 1e15),
    pivotBatch: num('pivotBatch', pick('pivotBatch'), 1, 1e6, true),
    minPivots: num('minPivots', pick('minPivots'), 1, 1e9, true),
    maxPivots: num('maxPivots', pick('maxPivots'), 1, 1e9, true),
    stableRounds: num('stableRounds', pick('stableRounds'), 1, 1e6, true),
    errorDelta: num('errorDelta', pick('errorDelta'), 1e-12, 0.5),
    pagerankDamping: num('pagerankDamping', pick('pagerankDamping'), 0, 0.999),
    ringScoreScale: num('ringScoreScale', pick('ringScoreScale'), 1e-6, 1e9),
    minScore: num('minScore', pick('minScore'), 0, 100),
    timings,
    softwareVersion,
  };
  if (options.ringEventShare > options.ringMatchShare) fail(`ringEventShare (${options.ringEventShare}) must not exceed ringMatchShare (${options.ringMatchShare})`);
  if (options.minPivots > options.maxPivots) fail(`minPivots (${options.minPivots}) must not exceed maxPivots (${options.maxPivots})`);
  return options;
}

/** The part of the options that can change a result (what the run record keeps). */
export function analysisParameters(options: AnalysisOptions): AnalysisParameters {
  const { timings: _t, softwareVersion: _s, ...parameters } = options;
  return parameters;
}
