/**
 * A progress bar for long inputs, on a terminal only (cli-progress), so
 * logs and CI output stay clean.
 */
import cliProgress from 'cli-progress';
import type { IngestProgress } from '@ringlink/core';

const MIN_BYTES_FOR_BAR = 5 * 1024 * 1024;

export function ingestProgressBar(): { onProgress?: (p: IngestProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  return {
    onProgress(p) {
      if (p.totalBytes < MIN_BYTES_FOR_BAR) return;
      if (p.file !== current) {
        bar?.stop();
        current = p.file;
        bar = new cliProgress.SingleBar(
          { format: `${p.file} [{bar}] {percentage}% | {rows} rows | {eta_formatted} left`, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.totalBytes, 0, { rows: 0 });
      }
      bar?.update(p.bytes, { rows: p.rows });
    },
    stop: () => bar?.stop(),
  };
}
