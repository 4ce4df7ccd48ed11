/**
 * Writing a resolved graph: persons resolved against the store first, then
 * batched `UNWIND … MERGE` writes, one transaction per batch, in an order
 * that keeps every intermediate state consistent and every step
 * idempotent:
 *
 *   source records → merges of stored persons → entities (+ MENTIONS)
 *   → aliases and merge records → links → source files
 *
 * An entity's evidence is stored as MENTIONS from the records that name it
 * and attest none of its links; the others are evidence of it through its
 * links (rows.ts, impliedEvidence), which is what reads use.
 *
 * A crash anywhere leaves committed batches whose content is a subset of
 * what a full run writes; running again writes the rest and changes
 * nothing already there (evidence is a set, aggregates are recomputed from
 * per-record contributions, existing scalars win). A :SourceFile node is
 * written last, so it means "every record of this file is in the store".
 */
import type { LinkKind, ResolvedGraph } from '@ringlink/model';
import { lookupPersons, upsertAliases, upsertEntities, upsertLinks, upsertSourceFiles, upsertSourceRecords } from '../cypher/write-queries.js';
import type { StoreOptions } from '../config.js';
import type { CypherQuery, Db } from '../session.js';
import { mergeStoredPerson } from './merge-persons.js';
import { planPersons, personKeyIds, type FirstMentions, type StoreMerge } from './person-resolution.js';
import {
  aliasRows,
  chunk,
  entityGroups,
  impliedEvidence,
  linkRow,
  sourceFileRow,
  sourceRecordRows,
  type Contributions,
  type SourceFileInput,
} from './rows.js';

export type WritePhase = 'lookup' | 'sourceRecords' | 'storeMerges' | 'entities' | 'aliases' | 'links' | 'sourceFiles';

export interface BatchProgress {
  phase: WritePhase;
  /** Batches committed so far in this write, all phases. */
  batch: number;
  rows: number;
}

export interface WriteGraphOptions {
  /** The ingest report's inputs: each becomes a :SourceFile, written last. */
  sourceFiles?: readonly SourceFileInput[];
  /** Per-record contributions and first mentions from the ingest (IngestTrace). */
  trace?: FirstMentions & { contributions: Contributions };
  /** Rows per transaction; default the store's batchSize. */
  batchSize?: number;
  /** Transactions in flight at once within a phase; default the store's writeConcurrency. */
  concurrency?: number;
  /** Called after every committed batch. */
  onBatch?: (progress: BatchProgress) => void | Promise<void>;
  /** Timestamp for new :SourceFile nodes (ISO 8601); default now. */
  ingestedAt?: string;
}

export interface WriteSummary {
  sourceRecords: number;
  entities: number;
  aliases: number;
  links: number;
  /** Links whose evidence changed (new or with new records); 0 when the same files are written again. */
  linksChanged: number;
  /** Merge records of the batch itself (resolution within the batch). */
  merges: number;
  /** Stored persons folded into another because this batch ties them. */
  storeMerges: StoreMerge[];
  /** Batch persons written under an id already in the store. */
  renamedPersons: number;
  sourceFiles: number;
  batches: number;
  /** Transactions the driver ran again after a transient error (a deadlock on a hub node, a lost connection). */
  retries: number;
  /** Milliseconds per phase. */
  timings: Record<WritePhase, number>;
}

