import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest, writeCase } from '@ringlink/core';
import { verifyAuditChain } from '@ringlink/query-api';
import { registerExport } from './export.js';
import { registerVerify } from './verify.js';

vi.setConfig({ testTimeout: 60_000 });

let dir: string;
let resultPath: string;

async function run(args: string[]): Promise<{ out: string; code: number | undefined }> {
  const program = new Command('ringlink').exitOverride();
  registerExport(program);
  registerVerify(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out += String(s); return true; });
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'ringlink', ...args]);
  } finally {
    write.mockRestore();
  }
  const code = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { out, code };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-cli-export-'));
  const written = await writeCase(dir, { seed: 4, rings: 2, brokers: 0, background: 40 });
  const { graph, report } = await ingest(written.files.filter((f) => f.endsWith('.csv')));
  const ids = new Set(graph.entities.map((e) => e.id));
  const planted = written.truth.rings[0]!;
  const members = [...planted.agents, ...planted.applicants, ...planted.identifiers].filter((id) => ids.has(id)).sort();
  // A result with the planted ring (the analysis has its own tests; this tests the command).
  const result = {
    run: { id: 'run-test', seed: 1, parameters: { seed: 1 }, software: { name: 'ringlink', version: '0.1.0' }, inputs: report.inputs.map((i) => ({ file: i.file, sha256: i.sha256 })), hubs: [] },
    inputs: report.inputs,
    rings: [{ id: 'R-0001', members, persons: planted.agents.length + planted.applicants.length, score: 80, explanation: 'planted' }],
    ringEvents: [],
    brokers: [],
  };
  resultPath = path.join(dir, 'result.json');
  await writeFile(resultPath, JSON.stringify(result));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ringlink export and verify', () => {
  it('exports a ring from a result file, and verify proves the package', async () => {
    const out = path.join(dir, 'r1.zip');
    const log = path.join(dir, 'exports.jsonl');
    const exp = await run(['export', '--ring', 'R-0001', '--result', resultPath, '--out', out, '--case-ref', 'CASE-9', '--exported-at', '2026-11-26T10:00:00Z', '--redact', '--actor', 'analyst.k', '--export-log', log]);
    expect(exp.out).toMatch(/package written to .*r1\.zip/);
    const sha = /sha256 +([0-9a-f]{64})/.exec(exp.out)![1]!;
    // The export is logged: who, when, what, the package digest; the log is hash-chained.
    const logText = await readFile(log, 'utf8');
    const entry = JSON.parse(logText.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(entry).toMatchObject({ event: 'export', actor: 'analyst.k', via: 'cli', caseRef: 'CASE-9', ring: 'R-0001', run: 'run-test', sha256: sha, redacted: true, destination: out });
    expect(verifyAuditChain(logText).firstBadLine).toBe(0);
    const ver = await run(['verify', out, '--sha256', sha]);
    expect(ver.code).toBeUndefined();
    expect(ver.out).toMatch(/^OK: all 8 files match/m);
    // The same inputs and time give the same bytes.
    const again = path.join(dir, 'r1-again.zip');
    await run(['export', '--ring', 'R-0001', '--result', resultPath, '--out', again, '--case-ref', 'CASE-9', '--exported-at', '2026-11-26T10:00:00Z', '--redact', '--export-log', log]);
    expect(Buffer.compare(await readFile(out), await readFile(again))).toBe(0);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(verifyAuditChain(lines.join('\n')).firstBadLine).toBe(0);
  });

  it('verify exits 1 and names the file when a byte changed', async () => {
    const out = path.join(dir, 'r2.zip');
    await run(['export', '--ring', 'R-0001', '--result', resultPath, '--out', out, '--exported-at', '2026-11-26T10:00:00Z', '--no-pdf', '--export-log', path.join(dir, 'exports.jsonl')]);
    const bytes = await readFile(out);
    bytes[bytes.indexOf('entity_id,kind') + 40]! ^= 1;
    await writeFile(out, bytes);
    const ver = await run(['verify', out]);
    expect(ver.code).toBe(1);
    expect(ver.out).toMatch(/CORRUPT +entities\.csv/);
    expect(ver.out).toMatch(/^FAILED: 1 of 7 files differ/m);
  });

  it('removes the package when the export cannot be logged', async () => {
    const out = path.join(dir, 'unlogged.zip');
    // A log path under a regular file cannot be created.
    const log = path.join(resultPath, 'exports.jsonl');
    await expect(run(['export', '--ring', 'R-0001', '--result', resultPath, '--out', out, '--no-pdf', '--export-log', log])).rejects.toThrow(/could not be logged.*was removed/);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('refuses inputs that are not the files the run analysed', async () => {
    const other = path.join(dir, 'other');
    const written = await writeCase(other, { seed: 99, rings: 2, brokers: 0, background: 40 });
    await expect(run(['export', '--ring', 'R-0001', '--result', resultPath, '--out', path.join(dir, 'x.zip'), '--inputs', ...written.files.filter((f) => f.endsWith('.csv'))]))
      .rejects.toThrow(/SHA-256/);
  });
});
