/**
 * Crash safety: a child process ingests a generated case into the store in
 * small batches and is killed (SIGKILL) while writing entities; a second
 * one is killed while writing links; an ingest of the same files run
 * afterwards must end in exactly the state a single clean ingest into an
 * empty store reaches (every node, relationship and property, by digest).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingest, writeCase } from '../../../core/src/index.js';
import type { Neo4jStore } from '../store.js';
import { dumpStore } from '../testing/store-digest.js';
import { freshStore } from '../testing/test-store.js';
import { IngestTrace } from './ingest-trace.js';

const uri = inject('neo4jUri');
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const child = path.join(here, '../testing/ingest-child.ts');
const BATCH = 150;
let dir: string;
let store: Neo4jStore;

async function fullIngest(): Promise<void> {
  const trace = new IngestTrace();
  const { report, graph } = await ingest([dir], { onRecord: trace.onRecord });
  await store.writeGraph(graph, { trace, sourceFiles: report.inputs, batchSize: BATCH, ingestedAt: '2026-01-01T00:00:00.000Z' });
}

/** Runs the child and SIGKILLs it once it reports `killAfter` committed batches of `phase`. */
function runAndKill(phase: 'entities' | 'links', killAfter: number): Promise<{ killed: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would not reach.
    const proc = spawn(process.execPath, ['--import', 'tsx', child, uri, dir, String(BATCH)], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let seen = 0;
    let killed = false;
    let buffer = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line.startsWith(`batch ${phase} `)) seen++;
        if (!killed && seen >= killAfter) {
          killed = true;
          proc.kill('SIGKILL');
        }
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (!killed && code !== 0) reject(new Error(`child failed (${code ?? signal}): ${stderr}`));
      else resolve({ killed: signal === 'SIGKILL', lines });
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-store-crash-'));
  await writeCase(dir, { seed: 21, rings: 3, applications: 250 });
  store = await freshStore(uri);
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('killed mid-ingest, then run again', () => {
  it('ends exactly where one clean ingest ends', { timeout: 240_000 }, async () => {
    for (const [phase, n] of [['entities', 3], ['links', 4]] as const) {
      const run = await runAndKill(phase, n);
      expect(run.killed).toBe(true);
      expect(run.lines).not.toContain('done');
      const partial = await store.stats();
      expect(partial.nodes.SourceFile ?? 0).toBe(0); // files are written last: none is marked complete
      expect(partial.nodes.Entity ?? 0).toBeGreaterThan(0);
    }

    await fullIngest();
    const resumed = await dumpStore(uri);
    const resumedStats = await store.stats();

    await store.clear();
    await fullIngest();
    const clean = await dumpStore(uri);
    expect(resumedStats).toEqual(await store.stats());
    expect(resumed.nodes).toEqual(clean.nodes);
    expect(resumed.relationships).toEqual(clean.relationships);
    expect(resumed.digest).toBe(clean.digest);
  });
});