export async function writeGraph(
  db: Db,
  input: ResolvedGraph,
  options: WriteGraphOptions,
  defaults: Pick<StoreOptions, 'batchSize' | 'lookupBatchSize' | 'writeConcurrency'>,
): Promise<WriteSummary> {
  const batchSize = options.batchSize ?? defaults.batchSize;
  const concurrency = options.concurrency ?? defaults.writeConcurrency;
  const timings: Record<WritePhase, number> = { lookup: 0, sourceRecords: 0, storeMerges: 0, entities: 0, aliases: 0, links: 0, sourceFiles: 0 };
  let batches = 0;
  let retries = 0;
  const timed = async <T>(phase: WritePhase, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      timings[phase] += performance.now() - t;
    }
  };
  /** One batch, one transaction. Returns relationships created plus the query's own count (`updated`, if it returns one). */
  const commit = async (phase: WritePhase, context: string, queries: CypherQuery[], rows: number): Promise<number> => {
    let attempt = 0;
    const counts = await db.write(context, async (tx) => {
      if (attempt++ > 0) retries++;
      let n = 0;
      for (const q of queries) {
        const res = await tx.run(q.text, q.params);
        n += res.summary.counters.updates().relationshipsCreated;
        const first = res.records[0];
        if (first !== undefined && first.has('updated')) n += first.get('updated') as number;
      }
      return n;
    });
    batches++;
    await options.onBatch?.({ phase, batch: batches, rows });
    return counts;
  };
  /**
   * Runs a phase's independent batches, `concurrency` at a time; resolves
   * when all are committed. After a failure no new batch starts, and the
   * error is thrown once the batches in flight have settled.
   */
  const pool = async (jobs: Array<() => Promise<number>>): Promise<number> => {
    let next = 0;
    let total = 0;
    let failure: { err: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (failure === undefined && next < jobs.length) {
        try {
          const n = await jobs[next++]!(); // not `total += await …`: that reads `total` before the await
          total += n;
        } catch (err) {
          failure ??= { err };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
    if (failure !== undefined) throw failure.err;
    return total;
  };

  // 1. Persons against the store.
  const stored = await timed('lookup', async () => {
    const ids = [...new Set(input.entities.filter((e) => e.kind === 'Person').flatMap(personKeyIds))];
    const map = new Map<string, string>();
    for (const part of chunk(ids, defaults.lookupBatchSize)) {
      const res = await db.query('looking up persons', lookupPersons(part));
      for (const r of res.records) map.set(r.get('key') as string, r.get('stored') as string);
    }
    return map;
  });
  const plan = planPersons(input, stored, options.trace);
  const graph = plan.graph;

  // 2. Source records (everything below refers to them by key).
  const records = sourceRecordRows(graph.entities, graph.links, [...graph.merges, ...plan.storeMerges.map((m) => ({ survivor: m.into, merged: m.from, reason: m.reason, evidence: m.evidence }))]);
  await timed('sourceRecords', () =>
    pool(chunk(records, batchSize).map((part) => () => commit('sourceRecords', 'writing source records', [upsertSourceRecords(part)], part.length))),
  );

  // 3. Stored persons this batch ties together: one transaction each.
  await timed('storeMerges', async () => {
    for (const m of plan.storeMerges) {
      await db.write(`merging ${m.from} into ${m.into}`, (tx) => mergeStoredPerson(tx, m));
      batches++;
      await options.onBatch?.({ phase: 'storeMerges', batch: batches, rows: 1 });
    }
  });

  // 4. Entities, by kind and role set.
  await timed('entities', () =>
    pool(
      entityGroups(graph.entities, impliedEvidence(graph.links)).flatMap((g) =>
        chunk(g.rows, batchSize).map((part) => () => commit('entities', `writing ${g.kind} entities`, [upsertEntities(g.kind, g.roles, part)], part.length)),
      ),
    ),
  );

  // 5. Aliases and the batch's own merge records.
  const aliases = aliasRows(graph.entities, graph.merges);
  await timed('aliases', () => pool(chunk(aliases, batchSize).map((part) => () => commit('aliases', 'writing aliases', [upsertAliases(part)], part.length))));

  // 6. Links, by kind.
  const linksChanged = await timed('links', () => {
    const byType = new Map<LinkKind, typeof graph.links>();
    for (const l of graph.links) {
      let list = byType.get(l.type);
      if (list === undefined) byType.set(l.type, (list = []));
      list.push(l);
    }
    return pool(
      [...byType]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .flatMap(([type, links]) =>
          chunk(links, batchSize).map((part) => () => {
            // Rows are built when the batch runs, so only the batches in flight hold parameters.
            const rows = part.map((l) => linkRow(l, options.trace?.contributions));
            return commit('links', `writing ${type} links`, [upsertLinks(type, rows)], rows.length);
          }),
        ),
    );
  });

  // 7. Files, last.
  const ingestedAt = options.ingestedAt ?? new Date().toISOString();
  const files = (options.sourceFiles ?? []).map((f) => sourceFileRow(f, ingestedAt));
  await timed('sourceFiles', async () => {
    for (const part of chunk(files, batchSize)) await commit('sourceFiles', 'writing source files', [upsertSourceFiles(part)], part.length);
  });

  return {
    sourceRecords: records.length,
    entities: graph.entities.length,
    aliases: aliases.length,
    links: graph.links.length,
    linksChanged,
    merges: graph.merges.length,
    storeMerges: plan.storeMerges,
    renamedPersons: plan.renamed.size,
    sourceFiles: files.length,
    batches,
    retries,
    timings,
  };
}
