/**
 * Benchmark section "analysis": speed and memory of the analysis on
 * planted-ring graphs of 10k, 100k and 1M links, built in memory
 * (packages/core/src/analysis/planted-graph.ts — writing and parsing CSVs
 * would dominate at these sizes), plus exact vs sampled betweenness.
 *
 * Every size runs in its own child process so that its peak memory (max
 * RSS) is its own. Reported per size: the input, the time per stage of
 * analyze() (view, hubs, rings, report, brokers, digest), the total, the
 * peak RSS of the process (input graph included) and the heap the analysis
 * added. Then exact vs sampled betweenness: the brokers stage forced exact
 * and forced sampled, with the overlap of their top-20 brokers (and of the
 * top 20 by plain betweenness). And the naive route for comparison:
 * building a graphology graph of the whole view and running
 * graphology-communities-louvain on it once; graphology-metrics' exact
 * betweenness is timed where it finishes in reasonable time (10k).
 *
 * `pnpm bench analysis [--full]` (--full adds 1M-link exact betweenness, minutes).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import louvainModule from '../../../packages/core/node_modules/graphology-communities-louvain/index.js';
import betweennessModule from '../../../packages/core/node_modules/graphology-metrics/centrality/betweenness.js';
import {
  analyze,
  buildAnalysisView,
  toGraphology,
  type AnalysisResult,
} from '../../../packages/core/src/analysis/index.js';
import { plantedGraph } from '../../../packages/core/src/analysis/planted-graph.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);
type Betweenness = typeof betweennessModule.default;
const plainBetweenness: Betweenness =
  (betweennessModule as unknown as { default?: Betweenness }).default ?? (betweennessModule as unknown as Betweenness);

const SELF = fileURLToPath(import.meta.url);
const WORKER_ENV = 'RINGLINK_BENCH_ANALYSIS_WORKER';

/** Planted-graph options giving about `links` links (≈ 1030 links per ring and its share of background). */
function plantedOptions(links: number): Parameters<typeof plantedGraph>[0] {
  const scale = links / 61_500;
  return {
    seed: 1,
    rings: Math.max(6, Math.round(60 * scale)),
    brokers: Math.max(3, Math.round(30 * scale)),
    background: Math.round(9000 * scale),
    legitAgents: Math.max(2, Math.round(40 * scale)),
  };
}

interface WorkerReport {
  links: number;
  entities: number;
  rings: number;
  hubs: number;
  generateMs: number;
  timings: Record<string, number>;
  /** CPU time (user + system, all threads) of analyze(): less sensitive than wall time to a loaded machine. */
  cpuMs: number;
  heapBeforeMB: number;
  heapAddedMB: number;
  maxRssMB: number;
  betweenness: AnalysisResult['run']['betweenness'];
  compare?: {
    exactMs: number;
    sampledMs: number;
    sampledPivots: number;
    sampledEpsilon: number;
    brokersTop20: number;
    betweennessTop20: number;
    plantedInTop10Exact: number;
    plantedInTop10Sampled: number;
    planted: number;
  };
  naive?: { buildMs: number; louvainMs: number; betweennessMs?: number };
}

function overlap(a: string[], b: string[]): number {
  const set = new Set(a);
  return b.filter((x) => set.has(x)).length;
}

