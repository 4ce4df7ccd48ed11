#!/usr/bin/env node
// Stops the local Neo4j server started by start.mjs for the data dir (SIGTERM, SIGKILL after 60 s).
// Idempotent: exits 0 when nothing is running.
//
//   node services/neo4j-embedded/scripts/stop.mjs [--data DIR] [--timeout SECONDS]
import { parseArgs } from 'node:util';
import { stopNeo4j } from './server.mjs';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      data: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  console.error(`stop.mjs: ${e.message}`);
  process.exit(2);
}
if (args.help) {
  console.log('usage: stop.mjs [--data DIR] [--timeout SECONDS]   (see services/neo4j-embedded/README.md)');
  process.exit(0);
}

try {
  const timeoutMs = args.timeout ? Number(args.timeout) * 1000 : undefined;
  await stopNeo4j({ dataDir: args.data, timeoutMs, log: (m) => console.log(`[neo4j-embedded] ${m}`) });
  process.exit(0);
} catch (e) {
  console.error(`[neo4j-embedded] stop failed: ${e.message}`);
  process.exit(1);
}
