import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { encodeProps, int, param, toSafeNumber } from './integers.js';

describe('integers', () => {
  it('sends integral numbers as Neo4j integers and the rest unchanged', () => {
    expect(neo4j.isInt(param(3))).toBe(true);
    expect(param(2.5)).toBe(2.5);
    expect(param('3')).toBe('3');
    const props = encodeProps({ count: 2, amount: 10.5, name: 'x', list: ['a'] }, new Set(['name']));
    expect(neo4j.isInt(props.count)).toBe(true);
    expect(props).toMatchObject({ amount: 10.5, list: ['a'] });
    expect(props).not.toHaveProperty('name');
  });

  it('refuses unsafe integers for LIMIT and counts', () => {
    expect(() => int(2 ** 53)).toThrow(/safe integer/);
    expect(() => int(1.5)).toThrow();
  });

  it('reads numbers back exactly', () => {
    expect(toSafeNumber(7)).toBe(7);
    expect(toSafeNumber(neo4j.int(7))).toBe(7);
    expect(() => toSafeNumber(neo4j.int('9007199254740993'))).toThrow(/safe range/);
    expect(() => toSafeNumber('7')).toThrow();
  });
});
