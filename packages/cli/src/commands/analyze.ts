/**
 * `ringlink analyze <files or folders> --out result.json [--seed S] [--previous prev.json]`:
 * ingest → resolve → analyze in memory (no database), write the result JSON
 * (2-space indent, fixed key order, trailing newline) and print a short
 * summary of the top rings and brokers. The same inputs, options and seed
 * write the same bytes, except `run.timings` (`--no-timings` leaves them out).
 *
 * `ringlink analyze --from-store [--out result.json]`: the same analysis on
 * the graph stored in Neo4j, ring ids tracked against the last stored run,
 * and the result written back to the store (see analyzeFromStore).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import {
  analyze,
  ingest,
  serializeAnalysisResult,
  type AnalysisResult,
  type AnalyzeOptions,
  type HubAllowListEntry,
  type PreviousAnalysis,
} from '@ringlink/core';
import { RinglinkError } from '@ringlink/model';
import { parseInteger } from '../options.js';
import { ingestProgressBar } from '../progress.js';
import { SOFTWARE_VERSION } from '../version.js';
import { loadSpecsFor } from './ingest.js';
import { connectStore } from '../store-connection.js';

interface AnalyzeCommandOptions {
  out?: string;
  fromStore?: boolean;
  seed?: number;
  previous?: string;
  resolution?: number;
  minPersons?: number;
  minTies?: number;
  minScore?: number;
  hubAllowList?: string;
  hubMinDegree?: number;
  betweenness?: 'auto' | 'exact' | 'sampled';
  maxPivots?: number;
  brokers?: number;
  timings: boolean;
  source?: string;
  spec?: string[];
  quiet?: boolean;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

function parseMode(value: string): 'auto' | 'exact' | 'sampled' {
  if (value !== 'auto' && value !== 'exact' && value !== 'sampled') throw new InvalidArgumentError(`expected auto, exact or sampled, got "${value}"`);
  return value;
}

/**
 * Reads an allow-list file: one entity id per line (e.g.
 * `account:PK36SCBL0000001123456702`), optionally followed by `#` and the
 * reason; blank lines and lines starting with `#` are ignored.
 */
export async function readHubAllowList(file: string): Promise<HubAllowListEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RinglinkError('INVALID_ARGUMENT', `analyze: cannot read the hub allow-list ${file}: ${(err as Error).message}`, { cause: err });
  }
  const entries: HubAllowListEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const hash = line.indexOf('#');
    const id = (hash >= 0 ? line.slice(0, hash) : line).trim();
    const reason = hash >= 0 ? line.slice(hash + 1).trim() : '';
    if (!/^[a-z]+:\S/.test(id) || /\s/.test(id)) {
      throw new RinglinkError('INVALID_ARGUMENT', `analyze: ${file} line ${i + 1}: "${id}" is not an entity id (expected e.g. phone:+923001234567)`);
    }
    entries.push(reason ? { id, reason } : { id });
  });
  return entries;
}

async function readPrevious(file: string): Promise<PreviousAnalysis> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new RinglinkError('INVALID_ARGUMENT', `analyze: cannot read the previous result ${file}: ${(err as Error).message}`, { cause: err });
  }
  const rings = (parsed as { rings?: unknown }).rings;
  if (
    !Array.isArray(rings) ||
    !rings.every((r) => r && typeof (r as { id?: unknown }).id === 'string' && Array.isArray((r as { members?: unknown }).members))
  ) {
    throw new RinglinkError('INVALID_ARGUMENT', `analyze: ${file} is not an analysis result (no rings with id and members)`);
  }
  return parsed as PreviousAnalysis;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A few lines for the terminal: counts, top rings, top brokers, hubs. */
