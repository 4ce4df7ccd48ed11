import { describe, expect, it } from 'vitest';
import { isRinglinkError } from '@ringlink/model';
import { detectSpec, loadMappingSpecs, parseMappingSpec } from './mapping-spec.js';

const minimal = {
  name: 'calls-x',
  detect: ['caller', 'callee'],
  entities: {
    caller: { kind: 'Phone', column: 'caller', required: true },
    callee: { kind: 'Phone', column: 'callee', required: true },
  },
  links: [{ type: 'CALLED', from: 'caller', to: 'callee' }],
};

function problemsOf(raw: unknown): string[] {
  try {
    parseMappingSpec(raw, 'test.json');
  } catch (err) {
    expect(isRinglinkError(err, 'INVALID_SPEC')).toBe(true);
    return (err as { details: { problems: string[] } }).details.problems;
  }
  throw new Error('expected the spec to be rejected');
}

describe('mapping specs', () => {
  it('accepts a valid spec and fills defaults', () => {
    const spec = parseMappingSpec(minimal);
    expect(spec.phoneRegion).toBe('PK');
    expect(spec.entities.caller!.roles).toEqual([]);
  });

  it('loads and validates every shipped canonical spec', async () => {
    const specs = await loadMappingSpecs();
    expect(specs.map((s) => s.name).sort()).toEqual(['applications', 'calls', 'documents', 'transactions']);
  });

  it('collects every problem at once, each with its path', () => {
    const problems = problemsOf({
      ...minimal,
      entities: {
        caller: { kind: 'Phone' },
        callee: { kind: 'Telephone', column: 'callee' },
        who: { kind: 'Person', roles: ['Smuggler'], properties: { shoeSize: 'shoe' } },
      },
      links: [
        { type: 'CALLED', from: 'caller', to: 'nobody' },
        { type: 'KNOWS', from: 'caller', to: 'callee' },
        { type: 'USES_PHONE', from: 'caller', to: 'callee' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'entities.caller: a Phone needs "column"',
        expect.stringContaining('entities.callee.kind: unknown entity kind "Telephone"'),
        expect.stringContaining('entities.who.roles: "Smuggler" is not a role of Person'),
        'entities.who.properties.shoeSize: Person has no property "shoeSize"',
        expect.stringContaining('entities.who: a Person needs identity.cnic'),
        'links[0].to: no entity named "nobody" in this spec',
        'links[1].type: unknown link kind "KNOWS"',
        expect.stringContaining('links[2].from: USES_PHONE cannot start at a Phone'),
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it('rejects a malformed spec with the path of the problem', () => {
    expect(problemsOf({ ...minimal, name: 'Bad Name', detect: [] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^name: /), expect.stringMatching(/^detect: /)]),
    );
  });

  it('recognises a source from its header, case-insensitively, most specific first', async () => {
    const specs = await loadMappingSpecs();
    expect(detectSpec(['CALL_ID', 'started_at', 'caller', 'callee', 'duration_s'], specs)?.name).toBe('calls');
    expect(detectSpec(['txn_id', 'timestamp', 'from_account', 'to_account', 'amount'], specs)?.name).toBe('transactions');
    expect(detectSpec(['name', 'age'], specs)).toBeUndefined();
  });
});
