/**
 * Builds the web view (src/ → dist/) with esbuild's JS API: one bundle for
 * the page (sigma, graphology, the ForceAtlas2 supervisor and our code),
 * one stylesheet, and an index.html naming them. File names carry a content
 * hash, so browsers may cache them for good; index.html is never cached.
 *
 *   dist/index.html, dist/bench.html (the benchmark page)
 *   dist/assets/app-<hash>.js, app-<hash>.css, bench-<hash>.js, bench-<hash>.css
 *   dist/build-info.json   { inputs: <SHA-256 of every input>, files, builtAt, esbuild }
 *
 * `ensureWebViewBuilt()` rebuilds only when dist/ is missing or was built
 * from other inputs (the sources, the lockfile, this file): what the query
 * service calls before it serves the page, so that no step has to be
 * remembered. A build takes a few hundred milliseconds.
 *
 * Files are written to a temporary name and renamed, index.html and
 * build-info.json last, so that a page being served while another process
 * builds never sees half a file, and two processes building at once write
 * the same bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_VIEW_DIST, WEB_VIEW_ROOT, WEB_VIEW_SRC } from './paths.js';

export interface BuildInfo {
  /** SHA-256 over every input file (path and bytes). */
  inputs: string;
  /** Paths served, relative to dist/ (`index.html`, `assets/app-<hash>.js`, …). */
  files: string[];
  builtAt: string;
  esbuild: string;
  /** Milliseconds the build took. */
  ms: number;
}

export interface BuildOptions {
  /** Default dist/ of this package. */
  outDir?: string;
  /** Default true. */
  minify?: boolean;
  /** Linked source maps next to the bundle (default false: the service serves no maps). */
  sourcemap?: boolean;
}

/** The pages: a bundle name, its entry module and its HTML template (in src/). */
const PAGES = [
  { entry: 'app', source: 'main.ts', html: 'index.html' },
  { entry: 'bench', source: 'bench.ts', html: 'bench.html' },
] as const;

const INPUT_EXTENSIONS = new Set(['.ts', '.css', '.html', '.svg']);

async function listInputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listInputs(p)));
    else if (INPUT_EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/** SHA-256 over the sources, the lockfile and this builder: what decides whether dist/ is current. */
export async function webViewInputsDigest(): Promise<string> {
  const files = [
    ...(await listInputs(WEB_VIEW_SRC)),
    path.join(WEB_VIEW_ROOT, 'package.json'),
    path.join(WEB_VIEW_ROOT, '..', '..', 'pnpm-lock.yaml'),
    fileURLToPath(import.meta.url),
  ];
  const h = createHash('sha256');
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(f);
    } catch {
      continue; // the lockfile may be absent in a deployed copy
    }
    h.update(path.relative(WEB_VIEW_ROOT, f)).update('\0').update(bytes).update('\0');
  }
  return h.digest('hex');
}

