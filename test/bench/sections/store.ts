/**
 * Neo4j store throughput and read latency, on a real Neo4j (its own
 * embedded server in a temp folder, unless NEO4J_URI points at one):
 *
 * 1. batch-size sweep: a smaller graph written with 1k, 5k and 20k rows per
 *    transaction into an emptied store, then written again (the idempotent
 *    no-op of a re-ingest);
 * 2. the big write: a generated graph of at least 1M links (built in memory
 *    directly, no CSV), every phase timed, links/s for the link phase;
 * 3. p50/p99 of the reads the query service uses, on that store;
 * 4. loading the whole store back (analyze --from-store).
 *
 * Machines here are shared and noisy: besides wall time, each phase reports
 * the CPU seconds the Neo4j process used (when this section started it) and
 * the load average, so a slow run can be told from a slow store.
 *
 *   pnpm bench store [--store-links=1000000] [--store-sweep-links=30000] [--store-batch=10000] [--store-concurrency=2]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Neo4jStore, type WriteSummary } from '../../../packages/store-neo4j/src/index.js';
import { syntheticGraph, syntheticPhone } from '../../../packages/store-neo4j/src/testing/synthetic-graph.js';

const arg = (args: string[], name: string, fallback: number): number => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.split('=')[1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bench store: --${name} must be a positive number`);
  return n;
};

function cpuSeconds(pid: number | null): number {
  if (pid === null) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const rate = (rows: number, ms: number): string => (ms > 0 ? String(Math.round(rows / (ms / 1000))) : 'n/a');
const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(name: string, n: number, op: (i: number) => Promise<unknown>): Promise<string> {
  await op(0); // warm the plan cache
  const times: number[] = [];
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    await op(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return `| ${name} | ${n} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 99))} |`;
}

function phaseTable(s: WriteSummary, cpu: Record<string, number>): string[] {
  const rows: Record<string, number> = {
    lookup: 0, sourceRecords: s.sourceRecords, storeMerges: s.storeMerges.length, entities: s.entities, aliases: s.aliases, links: s.links, sourceFiles: s.sourceFiles,
  };
  return [
    '| phase | rows | wall s | rows/s | Neo4j CPU s |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(s.timings)
      .filter(([, ms]) => ms > 1)
      .map(([phase, ms]) => `| ${phase} | ${rows[phase]} | ${fmt(ms / 1000)} | ${rows[phase] ? rate(rows[phase]!, ms) : ''} | ${fmt(cpu[phase] ?? Number.NaN)} |`),
  ];
}

/** Writes with per-phase Neo4j CPU accounting (CPU read at phase changes, so approximate by one batch). */
async function timedWrite(store: Neo4jStore, graph: ReturnType<typeof syntheticGraph>, pid: number | null, batchSize: number, concurrency: number) {
  const cpu: Record<string, number> = {};
  let phase = 'lookup';
  let mark = cpuSeconds(pid);
  const t = performance.now();
  const summary = await store.writeGraph(graph, {
    batchSize,
    concurrency,
    onBatch: (p) => {
      if (p.phase !== phase) {
        const now = cpuSeconds(pid);
        cpu[phase] = (cpu[phase] ?? 0) + now - mark;
        mark = now;
        phase = p.phase;
      }
    },
  });
  cpu[phase] = (cpu[phase] ?? 0) + cpuSeconds(pid) - mark;
  return { summary, cpu, wallMs: performance.now() - t };
}

