/**
 * `ringlink export` from the store, against the real Neo4j: a generated
 * case ingested and analysed with the CLI, then exported from the store.
 * The store package must be byte-identical to the offline one built from
 * the result file and the same inputs, every export is logged in the
 * store's export log, and wrong requests fail with a precise message.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { verifyCourtPackage, writeCase } from '@ringlink/core';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { registerAnalyze } from './analyze.js';
import { registerExport } from './export.js';
import { registerExports } from './exports.js';
import { registerIngest } from './ingest.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let tmp: string;
let store: Neo4jStore;
let savedUri: string | undefined;
let out = '';
let resultPath: string;
let largestRing: string;
let runId: string;

async function ringlink(...args: string[]): Promise<string> {
  const program = new Command('ringlink').exitOverride();
  registerIngest(program);
  registerAnalyze(program);
  registerExport(program);
  registerExports(program);
  out = '';
  await program.parseAsync(['node', 'ringlink', ...args]);
  return out;
}

const EXPORTED_AT = '2026-11-26T10:00:00Z';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-cli-export-store-'));
  savedUri = process.env.NEO4J_URI;
  process.env.NEO4J_URI = inject('neo4jUri');
  store = await openStore({ uri: inject('neo4jUri') });
  await store.clear();
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const written = await writeCase(tmp, { seed: 5, rings: 3, brokers: 1, background: 80 });
  await ringlink('ingest', ...written.files.filter((f) => f.endsWith('.csv')));
  resultPath = path.join(tmp, 'result.json');
  await ringlink('analyze', '--from-store', '--out', resultPath, '--no-timings', '--quiet');
  const result = JSON.parse(await readFile(resultPath, 'utf8')) as { run: { id: string }; rings: Array<{ id: string; members: string[] }> };
  runId = result.run.id;
  largestRing = [...result.rings].sort((a, b) => b.members.length - a.members.length)[0]!.id;
});

afterAll(async () => {
  vi.restoreAllMocks();
  if (savedUri === undefined) delete process.env.NEO4J_URI;
  else process.env.NEO4J_URI = savedUri;
  await store?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('ringlink export from the store', () => {
  it('gives the same bytes as the offline export from the result file and its inputs', async () => {
    const fromStore = path.join(tmp, 'store.zip');
    const offline = path.join(tmp, 'offline.zip');
    const common = ['--ring', largestRing, '--case-ref', 'FIA-CC-2026-117', '--exported-at', EXPORTED_AT, '--redact', '--no-pdf'];
    const printed = await ringlink('export', ...common, '--out', fromStore, '--actor', 'inspector.r');
    expect(printed).toMatch(/audit +logged as export-[0-9a-f-]+ in the store's export log/);
    await ringlink('export', ...common, '--out', offline, '--result', resultPath, '--export-log', path.join(tmp, 'exports.jsonl'));
    const a = await readFile(fromStore);
    const b = await readFile(offline);
    expect(a.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(a, b)).toBe(0);
    const verified = await verifyCourtPackage(a);
    expect(verified.ok).toBe(true);
  });

  it('logs every export with who, when, what and the package digest', async () => {
    const file = path.join(tmp, 'logged.zip');
    const printed = await ringlink('export', '--ring', largestRing, '--case-ref', 'CASE-LOG', '--out', file, '--actor', 'inspector.q', '--json', '--no-pdf');
    const sha256 = (JSON.parse(printed) as { sha256: string }).sha256;
    const { items } = await store.listExports({ sha256 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actor: 'inspector.q', via: 'cli', caseRef: 'CASE-LOG', ring: largestRing, run: runId, sha256, redacted: false, destination: file });
    expect(items[0]!.size).toBe((await readFile(file)).length);
    expect(Date.now() - Date.parse(items[0]!.loggedAt)).toBeLessThan(10 * 60_000);
    const byRing = await store.listExports({ ring: largestRing });
    expect(byRing.total).toBeGreaterThanOrEqual(2);
    // `ringlink exports --sha256` answers who made a package.
    const listed = await ringlink('exports', '--sha256', sha256);
    expect(listed).toContain('inspector.q (cli)  case CASE-LOG');
    expect(listed).toContain(`sha256 ${sha256}`);
    process.exitCode = undefined;
    const none = await ringlink('exports', '--sha256', '0'.repeat(64));
    expect(none).toMatch(/no export in the log produced a package with SHA-256 0{64}/);
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
  });

  it('exports a list of entities against the latest run', async () => {
    const result = JSON.parse(await readFile(resultPath, 'utf8')) as { rings: Array<{ id: string; personIds: string[] }> };
    const persons = result.rings[0]!.personIds.slice(0, 2);
    const printed = await ringlink('export', '--entities', ...persons, '--out', path.join(tmp, 'entities.zip'), '--json', '--no-pdf');
    const summary = JSON.parse(printed) as { scope: { type: string; entityIds: string[] }; runId: string; contents: { members: number; thirdParties: number } };
    expect(summary.scope).toEqual({ type: 'entities', entityIds: [...persons].sort() });
    expect(summary.runId).toBe(runId);
    expect(summary.contents.members).toBe(2);
    expect(summary.contents.thirdParties).toBeGreaterThan(0);
  });

  it('refuses an unknown ring, a run that did not last find the ring, and unknown entities', async () => {
    await expect(ringlink('export', '--ring', 'R-9999', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/no ring R-9999 in the store/);
    await expect(ringlink('export', '--ring', largestRing, '--run', 'run-elsewhere', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(
      new RegExp(`ring ${largestRing} was last found by run ${runId}, not run-elsewhere`),
    );
    await expect(ringlink('export', '--entities', 'phone:+920000000000', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/1 entity is not in the store/);
    await expect(ringlink('export', '--ring', largestRing, '--inputs', 'a.csv', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/--inputs and --spec go with --result/);
  });
});
