/**
 * The CLI's connection to Neo4j. `NEO4J_URI` (with `NEO4J_USER`,
 * `NEO4J_PASSWORD`, `NEO4J_DATABASE`) is read once, by the store's
 * connectionFromEnv; without it the CLI starts (or reuses) the embedded
 * Community server on 127.0.0.1:7687 with its data in `.data/neo4j`
 * (services/neo4j-embedded). That server is detached and keeps running for
 * the next command; `pnpm neo4j:stop` stops it. The store package itself
 * never starts servers.
 */
import { connectionFromEnv, openStore, type Neo4jStore, type StoreOptions } from '@ringlink/store-neo4j';

export interface StoreConnection {
  store: Neo4jStore;
  /** Closes the driver (the embedded server, if one was started, keeps running). */
  close(): Promise<void>;
}

export async function connectStore(options: Partial<StoreOptions> = {}): Promise<StoreConnection> {
  let connection = connectionFromEnv();
  if (connection === undefined) {
    const { startNeo4j } = await import('../../../services/neo4j-embedded/scripts/server.mjs');
    const server = await startNeo4j();
    if (server.started) process.stderr.write(`ringlink: started the embedded Neo4j at ${server.uri} (data in ${server.dataDir}; stop it with \`pnpm neo4j:stop\`)\n`);
    connection = { uri: server.uri };
  }
  const store = await openStore({ ...connection, ...options });
  return { store, close: () => store.close() };
}
