/**
 * `ringlink export` from the store, against the real Neo4j: a generated
 * case ingested and analysed with the CLI, then exported from the store.
 * The store package must be byte-identical to the offline one built from
 * the result file and the same inputs, every export is logged in the
 * store's export log, and wrong requests fail with a precise message.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyCourtPackage, writeCase } from '@ringlink/core';
import { apiDb, type Neo4jStore } from '@ringlink/store-neo4j';
import { cliHarness, type CliHarness } from '../testing/cli-harness.js';
import { registerAnalyze } from './analyze.js';
import { registerExport } from './export.js';
import { registerExports } from './exports.js';
import { registerIngest } from './ingest.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let cli: CliHarness;
let tmp: string;
let store: Neo4jStore;
let resultPath: string;
let largestRing: string;
let runId: string;
const ringlink = (...args: string[]): Promise<string> => cli.run(...args);

const EXPORTED_AT = '2026-11-26T10:00:00Z';

beforeAll(async () => {
  cli = await cliHarness([registerIngest, registerAnalyze, registerExport, registerExports], 'export-store');
  ({ dir: tmp, store } = cli);
  const written = await writeCase(tmp, { seed: 5, rings: 3, brokers: 1, background: 80 });
  await ringlink('ingest', ...written.files.filter((f) => f.endsWith('.csv')));
  resultPath = path.join(tmp, 'result.json');
  await ringlink('analyze', '--from-store', '--out', resultPath, '--no-timings', '--quiet');
  const result = JSON.parse(await readFile(resultPath, 'utf8')) as { run: { id: string }; rings: Array<{ id: string; members: string[] }> };
  runId = result.run.id;
  largestRing = [...result.rings].sort((a, b) => b.members.length - a.members.length)[0]!.id;
});

afterAll(async () => {
  await cli?.close();
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

  it('refuses an unknown ring, a run that did not last find the ring, unknown entities, a run whose inputs or broker list the store lacks', async () => {
    await expect(ringlink('export', '--ring', 'R-9999', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/no ring R-9999 in the store/);
    await expect(ringlink('export', '--ring', largestRing, '--run', 'run-elsewhere', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(
      new RegExp(`ring ${largestRing} was last found by run ${runId}, not run-elsewhere`),
    );
    await expect(ringlink('export', '--entities', 'phone:+920000000000', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/1 entity is not in the store/);
    await expect(ringlink('export', '--ring', largestRing, '--inputs', 'a.csv', '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/--inputs and --spec go with --result/);
    // A run whose input file is not in the store (its SourceFile gone) is refused, naming the file.
    await apiDb(store).autoCommit('test: a run input not in the store', { text: "MATCH (f:SourceFile) WHERE f.name = 'calls.csv' DETACH DELETE f", params: {} });
    await expect(ringlink('export', '--ring', largestRing, '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/analysed calls\.csv \([0-9a-f]{12}…\), which is not ingested into this store/);
    // A run without its own broker list (written by an earlier version) is refused, not approximated.
    await apiDb(store).autoCommit('test: a run as an earlier version wrote it', { text: 'MATCH (r:AnalysisRun {id: $id}) REMOVE r.brokers', params: { id: runId } });
    await expect(ringlink('export', '--ring', largestRing, '--out', path.join(tmp, 'x.zip'))).rejects.toThrow(/was written before runs kept their broker list/);
  });
});
