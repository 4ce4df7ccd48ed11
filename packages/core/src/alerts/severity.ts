/**
 * Alert severity, from the ring score and the broker score of the member
 * the new link touches:
 *
 *   broker factor  b = 1/√brokerRank for a listed broker, else 0
 *   joined-ring    s = ringWeight × ringScore + brokerWeight × b(member)
 *   bridged-rings  s = ringWeight × max(score₁, score₂) + brokerWeight × max(b(u), b(v)) + bridgeBonus
 *   watchlist-hit  s = watchlistBase + (100 − watchlistBase)/100 × (ringWeight × maxRingScore + brokerWeight × b(entity))
 *
 * capped to 0–100 and rounded to one decimal; levels by `options.levels`
 * (defaults: critical ≥ 80, high ≥ 60, medium ≥ 40, else low). With the
 * defaults a ring scoring 92 joined through an ordinary member is 69
 * (high); through the rank-1 broker 94 (critical); a weak ring of 45
 * through an ordinary member is 33.8 (low).
 */
import type { AlertOptions } from './defaults.js';
import type { AlertRule, Severity, SeverityParts } from './types.js';

export interface SeverityInput {
  rule: AlertRule;
  /** Ring scores involved (one for joined-ring, two for bridged-rings, the entity's rings for a watch-list hit). */
  ringScores: readonly number[];
  /** Broker ranks of the members touched (null: not a broker). */
  brokerRanks: ReadonlyArray<number | null>;
}

export const brokerFactor = (rank: number | null): number => (rank !== null && rank >= 1 ? 1 / Math.sqrt(rank) : 0);

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function severityLevel(score: number, levels: AlertOptions['levels']): Severity {
  if (score >= levels.critical) return 'critical';
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  return 'low';
}

export function severityOf(input: SeverityInput, options: AlertOptions): { severity: Severity; score: number; parts: SeverityParts } {
  const ringScore = input.ringScores.length > 0 ? Math.max(...input.ringScores) : 0;
  let bestRank: number | null = null;
  for (const r of input.brokerRanks) if (r !== null && r >= 1 && (bestRank === null || r < bestRank)) bestRank = r;
  const b = brokerFactor(bestRank);
  const ringPart = options.ringWeight * ringScore + options.brokerWeight * b;
  let score: number;
  let formula: string;
  switch (input.rule) {
    case 'joined-ring':
      score = ringPart;
      formula = `${options.ringWeight} × ring score ${round1(ringScore)} + ${options.brokerWeight} × broker factor ${b.toFixed(3)}`;
      break;
    case 'bridged-rings':
      score = ringPart + options.bridgeBonus;
      formula = `${options.ringWeight} × higher ring score ${round1(ringScore)} + ${options.brokerWeight} × broker factor ${b.toFixed(3)} + bridge ${options.bridgeBonus}`;
      break;
    case 'watchlist-hit':
      score = options.watchlistBase + ((100 - options.watchlistBase) / 100) * ringPart;
      formula = `watch list ${options.watchlistBase} + ${(100 - options.watchlistBase) / 100} × (${options.ringWeight} × ring score ${round1(ringScore)} + ${options.brokerWeight} × broker factor ${b.toFixed(3)})`;
      break;
  }
  score = round1(Math.max(0, Math.min(100, score)));
  return {
    severity: severityLevel(score, options.levels),
    score,
    parts: { ringScore: round1(ringScore), brokerFactor: Math.round(b * 1000) / 1000, brokerRank: bestRank, formula },
  };
}
