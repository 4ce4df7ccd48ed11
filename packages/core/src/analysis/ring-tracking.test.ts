import { describe, expect, it } from 'vitest';
import { formatRingId, trackRings } from './ring-tracking.js';

const opts = { ringMatchShare: 0.5, ringEventShare: 0.25 };
const persons = (prefix: string, n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `person:cnic:${prefix}${i + from}`);

describe('trackRings', () => {
  it('numbers rings R-0001… on a first run', () => {
    const t = trackRings([persons('a', 4), persons('b', 3)], undefined, opts);
    expect(t.ids).toEqual(['R-0001', 'R-0002']);
    expect(t.events).toEqual([
      { type: 'new', id: 'R-0001', persons: 4, fromRings: [] },
      { type: 'new', id: 'R-0002', persons: 3, fromRings: [] },
    ]);
    expect(t.nextRingNumber).toBe(3);
    expect(formatRingId(12345)).toBe('R-12345');
  });

  it('keeps ids when members mostly carry over, and records splits, merges, new and dissolved rings', () => {
    const previous = {
      run: { id: 'run-prev', nextRingNumber: 9 },
      rings: [
        { id: 'R-0001', members: persons('a', 10) }, // grows
        { id: 'R-0002', members: persons('b', 10) }, // splits 6 / 4
        { id: 'R-0003', members: persons('c', 6) }, // merges into R-0004's successor
        { id: 'R-0004', members: persons('d', 8) },
        { id: 'R-0005', members: persons('e', 5) }, // dissolves
      ],
    };
    const current = [
      [...persons('a', 10), ...persons('a', 5, 100)],
      persons('b', 6),
      persons('b', 4, 6),
      [...persons('d', 8), ...persons('c', 6)],
      persons('f', 3),
    ];
    const t = trackRings(current, previous, opts);
    expect(t.ids).toEqual(['R-0001', 'R-0002', 'R-0009', 'R-0004', 'R-0010']);
    expect(t.previousRunId).toBe('run-prev');
    expect(t.nextRingNumber).toBe(11);
    expect(t.events).toEqual([
      { type: 'continued', id: 'R-0001', persons: 15, kept: 10, joined: 5, left: 0 },
      { type: 'continued', id: 'R-0002', persons: 6, kept: 6, joined: 0, left: 4 },
      { type: 'new', id: 'R-0009', persons: 4, fromRings: ['R-0002'] },
      { type: 'continued', id: 'R-0004', persons: 14, kept: 8, joined: 6, left: 0 },
      { type: 'new', id: 'R-0010', persons: 3, fromRings: [] },
      { type: 'merged', into: 'R-0004', from: ['R-0003', 'R-0004'], shares: [1, 1] },
      { type: 'split', from: 'R-0002', into: ['R-0002', 'R-0009'], shares: [0.6, 0.4] },
      { type: 'dissolved', id: 'R-0005', persons: 5, remainingInRings: 0 },
    ]);
  });

  it('never reuses the number of a dissolved ring', () => {
    const previous = { rings: [{ id: 'R-0003', members: persons('x', 3) }], ringEvents: [{ type: 'dissolved', id: 'R-0007' }] };
    const t = trackRings([persons('y', 3)], previous, opts);
    expect(t.ids).toEqual(['R-0008']);
  });
});
