/**
 * `ringlink exports`: the store's export log — which court packages were
 * made, by whom, when, for which case, and their SHA-256 — newest first.
 * `--sha256` answers "who made this package?" for a zip handed to a court.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { ExportLogRecord } from '@ringlink/store-neo4j';
import { connectStore } from '../store-connection.js';

interface ExportsOptions {
  sha256?: string;
  ring?: string;
  limit: number;
  json?: boolean;
}

function parseSha256(v: string): string {
  const s = v.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(s)) throw new InvalidArgumentError(`expected a SHA-256 (64 hex digits), got "${v}"`);
  return s;
}

function parseLimit(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError(`expected a whole number from 1 to 10000, got "${v}"`);
  return n;
}

export function formatExportRecord(x: ExportLogRecord): string {
  const what = x.ring ?? `${x.entityIds.length} entities`;
  return [
    `${x.loggedAt.replace('T', ' ').slice(0, 19)}  ${x.actor} (${x.via})  case ${x.caseRef}  ${what}  run ${x.run}${x.redacted ? '  redacted' : ''}`,
    `    sha256 ${x.sha256}  ${x.size} bytes  exported at ${x.exportedAt}  → ${x.destination}  (${x.id})`,
  ].join('\n');
}

export function registerExports(program: Command): void {
  program
    .command('exports')
    .description('The export log: court packages made (who, when, case, scope, run, SHA-256), newest first')
    .option('--sha256 <digest>', 'only the export(s) that produced the package with this SHA-256', parseSha256)
    .option('--ring <id>', 'only exports of this ring')
    .option('--limit <n>', 'most records shown', parseLimit, 50)
    .option('--json', 'print JSON')
    .action(async (opts: ExportsOptions) => {
      const { store, close } = await connectStore();
      try {
        const found = await store.listExports({ limit: opts.limit, ...(opts.sha256 ? { sha256: opts.sha256 } : {}), ...(opts.ring ? { ring: opts.ring } : {}) });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
          return;
        }
        if (found.items.length === 0) {
          process.stdout.write(opts.sha256 ? `no export in the log produced a package with SHA-256 ${opts.sha256}\n` : 'the export log is empty\n');
          if (opts.sha256) process.exitCode = 1;
          return;
        }
        process.stdout.write(`${found.items.map(formatExportRecord).join('\n')}\n`);
        if (found.total > found.items.length) process.stdout.write(`… ${found.total - found.items.length} more (--limit)\n`);
      } finally {
        await close();
      }
    });
}
