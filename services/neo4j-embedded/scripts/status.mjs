#!/usr/bin/env node
// Prints whether the local Neo4j server is running. Exit 0 if a Bolt server answers, 1 otherwise.
//
//   node services/neo4j-embedded/scripts/status.mjs [--port N] [--data DIR]
import { parseArgs } from 'node:util';
import { statusNeo4j } from './server.mjs';

const { values: args } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' } } });
const s = await statusNeo4j({ port: args.port, dataDir: args.data });
if (s.running) console.log(`running: pid ${s.pid} ${s.uri}${s.bolt ? '' : ' (Bolt not answering yet)'}`);
else if (s.bolt) console.log(`not started from this data dir, but a Bolt server answers on ${s.uri}`);
else console.log(`not running (${s.uri}: ${s.portState === 'other' ? 'port used by a non-Bolt process' : 'nothing listening'})`);
process.exit(s.bolt ? 0 : 1);
