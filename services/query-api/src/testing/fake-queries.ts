/**
 * A QueryStore for unit tests of the HTTP layer (auth, validation,
 * problems, limits, audit, logs): canned answers, and ids that make the
 * store fail in each way a real one can. Persistence is tested against
 * the real Neo4j in the *.int.test.ts files, never with this.
 */
import { RinglinkError } from '@ringlink/model';
import type { EntityDto } from '../schemas/graph.js';
import type { QueryStore } from '../store/query-store.js';

export const FAIL_IDS = {
  unavailable: 'phone:+923000000503',
  timeout: 'phone:+923000000504',
  crash: 'phone:+923000000500',
  hang: 'phone:+923000000599',
} as const;

export const PHONE: EntityDto = {
  id: 'phone:+923001234567',
  kind: 'Phone',
  roles: [],
  props: { e164: '+923001234567', country: 'PK' },
  isHub: false,
};

function failFor(id: string): void {
  if (id === FAIL_IDS.unavailable) throw new RinglinkError('STORE_UNAVAILABLE', 'store: reading: Neo4j is unavailable: connection refused', { retriable: true });
  if (id === FAIL_IDS.timeout) {
    throw new RinglinkError('STORE_ERROR', 'store: reading: transaction timed out for person:cnic:3520212345671', {
      details: { neo4jCode: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration' },
    });
  }
  if (id === FAIL_IDS.crash) throw new TypeError('cannot read properties of undefined (person:cnic:3520212345671, 0300-1234567)');
}

export function fakeQueries(overrides: Partial<QueryStore> = {}): QueryStore & { calls: string[] } {
  const calls: string[] = [];
  const hang = (): Promise<never> => new Promise(() => {});
  const base: QueryStore = {
    ping: async () => {},
    search: async (q, window) => {
      calls.push(`search:${q}:${window.offset}:${window.limit}`);
      const all = Array.from({ length: 7 }, (_, i) => ({ ...PHONE, id: `phone:+92300123456${i}`, matchedBy: 'phone', matched: q }));
      return { items: all.slice(window.offset, window.offset + window.limit), hasMore: all.length > window.offset + window.limit };
    },
    entity: async (id) => {
      calls.push(`entity:${id}`);
      if (id === FAIL_IDS.hang) return hang();
      failFor(id);
      if (id !== PHONE.id) return undefined;
      return { ...PHONE, aliases: [], evidenceCount: 3, degree: { total: 2, byLinkKind: { USES_PHONE: 2 } }, rings: { memberOf: [], brokerFor: [] } };
    },
    neighbors: async (id, q) => {
      calls.push(`neighbors:${id}:${q.depth}:${q.cap}:${q.limit}:${(q.kinds ?? []).join('|')}`);
      failFor(id);
      if (id !== PHONE.id) return undefined;
      return { center: PHONE, depth: q.depth, nodes: [{ ...PHONE, depth: 0 }], links: [], truncated: [{ id: PHONE.id, shown: q.cap, more: 412 }], omittedNodes: 0 };
    },
    paths: async (from, to, q) => {
      calls.push(`paths:${from}:${to}:${q.includeHubs}:${q.maxDepth}`);
      if (from !== PHONE.id) return { missing: 'from' };
      return { found: { from, to, includeHubs: q.includeHubs, maxDepth: q.maxDepth, paths: [] } };
    },
    linkEvidence: async () => undefined,
    rings: async (q) => ({ items: [], total: q.offset }),
    ring: async () => undefined,
    brokers: async () => ({ items: [], total: 0 }),
    runs: async () => ({ items: [], total: 0 }),
    run: async () => undefined,
    writeIngest: async (graph) => ({ sourceRecords: 0, entities: graph.entities.length, links: graph.links.length, linksChanged: 0, storeMerges: 0, batches: 0 }),
    analysisInput: async () => ({ graph: { entities: [], links: [], merges: [] }, inputs: [], previous: undefined }),
    writeAnalysis: async () => ({}),
    exportSource: async () => {
      throw new RinglinkError('NOT_FOUND', 'export: no analysis run in the store');
    },
    recordExport: async (entry) => ({ ...entry, id: 'export-fake' }),
    exports: async () => ({ items: [], total: 0 }),
  };
  return Object.assign({ ...base, ...overrides }, { calls });
}
