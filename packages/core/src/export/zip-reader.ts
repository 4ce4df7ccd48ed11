/**
 * A careful ZIP reader for `verify`: it never throws on damaged input. It
 * reads the central directory (falling back to walking the local headers
 * when the end record or directory is damaged), checks every local header
 * against its directory entry and every entry's CRC-32, and reports each
 * problem against the entry it belongs to. Stored and deflated entries are
 * read (a package re-zipped by another tool still has its contents checked);
 * anything else is reported as unreadable.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import { ZIP } from './zip-writer.js';

export interface ReadEntry {
  name: string;
  /** The content, or null when it could not be read. */
  data: Buffer | null;
  /** Why the entry is corrupt (CRC mismatch, header disagreement, unreadable data), if it is. */
  corrupt: string | null;
}

export interface ReadZipResult {
  entries: ReadEntry[];
  /** Problems with the container itself (not with one entry). */
  problems: string[];
}

interface CentralRecord {
  name: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

function inBounds(buf: Buffer, start: number, length: number): boolean {
  return start >= 0 && length >= 0 && start + length <= buf.length;
}

function findEnd(buf: Buffer, problems: string[]): number {
  const exact = buf.length - ZIP.END_RECORD;
  if (exact >= 0 && buf.readUInt32LE(exact) === ZIP.END_SIG) return exact;
  const floor = Math.max(0, buf.length - ZIP.END_RECORD - 0xffff);
  for (let i = exact - 1; i >= floor; i--) {
    if (buf.readUInt32LE(i) === ZIP.END_SIG) {
      problems.push(`end of central directory record found at byte ${i}, not at the end of the file (trailing bytes or a comment)`);
      return i;
    }
  }
  problems.push('no end of central directory record: the file is truncated or not a zip archive');
  return -1;
}

function readCentral(buf: Buffer, end: number, problems: string[]): CentralRecord[] | null {
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const start = buf.readUInt32LE(end + 16);
  if (buf.readUInt16LE(end + 8) !== count) problems.push('end record: entry counts disagree');
  if (!inBounds(buf, start, size) || start + size > end) {
    problems.push(`end record points to a central directory outside the file (offset ${start}, ${size} bytes)`);
    return null;
  }
  if (start + size !== end) problems.push(`central directory ends at byte ${start + size}, the end record starts at ${end}`);
  const records: CentralRecord[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (!inBounds(buf, p, ZIP.CENTRAL_HEADER) || buf.readUInt32LE(p) !== ZIP.CENTRAL_SIG) {
      problems.push(`central directory entry ${i + 1} of ${count} is damaged (no signature at byte ${p})`);
      return records.length > 0 ? records : null;
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (!inBounds(buf, p + ZIP.CENTRAL_HEADER, nameLen + extraLen + commentLen)) {
      problems.push(`central directory entry ${i + 1} runs past the end of the file`);
      return records.length > 0 ? records : null;
    }
    records.push({
      name: buf.toString('utf8', p + ZIP.CENTRAL_HEADER, p + ZIP.CENTRAL_HEADER + nameLen),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
      crc: buf.readUInt32LE(p + 16),
      csize: buf.readUInt32LE(p + 20),
      usize: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += ZIP.CENTRAL_HEADER + nameLen + extraLen + commentLen;
  }
  if (p !== start + size) problems.push('central directory size in the end record does not match its entries');
  return records;
}

/** Walks local headers from byte 0: the fallback when the directory cannot be read. */
function walkLocal(buf: Buffer, problems: string[]): CentralRecord[] {
  const records: CentralRecord[] = [];
  let p = 0;
  while (inBounds(buf, p, ZIP.LOCAL_HEADER) && buf.readUInt32LE(p) === ZIP.LOCAL_SIG) {
    const flags = buf.readUInt16LE(p + 6);
    const csize = buf.readUInt32LE(p + 18);
    const nameLen = buf.readUInt16LE(p + 26);
    const extraLen = buf.readUInt16LE(p + 28);
    if ((flags & 0x08) !== 0 || !inBounds(buf, p + ZIP.LOCAL_HEADER, nameLen + extraLen + csize)) {
      problems.push(`local headers could not be followed past byte ${p}`);
      break;
    }
    records.push({
      name: buf.toString('utf8', p + ZIP.LOCAL_HEADER, p + ZIP.LOCAL_HEADER + nameLen),
      flags,
      method: buf.readUInt16LE(p + 8),
      time: buf.readUInt16LE(p + 10),
      date: buf.readUInt16LE(p + 12),
      crc: buf.readUInt32LE(p + 14),
      csize,
      usize: buf.readUInt32LE(p + 22),
      offset: p,
    });
    p += ZIP.LOCAL_HEADER + nameLen + extraLen + csize;
  }
  if (records.length > 0) problems.push(`read ${records.length} entries by walking local headers (central directory unusable)`);
  return records;
}

function readEntry(buf: Buffer, r: CentralRecord): ReadEntry {
  const fail = (why: string): ReadEntry => ({ name: r.name, data: null, corrupt: why });
  if (!inBounds(buf, r.offset, ZIP.LOCAL_HEADER) || buf.readUInt32LE(r.offset) !== ZIP.LOCAL_SIG) {
    return fail(`no local header at byte ${r.offset}`);
  }
  const o = r.offset;
  const nameLen = buf.readUInt16LE(o + 26);
  const extraLen = buf.readUInt16LE(o + 28);
  if (!inBounds(buf, o + ZIP.LOCAL_HEADER, nameLen + extraLen)) return fail('local header runs past the end of the file');
  const localName = buf.toString('utf8', o + ZIP.LOCAL_HEADER, o + ZIP.LOCAL_HEADER + nameLen);
  const disagree: string[] = [];
  if (localName !== r.name) disagree.push(`name ${JSON.stringify(localName)}`);
  if (buf.readUInt16LE(o + 8) !== r.method) disagree.push('compression method');
  if (buf.readUInt16LE(o + 6) !== r.flags) disagree.push('flags');
  if (buf.readUInt16LE(o + 10) !== r.time || buf.readUInt16LE(o + 12) !== r.date) disagree.push('timestamp');
  if ((r.flags & 0x08) === 0) {
    if (buf.readUInt32LE(o + 14) !== r.crc) disagree.push('CRC-32');
    if (buf.readUInt32LE(o + 18) !== r.csize || buf.readUInt32LE(o + 22) !== r.usize) disagree.push('sizes');
  }
  const dataStart = o + ZIP.LOCAL_HEADER + nameLen + extraLen;
  if (!inBounds(buf, dataStart, r.csize)) return fail('entry data runs past the end of the file');
  const raw = buf.subarray(dataStart, dataStart + r.csize);
  let data: Buffer;
  if (r.method === 0) data = Buffer.from(raw);
  else if (r.method === 8) {
    try {
      data = inflateRawSync(raw);
    } catch (err) {
      return fail(`compressed data cannot be inflated (${(err as Error).message})`);
    }
  } else return fail(`unsupported compression method ${r.method}`);
  if (data.length !== r.usize) return { name: r.name, data, corrupt: `size is ${data.length} bytes, the directory says ${r.usize}` };
  const actualCrc = crc32(data);
  if (actualCrc !== r.crc) return { name: r.name, data, corrupt: 'CRC-32 mismatch (the stored bytes were altered or damaged)' };
  if (disagree.length > 0) return { name: r.name, data, corrupt: `local header disagrees with the central directory (${disagree.join(', ')})` };
  return { name: r.name, data, corrupt: null };
}

/** Reads every entry it can; problems are reported, never thrown. */
export function readZip(buf: Buffer): ReadZipResult {
  const problems: string[] = [];
  if (buf.length < ZIP.END_RECORD) return { entries: [], problems: [`not a zip archive (${buf.length} bytes)`] };
  const end = findEnd(buf, problems);
  let records = end >= 0 ? readCentral(buf, end, problems) : null;
  if (records === null) records = walkLocal(buf, problems);
  if (records.length === 0 && problems.length === 0) problems.push('the archive has no entries');
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.name)) problems.push(`entry ${r.name} appears more than once`);
    seen.add(r.name);
  }
  return { entries: records.map((r) => readEntry(buf, r)), problems };
}
