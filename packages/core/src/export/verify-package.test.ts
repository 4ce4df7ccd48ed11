import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isRinglinkError } from '@ringlink/model';
import { buildCourtPackage } from './build-package.js';
import { EXPORTED_AT, generatedCase, ringInput, unzip, type GeneratedCase } from './generated-case.fixture.js';
import { packageInputFromResult } from './package-from-result.js';
import { verifyCourtPackage } from './verify-package.js';
import { canonicalZip, ZIP } from './zip-writer.js';

vi.setConfig({ testTimeout: 30_000 });

let c: GeneratedCase;
let bytes: Buffer;
let small: Buffer;
let entries: Array<{ name: string; data: Buffer }>;

beforeAll(async () => {
  c = await generatedCase();
  const input = ringInput(c);
  bytes = (await buildCourtPackage(input)).bytes;
  entries = (await unzip(bytes)).map((e) => ({ name: e.name, data: e.data }));
  // A small package (a few entities, no PDF) for exhaustive byte flipping.
  const few = packageInputFromResult(c.result, c.graph, { caseRef: 'X-1', exportedAt: EXPORTED_AT, software: input.software, entityIds: input.ring!.members.slice(0, 3), redact: false });
  small = (await buildCourtPackage(few, { pdf: false })).bytes;
}, 60_000);

afterAll(async () => {
  await c?.cleanup();
});

const rezip = (list: Array<{ name: string; data: Buffer }>): Promise<Buffer> => canonicalZip(list, new Date(EXPORTED_AT));

describe('verifyCourtPackage', () => {
  it('proves an untouched package, from bytes or from a path', async () => {
    const r = await verifyCourtPackage(bytes);
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.files.every((f) => f.status === 'ok')).toBe(true);
    expect(r.files.map((f) => f.name).sort()).toEqual(entries.map((e) => e.name).sort());
    const file = path.join(os.tmpdir(), `ringlink-verify-${process.pid}.zip`);
    await writeFile(file, bytes);
    expect((await verifyCourtPackage(file)).ok).toBe(true);
    expect(r.manifest?.caseRef).toBe('FIA-CC-2026-117');
  });

  it('names the file whose content changed, for every file (one flipped byte, re-zipped with valid CRCs)', async () => {
    for (const target of entries) {
      const tampered = entries.map((e) => {
        if (e.name !== target.name) return e;
        const data = Buffer.from(e.data);
        // In the manifest, flip a letter of the case reference (elsewhere the JSON may stop parsing; tested below).
        const at = e.name === 'manifest.json' ? data.indexOf('FIA-CC') + 1 : Math.floor(data.length / 2);
        data[at]! ^= 0x01;
        return { name: e.name, data };
      });
      const r = await verifyCourtPackage(await rezip(tampered));
      expect(r.ok, target.name).toBe(false);
      const bad = r.files.filter((f) => f.status !== 'ok');
      expect(bad.map((f) => f.name), target.name).toEqual([target.name]);
      expect(['modified', 'corrupt']).toContain(bad[0]!.status);
    }
  });

  it('reports a flipped raw byte as a corrupt entry, not a crash', async () => {
    const data = Buffer.from(bytes);
    const at = data.indexOf('link_ref,link_id');
    data[at + 100]! ^= 0x40;
    const r = await verifyCourtPackage(data);
    expect(r.ok).toBe(false);
    expect(r.files.find((f) => f.name === 'links.csv')).toMatchObject({ status: 'corrupt', detail: expect.stringMatching(/CRC-32/) });
    expect(r.files.filter((f) => f.status !== 'ok')).toHaveLength(1);
  });

  it('catches a single flipped byte anywhere in a package', { timeout: 120_000 }, async () => {
    // Every byte outside the entries' contents (headers, directory, end record) and every 61st content byte.
    const positions: number[] = [];
    let p = 0;
    while (small.readUInt32LE(p) === ZIP.LOCAL_SIG) {
      const nameLen = small.readUInt16LE(p + 26);
      const size = small.readUInt32LE(p + 18);
      const dataStart = p + ZIP.LOCAL_HEADER + nameLen;
      for (let i = p; i < dataStart; i++) positions.push(i);
      for (let i = dataStart; i < dataStart + size; i += 61) positions.push(i);
      p = dataStart + size;
    }
    for (let i = p; i < small.length; i++) positions.push(i);
    expect(positions.length).toBeGreaterThan(500);
    for (const pos of positions) {
      const data = Buffer.from(small);
      data[pos]! ^= 0x01;
      const r = await verifyCourtPackage(data);
      expect(r.ok, `byte ${pos}`).toBe(false);
    }
  });

  it('detects missing and unexpected files', async () => {
    const missing = await verifyCourtPackage(await rezip(entries.filter((e) => e.name !== 'links.csv')));
    expect(missing.ok).toBe(false);
    expect(missing.files.find((f) => f.name === 'links.csv')).toMatchObject({ status: 'missing', actual: null });
    const extra = await verifyCourtPackage(await rezip([...entries, { name: 'notes.txt', data: Buffer.from('added later\n') }]));
    expect(extra.ok).toBe(false);
    expect(extra.files.find((f) => f.name === 'notes.txt')?.status).toBe('unexpected');
  });

  it('detects a manifest that does not parse, and a missing manifest', async () => {
    const broken = entries.map((e) => (e.name === 'manifest.json' ? { name: e.name, data: Buffer.from('{"format": ') } : e));
    const r = await verifyCourtPackage(await rezip(broken));
    expect(r.ok).toBe(false);
    expect(r.files.find((f) => f.name === 'manifest.json')?.status).toBe('corrupt');
    expect(r.problems.join('\n')).toMatch(/does not parse/);
    expect(r.files.filter((f) => f.name !== 'manifest.json').every((f) => f.status === 'unexpected')).toBe(true);
    const none = await verifyCourtPackage(await rezip(entries.filter((e) => e.name !== 'manifest.json')));
    expect(none.ok).toBe(false);
    expect(none.files.find((f) => f.name === 'manifest.json')?.status).toBe('missing');
  });

  it('detects reordered entries, a changed timestamp and trailing bytes, though every content matches', async () => {
    const reordered = await verifyCourtPackage(await rezip([...entries].reverse()));
    expect(reordered.ok).toBe(false);
    expect(reordered.problems.join('\n')).toMatch(/canonical layout/);
    const later = await verifyCourtPackage(await canonicalZip(entries, new Date('2026-11-26T12:00:00Z')));
    expect(later.ok).toBe(false);
    const trailing = await verifyCourtPackage(Buffer.concat([bytes, Buffer.from('x')]));
    expect(trailing.ok).toBe(false);
  });

  it('compares the package digest with the one logged at export', async () => {
    const r = await verifyCourtPackage(bytes, { expectedSha256: '0'.repeat(64) });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/recorded at export/);
    const good = await verifyCourtPackage(bytes, { expectedSha256: r.sha256 });
    expect(good.ok).toBe(true);
  });

  it('answers garbage and empty input without throwing', async () => {
    for (const junk of [Buffer.alloc(0), Buffer.from('not a zip at all'), Buffer.from(bytes.subarray(0, bytes.length / 2))]) {
      const r = await verifyCourtPackage(junk);
      expect(r.ok).toBe(false);
      expect(r.problems.length + r.files.filter((f) => f.status !== 'ok').length).toBeGreaterThan(0);
    }
  });

  it('throws NOT_FOUND for a path that does not exist', async () => {
    const err = await verifyCourtPackage('/nonexistent/package.zip').catch((e: unknown) => e);
    expect(isRinglinkError(err, 'NOT_FOUND')).toBe(true);
  });
});
