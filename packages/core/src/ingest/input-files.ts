/**
 * Input discovery and file digests. Folders expand to the files they hold
 * (sorted, so runs are reproducible); each file's SHA-256 is computed in a
 * first streaming pass, because every piece of evidence names the digest of
 * the file it came from.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RinglinkError } from '@ringlink/model';

export const INPUT_EXTENSIONS = ['.csv', '.ndjson', '.jsonl'] as const;

export type InputFormat = 'csv' | 'ndjson';

export function formatOf(file: string): InputFormat {
  return file.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
}

/** Expands folders (recursively) into their input files; files given by name are kept as given. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch (cause) {
      throw new RinglinkError('INVALID_ARGUMENT', `input not found: ${p}`, { cause });
    }
    if (info.isDirectory()) {
      const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      const nested: string[] = [];
      for (const e of entries) {
        const full = path.join(p, e.name);
        if (e.isDirectory()) nested.push(full);
        else if (INPUT_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext))) out.push(full);
      }
      out.push(...(await expandInputs(nested)));
    } else {
      out.push(p);
    }
  }
  return out;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
