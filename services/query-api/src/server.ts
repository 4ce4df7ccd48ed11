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
  // Requests Node cannot even parse (bad framing, oversized headers) get a problem document too.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      type: `urn:ringlink:problem:${tooLarge ? 'payload-too-large' : 'invalid-input'}`,
      title: tooLarge ? 'Request headers too large' : 'Malformed HTTP request',
      status,
      detail: tooLarge ? 'the request headers are larger than the server accepts' : 'the request is not valid HTTP/1.1',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
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
  resources.alerts?.start();
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    app,
    server,
    close: () =>
      (closing ??= (async () => {
        // SSE streams never end on their own: end them first, or close() would wait for them forever.
        await resources.alerts?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await resources.jobs.idle();
        await resources.audit.close();
      })()),
  };
}
