/**
 * A deterministic ZIP writer for court packages (PKWARE APPNOTE.TXT 6.3).
 *
 * Why not yazl or archiver: the same package must give the same bytes on
 * any machine and years later, and `verify` checks the container byte for
 * byte against this layout. Deflate output of Node's zlib (Chromium's fork,
 * with CPU-dependent hashing) is not guaranteed identical across machines or
 * Node releases, and a library's header choices (extra fields, "version made
 * by", timestamps) may change on upgrade. So entries are STORED (method 0)
 * and the layout is fixed here, in one place:
 *
 *   for each entry, in the order added:
 *     local file header (version needed 2.0, flags 0x0800 = UTF-8 names,
 *     method 0, DOS time/date of `mtime` in UTC, CRC-32, sizes, no extra field)
 *     the entry's bytes
 *   central directory (version made by 0x0314 = Unix/2.0, the same fields,
 *     external attributes = regular file 0644, no extra field, no comment)
 *   end of central directory record (no comment)
 *
 * No data descriptors: an entry's size and CRC are known before its header
 * is written because every entry is produced twice from a re-iterable
 * producer (one pass to measure, one to write), so memory stays bounded
 * however large the entry. The second pass is checked against the first: a
 * producer that does not repeat itself is a bug and throws.
 *
 * No ZIP64: an entry or package beyond 4 GiB, or more than 65,535 entries,
 * is refused.
 */
import { createHash } from 'node:crypto';
import { RinglinkError } from '@ringlink/model';
import { crc32 } from './crc32.js';

/** Produces an entry's content; called twice, must yield the same bytes both times. */
export type EntryProducer = () => Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Receives the zip's bytes in order. May return a promise (backpressure). */
export type ByteSink = (chunk: Buffer) => void | Promise<void>;

export interface ZipEntryInfo {
  name: string;
  /** Bytes of the entry's content (stored, so also its size in the zip). */
  size: number;
  crc32: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
  /** Offset of the entry's local header in the zip. */
  offset: number;
}

export const ZIP = {
  LOCAL_SIG: 0x04034b50,
  CENTRAL_SIG: 0x02014b50,
  END_SIG: 0x06054b50,
  LOCAL_HEADER: 30,
  CENTRAL_HEADER: 46,
  END_RECORD: 22,
  VERSION_NEEDED: 20,
  VERSION_MADE_BY: 0x0314,
  FLAGS: 0x0800,
  METHOD_STORED: 0,
  EXTERNAL_ATTRS: (0o100644 << 16) >>> 0,
  MAX_U32: 0xffffffff,
  MAX_ENTRIES: 0xffff,
} as const;

const BATCH = 1 << 16;

/** DOS time and date fields (2-second resolution) of an instant, read in UTC. */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = at.getUTCFullYear();
  if (!(year >= 1980 && year <= 2107)) {
    throw new RinglinkError('INVALID_ARGUMENT', `export: zip timestamps cover 1980–2107, got ${at.toISOString()}`);
  }
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

function tooLarge(what: string): never {
  throw new RinglinkError('INVALID_ARGUMENT', `export: ${what} exceeds the ZIP limits (4 GiB, 65,535 entries; ZIP64 is not written)`);
}

