import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { unzip } from './generated-case.fixture.js';
import { readZip } from './zip-reader.js';
import { CanonicalZipWriter, canonicalZip, dosDateTime } from './zip-writer.js';

const at = new Date('2026-11-26T10:00:06Z');

describe('crc32', () => {
  it('gives the standard check value and composes incrementally', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('CanonicalZipWriter', () => {
  it('writes stored entries any zip reader reads back, with the given time', async () => {
    const zip = await canonicalZip([{ name: 'a.txt', data: Buffer.from('hello\n') }, { name: 'dir/é.csv', data: Buffer.from('x,y\r\n1,2\r\n') }], at);
    const entries = await unzip(zip);
    expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([['a.txt', 'hello\n'], ['dir/é.csv', 'x,y\r\n1,2\r\n']]);
    expect(entries[0]!.mtime.getMinutes()).toBe(0);
    expect(entries[0]!.mtime.getSeconds()).toBe(6);
    expect(readZip(zip)).toMatchObject({ problems: [] });
    expect(dosDateTime(at)).toEqual({ time: (10 << 11) | 3, date: (46 << 9) | (11 << 5) | 26 });
  });

  it('is deterministic and streams producers chunk by chunk', async () => {
    const rows = function* (): Generator<string> {
      for (let i = 0; i < 50_000; i++) yield `${i},row ${i}\r\n`;
    };
    const build = async (): Promise<Buffer> => {
      const out: Buffer[] = [];
      let writes = 0;
      const w = new CanonicalZipWriter((c) => { out.push(c); writes++; }, at);
      await w.add('big.csv', rows);
      await w.finish();
      expect(writes).toBeGreaterThan(3);
      return Buffer.concat(out);
    };
    const a = await build();
    expect(Buffer.compare(a, await build())).toBe(0);
    expect((await unzip(a))[0]!.data.toString()).toBe([...rows()].join(''));
  });

  it('refuses a producer that does not repeat itself, duplicate names and out-of-range times', async () => {
    let n = 0;
    const w = new CanonicalZipWriter(() => {}, at);
    await expect(w.add('x', () => [String(n++)])).rejects.toThrow(/not produced the same way twice/);
    const w2 = new CanonicalZipWriter(() => {}, at);
    await w2.add('x', () => ['1']);
    await expect(w2.add('x', () => ['1'])).rejects.toThrow(/duplicate/);
    expect(() => dosDateTime(new Date('1979-12-31T23:59:59Z'))).toThrow(/1980/);
  });
});

describe('readZip', () => {
  it('reports instead of throwing on damaged archives', () => {
    expect(readZip(Buffer.from('PK')).problems[0]).toMatch(/not a zip/);
    expect(readZip(Buffer.alloc(100)).problems[0]).toMatch(/no end of central directory/);
  });
});