async function worker(links: number, compare: boolean, naive: boolean): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let t = performance.now();
  const { graph, truth } = plantedGraph(plantedOptions(links));
  const generateMs = performance.now() - t;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const result = analyze(graph, [], { seed: 1 });
  const cpu = process.cpuUsage(cpuBefore);
  const heapAfter = process.memoryUsage().heapUsed;
  const report: WorkerReport = {
    links: graph.links.length,
    entities: graph.entities.length,
    rings: result.rings.length,
    hubs: result.run.hubs.length,
    generateMs,
    timings: result.run.timings!,
    cpuMs: (cpu.user + cpu.system) / 1000,
    heapBeforeMB: heapBefore / 2 ** 20,
    heapAddedMB: (heapAfter - heapBefore) / 2 ** 20,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    betweenness: result.run.betweenness,
  };
  if (compare) {
    const exact = analyze(graph, [], { seed: 1, betweenness: 'exact', brokerLimit: 20 });
    const sampled = analyze(graph, [], { seed: 1, betweenness: 'sampled', brokerLimit: 20 });
    const brokerIds = (r: AnalysisResult): string[] => r.brokers.slice(0, 20).map((b) => b.id);
    const byBetweenness = (r: AnalysisResult): string[] =>
      [...r.brokers].sort((a, b) => b.betweenness - a.betweenness || (a.id < b.id ? -1 : 1)).slice(0, 20).map((b) => b.id);
    const planted = new Set(truth.brokers.map((b) => b.id));
    const inTop10 = (r: AnalysisResult): number => r.brokers.slice(0, 10).filter((b) => planted.has(b.id)).length;
    report.compare = {
      exactMs: exact.run.timings!.brokers!,
      sampledMs: sampled.run.timings!.brokers!,
      sampledPivots: sampled.run.betweenness.pivots,
      sampledEpsilon: sampled.run.betweenness.epsilon,
      brokersTop20: overlap(brokerIds(exact), brokerIds(sampled)),
      betweennessTop20: overlap(byBetweenness(exact), byBetweenness(sampled)),
      plantedInTop10Exact: inTop10(exact),
      plantedInTop10Sampled: inTop10(sampled),
      planted: Math.min(10, planted.size),
    };
  }
  if (naive) {
    t = performance.now();
    const g = toGraphology(buildAnalysisView(graph));
    const buildMs = performance.now() - t;
    t = performance.now();
    louvain(g, { getEdgeWeight: 'weight' });
    const louvainMs = performance.now() - t;
    report.naive = { buildMs, louvainMs };
    if (links <= 20_000) {
      t = performance.now();
      plainBetweenness(g, { getEdgeWeight: null });
      report.naive.betweennessMs = performance.now() - t;
    }
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runWorker(links: number, compare: boolean, naive: boolean): WorkerReport {
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', '--max-old-space-size=4096', SELF], {
    env: { ...process.env, [WORKER_ENV]: JSON.stringify({ links, compare, naive }) },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`bench analysis: worker for ${links} links failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as WorkerReport;
}

function table(rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const s = (ms: number | undefined): string => (ms === undefined ? '–' : (ms / 1000).toFixed(2));

async function run(args: string[] = []): Promise<void> {
  const full = args.includes('--full');
  const sizes = [10_000, 100_000, 1_000_000];
  const reports: WorkerReport[] = [];
  for (const links of sizes) {
    reports.push(runWorker(links, links <= 100_000 || full, links <= 1_000_000));
  }
  process.stdout.write('### Analysis speed and memory (planted graphs in memory, default parameters, seed 1)\n\n');
  process.stdout.write(`Targets at 1M links: build + rings + brokers < 30 s, peak < 2 GB, brokers < 10 s. Load average at start: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (wall times grow with it; CPU time less so).\n\n`);
  process.stdout.write(
    `${table([
      ['links', 'entities', 'rings', 'hubs', 'view s', 'hubs s', 'rings s', 'report s', 'brokers s', 'digest s', 'total s', 'CPU s', 'peak RSS MB (with input)', 'heap of input MB', 'heap added MB'],
      ...reports.map((r) => [
        r.links, r.entities, r.rings, r.hubs, s(r.timings.view), s(r.timings.hubs), s(r.timings.rings), s(r.timings.ringReport),
        s(r.timings.brokers), s(r.timings.digest), s(r.timings.total), s(r.cpuMs), r.maxRssMB.toFixed(0), r.heapBeforeMB.toFixed(0), r.heapAddedMB.toFixed(0),
      ]),
    ])}\n\n`,
  );
  process.stdout.write('Betweenness method per size (auto mode):\n\n');
  process.stdout.write(
    `${table([
      ['links', 'broker graph nodes/edges', 'components scored (skipped)', 'exact', 'sampled', 'pivots / population', 'ε (δ = 0.05)', 'note'],
      ...reports.map((r) => {
        const b = r.betweenness;
        return [r.links, `${b.nodes}/${b.edges}`, `${b.components} (${b.skippedComponents})`, b.exactComponents, b.sampledComponents, `${b.pivots}/${b.pivotPopulation}`, b.epsilon, b.note.slice(0, 120)];
      }),
    ])}\n\n`,
  );
  const compared = reports.filter((r) => r.compare);
  if (compared.length > 0) {
    process.stdout.write('Exact vs sampled betweenness (brokers stage forced exact / forced sampled):\n\n');
    process.stdout.write(
      `${table([
        ['links', 'exact s', 'sampled s', 'pivots', 'ε', 'top-20 brokers identical', 'top-20 by betweenness identical', 'planted brokers in top 10 (exact / sampled)'],
        ...compared.map((r) => {
          const c = r.compare!;
          return [r.links, s(c.exactMs), s(c.sampledMs), c.sampledPivots, c.sampledEpsilon, `${c.brokersTop20}/20`, `${c.betweennessTop20}/20`, `${c.plantedInTop10Exact}/${c.planted} / ${c.plantedInTop10Sampled}/${c.planted}`];
        }),
      ])}\n\n`,
    );
  }
  const naive = reports.filter((r) => r.naive);
  if (naive.length > 0) {
    process.stdout.write('Naive route (graphology graph of the whole view, one Louvain; graphology-metrics exact betweenness where it is feasible):\n\n');
    process.stdout.write(
      `${table([
        ['links', 'build graphology graph s', 'Louvain s', 'exact betweenness (graphology-metrics) s', 'ringlink total s'],
        ...naive.map((r) => [r.links, s(r.naive!.buildMs), s(r.naive!.louvainMs), s(r.naive!.betweennessMs), s(r.timings.total)]),
      ])}\n\n`,
    );
  }
}

if (process.env[WORKER_ENV] && process.argv[1] === SELF) {
  const { links, compare, naive } = JSON.parse(process.env[WORKER_ENV]!) as { links: number; compare: boolean; naive: boolean };
  await worker(links, compare, naive);
}

export default { name: 'analysis', run };
