/**
 * Ingest throughput: parse + normalize + resolve on a generated case of at
 * least 200k application rows, with peak memory. The baseline, measured in
 * the same run on the same file, is csv-parse alone: the ratio says what
 * ringlink's own work costs on top of reading the CSV.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingest, readCsv, writeCase } from '../../../packages/core/src/index.js';

function maxRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export default {
  name: 'ingest',
  async run(args: string[]): Promise<void> {
    const rowsArg = args.find((a) => a.startsWith('--ingest-rows='));
    const applications = rowsArg ? Number(rowsArg.split('=')[1]) : 200_000;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-bench-ingest-'));
    try {
      let t = performance.now();
      await writeCase(dir, { seed: 11, rings: 60, applications });
      process.stdout.write(`generated ${applications} application rows in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      const file = path.join(dir, 'applications.csv');

      t = performance.now();
      let parsed = 0;
      for await (const _ of readCsv(createReadStream(file))) parsed++;
      const parseS = (performance.now() - t) / 1000;

      const rssBefore = maxRssMiB();
      t = performance.now();
      const { report } = await ingest([file]);
      const ingestS = (performance.now() - t) / 1000;
      const rows = report.inputs[0]!.rows;

      process.stdout.write(
        [
          '| step | rows | seconds | records/s | vs csv-parse |',
          '| --- | ---: | ---: | ---: | ---: |',
          `| csv-parse only (baseline) | ${parsed} | ${parseS.toFixed(2)} | ${Math.round(parsed / parseS)} | 1.0× |`,
          `| ingest: parse + normalize + resolve | ${rows} | ${ingestS.toFixed(2)} | ${Math.round(rows / ingestS)} | ${(ingestS / parseS).toFixed(1)}× slower |`,
          '',
          `entities: ${JSON.stringify(report.entities)}`,
          `peak RSS: ${maxRssMiB()} MiB (before ingest: ${rssBefore} MiB); target 100k records/s on one core`,
          '',
        ].join('\n'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
