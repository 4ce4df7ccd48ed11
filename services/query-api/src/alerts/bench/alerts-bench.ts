/**
 * Alert latency: from the end of an ingest request to the alert reaching
 * an SSE client and a webhook receiver, p50/p99, on a store holding a
 * generated case of `--alerts-links=N` links (default 1,000,000).
 *
 * Method. A throw-away Neo4j (or NEO4J_URI, which is cleared!) is loaded
 * with the store's batched writer from an in-memory generated graph
 * (store-neo4j's syntheticGraph: applications, transfers, calls, with a
 * consulate fee account as hub); rings are then written back as an
 * analysis run would (`--alerts-rings`, each an agent with 20 of its
 * applicants and their phones). The query service runs in this process on
 * loopback with one SSE client and one webhook receiver (127.0.0.1)
 * connected. `--alerts-requests` times (default 200), one after another:
 * POST /api/v1/ingest/applications with one new application whose
 * applicant gives a ring member's phone (a new joined-ring alert each
 * time), then wait for the alert on the stream and at the receiver.
 *
 * Reported (ms): alert arrival minus the moment the ingest response was
 * received (the ingest answers after the alert is persisted, so this can
 * be ≤ 0: the alert got there first), the same from the moment the request
 * was sent, and the ingest request itself. The target is p99 < 100 ms
 * from the end of the ingest request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cnicPersonId, phoneId, localAccountId } from '@ringlink/model';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { syntheticGraph, syntheticPhone } from '../../../../../packages/store-neo4j/src/testing/synthetic-graph.js';
import { testConfig } from '../../config.js';
import { createLogger } from '../../http/logging.js';
import { startServer } from '../../server.js';
import { SseConnection } from '../sse-client.js';

const arg = (args: string[], name: string, fallback: number): number => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.split('=')[1]) : fallback;
  if (!Number.isFinite(n) || n < 1) throw new Error(`bench alerts: --${name} must be a positive number`);
  return Math.floor(n);
};

function pct(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

const HEADER = 'application_id,submitted_at,applicant_name,applicant_dob,applicant_cnic,applicant_phone';

/** Rings as an analysis would write them: agent a's first `size` applicants (i ≡ a mod agents) with their phones. */
function plantedRings(links: number, rings: number, size: number) {
  const apps = Math.ceil(links / 7.7); // as syntheticGraph sizes it
  const agents = Math.max(10, Math.floor(apps / 70));
  const out: Array<{ id: string; members: string[]; persons: string[]; score: number; explanation: string; phones: string[] }> = [];
  for (let r = 0; r < Math.min(rings, agents); r++) {
    const a = r + 1; // agent 0 also serves applicant 0 (the fee-account payer); any works
    const agent = cnicPersonId(`61101${pad(a, 8)}`);
    const persons = [agent];
    const phones = new Set<string>();
    for (let k = 0; k < size; k++) {
      const i = a + k * agents;
      if (i >= apps) break;
      persons.push(cnicPersonId(`35202${pad(i, 8)}`));
      phones.add(phoneId(syntheticPhone(Math.floor(i / 2))));
    }
    out.push({ id: `R-${pad(r + 1, 4)}`, members: [...persons, ...phones].sort(), persons: persons.sort(), score: 60 + (r % 40), explanation: 'planted for the alert benchmark', phones: [...phones] });
  }
  return out;
}

