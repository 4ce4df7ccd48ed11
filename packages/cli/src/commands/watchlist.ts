/**
 * `ringlink watchlist add|remove|list`: the watch list in the store. An
 * identifier is given in any spelling with its kind and normalized with
 * the model's normalizers (`0300-1234567` and `+92 300 1234567` are one
 * entry); one that cannot be normalized is refused. Every new record that
 * carries a listed identifier raises a `watchlist-hit` alert.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { WATCH_KINDS, isWatchKind, watchKeyOf, type WatchKind } from '@ringlink/core';
import { RinglinkError } from '@ringlink/model';
import { AlertStore } from '@ringlink/store-neo4j';
import { parseInteger } from '../options.js';
import { connectStore } from '../store-connection.js';

function kind(v: string): WatchKind {
  if (!isWatchKind(v)) throw new InvalidArgumentError(`--kind must be one of ${WATCH_KINDS.join(', ')}, got "${v}"`);
  return v;
}

async function withAlertStore<T>(work: (alerts: AlertStore) => Promise<T>): Promise<T> {
  const { store, close } = await connectStore();
  try {
    return await work(await AlertStore.open(store));
  } finally {
    await close();
  }
}

export function registerWatchlist(program: Command): void {
  const cmd = program
    .command('watchlist')
    .description('Watch identifiers (phone, account, document, CNIC, passport, e-mail): new records that carry one raise an alert');

  cmd
    .command('add')
    .description('Watch an identifier, in any spelling')
    .argument('<identifier>', 'the phone, account, document number, CNIC, passport (PAK:AB1234567) or e-mail')
    .requiredOption('--kind <kind>', `what it is: ${WATCH_KINDS.join(', ')}`, kind)
    .option('--country <country>', 'issuing country of a passport given without one')
    .option('--note <text>', 'why it is watched')
    .action(async (identifier: string, opts: { kind: WatchKind; country?: string; note?: string }) => {
      const w = watchKeyOf(opts.kind, identifier, opts.country ? { country: opts.country } : {});
      const out = await withAlertStore((a) =>
        a.addWatch({ key: w.key, kind: w.kind, identifier, normalized: w.normalized, note: opts.note ?? null }, `cli:${os.userInfo().username}`),
      );
      process.stdout.write(`${out.created ? 'watching' : 'already watched (note updated)'}: ${w.kind} ${w.normalized}${out.entry.note ? ` — ${out.entry.note}` : ''}\n`);
    });

  cmd
    .command('remove')
    .description('Stop watching an identifier (any spelling of it)')
    .argument('<identifier>', 'the identifier as when it was added, in any spelling')
    .requiredOption('--kind <kind>', `what it is: ${WATCH_KINDS.join(', ')}`, kind)
    .option('--country <country>', 'issuing country of a passport given without one')
    .action(async (identifier: string, opts: { kind: WatchKind; country?: string }) => {
      const w = watchKeyOf(opts.kind, identifier, opts.country ? { country: opts.country } : {});
      const removed = await withAlertStore((a) => a.removeWatch(w.key));
      if (removed === undefined) throw new RinglinkError('NOT_FOUND', `${w.kind} ${w.normalized} is not on the watch list`);
      process.stdout.write(`no longer watching: ${w.kind} ${w.normalized}\n`);
    });

  cmd
    .command('list')
    .description('The watch list, newest first')
    .option('--kind <kind>', `only this kind (${WATCH_KINDS.join(', ')})`, kind)
    .option('--limit <n>', 'most entries listed (default 200)', parseInteger, 200)
    .option('--json', 'print JSON')
    .action(async (opts: { kind?: WatchKind; limit: number; json?: boolean }) => {
      const found = await withAlertStore((a) => a.listWatch({ offset: 0, limit: Math.max(1, opts.limit), ...(opts.kind ? { kind: opts.kind } : {}) }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
        return;
      }
      if (found.items.length === 0) {
        process.stdout.write('The watch list is empty.\n');
        return;
      }
      const width = Math.max(...found.items.map((w) => w.normalized.length));
      for (const w of found.items) {
        process.stdout.write(`${w.kind.padEnd(8)} ${w.normalized.padEnd(width)}  ${w.createdAt.slice(0, 10)}  ${w.createdBy ?? ''}${w.note ? `  — ${w.note}` : ''}\n`);
      }
      if (found.total > found.items.length) process.stdout.write(`(${found.items.length} of ${found.total}; --limit shows more)\n`);
    });
}
