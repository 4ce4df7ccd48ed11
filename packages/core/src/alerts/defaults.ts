/**
 * Options of the alert rules: the interface, `ALERT_DEFAULTS`, and the one
 * function that resolves user values over the defaults and validates them
 * (messages start with "alerts:").
 */
import { LINK_KIND_NAMES, RinglinkError, isLinkKind, isPhoneRegion, type CountryCode, type LinkKind } from '@ringlink/model';

export interface AlertOptions {
  /** Link kinds that can raise joined-ring and bridged-rings alerts (POSSIBLY_SAME_AS is a guess for an analyst, not a tie). */
  ringLinkKinds: LinkKind[];
  /** Weight of the ring score (0–100) in the severity score. */
  ringWeight: number;
  /** Points a listed broker of rank 1 adds (× 1/√rank). */
  brokerWeight: number;
  /** Points added when two rings are bridged. */
  bridgeBonus: number;
  /** Severity score of a watch-list hit outside any ring; ring-based points are scaled into the rest. */
  watchlistBase: number;
  /** Severity score thresholds (≥) of the levels. */
  levels: { critical: number; high: number; medium: number };
  /** Most links, records and watch entries kept on one candidate. */
  maxLinksPerAlert: number;
  /** Region for watch-list phone numbers typed without a country code. */
  phoneRegion: CountryCode;
}

export const ALERT_DEFAULTS: Readonly<AlertOptions> = Object.freeze({
  ringLinkKinds: LINK_KIND_NAMES.filter((k) => k !== 'POSSIBLY_SAME_AS'),
  ringWeight: 0.75,
  brokerWeight: 25,
  bridgeBonus: 10,
  watchlistBase: 60,
  levels: Object.freeze({ critical: 80, high: 60, medium: 40 }),
  maxLinksPerAlert: 20,
  phoneRegion: 'PK' as CountryCode,
});

function fail(message: string): never {
  throw new RinglinkError('INVALID_ARGUMENT', `alerts: ${message}`);
}

function num(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** User values over ALERT_DEFAULTS, validated. `undefined` counts as absent. */
export function resolveAlertOptions(partial: Partial<AlertOptions> = {}): AlertOptions {
  const known = new Set(Object.keys(ALERT_DEFAULTS));
  for (const k of Object.keys(partial)) if (!known.has(k)) fail(`unknown option "${k}" (known: ${[...known].join(', ')})`);
  const pick = <K extends keyof AlertOptions>(k: K): AlertOptions[K] => (partial[k] !== undefined ? partial[k]! : ALERT_DEFAULTS[k]);
  const kinds = pick('ringLinkKinds');
  if (!Array.isArray(kinds)) fail('ringLinkKinds must be an array of link kinds');
  for (const k of kinds) if (!isLinkKind(k)) fail(`ringLinkKinds: unknown link kind ${JSON.stringify(k)}`);
  const levels = pick('levels');
  const critical = num('levels.critical', levels?.critical, 0, 100);
  const high = num('levels.high', levels?.high, 0, 100);
  const medium = num('levels.medium', levels?.medium, 0, 100);
  if (!(medium <= high && high <= critical)) fail('levels must satisfy medium ≤ high ≤ critical');
  const region = pick('phoneRegion');
  if (!isPhoneRegion(region)) fail(`phoneRegion must be a region libphonenumber knows, got ${JSON.stringify(region)}`);
  const maxLinks = num('maxLinksPerAlert', pick('maxLinksPerAlert'), 1, 10_000);
  if (!Number.isInteger(maxLinks)) fail('maxLinksPerAlert must be a whole number');
  return {
    ringLinkKinds: [...new Set(kinds)],
    ringWeight: num('ringWeight', pick('ringWeight'), 0, 1),
    brokerWeight: num('brokerWeight', pick('brokerWeight'), 0, 100),
    bridgeBonus: num('bridgeBonus', pick('bridgeBonus'), 0, 100),
    watchlistBase: num('watchlistBase', pick('watchlistBase'), 0, 100),
    levels: { critical, high, medium },
    maxLinksPerAlert: maxLinks,
    phoneRegion: region,
  };
}
