import { describe, expect, it } from 'vitest';
import { linkId, type Entity, type Link, type LinkKind } from '@ringlink/model';
import { selectRingSubgraph } from './ring-subgraph.js';

const e = (id: string, aliases: string[] = []): Entity => ({ id, kind: id.startsWith('phone') ? 'Phone' : 'Person', roles: [], props: {}, evidence: [], aliases });
const l = (type: LinkKind, from: string, to: string): Link => ({ id: linkId(type, from, to), type, from, to, props: {}, evidence: [] });

const graph = {
  entities: [e('person:cnic:1', ['person:passport:PAK:A1']), e('person:cnic:2'), e('phone:+921'), e('phone:+922'), e('person:cnic:9')],
  links: [
    l('USES_PHONE', 'person:cnic:1', 'phone:+921'),
    l('USES_PHONE', 'person:cnic:2', 'phone:+921'),
    l('USES_PHONE', 'person:cnic:2', 'phone:+922'),
    l('USES_PHONE', 'person:cnic:9', 'phone:+922'),
    l('CALLED', 'phone:+922', 'phone:+921'),
  ],
  merges: [],
};

describe('selectRingSubgraph', () => {
  it('takes the members, the links among them and the links to third parties one hop out', () => {
    const sub = selectRingSubgraph(graph, ['person:cnic:1', 'person:cnic:2', 'phone:+921']);
    expect(sub.memberIds).toEqual(['person:cnic:1', 'person:cnic:2', 'phone:+921']);
    expect(sub.entities.map((x) => x.id)).toEqual(['person:cnic:1', 'person:cnic:2', 'phone:+921', 'phone:+922']);
    expect(sub.links.map((x) => x.id)).toEqual([
      'person:cnic:1|USES_PHONE|phone:+921', 'person:cnic:2|USES_PHONE|phone:+921', 'person:cnic:2|USES_PHONE|phone:+922', 'phone:+922|CALLED|phone:+921',
    ]);
    // person:cnic:9 is two hops out (through the third-party phone): not included.
    expect(sub.entities.some((x) => x.id === 'person:cnic:9')).toBe(false);
  });

  it('leaves third parties out on request, resolves aliases and reports unknown ids', () => {
    const sub = selectRingSubgraph(graph, ['person:passport:PAK:A1', 'phone:+921', 'person:cnic:404'], { includeThirdParties: false });
    expect(sub.memberIds).toEqual(['person:cnic:1', 'phone:+921']);
    expect(sub.links.map((x) => x.id)).toEqual(['person:cnic:1|USES_PHONE|phone:+921']);
    expect(sub.missing).toEqual(['person:cnic:404']);
  });
});
