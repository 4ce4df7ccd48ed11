/**
 * Vitest global setup for integration tests: a real Neo4j. Uses NEO4J_URI
 * when set; otherwise starts the embedded Community server
 * (services/neo4j-embedded) on a test port with a throw-away data folder,
 * and stops it afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    return async () => {};
  }
  const { startNeo4j } = await import('../../services/neo4j-embedded/scripts/server.mjs');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-neo4j-test-'));
  // Port 0: a free port, so a server left over from a crashed run is never reused.
  const server = await startNeo4j({ port: 0, dataDir, reuseExisting: false });
  project.provide('neo4jUri', server.uri);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
