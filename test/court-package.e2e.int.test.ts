/**
 * A court package looked at as a person would: report.html and chart.svg
 * of a generated ring's package opened in a real browser (Debian's
 * chromium via playwright-core), from the unpacked zip as a prosecutor
 * would open them. The report shows the chart, every footnote leads to its
 * note and back, nothing runs off the page; the chart fills its page, its
 * labels are legible (at least 2 mm high on A4) and do not cover one
 * another. Screenshots go to test/artifacts/court-package/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourtPackage } from '../packages/core/src/index.js';
import { generatedCase, ringInput, type GeneratedCase } from '../packages/core/src/export/generated-case.fixture.js';
import { readZip } from '../packages/core/src/export/zip-reader.js';
import { CHROMIUM, CHROMIUM_FLAGS, hasChromium } from './setup/chromium.js';

const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts', 'court-package');
/** chart.svg's viewBox has 4 units per millimetre (A4 landscape, 1188 × 840). */
const UNITS_PER_MM = 4;

const browserAvailable = hasChromium('court package in a browser');

describe.skipIf(!browserAvailable)('a court package in a real browser', () => {
  let c: GeneratedCase;
  let dir: string;
  let browser: Browser;
  let page: Page;
  let ringId: string;
  let caseRef: string;
  const problems: string[] = [];

  beforeAll(async () => {
    c = await generatedCase(5);
    const input = ringInput(c, { redact: false });
    ringId = input.ring!.id;
    caseRef = input.caseRef;
    const pkg = await buildCourtPackage(input, { pdf: false });
    dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-package-browser-'));
    for (const e of readZip(pkg.bytes).entries) await writeFile(path.join(dir, e.name), e.data!);
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    // A4 portrait at 96 dpi: how the report is read and printed.
    page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await c?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('report.html shows the chart, the ring and the case, and nothing runs off the page', async () => {
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href);
    const facts = await page.evaluate(() => {
      const d = (globalThis as any).document;
      const img = d.querySelector('img[src="chart.svg"]');
      return {
        text: d.body.innerText as string,
        chart: img ? { loaded: img.complete && img.naturalWidth > 0, width: img.getBoundingClientRect().width } : null,
        scrollWidth: d.documentElement.scrollWidth as number,
        innerWidth: (globalThis as any).innerWidth as number,
      };
    });
    expect(facts.chart).not.toBeNull();
    expect(facts.chart!.loaded).toBe(true);
    expect(facts.chart!.width).toBeGreaterThan(500);
    expect(facts.text).toContain(ringId);
    expect(facts.text).toContain(caseRef);
    expect(facts.scrollWidth).toBeLessThanOrEqual(facts.innerWidth + 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
  });

  it('every footnote leads to its note, and every note back to where it is cited', async () => {
    const links = await page.evaluate(() => {
      const d = (globalThis as any).document;
      const refs = [...d.querySelectorAll('sup.fn a[href^="#note-"]')].map((a: any) => a.getAttribute('href').slice(1));
      const backs = [...d.querySelectorAll('li[id^="note-"] a[href^="#ref-"]')].map((a: any) => a.getAttribute('href').slice(1));
      const missing = [...refs, ...backs].filter((id) => d.getElementById(id) === null);
      return { refs: refs.length, backs: backs.length, missing };
    });
    expect(links.refs).toBeGreaterThan(5);
    expect(links.backs).toBeGreaterThan(5);
    expect(links.missing).toEqual([]);
    // Following one as a reader would: the note comes into view.
    await page.locator('sup.fn a').first().click();
    const target = (await page.locator('sup.fn a').first().getAttribute('href'))!;
    expect(await page.locator(target).isVisible()).toBe(true);
    expect(await page.evaluate((sel) => {
      const r = (globalThis as any).document.querySelector(sel).getBoundingClientRect();
      return r.top >= 0 && r.top < (globalThis as any).innerHeight;
    }, target)).toBe(true);
  });

  it('chart.svg fills an A4 page with legible labels that do not cover one another', async () => {
    await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
    await page.goto(pathToFileURL(path.join(dir, 'chart.svg')).href);
    const chart = await page.evaluate(() => {
      const d = (globalThis as any).document;
      const svg = d.documentElement;
      const vb = svg.viewBox.baseVal;
      const labels = [...d.querySelectorAll('text')].map((t: any) => {
        const b = t.getBBox();
        return { text: t.textContent as string, size: Number(t.getAttribute('font-size')), x: b.x, y: b.y, w: b.width, h: b.height };
      });
      return { width: vb.width, height: vb.height, labels };
    });
    await page.screenshot({ path: path.join(ARTIFACTS, 'chart.png') });
    expect(chart.width).toBe(1188);
    expect(chart.height).toBe(840);
    expect(chart.labels.length).toBeGreaterThan(20);
    const smallest = Math.min(...chart.labels.map((l) => l.size));
    expect(smallest / UNITS_PER_MM).toBeGreaterThanOrEqual(2);
    for (const l of chart.labels) {
      expect(l.x, l.text).toBeGreaterThanOrEqual(0);
      expect(l.y, l.text).toBeGreaterThanOrEqual(0);
      expect(l.x + l.w, l.text).toBeLessThanOrEqual(chart.width);
      expect(l.y + l.h, l.text).toBeLessThanOrEqual(chart.height);
    }
    // Pairs of labels whose boxes overlap by more than a sliver (a tenth of the smaller box).
    const covering: string[] = [];
    for (let i = 0; i < chart.labels.length; i++) {
      for (let j = i + 1; j < chart.labels.length; j++) {
        const a = chart.labels[i]!;
        const b = chart.labels[j]!;
        const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (ox > 0 && oy > 0 && ox * oy > 0.1 * Math.min(a.w * a.h, b.w * b.h)) covering.push(`"${a.text}" / "${b.text}"`);
      }
    }
    expect(covering).toEqual([]);
  });

  it('loaded everything it needed from the package itself, without errors', () => {
    expect(problems).toEqual([]);
  });
});
