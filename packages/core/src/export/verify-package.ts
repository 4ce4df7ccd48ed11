/**
 * Verifies a court package: proves it untouched, or says exactly what
 * differs.
 *
 * 1. The zip is read carefully (zip-reader.ts): a damaged entry is
 *    reported as "corrupt" (CRC-32 mismatch, header disagreement,
 *    unreadable data), never thrown.
 * 2. manifest.json must be present and parse; every file it lists must be
 *    present with the SHA-256 it gives ("missing", "modified"), and no
 *    other file may be in the zip ("unexpected").
 * 3. When every entry is intact, the zip is rebuilt from its contents with
 *    the canonical writer (manifest order, manifest last, the export time
 *    as timestamp) and compared byte for byte: any altered header byte,
 *    reordering, trailing data or comment is reported with its offset.
 *
 * 4. manifest.json carries its own digest (`selfSha256`), so a change to
 *    the manifest alone is caught too.
 *
 * So a single flipped byte anywhere in the file is caught. Against someone
 * who rewrites files and manifest together, compare the package digest
 * with the one logged at export (`expectedSha256`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { RinglinkError } from '@ringlink/model';
import { MANIFEST_NAME, manifestSealHolds, parseManifest, type Manifest } from './manifest.js';
import { readZip } from './zip-reader.js';
import { canonicalZip } from './zip-writer.js';

export type FileStatus = 'ok' | 'modified' | 'missing' | 'unexpected' | 'corrupt';

export interface VerifiedFile {
  name: string;
  /** SHA-256 the manifest gives (null for manifest.json itself and unexpected files). */
  expected: string | null;
  /** SHA-256 of the content found (null when missing or unreadable). */
  actual: string | null;
  status: FileStatus;
  detail?: string;
}

export interface VerifyResult {
  ok: boolean;
  /** SHA-256 of the whole package file. */
  sha256: string;
  files: VerifiedFile[];
  problems: string[];
  /** What the package says it is, when its manifest could be read. */
  manifest?: Pick<Manifest, 'caseRef' | 'exportedAt' | 'scope' | 'software'> & { runId: string };
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function bytesOf(input: Uint8Array | string): Promise<Buffer> {
  if (typeof input !== 'string') return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  try {
    return await readFile(input);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RinglinkError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_ARGUMENT', `verify: cannot read ${input}: ${(err as Error).message}`, { cause: err });
  }
}

export interface VerifyOptions {
  /** The package digest recorded when it was exported (audit log): anything else is reported. */
  expectedSha256?: string;
}

export async function verifyCourtPackage(input: Uint8Array | string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const buf = await bytesOf(input);
  const { entries, problems } = readZip(buf);
  const packageSha = sha(buf);
  if (options.expectedSha256 !== undefined && options.expectedSha256.toLowerCase() !== packageSha) {
    problems.push(`the package's SHA-256 is ${packageSha}, not ${options.expectedSha256.toLowerCase()} as recorded at export`);
  }
  const files: VerifiedFile[] = [];
  const byName = new Map<string, (typeof entries)[number]>();
  for (const e of entries) if (!byName.has(e.name)) byName.set(e.name, e);

  // The manifest.
  let manifest: Manifest | undefined;
  const m = byName.get(MANIFEST_NAME);
  if (!m) {
    files.push({ name: MANIFEST_NAME, expected: null, actual: null, status: 'missing' });
    problems.push('manifest.json is missing: the package cannot be checked against its own digests');
  } else {
    const parsed = m.data ? parseManifest(m.data.toString('utf8')) : { error: 'manifest.json cannot be read' };
    const actual = m.data ? sha(m.data) : null;
    if ('error' in parsed) {
      files.push({ name: MANIFEST_NAME, expected: null, actual, status: 'corrupt', detail: m.corrupt ?? parsed.error });
      problems.push(parsed.error);
    } else {
      manifest = parsed.manifest;
      const sealed = manifestSealHolds(m.data!.toString('utf8'));
      if (m.corrupt) files.push({ name: MANIFEST_NAME, expected: null, actual, status: 'corrupt', detail: m.corrupt });
      else if (sealed !== true) {
        files.push({ name: MANIFEST_NAME, expected: null, actual, status: 'modified', detail: sealed === null ? 'manifest.json has no selfSha256' : 'manifest.json was changed after export (its selfSha256 does not match)' });
      } else files.push({ name: MANIFEST_NAME, expected: null, actual, status: 'ok' });
    }
  }

  // The files it lists.
  const listed = new Set<string>([MANIFEST_NAME]);
  for (const f of manifest?.files ?? []) {
    listed.add(f.name);
    const e = byName.get(f.name);
    if (!e) {
      files.push({ name: f.name, expected: f.sha256, actual: null, status: 'missing' });
      continue;
    }
    const actual = e.data ? sha(e.data) : null;
    if (e.corrupt) files.push({ name: f.name, expected: f.sha256, actual, status: 'corrupt', detail: e.corrupt });
    else if (actual !== f.sha256) files.push({ name: f.name, expected: f.sha256, actual, status: 'modified', detail: 'SHA-256 differs from the manifest' });
    else files.push({ name: f.name, expected: f.sha256, actual, status: 'ok' });
  }
  if (manifest) {
    for (const e of entries) {
      if (listed.has(e.name)) continue;
      listed.add(e.name);
      files.push({ name: e.name, expected: null, actual: e.data ? sha(e.data) : null, status: e.corrupt ? 'corrupt' : 'unexpected', ...(e.corrupt ? { detail: e.corrupt } : { detail: 'not listed in the manifest' }) });
    }
  } else {
    for (const e of entries) {
      if (e.name === MANIFEST_NAME) continue;
      files.push({ name: e.name, expected: null, actual: e.data ? sha(e.data) : null, status: e.corrupt ? 'corrupt' : 'unexpected', detail: e.corrupt ?? 'cannot be checked without a manifest' });
    }
  }

  // The container, byte for byte, when every entry is intact.
  if (manifest && files.every((f) => f.status === 'ok') && entries.every((e) => !e.corrupt) && !problems.some((p) => !p.startsWith('the package\'s SHA-256'))) {
    const order = [...manifest.files.map((f) => f.name), MANIFEST_NAME];
    const rebuilt = await canonicalZip(order.map((name) => ({ name, data: byName.get(name)!.data! })), new Date(manifest.exportedAt));
    if (!rebuilt.equals(buf)) {
      let at = 0;
      while (at < rebuilt.length && at < buf.length && rebuilt[at] === buf[at]) at++;
      problems.push(
        `the zip container differs from the canonical layout at byte ${at} (${buf.length} bytes, canonical ${rebuilt.length}): ` +
        'headers, order, timestamps or trailing data were changed, though every file\'s content matches its digest',
      );
    }
  }

  return {
    ok: problems.length === 0 && files.every((f) => f.status === 'ok'),
    sha256: packageSha,
    files,
    problems,
    ...(manifest ? { manifest: { caseRef: manifest.caseRef, exportedAt: manifest.exportedAt, scope: manifest.scope, software: manifest.software, runId: manifest.run?.id } } : {}),
  };
}
