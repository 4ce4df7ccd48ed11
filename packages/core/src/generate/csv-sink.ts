/**
 * A CSV file written in batches: rows are buffered as arrays, stringified
 * a thousand at a time (csv-stringify) and written with backpressure, so a
 * file of millions of rows never exists as one string.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';

const BATCH = 1000;

export class CsvSink {
  private buffer: string[][] = [];
  /** Data rows added so far (header excluded). */
  rows = 0;

  private constructor(private readonly stream: WriteStream, readonly path: string) {}

  static open(path: string, header: readonly string[]): CsvSink {
    const stream = createWriteStream(path, { encoding: 'utf8' });
    const sink = new CsvSink(stream, path);
    stream.write(stringify([header as string[]]));
    return sink;
  }

  add(row: string[]): void {
    this.buffer.push(row);
    this.rows++;
  }

  /** Writes the buffer when it is full; await it between rows to keep memory flat. */
  async drain(): Promise<void> {
    if (this.buffer.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = stringify(this.buffer);
    this.buffer = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}
