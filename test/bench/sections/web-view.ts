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
 * `pnpm bench web-view [--web-view-nodes=3000,5000] [--web-view-layout-ms=12000]`
 *
 * Headless chromium here has no GPU: WebGL runs on SwiftShader (software),
 * so frame times are an upper bound of what a laptop GPU gives.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../setup/chromium.js';
import { ensureWebViewBuilt, webViewHandler } from '../../../services/web-view/server/index.js';
import { forceAtlas2Baseline, type LayoutBaseline } from '../../../services/web-view/server/layout-baseline.js';

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
  layout: { iterations: number; elapsedMs: number; iterationsPerSecond: number; flushes: number; edgesHidden: boolean; frames: Stats; renderMs: Stats; timerLagMs: Stats };
  camera: { frames: Stats; renderMs: Stats };
  renderer: string;
}

interface Fa2Only {
  error?: string;
  nodes: number;
  links: number;
  fa2Only: { iterations: number; seconds: number; iterationsPerSecond: number };
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const row = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;

export default {
  name: 'web-view',
  async run(args: string[]): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      process.stdout.write(`skipped: ${CHROMIUM} is missing (apt-get install chromium)\n`);
      return;
    }
    const sizes = (args.find((a) => a.startsWith('--web-view-nodes='))?.split('=')[1] ?? '3000,5000').split(',').map(Number);
    const layoutMs = Number(args.find((a) => a.startsWith('--web-view-layout-ms='))?.split('=')[1] ?? 12000);

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
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const version = browser.version();
    const open = async <T extends { error?: string }>(hash: string): Promise<T> => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/bench.html#${hash}`);
      await page.waitForFunction(() => (globalThis as { __benchResult?: unknown }).__benchResult !== undefined, null, { timeout: layoutMs + 180_000 });
      const r = (await page.evaluate(() => (globalThis as { __benchResult?: unknown }).__benchResult)) as T;
      await page.close();
      if (r.error || errors.length > 0) throw new Error(`web-view bench failed (${hash}): ${r.error ?? errors.join('; ')}`);
      return r;
    };
    const results: Array<{ drawn: BenchResult; alone: Fa2Only; node: LayoutBaseline }> = [];
    try {
      for (const nodes of sizes) {
        const alone = await open<Fa2Only>(`nodes=${nodes}&layoutMs=${Math.min(layoutMs, 5000)}&mode=fa2-only`);
        const drawn = await open<BenchResult>(`nodes=${nodes}&layoutMs=${layoutMs}`);
        results.push({ drawn, alone, node: forceAtlas2Baseline(nodes, 3000) });
      }
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }

    const first = results[0]?.drawn;
    const lines = [
      `chromium ${version} headless, WebGL: ${first?.renderer ?? '?'}; page ${built.files.find((f) => /^assets\/bench-.*\.js$/.test(f)) ?? ''}`,
      `viewport 1366×768; the drawn layout measured for ${(layoutMs / 1000).toFixed(0)} s per size; frame = requestAnimationFrame interval (16.7 ms = 60 fps)`,
      '',
      '### ForceAtlas2 (iterations per second)',
      '',
      '| nodes | links | in Node, synchronous (baseline) | in the page, worker alone | in the page while drawn (the view) | drawn / worker alone | position copies drawn |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(({ drawn, alone, node }) =>
        row([
          drawn.nodes,
          drawn.links,
          node.iterationsPerSecond.toFixed(1),
          alone.fa2Only.iterationsPerSecond.toFixed(1),
          drawn.layout.iterationsPerSecond.toFixed(1),
          `${((drawn.layout.iterationsPerSecond / alone.fa2Only.iterationsPerSecond) * 100).toFixed(0)} %`,
          drawn.layout.flushes,
        ]),
      ),
      '',
      '### Frames and stalls (ms)',
      '',
      '| nodes | sigma start + first frame | frame p50 / p95 during layout | main-thread stall p95 / max during layout | links drawn during layout | frame p50 / p95 while zooming (all drawn at rest) | sigma render p50 while zooming |',
      '| ---: | ---: | ---: | ---: | :---: | ---: | ---: |',
      ...results.map(({ drawn: r }) =>
        row([
          r.nodes,
          ms(r.sigmaInitMs + r.firstFrameMs),
          `${ms(r.layout.frames.p50)} / ${ms(r.layout.frames.p95)}`,
          `${ms(r.layout.timerLagMs.p95)} / ${ms(r.layout.timerLagMs.max)}`,
          r.layout.edgesHidden ? 'no (hidden above 2,000 links)' : 'yes',
          `${ms(r.camera.frames.p50)} / ${ms(r.camera.frames.p95)}`,
          ms(r.camera.renderMs.p50),
        ]),
      ),
      '',
      'Worker alone: the same supervisor and graph with nothing drawn. While drawn, positions are copied to the drawing',
      'only after three times the last copy\'s drawing cost, so the layout keeps its pace whatever the GPU. Stall: how late',
      'a 20 ms timer fired (what an analyst feels as input lag). Above 2,000 links, links and labels are not drawn while the',
      'camera moves (sigma\'s hideEdgesOnMove / hideLabelsOnMove).',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  },
};
