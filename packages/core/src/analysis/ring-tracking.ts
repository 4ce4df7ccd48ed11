/**
 * Ring tracking: matches this run's rings to the previous run's by the
 * persons they share, so R-0007 stays R-0007 as it grows, and records what
 * happened to every ring.
 *
 * - A ring keeps a previous ring's id when more than `ringMatchShare` of
 *   that previous ring's persons are in it ("its members mostly carry
 *   over"). Rings are disjoint, so a previous ring can pass its id to one
 *   ring at most; when several previous rings qualify for one ring (they
 *   merged), the one with most persons carried over wins (then the lower id).
 * - A previous ring *counts* towards a ring when at least `ringEventShare`
 *   of its persons went there. Two or more counting successors make a
 *   `split`; two or more counting predecessors make a `merged`.
 * - Every current ring gets one `continued` or `new` event; a previous ring
 *   that is neither continued, nor merged into a ring, nor split is
 *   `dissolved`.
 * - New rings are numbered from the previous run's `nextRingNumber` in the
 *   order given (ids are never reused).
 * - Overlaps (and `kept`, `joined`, `left`) count person entities; an
 *   event's `persons` is the ring's distinct persons.
 */
import type { PreviousAnalysis, RingEvent } from './types.js';

export interface TrackingOptions {
  ringMatchShare: number;
  ringEventShare: number;
}

export interface TrackedRings {
  /** Ring id of each current ring, in the order given. */
  ids: string[];
  events: RingEvent[];
  nextRingNumber: number;
  previousRunId: string | null;
}

export function formatRingId(n: number): string {
  return `R-${String(n).padStart(4, '0')}`;
}

export function ringNumber(id: string): number | undefined {
  const m = /^R-(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

function idOrder(a: string, b: string): number {
  const na = ringNumber(a);
  const nb = ringNumber(b);
  if (na !== undefined && nb !== undefined && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * @param current person entity ids of each current ring, in output order
 *   (overlaps are counted on them); `counts` gives the distinct persons each
 *   ring reports (default: the number of ids)
 * @param previous the previous run's result, or undefined for a first run
 */
export function trackRings(
  current: ReadonlyArray<readonly string[]>,
  previous: PreviousAnalysis | undefined,
  options: TrackingOptions,
  counts?: readonly number[],
): TrackedRings {
  const prev = (previous?.rings ?? []).map((r) => ({
    id: r.id,
    persons: r.personIds ?? r.members.filter((m) => m.startsWith('person:')),
  }));
  let next = 1;
  if (typeof previous?.run?.nextRingNumber === 'number') next = previous.run.nextRingNumber;
  for (const r of prev) next = Math.max(next, (ringNumber(r.id) ?? 0) + 1);
  for (const ev of previous?.ringEvents ?? []) {
    for (const id of [ev.id, ev.into, ev.from].flat()) if (typeof id === 'string') next = Math.max(next, (ringNumber(id) ?? 0) + 1);
  }

  const personPrev = new Map<string, number>();
  prev.forEach((r, i) => { for (const p of r.persons) personPrev.set(p, i); });

  // shared[j] : prev index → persons carried over into current ring j
  const shared: Array<Map<number, number>> = current.map((persons) => {
    const m = new Map<number, number>();
    for (const p of persons) {
      const i = personPrev.get(p);
      if (i !== undefined) m.set(i, (m.get(i) ?? 0) + 1);
    }
    return m;
  });
  const share = (i: number, j: number): number => (shared[j]!.get(i) ?? 0) / Math.max(1, prev[i]!.persons.length);

  const ids: string[] = new Array(current.length);
  const continuedFrom: number[] = new Array(current.length).fill(-1);
  const prevContinued = new Uint8Array(prev.length);
  current.forEach((_, j) => {
    let best = -1;
    for (const [i, s] of shared[j]!) {
      if (share(i, j) <= options.ringMatchShare) continue;
      if (best === -1) { best = i; continue; }
      const sb = shared[j]!.get(best)!;
      if (s > sb || (s === sb && idOrder(prev[i]!.id, prev[best]!.id) < 0)) best = i;
    }
    if (best !== -1) {
      continuedFrom[j] = best;
      prevContinued[best] = 1;
      ids[j] = prev[best]!.id;
    }
  });
  current.forEach((_, j) => { if (continuedFrom[j] === -1) ids[j] = formatRingId(next++); });

  const counting = (j: number): number[] =>
    [...shared[j]!.keys()].filter((i) => share(i, j) >= options.ringEventShare).sort((a, b) => idOrder(prev[a]!.id, prev[b]!.id));

  const events: RingEvent[] = [];
  current.forEach((persons, j) => {
    const i = continuedFrom[j]!;
    if (i !== -1) {
      const kept = shared[j]!.get(i)!;
      events.push({ type: 'continued', id: ids[j]!, persons: counts?.[j] ?? persons.length, kept, joined: persons.length - kept, left: prev[i]!.persons.length - kept });
    } else {
      events.push({ type: 'new', id: ids[j]!, persons: counts?.[j] ?? persons.length, fromRings: counting(j).map((k) => prev[k]!.id) });
    }
  });
  const mergedFrom = new Uint8Array(prev.length);
  const merges: RingEvent[] = [];
  current.forEach((_, j) => {
    const from = counting(j);
    if (from.length < 2) return;
    for (const i of from) mergedFrom[i] = 1;
    merges.push({ type: 'merged', into: ids[j]!, from: from.map((i) => prev[i]!.id), shares: from.map((i) => round3(share(i, j))) });
  });
  merges.sort((a, b) => idOrder((a as { into: string }).into, (b as { into: string }).into));
  const splits: RingEvent[] = [];
  const splitFrom = new Uint8Array(prev.length);
  const order = prev.map((_, i) => i).sort((a, b) => idOrder(prev[a]!.id, prev[b]!.id));
  const dissolved: RingEvent[] = [];
  for (const i of order) {
    const into: number[] = [];
    current.forEach((_, j) => { if (share(i, j) >= options.ringEventShare) into.push(j); });
    into.sort((a, b) => idOrder(ids[a]!, ids[b]!));
    if (into.length >= 2) {
      splitFrom[i] = 1;
      splits.push({ type: 'split', from: prev[i]!.id, into: into.map((j) => ids[j]!), shares: into.map((j) => round3(share(i, j))) });
    }
    if (!prevContinued[i] && !mergedFrom[i] && !splitFrom[i]) {
      let remaining = 0;
      for (const m of shared) remaining += m.get(i) ?? 0;
      dissolved.push({ type: 'dissolved', id: prev[i]!.id, persons: prev[i]!.persons.length, remainingInRings: remaining });
    }
  }
  events.push(...merges, ...splits, ...dissolved);
  return { ids, events, nextRingNumber: next, previousRunId: previous?.run?.id ?? null };
}