async function loadStore(store: Neo4jStore, links: number, rings: number): Promise<ReturnType<typeof plantedRings>> {
  let t = performance.now();
  const graph = syntheticGraph({ links });
  process.stdout.write(`generated ${graph.entities.length} entities, ${graph.links.length} links in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  await store.clear();
  t = performance.now();
  let last = t;
  const w = await store.writeGraph(graph, {
    onBatch: (p) => {
      if (performance.now() - last > 15_000) {
        last = performance.now();
        process.stdout.write(`  writing: ${p.phase}, ${p.batch} transactions, ${((last - t) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  process.stdout.write(`wrote the store with the batched writer in ${((performance.now() - t) / 1000).toFixed(1)} s (${w.links} links, ${w.batches} transactions)\n`);
  const planted = plantedRings(links, rings, 20);
  const fee = localAccountId('NBP', '9000000001');
  await store.writeAnalysis({
    run: {
      id: 'run-a1e575bec4000000',
      seed: 1,
      parameters: { note: 'planted rings for the alert benchmark' },
      software: { name: 'ringlink' },
      inputs: [],
      hubs: [{ id: fee, rule: 'degree', reason: 'consulate fee account (benchmark)' }],
      modularity: 0,
    },
    rings: planted.map(({ phones: _p, ...r }) => r),
    ringEvents: planted.map((r) => ({ type: 'new' as const, id: r.id })),
    brokers: planted.slice(0, 5).map((r, i) => ({ id: r.persons[0]!, rank: i + 1, betweenness: 0.1 / (i + 1), bridging: 1, rings: [r.id], explanation: 'benchmark' })),
  });
  return planted;
}

export async function runAlertsBench(args: string[]): Promise<void> {
  const links = arg(args, 'alerts-links', 1_000_000);
  const requests = arg(args, 'alerts-requests', 200);
  const rings = arg(args, 'alerts-rings', 50);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-bench-alerts-'));
  let neo4j: { uri: string; stop(): Promise<unknown> } | undefined;
  let uri = process.env.NEO4J_URI;
  if (uri === undefined) {
    const { startNeo4j } = await import('../../../../neo4j-embedded/scripts/server.mjs');
    neo4j = await startNeo4j({
      port: 0,
      dataDir: path.join(tmp, 'neo4j'),
      reuseExisting: false,
      heap: process.env.RINGLINK_NEO4J_HEAP ?? '2g',
      pagecache: process.env.RINGLINK_NEO4J_PAGECACHE ?? '1g',
      log: () => {},
    });
    uri = neo4j.uri;
  }
  const store = await openStore({ uri });
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      try {
        const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { alert: { id: string } }).alert.id;
        hooks.get(id)?.(at);
        arrivedHook.set(id, at);
      } catch {
        // not ours
      }
    });
  });
  const hooks = new Map<string, (at: number) => void>();
  const arrivedHook = new Map<string, number>();
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let stream: SseConnection | undefined;
  try {
    const planted = await loadStore(store, links, rings);
    const key = 'bench-alerts-admin-key-0123456789';
    const config = testConfig([{ key, role: 'admin' }], { auditLogFile: path.join(tmp, 'audit.jsonl'), limits: { rateLimit: 1_000_000 } });
    // The service logs how long the rules and the raise took in each ingest: collected from its log.
    const inside = { evaluate: [] as number[], raise: [] as number[] };
    const logger = createLogger({ logLevel: 'info' }, {
      write(line: string) {
        if (!line.includes('alerts raised by an ingest')) return;
        const l = JSON.parse(line) as { evaluateMs: number; raiseMs: number };
        inside.evaluate.push(l.evaluateMs);
        inside.raise.push(l.raiseMs);
      },
    });
    server = await startServer({ config, store, logger, port: 0, host: '127.0.0.1' });
    const base = `${server.url}/api/v1`;
    const auth = { Authorization: `Bearer ${key}` };
    const reg = await fetch(`${base}/webhooks`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ url: receiverUrl }) });
    if (reg.status !== 201) throw new Error(`bench alerts: webhook registration answered ${reg.status}`);
    stream = new SseConnection(`${base}/alerts/stream`, auth);
    await stream.open;

    const fromEnd = { sse: [] as number[], hook: [] as number[] };
    const fromStart = { sse: [] as number[], hook: [] as number[] };
    const ingestMs: number[] = [];
    const warmup = Math.min(10, Math.max(1, Math.floor(requests / 10)));
    let misses = 0;
    for (let n = 0; n < requests + warmup; n++) {
      const ring = planted[n % planted.length]!;
      const phone = ring.phones[n % ring.phones.length]!.slice('phone:+92'.length);
      const row = `BENCH-${pad(n, 6)},2026-11-20,Bench Applicant ${n},1990-01-01,37405${pad(n, 8)},0${phone}`;
      const body = `${HEADER}\n${row}\n`;
      const sent = performance.now();
      const res = await fetch(`${base}/ingest/applications?file=bench-${n}.csv`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body });
      const out = (await res.json()) as { alerts?: { raised: Array<{ id: string }> } };
      const ended = performance.now();
      const id = out.alerts?.raised[0]?.id;
      if (res.status !== 200 || id === undefined) {
        misses++;
        continue;
      }
      const sse = await stream.next((m) => m.event === 'alert.raised' && m.data.includes(`"alertId":"${id}"`), 10_000).catch(() => undefined);
      const hookAt = arrivedHook.get(id) ?? (await new Promise<number | undefined>((resolve) => {
        const t = setTimeout(() => resolve(undefined), 10_000);
        hooks.set(id, (at) => {
          clearTimeout(t);
          resolve(at);
        });
      }));
      hooks.delete(id);
      if (sse === undefined || hookAt === undefined) {
        misses++;
        continue;
      }
      if (n < warmup) continue;
      fromEnd.sse.push(sse.receivedAt - ended);
      fromEnd.hook.push(hookAt - ended);
      fromStart.sse.push(sse.receivedAt - sent);
      fromStart.hook.push(hookAt - sent);
      ingestMs.push(ended - sent);
    }
    const row = (name: string, xs: number[]): string => {
      const s = [...xs].sort((a, b) => a - b);
      return `| ${name} | ${s.length} | ${f1(pct(s, 0.5))} | ${f1(pct(s, 0.99))} | ${f1(s[s.length - 1] ?? NaN)} |`;
    };
    const stats = await store.stats();
    process.stdout.write(
      [
        '',
        `store: ${stats.totalNodes} nodes, ${stats.totalRelationships} relationships (${links} generated links), ${planted.length} rings; ${requests} alerts measured after ${warmup} warm-up, ${misses} missed`,
        '',
        '| latency (ms) | n | p50 | p99 | max |',
        '| --- | ---: | ---: | ---: | ---: |',
        row('SSE client, from the end of the ingest request', fromEnd.sse),
        row('webhook receiver, from the end of the ingest request', fromEnd.hook),
        row('SSE client, from the start of the ingest request', fromStart.sse),
        row('webhook receiver, from the start of the ingest request', fromStart.hook),
        row('the ingest request (1 record: rules, write, raise)', ingestMs),
        row('  of which the rules, before the write (server side)', inside.evaluate.slice(warmup)),
        row('  of which the raise: alert, event, outbox (server side)', inside.raise.slice(warmup)),
        '',
        'target: p99 < 100 ms from the end of the ingest request (negative: the alert arrived before the ingest answer)',
        '',
      ].join('\n'),
    );
  } finally {
    await stream?.close();
    await server?.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await store.close();
    await neo4j?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}