async function* chunksOf(producer: EntryProducer): AsyncGenerator<Buffer> {
  // Strings are batched so the sink sees few large writes, not one per CSV row.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const part of producer() as AsyncIterable<string | Uint8Array>) {
    const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    if (buf.length === 0) continue;
    pending.push(buf);
    pendingBytes += buf.length;
    if (pendingBytes >= BATCH) {
      yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
}

export class CanonicalZipWriter {
  private readonly entries: ZipEntryInfo[] = [];
  private readonly names = new Set<string>();
  private readonly time: number;
  private readonly date: number;
  private offset = 0;
  private finished = false;

  constructor(private readonly sink: ByteSink, mtime: Date) {
    ({ time: this.time, date: this.date } = dosDateTime(mtime));
  }

  /** Entries written so far, in order. */
  get written(): readonly ZipEntryInfo[] {
    return this.entries;
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.offset;
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (this.offset > ZIP.MAX_U32) tooLarge('the package');
    await this.sink(chunk);
  }

  /** Adds one entry: measures it (size, CRC-32, SHA-256), then writes header and content. */
  async add(name: string, producer: EntryProducer): Promise<ZipEntryInfo> {
    if (this.finished) throw new RinglinkError('INTERNAL', 'export: zip already finished');
    if (this.names.has(name)) throw new RinglinkError('INTERNAL', `export: duplicate zip entry ${name}`);
    if (this.entries.length >= ZIP.MAX_ENTRIES) tooLarge('the number of entries');
    const nameBytes = Buffer.from(name, 'utf8');
    if (nameBytes.length === 0 || nameBytes.length > 0xffff) throw new RinglinkError('INTERNAL', `export: bad entry name ${JSON.stringify(name)}`);

    // Pass 1: measure.
    let size = 0;
    let crc = 0;
    const hash = createHash('sha256');
    for await (const chunk of chunksOf(producer)) {
      size += chunk.length;
      if (size > ZIP.MAX_U32) tooLarge(`entry ${name}`);
      crc = crc32(chunk, crc);
      hash.update(chunk);
    }
    const info: ZipEntryInfo = { name, size, crc32: crc, sha256: hash.digest('hex'), offset: this.offset };

    // Pass 2: write, checking the producer repeats itself.
    const header = Buffer.alloc(ZIP.LOCAL_HEADER);
    header.writeUInt32LE(ZIP.LOCAL_SIG, 0);
    header.writeUInt16LE(ZIP.VERSION_NEEDED, 4);
    header.writeUInt16LE(ZIP.FLAGS, 6);
    header.writeUInt16LE(ZIP.METHOD_STORED, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(size, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    await this.emit(Buffer.concat([header, nameBytes]));
    let again = 0;
    let crcAgain = 0;
    for await (const chunk of chunksOf(producer)) {
      again += chunk.length;
      crcAgain = crc32(chunk, crcAgain);
      await this.emit(chunk);
    }
    if (again !== size || crcAgain !== crc) {
      throw new RinglinkError('INTERNAL', `export: entry ${name} was not produced the same way twice (non-deterministic producer)`);
    }
    this.entries.push(info);
    this.names.add(name);
    return info;
  }

  /** Writes the central directory and the end record. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const nameBytes = Buffer.from(e.name, 'utf8');
      const h = Buffer.alloc(ZIP.CENTRAL_HEADER);
      h.writeUInt32LE(ZIP.CENTRAL_SIG, 0);
      h.writeUInt16LE(ZIP.VERSION_MADE_BY, 4);
      h.writeUInt16LE(ZIP.VERSION_NEEDED, 6);
      h.writeUInt16LE(ZIP.FLAGS, 8);
      h.writeUInt16LE(ZIP.METHOD_STORED, 10);
      h.writeUInt16LE(this.time, 12);
      h.writeUInt16LE(this.date, 14);
      h.writeUInt32LE(e.crc32, 16);
      h.writeUInt32LE(e.size, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(nameBytes.length, 28);
      h.writeUInt16LE(0, 30); // extra
      h.writeUInt16LE(0, 32); // comment
      h.writeUInt16LE(0, 34); // disk
      h.writeUInt16LE(0, 36); // internal attributes
      h.writeUInt32LE(ZIP.EXTERNAL_ATTRS, 38);
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, nameBytes);
    }
    const central = Buffer.concat(parts);
    await this.emit(central);
    const end = Buffer.alloc(ZIP.END_RECORD);
    end.writeUInt32LE(ZIP.END_SIG, 0);
    end.writeUInt16LE(0, 4);
    end.writeUInt16LE(0, 6);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(central.length, 12);
    end.writeUInt32LE(start, 16);
    end.writeUInt16LE(0, 20);
    await this.emit(end);
  }
}

/** Builds a canonical zip in memory from named contents (used by verify to rebuild a package). */
export async function canonicalZip(entries: ReadonlyArray<{ name: string; data: Uint8Array }>, mtime: Date): Promise<Buffer> {
  const out: Buffer[] = [];
  const writer = new CanonicalZipWriter((c) => { out.push(c); }, mtime);
  for (const e of entries) await writer.add(e.name, () => [e.data]);
  await writer.finish();
  return Buffer.concat(out);
}
