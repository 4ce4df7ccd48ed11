/**
 * Serving the web view: `GET /` (index.html) and the files of the current
 * build (`/assets/app-<hash>.js`, …), nothing else; every other request
 * goes on to the next handler. A plain Node handler `(req, res, next)`, so
 * it mounts in express as it is (`app.use(webViewHandler())`).
 *
 * The page holds no data and needs no key: it asks the analyst for one
 * and sends it to /api/v1 itself. Its responses carry the web view's own
 * Content-Security-Policy (csp.ts).
 *
 * The build is made on first use, and again when the sources changed (at
 * most once a second, checked when index.html is asked for), so no build
 * step has to be remembered; `pnpm --filter @ringlink/web-view build`
 * makes it ahead of time (a production image).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureWebViewBuilt, readBuildInfo, type BuildInfo } from './build.js';
import { WEB_VIEW_CSP } from './csp.js';
import { WEB_VIEW_DIST } from './paths.js';

export interface WebViewHandlerOptions {
  /** Default services/web-view/dist. */
  distDir?: string;
  /**
   * `auto` (default): build when dist/ is missing or stale. `never`: serve
   * dist/ as it is (a deployed, prebuilt copy).
   */
  build?: 'auto' | 'never';
  /** Told when the page cannot be built or read (the response is a 503). */
  onError?: (err: unknown) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Paths served for a build: `/` and every file it lists but its own record. */
function servedPath(info: BuildInfo, pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return 'index.html';
  const rel = pathname.slice(1);
  return info.files.includes(rel) && rel !== 'build-info.json' ? rel : undefined;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

export function webViewHandler(options: WebViewHandlerOptions = {}): NodeHandler {
  const distDir = options.distDir ?? WEB_VIEW_DIST;
  let current: BuildInfo | undefined;
  let checkedAt = 0;

  const build = async (fresh: boolean): Promise<BuildInfo> => {
    if (options.build === 'never') {
      current ??= await readBuildInfo(distDir);
      if (current === undefined) throw new Error(`web-view: no build in ${distDir}; run pnpm --filter @ringlink/web-view build`);
      return current;
    }
    if (current === undefined || (fresh && Date.now() - checkedAt > 1000)) {
      current = await ensureWebViewBuilt(distDir);
      checkedAt = Date.now();
    }
    return current;
  };

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (pathname !== '/' && pathname !== '/index.html' && !pathname.startsWith('/assets/') && pathname !== '/bench.html') return next();
    void (async () => {
      let info: BuildInfo;
      try {
        info = await build(pathname === '/' || pathname === '/index.html');
      } catch (err) {
        options.onError?.(err);
        res.statusCode = 503;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Retry-After', '10');
        res.end('The web view is unavailable: it could not be built. The API under /api/v1 works regardless.\n');
        return;
      }
      const rel = servedPath(info, pathname);
      if (rel === undefined) return next();
      let body: Buffer;
      try {
        body = await readFile(path.join(distDir, rel));
      } catch {
        // A newer build removed it: the page asking for it is stale, and reloads.
        return next();
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', TYPES[path.extname(rel)] ?? 'application/octet-stream');
      res.setHeader('Content-Length', body.length);
      res.setHeader('Content-Security-Policy', WEB_VIEW_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch(next);
  };
}