export default {
  name: 'store',
  async run(args: string[]): Promise<void> {
    const bigLinks = arg(args, 'store-links', 1_000_000);
    const sweepLinks = arg(args, 'store-sweep-links', 30_000);
    const batchSize = arg(args, 'store-batch', 10_000);
    const concurrency = arg(args, 'store-concurrency', 2);

    let uri = process.env.NEO4J_URI;
    let pid: number | null = null;
    let stop = async (): Promise<void> => {};
    let tmp: string | undefined;
    if (!uri) {
      const { startNeo4j } = await import('../../../services/neo4j-embedded/scripts/server.mjs');
      tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-bench-store-'));
      const server = await startNeo4j({ port: 0, dataDir: tmp, reuseExisting: false, heap: '2g', pagecache: '1500m', log: () => {} });
      uri = server.uri;
      pid = server.pid;
      stop = async () => {
        await server.stop();
      };
      out(`Neo4j 5.26 Community (embedded launcher, heap 2g, page cache 1.5g) at ${uri}`);
    } else {
      out(`Neo4j at NEO4J_URI=${uri} (server CPU not measured)`);
    }
    const store = await openStore({
      uri,
      ...(process.env.NEO4J_USER ? { user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD ?? '' } : {}),
      batchSize,
      writeConcurrency: concurrency,
    });
    try {
      out(`load average at start: ${load()}; batch ${batchSize} rows, ${concurrency} transactions in flight\n`);

      // 0. Warm-up (a fresh JVM runs its first queries several times slower): not reported.
      await store.clear();
      await store.writeGraph(syntheticGraph({ links: 5_000 }), { batchSize, concurrency });

      // 1. Batch-size sweep on a smaller graph.
      const sweep = syntheticGraph({ links: sweepLinks });
      out(`### batch size sweep (${sweep.links.length} links, ${sweep.entities.length} entities, each into an emptied store)\n`);
      out('| batch rows | links wall s | links/s | whole write s | Neo4j CPU s (links) | retries |');
      out('| ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const size of [1_000, 5_000, 20_000]) {
        await store.clear();
        const { summary, cpu, wallMs } = await timedWrite(store, sweep, pid, size, concurrency);
        out(`| ${size} | ${fmt(summary.timings.links / 1000)} | ${rate(summary.links, summary.timings.links)} | ${fmt(wallMs / 1000)} | ${fmt(cpu.links ?? Number.NaN)} | ${summary.retries} |`);
      }
      // Writing the same graph again (a re-ingest of the same files): nothing changes.
      const again = await timedWrite(store, sweep, pid, batchSize, concurrency);
      out(
        `\nre-write of the same graph (idempotent: ${again.summary.linksChanged} links changed): ${fmt(again.wallMs / 1000)} s wall, ` +
          `Neo4j CPU ${fmt(Object.values(again.cpu).reduce((a, b) => a + b, 0))} s`,
      );

      // 2. The big write.
      await store.clear();
      let t = performance.now();
      let graph: ReturnType<typeof syntheticGraph> | undefined = syntheticGraph({ links: bigLinks });
      const built = (performance.now() - t) / 1000;
      const big = { links: graph.links.length, entities: graph.entities.length, records: new Set(graph.entities.flatMap((e) => e.evidence.map((x) => x.recordId))).size };
      out(`\n### write: ${big.links} links, ${big.entities} entities, ${big.records} source records (graph built in memory in ${fmt(built)} s)\n`);
      const first = await timedWrite(store, graph, pid, batchSize, concurrency);
      for (const line of phaseTable(first.summary, first.cpu)) out(line);
      const linkRate = big.links / (first.summary.timings.links / 1000);
      out(
        `\n**links/s (link phase): ${Math.round(linkRate)}** (target 30k); whole write ${fmt(first.wallMs / 1000)} s, ` +
          `${first.summary.batches} transactions, ${first.summary.retries} retried; load average ${load()}`,
      );
      const stats = await store.stats();
      out(`store: ${stats.totalNodes} nodes, ${stats.totalRelationships} relationships (${stats.relationships.MENTIONS ?? 0} MENTIONS)`);

      // 3. Reads.
      const apps = Math.ceil(bigLinks / 7.7);
      const applicant = (i: number): string => `person:cnic:35202${String(i % apps).padStart(8, '0')}`;
      const national = (i: number): string => {
        const e164 = syntheticPhone((i * 7919) % Math.ceil(apps / 2));
        return `0${e164.slice(3, 6)}-${e164.slice(6)}`;
      };
      graph = undefined; // let the reads and the load run without the written graph in memory
      out('\n### reads (sequential, after one warm-up call)\n');
      out('| read | calls | p50 ms | p99 ms |');
      out('| --- | ---: | ---: | ---: |');
      const n = 200;
      out(await latency('findEntities(phone as 03xx-xxxxxxx)', n, (i) => store.findEntities(national(i))));
      out(await latency('getEntity (person, follows aliases)', n, (i) => store.getEntity(applicant(i * 613))));
      out(await latency('neighbors depth 2, hubCap 25', n, (i) => store.neighbors(applicant(i * 389), { depth: 2, hubCap: 25 })));
      out(await latency('shortestPaths, hubs excluded, maxDepth 6, with evidence', n, (i) => store.shortestPaths(applicant(6 * i * 97 + 1), applicant(6 * i * 97 + 3))));
      out(await latency('linkEvidence (USES_EMAIL)', n, async (i) => store.linkEvidence(`${applicant(i * 211)}|USES_EMAIL|email:applicant${(i * 211) % apps}@example.com`)));
      out(await latency('stats (count store)', 50, () => store.stats()));

      // 4. Loading it back.
      t = performance.now();
      const cpu0 = cpuSeconds(pid);
      const loaded = await store.loadGraph();
      out(
        `\nloadGraph (whole store, paged by ${store.options.pageSize}): ${loaded.entities.length} entities, ${loaded.links.length} links in ` +
          `${fmt((performance.now() - t) / 1000)} s (Neo4j CPU ${fmt(cpuSeconds(pid) - cpu0)} s); load average ${load()}\n`,
      );
    } finally {
      await store.close();
      await stop();
      if (tmp) await rm(tmp, { recursive: true, force: true });
    }
  },
};
