import { describe, expect, it } from 'vitest';
import { neighborLevel } from './neighbors.js';
import { shortestPathQuery } from './paths.js';

describe('read queries', () => {
  it('search shortest paths around hubs, the depth a checked literal', () => {
    const q = shortestPathQuery('a', 'b', { includeHubs: false, maxDepth: 4, limit: 10, hubDegree: 100 });
    expect(q.text).toContain('ALL SHORTEST');
    expect(q.text).toContain('{1,4}');
    expect(q.text).toContain('NOT coalesce(y.isHub, false)');
    expect(q.params).toMatchObject({ from: 'a', to: 'b', includeHubs: false });
    expect(() => shortestPathQuery('a', 'b', { includeHubs: false, maxDepth: 11, limit: 1, hubDegree: 1 })).toThrow(/maxDepth/);
    expect(() => shortestPathQuery('a', 'b', { includeHubs: false, maxDepth: 2.5, limit: 1, hubDegree: 1 })).toThrow(/maxDepth/);
  });

  it('expand a frontier with a per-node cap, link kinds from the model', () => {
    const q = neighborLevel(['x'], { kinds: ['Phone'], linkKinds: ['USES_PHONE'], cap: 25 });
    expect(q.text).toContain('[r:USES_PHONE]');
    expect(q.text).toContain('LIMIT $cap');
    expect(q.params).toMatchObject({ ids: ['x'], kinds: ['Phone'] });
    expect(() => neighborLevel(['x'], { kinds: null, linkKinds: ['KNOWS'], cap: 1 })).toThrow(/unknown link kind/);
  });
});
