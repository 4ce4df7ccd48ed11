/**
 * Integration-test helper: a store on the Neo4j the integration project's
 * global setup started (`inject('neo4jUri')`), emptied first. Community
 * has one database, so test files run one after another
 * (fileParallelism: false) and each starts from an empty graph.
 */
import { openStore, type Neo4jStore, type OpenStoreOptions } from '../store.js';

export async function freshStore(uri: string, options: Partial<OpenStoreOptions> = {}): Promise<Neo4jStore> {
  let store: Neo4jStore;
  try {
    store = await openStore({ uri, ...options });
  } catch (err) {
    throw new Error(`cannot reach the test Neo4j at ${uri} (started by test/setup/neo4j.ts): ${(err as Error).message}`, { cause: err });
  }
  await store.clear();
  return store;
}
