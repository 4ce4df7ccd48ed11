/**
 * The web view's Node side: the esbuild build (hashed assets, both pages,
 * a build record that says when it is stale) and the request handler the
 * query service mounts at `/` (only the build's files, its own CSP,
 * caching by kind, everything else passed on).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_VIEW_CSP, buildWebView, readBuildInfo, webViewBuildState, webViewHandler, type BuildInfo } from '../services/web-view/server/index.js';

let dist: string;
let info: BuildInfo;
let server: Server;
let base: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'ringlink-web-view-dist-'));
  info = await buildWebView({ outDir: dist });
  const handler = webViewHandler({ distDir: dist, build: 'never' });
  server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 418; // "the next handler": the API's 404 in the service
      res.end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dist) await rm(dist, { recursive: true, force: true });
});

describe('buildWebView', () => {
  it('writes both pages and content-hashed bundles, and a record of its inputs', async () => {
    expect(info.files).toEqual(expect.arrayContaining(['index.html', 'bench.html']));
    expect(info.files.filter((f) => /^assets\/app-[A-Z0-9]+\.js$/.test(f))).toHaveLength(1);
    expect(info.files.filter((f) => /^assets\/app-[A-Z0-9]+\.css$/.test(f))).toHaveLength(1);
    expect(info.files.filter((f) => /^assets\/bench-[A-Z0-9]+\.js$/.test(f))).toHaveLength(1);
    expect(info.inputs).toMatch(/^[0-9a-f]{64}$/);
    expect(await readBuildInfo(dist)).toEqual(info);
    const html = await readFile(path.join(dist, 'index.html'), 'utf8');
    expect(html).toContain(`src="/${info.files.find((f) => /^assets\/app-.*\.js$/.test(f))}"`);
    expect(html).not.toContain('<!--SCRIPTS-->');
    expect(html).not.toMatch(/\sstyle=|<style|<script>/); // nothing inline: the CSP allows none
  });

  it('is current for the sources it was built from, stale when its record names other inputs', async () => {
    expect((await webViewBuildState(dist)).state).toBe('current');
    await writeFile(path.join(dist, 'build-info.json'), JSON.stringify({ ...info, inputs: '0'.repeat(64) }));
    expect((await webViewBuildState(dist)).state).toBe('stale');
    await writeFile(path.join(dist, 'build-info.json'), JSON.stringify(info));
  });

  it('bundles the ForceAtlas2 worker function self-contained (no helper outside it)', async () => {
    const js = await readFile(path.join(dist, info.files.find((f) => /^assets\/app-.*\.js$/.test(f))!), 'utf8');
    expect(js).not.toContain('__name(');
  });
});

describe('webViewHandler', () => {
  it('serves the page at / with the web view CSP, never cached', async () => {
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(WEB_VIEW_CSP);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toContain('<title>ringlink');
  });

  it('serves the build\'s assets as immutable, HEAD without a body', async () => {
    const asset = info.files.find((f) => f.endsWith('.js'))!;
    const r = await fetch(`${base}/${asset}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const head = await fetch(`${base}/${asset}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('passes on everything else: other paths, other methods, unknown assets, traversal, its own build record', async () => {
    for (const p of ['/api/v1/health', '/assets/nope.js', '/assets/../build-info.json', '/build-info.json', '/favicon.ico', '/index.htm']) {
      const r = await fetch(`${base}${p}`);
      expect(r.status, p).toBe(418);
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(418);
  });

  it('answers 503 (not a crash) when there is no build and it may not build', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'ringlink-web-view-empty-'));
    const errors: unknown[] = [];
    const handler = webViewHandler({ distDir: empty, build: 'never', onError: (e) => errors.push(e) });
    const s = createServer((req, res) => handler(req, res, () => res.end('next')));
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const r = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`);
      expect(r.status).toBe(503);
      expect(await r.text()).toContain('/api/v1 works regardless');
      expect(errors).toHaveLength(1);
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await rm(empty, { recursive: true, force: true });
    }
  });
});
