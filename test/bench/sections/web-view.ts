/**
 * The web view on a ring-shaped graph of a few thousand nodes, measured in
 * a real browser (Debian's chromium, headless, through playwright-core):
 * the page is the web view's own bench.html (same GraphView, styles and
 * ForceAtlas2 worker as the analyst's page), served by the same handler
 * the query service mounts. Per size:
 *
 *   - ForceAtlas2 iterations/s while the graph is drawn, and in the worker
 *     alone (the baseline: what the layout costs without drawing)
 *   - frame intervals (requestAnimationFrame) and sigma's render time
 *     during the layout and during camera zooms
 *   - main-thread stalls: the lag of a 20 ms timer during the layout
 *
 * `pnpm bench web-view [--web-view-nodes=3000,5000] [--web-view-layout-ms=8000]`
 *
 * Headless chromium here has no GPU: WebGL runs on SwiftShader (software),
 * so frame times are an upper bound of what a laptop GPU gives.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { ensureWebViewBuilt, webViewHandler } from '../../../services/web-view/server/index.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Stats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

interface BenchResult {
  error?: string;
  nodes: number;
  links: number;
  sigmaInitMs: number;
  loadMs: number;
  firstFrameMs: number;
  layout: { iterations: number; elapsedMs: number; iterationsPerSecond: number; frames: Stats; renderMs: Stats; timerLagMs: Stats };
  camera: { frames: Stats; renderMs: Stats };
  workerOnly: { iterations: number; seconds: number; iterationsPerSecond: number };
  renderer: string;
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export default {
  name: 'web-view',
  async run(args: string[]): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      process.stdout.write(`skipped: ${CHROMIUM} is missing (apt-get install chromium)\n`);
      return;
    }
    const sizes = (args.find((a) => a.startsWith('--web-view-nodes='))?.split('=')[1] ?? '3000,5000').split(',').map(Number);
    const layoutMs = Number(args.find((a) => a.startsWith('--web-view-layout-ms='))?.split('=')[1] ?? 8000);

    const built = await ensureWebViewBuilt();
    const handler = webViewHandler({ build: 'never' });
    const server = createServer((req, res) =>
      handler(req, res, () => {
        res.statusCode = 404;
        res.end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const version = browser.version();
    const results: BenchResult[] = [];
    try {
      for (const nodes of sizes) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${base}/bench.html#nodes=${nodes}&layoutMs=${layoutMs}`);
        await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, null, { timeout: layoutMs + 120_000 });
        const r = (await page.evaluate(() => (window as unknown as { __benchResult: unknown }).__benchResult)) as BenchResult;
        await page.close();
        if (r.error || errors.length > 0) throw new Error(`web-view bench failed at ${nodes} nodes: ${r.error ?? errors.join('; ')}`);
        results.push(r);
      }
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }

    const lines = [
      `chromium ${version} headless, WebGL renderer: ${results[0]?.renderer ?? '?'}; web view build ${built.files.find((f) => f.startsWith('assets/app-')) ?? ''}`,
      `layout measured for ${(layoutMs / 1000).toFixed(0)} s per size; frame = requestAnimationFrame interval (16.7 ms = 60 fps)`,
      '',
      '| nodes | links | sigma start ms | FA2 it/s drawn | FA2 it/s worker only (baseline) | drawn / baseline | frame ms p50 / p95 (layout) | render ms p50 / p95 (layout) | timer lag ms p95 / max | frame ms p50 / p95 (zoom) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map((r) =>
        [
          '',
          r.nodes,
          r.links,
          ms(r.sigmaInitMs + r.firstFrameMs),
          r.layout.iterationsPerSecond.toFixed(1),
          r.workerOnly.iterationsPerSecond.toFixed(1),
          `${((r.layout.iterationsPerSecond / r.workerOnly.iterationsPerSecond) * 100).toFixed(0)} %`,
          `${ms(r.layout.frames.p50)} / ${ms(r.layout.frames.p95)}`,
          `${ms(r.layout.renderMs.p50)} / ${ms(r.layout.renderMs.p95)}`,
          `${ms(r.layout.timerLagMs.p95)} / ${ms(r.layout.timerLagMs.max)}`,
          `${ms(r.camera.frames.p50)} / ${ms(r.camera.frames.p95)}`,
          '',
        ].join(' | ').trim(),
      ),
      '',
      'FA2 it/s drawn: iterations of the worker whose positions reached the page while sigma drew them; the worker',
      'alone runs on a copy of the graph no renderer listens to. Timer lag: how late a 20 ms interval fired during the',
      'layout (main-thread stalls an analyst would feel as input lag).',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  },
};