export async function readBuildInfo(outDir: string = WEB_VIEW_DIST): Promise<BuildInfo | undefined> {
  try {
    return JSON.parse(await readFile(path.join(outDir, 'build-info.json'), 'utf8')) as BuildInfo;
  } catch {
    return undefined;
  }
}

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Builds src/ into outDir; returns what was written. */
export async function buildWebView(options: BuildOptions = {}): Promise<BuildInfo> {
  const outDir = options.outDir ?? WEB_VIEW_DIST;
  const started = performance.now();
  const inputs = await webViewInputsDigest();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(PAGES.map((p) => [p.entry, path.join(WEB_VIEW_SRC, p.source)])),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: options.minify ?? true,
    // keepNames would add a helper outside the ForceAtlas2 worker function,
    // which the supervisor turns into a worker from its source text alone.
    keepNames: false,
    sourcemap: options.sourcemap ? 'linked' : false,
    legalComments: 'linked',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir: path.join(outDir, 'assets'),
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    absWorkingDir: WEB_VIEW_ROOT,
  });
  const files: Array<{ rel: string; bytes: Uint8Array }> = result.outputFiles.map((f) => ({
    rel: path.relative(outDir, f.path).split(path.sep).join('/'),
    bytes: f.contents,
  }));
  const pages: Array<{ rel: string; bytes: string }> = [];
  for (const page of PAGES) {
    const js = files.find((f) => new RegExp(`^assets/${page.entry}-[^/]+\\.js$`).test(f.rel));
    const css = files.find((f) => new RegExp(`^assets/${page.entry}-[^/]+\\.css$`).test(f.rel));
    if (js === undefined || css === undefined) throw new Error(`web-view: the build produced ${files.map((f) => f.rel).join(', ')}, not ${page.entry}-*.js and ${page.entry}-*.css`);
    const template = await readFile(path.join(WEB_VIEW_SRC, page.html), 'utf8');
    const html = template
      .replace('<!--STYLES-->', `<link rel="stylesheet" href="/${esc(css.rel)}">`)
      .replace('<!--SCRIPTS-->', `<script type="module" src="/${esc(js.rel)}"></script>`);
    if (!template.includes('<!--STYLES-->') || !template.includes('<!--SCRIPTS-->')) throw new Error(`web-view: src/${page.html} lacks the <!--STYLES--> and <!--SCRIPTS--> markers`);
    pages.push({ rel: page.html, bytes: html });
  }

  for (const f of files) await writeAtomically(path.join(outDir, f.rel), f.bytes);
  for (const p of pages) await writeAtomically(path.join(outDir, p.rel), p.bytes);
  const info: BuildInfo = {
    inputs,
    files: [...pages.map((p) => p.rel), ...files.map((f) => f.rel)].sort(),
    builtAt: new Date().toISOString(),
    esbuild: esbuild.version,
    ms: Math.round(performance.now() - started),
  };
  await writeAtomically(path.join(outDir, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);

  // Assets of earlier builds: removed once they are a minute old (a page
  // loaded just before this build may still be fetching them).
  const keep = new Set(info.files);
  const assetsDir = path.join(outDir, 'assets');
  for (const name of await readdir(assetsDir)) {
    const rel = `assets/${name}`;
    if (keep.has(rel)) continue;
    const p = path.join(assetsDir, name);
    const s = await stat(p).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > 60_000) await rm(p, { force: true });
  }
  return info;
}

export type BuildState = { state: 'current'; info: BuildInfo } | { state: 'stale' | 'missing'; info: BuildInfo | undefined };

/** Whether dist/ holds a build of the current inputs. */
export async function webViewBuildState(outDir: string = WEB_VIEW_DIST): Promise<BuildState> {
  const info = await readBuildInfo(outDir);
  if (info === undefined) return { state: 'missing', info };
  for (const f of info.files) {
    if ((await stat(path.join(outDir, f)).catch(() => undefined)) === undefined) return { state: 'missing', info };
  }
  const inputs = await webViewInputsDigest().catch(() => undefined);
  // No sources next to dist (a deployed copy of dist alone): what is there is what is served.
  if (inputs === undefined) return { state: 'current', info };
  return info.inputs === inputs ? { state: 'current', info } : { state: 'stale', info };
}

let inFlight: Promise<BuildInfo> | undefined;

/**
 * Builds dist/ when it is missing or stale; resolves with what is to be
 * served. One build at a time per process. When esbuild is not installed
 * (a production image with a prebuilt dist/) a stale build is served as it
 * is; a missing one is an error.
 */
export function ensureWebViewBuilt(outDir: string = WEB_VIEW_DIST): Promise<BuildInfo> {
  inFlight ??= (async () => {
    try {
      const current = await webViewBuildState(outDir);
      if (current.state === 'current') return current.info;
      try {
        return await buildWebView({ outDir });
      } catch (err) {
        if (current.state === 'stale' && current.info && (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return current.info;
        throw err;
      }
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
}
