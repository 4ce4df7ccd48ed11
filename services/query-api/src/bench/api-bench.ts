/**
 * The `api` benchmark section (test/bench/sections/api.ts runs it):
 * latency (p50, p99) and throughput of search, neighbours and paths over
 * real HTTP on loopback, against a throw-away embedded Neo4j holding a
 * generated case. Load comes from autocannon, bounded in time and in
 * request count. The baseline, measured in the same run, is
 * `GET /api/v1/health` (the whole HTTP stack — helmet, logging, audit —
 * with no Neo4j query), so a row's ratio says what the query itself costs.
 *
 * Options (`pnpm bench api --api-…`):
 *   --api-rings=N         planted rings in the generated case (default 12)
 *   --api-background=N    honest background applicants (default: generator's per-ring default)
 *   --api-seconds=S       seconds per scenario (default 8, at most 60)
 *   --api-connections=C   concurrent connections (default 8)
 *   --api-max-requests=M  requests per scenario at most (default 200000)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '@ringlink/store-neo4j';
import { testConfig } from '../config.js';
import { createLogger } from '../http/logging.js';
import { nationalSpelling } from '../sample-case.js';
import { startServer } from '../server.js';
import { loadGeneratedCase } from '../testing/case-fixture.js';

interface Scenario {
  name: string;
  paths: string[];
}

interface Row {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** Status codes other than 200, with counts. */
  other: string;
}

function option(args: string[], name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const a = args.find((x) => x.startsWith(`--api-${name}=`));
  if (a === undefined) return fallback;
  const n = Number(a.slice(a.indexOf('=') + 1));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bench api: --api-${name} must be a positive number`);
  return Math.min(n, max);
}

async function load(url: string, key: string, scenario: Scenario, seconds: number, connections: number, maxRequests: number): Promise<Row> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // Not `amount`: it would override the duration. This caps the count and lets the duration end the run.
    maxOverallRequests: Math.max(maxRequests, connections),
    timeout: 30,
    headers: { Authorization: `Bearer ${key}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: scenario.paths[i++ % scenario.paths.length]! }),
      },
    ],
  });
  return {
    name: scenario.name,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    other: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => code !== '200')
      .map(([code, v]) => `${code}×${(v as { count: number }).count}`)
      .join(' '),
  };
}

export async function runApiBench(args: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<void> {
  const rings = option(args, 'rings', 12, 500);
  const backgroundArg = args.some((a) => a.startsWith('--api-background='));
  const background = option(args, 'background', 1, 2_000_000);
  const seconds = option(args, 'seconds', 8, 60);
  const connections = option(args, 'connections', 8, 256);
  const maxRequests = option(args, 'max-requests', 200_000, 10_000_000);

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-bench-api-'));
  const { startNeo4j } = await import('../../../neo4j-embedded/scripts/server.mjs');
  const neo4j = await startNeo4j({ port: 0, dataDir: path.join(tmp, 'neo4j'), reuseExisting: false, log: () => {} });
  const store = await openStore({ uri: neo4j.uri });
  try {
    const t = performance.now();
    const fixture = await loadGeneratedCase(store, { seed: 17, rings, brokers: Math.max(2, Math.round(rings / 4)), ...(backgroundArg ? { background } : {}) });
    const loadS = (performance.now() - t) / 1000;
    const { graph, analysis } = fixture;
    out(`case: ${rings} rings, ${graph.entities.length} entities, ${graph.links.length} links, loaded through the store in ${loadS.toFixed(1)} s (Neo4j ${neo4j.uri}, loopback)\n`);

    const key = 'bench-analyst-key-0123456789';
    const config = testConfig([{ key, role: 'analyst' }], {
      auditLogFile: path.join(tmp, 'audit.jsonl'),
      limits: { rateLimit: 100_000_000, requestTimeoutMs: 30_000, queryTimeoutMs: 30_000 },
    });
    const server = await startServer({ config, store, logger: createLogger({ logLevel: 'silent' }), port: 0, host: '127.0.0.1', alerts: false } as Parameters<typeof startServer>[0]);
    try {
      const enc = encodeURIComponent;
      const phones = graph.entities.filter((e) => e.kind === 'Phone' && typeof e.props.e164 === 'string').slice(0, 200);
      const names = graph.entities.filter((e) => e.kind === 'Person' && typeof e.props.name === 'string').slice(0, 200);
      const persons = analysis.rings.flatMap((r) => r.personIds);
      const pairs: Array<[string, string]> = [];
      for (const r of analysis.rings) for (let k = 1; k < r.personIds.length && pairs.length < 400; k += 3) pairs.push([r.personIds[0]!, r.personIds[k]!]);
      const scenarios: Scenario[] = [
        { name: 'health (baseline: HTTP stack, no query)', paths: ['/api/v1/health'] },
        { name: 'search: phone typed nationally', paths: phones.map((p) => `/api/v1/entities?q=${enc(nationalSpelling(p.props.e164 as string))}`) },
        { name: 'search: person name', paths: names.map((p) => `/api/v1/entities?q=${enc(p.props.name as string)}`) },
        { name: 'entity detail', paths: persons.slice(0, 300).map((id) => `/api/v1/entities/${enc(id)}`) },
        { name: 'neighbors depth 1', paths: persons.slice(0, 300).map((id) => `/api/v1/entities/${enc(id)}/neighbors`) },
        { name: 'neighbors depth 2 (cap 25)', paths: persons.slice(0, 300).map((id) => `/api/v1/entities/${enc(id)}/neighbors?depth=2`) },
        { name: 'paths within a ring (hubs excluded)', paths: pairs.map(([a, b]) => `/api/v1/paths?from=${enc(a)}&to=${enc(b)}`) },
      ];
      // One warm-up pass per scenario (JIT, Neo4j page cache, query plans), not measured.
      for (const s of scenarios) await load(server.url, key, s, 1, 2, 500);
      const rows: Row[] = [];
      for (const s of scenarios) rows.push(await load(server.url, key, s, seconds, connections, maxRequests));
      const base = rows[0]!;
      out(
        [
          '',
          `${connections} connections, ${seconds} s per scenario (≤ ${maxRequests} requests), after a 1 s warm-up each; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (absolute times are only comparable on a quiet machine; the ratio to health is)`,
          '',
          '| scenario | requests | req/s | p50 ms | p99 ms | max ms | errors | p50 vs health |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...rows.map((r) => `| ${r.name} | ${r.requests} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors}${r.other ? ` (${r.other})` : ''} | ${(r.p50 / Math.max(base.p50, 0.5)).toFixed(1)}× |`),
          '',
        ].join('\n'),
      );
    } finally {
      await server.close();
      await fixture.cleanup();
    }
  } finally {
    await store.close();
    await neo4j.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}
