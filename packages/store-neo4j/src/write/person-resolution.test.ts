import { describe, expect, it } from 'vitest';
import type { Entity, Evidence, Link, ResolvedGraph } from '@ringlink/model';
import { betterPersonId, planPersons } from './person-resolution.js';

const ev = (n: number): Evidence => ({ source: 'applications', file: 'b.csv', fileSha256: 'f'.repeat(64), row: n, recordId: `APP-${n}`, recordSha256: String(n).repeat(64).slice(0, 64), observedAt: null });
const person = (id: string, aliases: string[] = [], props: Entity['props'] = {}, evidence = [ev(1)]): Entity => ({ id, kind: 'Person', roles: ['Applicant'], props, evidence, aliases });
const uses = (from: string, to: string, e = ev(1)): Link => ({ id: `${from}|USES_PHONE|${to}`, type: 'USES_PHONE', from, to, props: { count: 1 }, evidence: [e] });

describe('betterPersonId', () => {
  it('follows the id rule: CNIC over passport over record, then the smaller id', () => {
    expect(betterPersonId('person:cnic:2', 'person:passport:PAK:A1')).toBe(true);
    expect(betterPersonId('person:passport:PAK:A1', 'person:record:applications:APP-1:agent')).toBe(true);
    expect(betterPersonId('person:cnic:1', 'person:cnic:2')).toBe(true);
  });
});

describe('planPersons', () => {
  it('changes nothing when no batch person is stored under another id', () => {
    const graph: ResolvedGraph = { entities: [person('person:cnic:1')], links: [], merges: [] };
    const plan = planPersons(graph, new Map([['person:cnic:1', 'person:cnic:1']]));
    expect(plan.graph).toBe(graph);
    expect(plan.storeMerges).toEqual([]);
  });

  it('renames a batch person to the stored person one of its ids resolves to', () => {
    const graph: ResolvedGraph = {
      entities: [person('person:passport:PAK:A1'), { id: 'phone:+92', kind: 'Phone', roles: [], props: {}, evidence: [ev(1)], aliases: [] }],
      links: [uses('person:passport:PAK:A1', 'phone:+92')],
      merges: [],
    };
    const plan = planPersons(graph, new Map([['person:passport:PAK:A1', 'person:cnic:1']]));
    expect(plan.storeMerges).toEqual([]);
    expect(plan.renamed).toEqual(new Map([['person:passport:PAK:A1', 'person:cnic:1']]));
    expect(plan.graph.entities.map((e) => [e.id, e.aliases])).toEqual([['person:cnic:1', ['person:passport:PAK:A1']], ['phone:+92', []]]);
    expect(plan.graph.links.map((l) => l.id)).toEqual(['person:cnic:1|USES_PHONE|phone:+92']);
  });

  it('merges two stored persons a batch person ties, into the best id, citing the first record naming the shared id', () => {
    const p = person('person:cnic:1', ['person:passport:PAK:A1'], { cnic: '1', passportKeys: ['PAK:A1'] }, [ev(7)]);
    const stored = new Map([['person:cnic:1', 'person:cnic:1'], ['person:passport:PAK:A1', 'person:passport:PAK:A1']]);
    const plan = planPersons({ entities: [p], links: [], merges: [] }, stored, { firstMention: (k) => (k === 'person:passport:PAK:A1' ? ev(9) : undefined) });
    expect(plan.storeMerges).toEqual([
      { from: 'person:passport:PAK:A1', into: 'person:cnic:1', reason: expect.stringContaining('person:passport:PAK:A1'), evidence: ev(9) },
    ]);
    expect(plan.graph.entities[0]!.aliases).toEqual(['person:passport:PAK:A1']);
  });

  it('folds two batch persons that turn out to be one stored person, combining their links', () => {
    const a = person('person:passport:PAK:A1', [], { names: ['Ali'] }, [ev(1)]);
    const b = person('person:passport:PAK:B2', [], { names: ['Aly'] }, [ev(2)]);
    const graph: ResolvedGraph = {
      entities: [a, b, { id: 'phone:+92', kind: 'Phone', roles: [], props: {}, evidence: [ev(1), ev(2)], aliases: [] }],
      links: [uses(a.id, 'phone:+92', ev(1)), uses(b.id, 'phone:+92', ev(2))],
      merges: [],
    };
    const stored = new Map([[a.id, 'person:cnic:1'], [b.id, 'person:cnic:1']]);
    const plan = planPersons(graph, stored);
    const merged = plan.graph.entities.find((e) => e.id === 'person:cnic:1')!;
    expect(merged.props.names).toEqual(['Ali', 'Aly']);
    expect(merged.evidence.map((e) => e.row)).toEqual([1, 2]);
    expect(merged.aliases).toEqual([a.id, b.id]);
    expect(plan.graph.links).toHaveLength(1);
    expect(plan.graph.links[0]).toMatchObject({ from: 'person:cnic:1', props: { count: 2 } });
  });

  it('drops links that become self-loops and keeps undirected links in sorted order', () => {
    const a = person('person:passport:PAK:A1');
    const b = person('person:passport:PAK:B2');
    const c = person('person:cnic:9');
    const graph: ResolvedGraph = {
      entities: [a, b, c],
      links: [
        { id: `${a.id}|ASSOCIATE_OF|${b.id}`, type: 'ASSOCIATE_OF', from: a.id, to: b.id, props: {}, evidence: [ev(1)] },
        { id: `${c.id}|ASSOCIATE_OF|${b.id}`, type: 'ASSOCIATE_OF', from: c.id, to: b.id, props: {}, evidence: [ev(1)] },
      ],
      merges: [],
    };
    const plan = planPersons(graph, new Map([[a.id, 'person:cnic:5'], [b.id, 'person:cnic:5']]));
    expect(plan.graph.links.map((l) => l.id)).toEqual(['person:cnic:5|ASSOCIATE_OF|person:cnic:9']);
  });
});
