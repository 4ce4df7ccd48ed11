import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, ENTITY_KIND_NAMES } from '@ringlink/model';
import { checkSchema, schemaPlan, schemaStatement, type ExistingConstraint, type ExistingIndex } from './schema.js';

describe('schemaPlan', () => {
  it('has the id constraint and one index per declared identifier of every kind', () => {
    const plan = schemaPlan();
    expect(plan[0]).toMatchObject({ type: 'UNIQUENESS', label: 'Entity', property: 'id' });
    for (const kind of ENTITY_KIND_NAMES) {
      for (const prop of ENTITY_KINDS[kind].identifiers) {
        expect(plan.some((i) => i.type === 'RANGE' && i.label === kind && i.property === prop), `${kind}.${prop}`).toBe(true);
      }
    }
    expect(new Set(plan.map((i) => i.name)).size).toBe(plan.length);
  });

  it('writes idempotent DDL', () => {
    const [constraint, index] = [schemaPlan()[0]!, schemaPlan().find((i) => i.type === 'RANGE')!];
    expect(schemaStatement(constraint)).toBe('CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE');
    expect(schemaStatement(index)).toMatch(/^CREATE INDEX \w+ IF NOT EXISTS FOR \(n:\w+\) ON \(n\.\w+\)$/);
  });
});

describe('checkSchema', () => {
  it('reports every missing or offline item at once', () => {
    const plan = schemaPlan().slice(0, 3);
    const range = schemaPlan().filter((i) => i.type === 'RANGE').slice(0, 2);
    const constraints: ExistingConstraint[] = [{ name: 'c', type: 'UNIQUENESS', labelsOrTypes: [plan[0]!.label], properties: [plan[0]!.property] }];
    const indexes: ExistingIndex[] = [
      { name: 'c', type: 'RANGE', entityType: 'NODE', labelsOrTypes: [plan[0]!.label], properties: [plan[0]!.property], state: 'POPULATING', owningConstraint: 'c' },
      { name: 'x', type: 'RANGE', entityType: 'NODE', labelsOrTypes: [range[0]!.label], properties: [range[0]!.property], state: 'ONLINE', owningConstraint: null },
    ];
    const problems = checkSchema([...plan, ...range], constraints, indexes);
    expect(problems).toEqual([
      'index of constraint c is POPULATING, not ONLINE',
      expect.stringContaining(`missing uniqueness constraint on :${plan[1]!.label}(${plan[1]!.property})`),
      expect.stringContaining(`missing uniqueness constraint on :${plan[2]!.label}(${plan[2]!.property})`),
      expect.stringContaining(`missing index on :${range[1]!.label}(${range[1]!.property})`),
    ]);
  });
});