/** The summary printed after a run; `out` is the result file, when one was written. */
export function formatAnalysisSummary(result: AnalysisResult, out: string | undefined): string {
  const lines: string[] = [];
  const r = result.run;
  lines.push(
    `run ${r.id} (seed ${r.seed}): ${r.graph.entities} entities, ${r.graph.links} links; ${r.hubs.length} hubs left out; ` +
      `${result.rings.length} rings; modularity ${r.modularity}; betweenness ${r.betweenness.mode}` +
      (r.betweenness.epsilon > 0 ? ` (±${r.betweenness.epsilon} at ${Math.round((1 - r.betweenness.delta) * 100)}%)` : ''),
  );
  if (result.rings.length > 0) {
    lines.push('', 'Top rings');
    for (const ring of result.rings.slice(0, 10)) {
      const binds = ring.bindingIdentifiers.slice(0, 2).map((b) => b.id).join(', ');
      lines.push(`  ${pad(ring.id, 7)} score ${pad(String(ring.score), 5)} ${pad(`${ring.persons} persons`, 11)} ${binds}`);
    }
    if (result.rings.length > 10) lines.push(`  … ${result.rings.length - 10} more`);
  }
  if (result.brokers.length > 0) {
    lines.push('', 'Top brokers');
    for (const b of result.brokers.slice(0, 10)) {
      const what = b.bridging >= 2 ? `connects ${b.rings.join(', ')}` : b.rings.length === 1 ? `inside ${b.rings[0]}` : 'in no ring';
      lines.push(`  ${pad(String(b.rank), 3)} ${pad(b.id, 40)} ${what}; ring betweenness ${b.ringBetweenness}`);
    }
  }
  const events = new Map<string, number>();
  for (const e of result.ringEvents) events.set(e.type, (events.get(e.type) ?? 0) + 1);
  if (r.previousRunId) lines.push('', `Against ${r.previousRunId}: ${[...events].map(([k, v]) => `${v} ${k}`).join(', ')}`);
  if (r.timings) lines.push('', `took ${(r.timings.total! / 1000).toFixed(1)} s in analysis`);
  if (out !== undefined) lines.push(`result written to ${out}`);
  return `${lines.join('\n')}\n`;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('Ingest, resolve and analyze in memory: rings, ring events and brokers, written as one JSON result')
    .argument('[paths...]', 'input files or folders (none with --from-store)')
    .option('--out <file>', 'write the result JSON here (required unless --from-store)')
    .option('--from-store', 'analyze the graph stored in Neo4j instead of files, track rings against the last stored run, and write the result back to the store')
    .option('--seed <n>', 'seed of every random choice; the same seed gives the same result', parseInteger)
    .option('--previous <file>', 'previous result JSON: rings keep their ids, events are recorded')
    .option('--resolution <r>', 'Louvain resolution (default 1; higher gives smaller rings)', parsePositive)
    .option('--min-persons <n>', 'a ring has at least this many persons (default 3)', parseInteger)
    .option('--min-ties <n>', 'a member is tied to at least this many other persons (default 2)', parseInteger)
    .option('--min-score <n>', 'evidence floor: weaker communities are listed as weak clusters (default 30)', parsePositive)
    .option('--hub-allow-list <file>', 'known benign identifiers, one entity id per line (# reason)')
    .option('--hub-min-degree <n>', 'absolute floor of the hub degree threshold (default 30)', parseInteger)
    .option('--betweenness <mode>', 'auto, exact or sampled (default auto)', parseMode)
    .option('--max-pivots <n>', 'most betweenness sources sampled per component (default 1024)', parseInteger)
    .option('--brokers <n>', 'brokers listed (default 25)', parseInteger)
    .option('--no-timings', 'leave run.timings out (the result is then byte-for-byte reproducible)')
    .option('--source <name>', 'use this mapping spec for every CSV instead of recognising it from the header')
    .option('--spec <file>', 'an extra mapping spec file (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--quiet', 'print nothing but errors')
    .action(async (paths: string[], opts: AnalyzeCommandOptions) => {
      if (opts.fromStore) return analyzeFromStore(paths, opts);
      if (paths.length === 0) throw new RinglinkError('INVALID_ARGUMENT', 'analyze: give input files or folders, or --from-store');
      if (!opts.out) throw new RinglinkError('INVALID_ARGUMENT', 'analyze: --out <file> is required when analyzing files');
      const out = opts.out;
      const specs = await loadSpecsFor(opts);
      const previous = opts.previous ? await readPrevious(opts.previous) : undefined;
      const hubAllowList = opts.hubAllowList ? await readHubAllowList(opts.hubAllowList) : undefined;
      const progress: ReturnType<typeof ingestProgressBar> = opts.quiet ? { stop: () => undefined } : ingestProgressBar();
      const { report, graph } = await ingest(paths, {
        specs,
        ...(opts.source ? { source: opts.source } : {}),
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      }).finally(() => progress.stop());
      const result = analyze(graph, report.inputs, analyzeOptions(opts, previous, hubAllowList));
      await writeFile(out, serializeAnalysisResult(result));
      if (!opts.quiet) process.stdout.write(formatAnalysisSummary(result, out));
    });
}

function analyzeOptions(opts: AnalyzeCommandOptions, previous: PreviousAnalysis | undefined, hubAllowList: HubAllowListEntry[] | undefined): AnalyzeOptions {
  const options: AnalyzeOptions = {
    seed: opts.seed,
    resolution: opts.resolution,
    minPersons: opts.minPersons,
    minTies: opts.minTies,
    minScore: opts.minScore,
    hubMinDegree: opts.hubMinDegree,
    betweenness: opts.betweenness,
    maxPivots: opts.maxPivots,
    brokerLimit: opts.brokers,
    timings: opts.timings,
    softwareVersion: SOFTWARE_VERSION,
    ...(hubAllowList ? { hubAllowList } : {}),
    ...(previous ? { previous } : {}),
  };
  if (opts.maxPivots !== undefined && opts.maxPivots < 128) options.minPivots = Math.max(1, opts.maxPivots);
  return options;
}

/**
 * `analyze --from-store`: the stored graph (and the stored files as inputs)
 * through the same analysis; the latest stored run is the previous one
 * unless --previous names a file; the result is written back to the store
 * (run, rings, members, brokers, hubs, events) and, with --out, to a file.
 */
async function analyzeFromStore(paths: string[], opts: AnalyzeCommandOptions): Promise<void> {
  if (paths.length > 0) throw new RinglinkError('INVALID_ARGUMENT', 'analyze: --from-store takes no input files (ingest them first)');
  const hubAllowList = opts.hubAllowList ? await readHubAllowList(opts.hubAllowList) : undefined;
  const { store, close } = await connectStore();
  try {
    const graph = await store.loadGraph();
    const inputs = await store.sourceFiles();
    const previous = opts.previous ? await readPrevious(opts.previous) : await store.previousAnalysis();
    const result = analyze(graph, inputs, analyzeOptions(opts, previous, hubAllowList));
    if (opts.out) await writeFile(opts.out, serializeAnalysisResult(result));
    const written = await store.writeAnalysis(result);
    if (!opts.quiet) {
      process.stdout.write(formatAnalysisSummary(result, opts.out));
      process.stdout.write(
        `written back to ${store.uri}: run ${written.run}, ${written.rings} rings, ${written.members} memberships, ` +
          `${written.brokers} brokers, ${written.hubs} hubs, ${written.ringEvents} ring events\n`,
      );
    }
  } finally {
    await close();
  }
}
