#!/usr/bin/env node
// Starts the local Neo4j server in the background (idempotent) and prints its Bolt URI as the
// last line of stdout. Progress goes to stderr.
//
//   node services/neo4j-embedded/scripts/start.mjs [--port 7687] [--data DIR] [--log FILE]
//
// Env: NEO4J_URI (if set: print it, start nothing), RINGLINK_NEO4J_PORT, RINGLINK_NEO4J_DATA,
//      RINGLINK_NEO4J_LOG, RINGLINK_NEO4J_HEAP, RINGLINK_NEO4J_PAGECACHE, RINGLINK_NEO4J_START_TIMEOUT (s),
//      RINGLINK_NEO4J_CONF, RINGLINK_NEO4J_JAVA_OPTS, JAVA_HOME, MVN.
import { parseArgs } from 'node:util';
import { startNeo4j } from './server.mjs';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      log: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  console.error(`start.mjs: ${e.message}`);
  process.exit(2);
}
if (args.help) {
  console.log('usage: start.mjs [--port N] [--data DIR] [--log FILE]   (see services/neo4j-embedded/README.md)');
  process.exit(0);
}

if (process.env.NEO4J_URI) {
  console.error('[neo4j-embedded] NEO4J_URI is set; not starting a local server');
  console.log(process.env.NEO4J_URI);
  process.exit(0);
}

try {
  const { uri } = await startNeo4j({ port: args.port, dataDir: args.data, logFile: args.log });
  console.log(uri);
  process.exit(0);
} catch (e) {
  console.error(`[neo4j-embedded] start failed: ${e.message}`);
  process.exit(1);
}
