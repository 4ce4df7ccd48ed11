/**
 * Court export: time, package size and peak memory to build and to verify
 * a package, for scopes of growing size (the largest ring of a generated
 * case, then the members of the top k rings together, up to thousands of
 * links). Wall and CPU time are both shown: the machines are shared, and
 * CPU time is the steadier number. The baseline is the zip writer alone on the same bytes (the
 * package rebuilt from its entries): the ratio is what building the files
 * (CSV, GraphML, layout, chart, report, PDF) costs on top of writing them.
 *
 * Then the same scopes read from the store (Neo4j, embedded unless
 * NEO4J_URI is set; `--no-export-store` skips it): the time of
 * `exportSource` (ring, run and the members' subgraph with every evidence
 * record, one read transaction), against the in-memory selection of the
 * same subgraph as the baseline.
 *
 *   pnpm bench export [--export-rings=40] [--no-export-store]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingest, packageInputFromResult, selectRingSubgraph, verifyCourtPackage, writeCase, writeCourtPackage } from '../../../packages/core/src/index.js';
import { openStore } from '../../../packages/store-neo4j/src/index.js';
import { analyze } from '../../../packages/core/src/analysis/index.js';
import { readZip } from '../../../packages/core/src/export/zip-reader.js';
import { canonicalZip } from '../../../packages/core/src/export/zip-writer.js';

const mib = (b: number): string => (b / 2 ** 20).toFixed(1);

export default {
  name: 'export',
  async run(args: string[]): Promise<void> {
    const ringsArg = args.find((a) => a.startsWith('--export-rings='));
    const rings = ringsArg ? Number(ringsArg.split('=')[1]) : 40;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-bench-export-'));
    try {
      const written = await writeCase(dir, { seed: 21, rings, brokers: Math.floor(rings / 4) });
      const { graph, report } = await ingest(written.files.filter((f) => f.endsWith('.csv')));
      const result = analyze(graph, report.inputs, { seed: 1, timings: false });
      const byPersons = [...result.rings].sort((a, b) => b.members.length - a.members.length);
      process.stdout.write(`case: ${graph.entities.length} entities, ${graph.links.length} links, ${result.rings.length} rings\n\n`);
      process.stdout.write('| scope | members | third parties | links | evidence rows | build s | build cpu s | verify s | zip MiB | rss Δ MiB | writer-only s |\n');
      process.stdout.write('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n');
      for (const k of [1, 5, 15, byPersons.length]) {
        if (k > byPersons.length) continue;
        const ids = [...new Set(byPersons.slice(0, k).flatMap((r) => r.members))];
        const input = packageInputFromResult(result, graph, {
          caseRef: 'BENCH', exportedAt: '2026-11-26T10:00:00Z', software: { name: 'ringlink', version: '0.1.0' },
          ...(k === 1 ? { ring: byPersons[0]!.id } : { entityIds: ids }), redact: true,
        });
        const file = path.join(dir, `k${k}.zip`);
        global.gc?.();
        const rss0 = process.memoryUsage().rss;
        let t = performance.now();
        const cpu0 = process.cpuUsage();
        const out = await writeCourtPackage(input, file);
        const buildS = (performance.now() - t) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const cpuS = (cpu.user + cpu.system) / 1e6;
        const rss = process.memoryUsage().rss - rss0;
        t = performance.now();
        const v = await verifyCourtPackage(file);
        const verifyS = (performance.now() - t) / 1000;
        if (!v.ok) throw new Error(`bench: package k=${k} does not verify: ${v.problems.join('; ')}`);
        const bytes = await readFile(file);
        const entries = readZip(bytes).entries.map((e) => ({ name: e.name, data: e.data! }));
        t = performance.now();
        await canonicalZip(entries, new Date('2026-11-26T10:00:00Z'));
        const writerS = (performance.now() - t) / 1000;
        const m = out.manifest.contents;
        process.stdout.write(`| ${k === 1 ? `ring ${byPersons[0]!.id}` : `top ${k} rings`} | ${m.members} | ${m.thirdParties} | ${m.links} | ${m.evidenceRows} | ${buildS.toFixed(2)} | ${cpuS.toFixed(2)} | ${verifyS.toFixed(2)} | ${mib(out.size)} | ${mib(Math.max(0, rss))} | ${writerS.toFixed(2)} |\n`);
      }
      if (!args.includes('--no-export-store')) {
        let uri = process.env.NEO4J_URI;
        let stop = async (): Promise<void> => {};
        if (!uri) {
          const { startNeo4j } = await import('../../../services/neo4j-embedded/scripts/server.mjs');
          const server = await startNeo4j({ port: 0, dataDir: path.join(dir, 'neo4j'), reuseExisting: false, log: () => {} });
          uri = server.uri;
          stop = async () => {
            await server.stop();
          };
        }
        const store = await openStore({ uri });
        try {
          await store.clear();
          await store.writeGraph(graph, { sourceFiles: report.inputs });
          await store.writeAnalysis(result);
          process.stdout.write(`\nread from the store (Neo4j at ${uri}; one read transaction per export):\n\n`);
          process.stdout.write('| scope | links | in-memory selection s (baseline) | exportSource s | ratio |\n| --- | ---: | ---: | ---: | ---: |\n');
          await store.exportSource({ ring: byPersons[0]!.id }); // warm-up: a fresh JVM runs its first queries slower
          for (const k of [1, 5, 15, byPersons.length]) {
            if (k > byPersons.length) continue;
            const ids = [...new Set(byPersons.slice(0, k).flatMap((r) => r.members))];
            let t = performance.now();
            const sub = selectRingSubgraph(graph, ids);
            const memS = (performance.now() - t) / 1000;
            t = performance.now();
            const source = await store.exportSource(k === 1 ? { ring: byPersons[0]!.id } : { entityIds: ids });
            const storeS = (performance.now() - t) / 1000;
            if (source.graph.links.length !== sub.links.length) throw new Error(`bench: store read ${source.graph.links.length} links, memory ${sub.links.length}`);
            process.stdout.write(`| ${k === 1 ? `ring ${byPersons[0]!.id}` : `top ${k} rings`} | ${sub.links.length} | ${memS.toFixed(3)} | ${storeS.toFixed(2)} | ${(storeS / Math.max(memS, 1e-3)).toFixed(0)}× |\n`);
          }
        } finally {
          await store.close();
          await stop();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
