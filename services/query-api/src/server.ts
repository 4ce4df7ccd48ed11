/**
 * `startServer(...)`: the app on a real HTTP server (port 0 picks a free
 * one), with server-level timeouts, and a `close()` that stops accepting,
 * ends idle connections, waits for a running analysis and flushes the
 * audit log. The store stays open: whoever opened it closes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { appResources, createApp, type CreateAppOptions } from './app.js';

export interface RunningServer {
  /** `http://127.0.0.1:8080` (no trailing slash). */
  url: string;
  port: number;
  app: Express;
  server: Server;
  close(): Promise<void>;
}

export interface StartServerOptions extends CreateAppOptions {
  /** Default config.host. */
  host?: string;
  /** Default config.port; 0 picks a free port. */
  port?: number;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  const { config } = options;
  const server = createServer(app);
  // Ingests may take long; everything else is bounded by its deadline.
  server.requestTimeout = 20 * config.limits.requestTimeoutMs + 30_000;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? config.host;
  const port = options.port ?? config.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  const resources = appResources(app);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    app,
    server,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await resources.jobs.idle();
        await resources.audit.close();
      })()),
  };
}
