import { describe, expect, it } from 'vitest';
import { linkByEnds, parseLinkId } from './evidence.js';

describe('link ids', () => {
  it('splits a link id on its declared type, whatever the ids contain', () => {
    expect(parseLinkId('person:record:applications:A|B:agent|USES_PHONE|phone:+923001234567')).toEqual({
      from: 'person:record:applications:A|B:agent', type: 'USES_PHONE', to: 'phone:+923001234567',
    });
    expect(() => parseLinkId('a|KNOWS|b')).toThrow(/not a link id/);
  });

  it('matches undirected kinds either way and resolves aliases', () => {
    expect(linkByEnds({ from: 'a', type: 'ASSOCIATE_OF', to: 'b' }).text).toContain('-[r:ASSOCIATE_OF]-(b');
    const directed = linkByEnds({ from: 'a', type: 'PAID', to: 'b' });
    expect(directed.text).toContain('-[r:PAID]->(b');
    expect(directed.text).toContain('ALIAS_OF');
    expect(directed.params).toEqual({ from: 'a', to: 'b' });
  });
});
