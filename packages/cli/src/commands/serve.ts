/**
 * `ringlink serve`: the query service on the configured Neo4j (NEO4J_URI)
 * or, without one, on the embedded server (started or reused by
 * store-connection.ts). An empty store gets the sample case (ingested,
 * analysed, written back). Prints the URL and a request that works; when
 * RINGLINK_API_KEYS is unset outside production, a random admin key is
 * generated for this start and printed (there is no default key).
 * Stops cleanly on SIGINT / SIGTERM.
 */
import type { Command } from 'commander';
import { RinglinkError } from '@ringlink/model';
import {
  Neo4jQueries,
  createLogger,
  exampleSearch,
  loadAlertConfig,
  loadConfig,
  loadSampleIfEmpty,
  startServer,
} from '@ringlink/query-api';
import { connectStore } from '../store-connection.js';

interface ServeOptions {
  port?: number;
  host?: string;
  sample: boolean;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new RinglinkError('INVALID_ARGUMENT', `--port must be a number from 0 to 65535, got ${JSON.stringify(v)}`);
  return n;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the query API (HTTP, /api/v1) on Neo4j; an empty store gets the sample case first')
    .option('--port <n>', 'port to listen on (default: PORT or 8080; 0 picks a free port)', parsePort)
    .option('--host <address>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--no-sample', 'do not load the sample case into an empty store')
    .action(async (opts: ServeOptions) => {
      const config = loadConfig();
      const logger = createLogger(config);
      const { store, close } = await connectStore();
      let server: Awaited<ReturnType<typeof startServer>> | undefined;
      try {
        if (opts.sample) await loadSampleIfEmpty(store, (line) => process.stderr.write(`ringlink: ${line}\n`));
        server = await startServer({
          config,
          store,
          logger,
          alerts: loadAlertConfig(process.env),
          ...(opts.port !== undefined ? { port: opts.port } : {}),
          ...(opts.host !== undefined ? { host: opts.host } : {}),
        });
      } catch (err) {
        await close();
        throw err;
      }
      const q = (await exampleSearch(new Neo4jQueries(store))) ?? '0300-1234567';
      const key = config.devKey ?? '<a key from RINGLINK_API_KEYS>';
      const lines = [
        `ringlink query API listening on ${server.url}`,
        `  docs:     ${server.url}/api/v1/docs   (send the key as a Bearer token)`,
        `  health:   curl ${server.url}/api/v1/health`,
        `  example:  curl -H 'Authorization: Bearer ${key}' '${server.url}/api/v1/entities?q=${encodeURIComponent(q)}'`,
        config.devKey
          ? `  key:      ${config.devKey}  (admin; generated for this start because RINGLINK_API_KEYS is unset — set it to keep keys)`
          : `  keys:     ${config.apiKeys.length} from RINGLINK_API_KEYS`,
        `  audit:    ${config.auditLogFile}`,
        'Ctrl-C stops it.',
        '',
      ];
      process.stdout.write(lines.join('\n'));

      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stderr.write('ringlink: stopping the query API\n');
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      await close();
    });
}
