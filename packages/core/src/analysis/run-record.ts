/**
 * The run record: what a court needs to be told how a ring was found and
 * to repeat the run — parameters, seed, software and algorithm versions,
 * input digests, a digest of the analysed graph, hubs, modularity, the
 * betweenness method and its error bound. Its id is derived from those, so
 * the same run always has the same id.
 *
 * Wall-clock timings are the one non-deterministic part: they live in
 * `run.timings` only, and the byte-for-byte guarantee is "the result JSON
 * minus run.timings" (or pass `timings: false` to leave them out).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AnalysisView } from './analysis-view.js';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      } catch {
        // keep walking up
      }
      dir = path.dirname(dir);
    }
  } catch {
    // not resolvable
  }
  return 'unknown';
}

let components: Record<string, string> | undefined;

/** Versions of the libraries whose algorithms shape the result. */
export function softwareComponents(): Record<string, string> {
  components ??= {
    graphology: packageVersion('graphology'),
    'graphology-communities-louvain': packageVersion('graphology-communities-louvain'),
    node: process.versions.node.split('.')[0]!,
  };
  return { ...components };
}

/**
 * SHA-256 over the analysed graph as the analysis saw it: entity ids with
 * kind, roles and document status (one line each, in id order), then the
 * edges' endpoints (little-endian int32) and weights (little-endian float64)
 * in edge order. Independent of the order of the input arrays.
 */
export function viewDigest(view: AnalysisView): string {
  const h = createHash('sha256');
  let chunk = '';
  for (let u = 0; u < view.nodeCount; u++) {
    const e = view.entities[u];
    const status = e?.props.status;
    chunk += `${view.ids[u]}\t${view.kinds[u]}\t${(e?.roles ?? []).join(',')}\t${typeof status === 'string' ? status : ''}\n`;
    if (chunk.length > 1 << 16) { h.update(chunk); chunk = ''; }
  }
  h.update(chunk);
  // Edges as little-endian int32 endpoints and float64 weights.
  const bytes = (a: Int32Array | Float64Array): Buffer => {
    const b = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return b;
    const copy = Buffer.from(b);
    if (a instanceof Int32Array) copy.swap32();
    else copy.swap64();
    return copy;
  };
  h.update(bytes(view.edgeA));
  h.update(bytes(view.edgeB));
  h.update(bytes(view.edgeWeight));
  return h.digest('hex');
}

/** Deterministic run id from what defines the run. */
export function runId(parts: unknown): string {
  return `run-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16)}`;
}

/** A stopwatch for `run.timings`, in milliseconds with one decimal. */
export class Stopwatch {
  private last = performance.now();
  private readonly start = this.last;
  readonly laps: Record<string, number> = {};

  lap(name: string): void {
    const now = performance.now();
    this.laps[name] = Math.round((now - this.last) * 10) / 10;
    this.last = now;
  }

  total(): number {
    return Math.round((performance.now() - this.start) * 10) / 10;
  }
}
