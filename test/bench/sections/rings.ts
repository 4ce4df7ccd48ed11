/**
 * Benchmark section "rings": quality of ring and broker detection.
 *
 * 1. Generated cases with planted truth (the real CSV generator, writeCase,
 *    then ingest: the whole pipeline) at several noise levels: NMI between
 *    planted and found rings, share of honest background persons placed in
 *    rings, largest found ring / largest planted ring, planted brokers among
 *    the top ten — for ringlink and for the plain tools (connected
 *    components, plain Louvain, plain betweenness).
 * 2. The real criminal networks in /work/shared/datasets: what ringlink
 *    finds next to what the literature reports.
 *
 * NMI is computed over the planted ring members and the honest background
 * persons (label "none" outside rings); brokers are judged by the broker
 * measure instead, and person records the resolver could not tie to a
 * planted person (e.g. an agent written without his CNIC) are left out.
 *
 * `pnpm bench rings [--quick]`
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedGraph } from '../../../packages/model/src/index.js';
import { ingest, writeCase, type GroundTruth } from '../../../packages/core/src/index.js';
import {
  ANALYSIS_DEFAULTS,
  adjustedRand,
  analyze,
  buildAnalysisView,
  detectHubs,
  findRings,
  nmi,
  plainBetweennessRanking,
  plainComponents,
  plainLouvain,
  type AnalysisResult,
} from '../../../packages/core/src/analysis/index.js';

const DATASETS = '/work/shared/datasets';

// ---------------------------------------------------------------------------
// small helpers

function table(rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

// ---------------------------------------------------------------------------
// 1. generated cases

interface CaseScore {
  nmi: number;
  ari: number;
  background: number;
  largest: number;
  brokers: number;
  plantedBrokers: number;
  brokersInRings: number;
}

function labelsOf(rings: string[][], ids: readonly string[]): Map<string, string> {
  const of = new Map<string, string>();
  rings.forEach((r, i) => { for (const id of r) of.set(id, `r${i}`); });
  return new Map(ids.map((id) => [id, of.get(id) ?? 'none']));
}

function score(truth: GroundTruth, graph: ResolvedGraph, rings: string[][], topTen: string[], personCounts?: number[]): CaseScore {
  const present = new Set(graph.entities.map((e) => e.id));
  const planted = new Map<string, string>();
  for (const r of truth.rings) for (const p of [...r.agents, ...r.applicants]) planted.set(p, r.id);
  const items = [...planted.keys(), ...truth.background].filter((id) => present.has(id));
  const t = new Map(items.map((id) => [id, planted.get(id) ?? 'none']));
  const f = labelsOf(rings, items);
  const inRings = new Set(rings.flat());
  const plantedSize = Math.max(...truth.rings.map((r) => r.agents.length + r.applicants.length));
  const personsOf = (r: string[]): number => r.filter((id) => id.startsWith('person:')).length;
  const top = new Set(topTen);
  return {
    nmi: nmi(t, f),
    ari: adjustedRand(t, f),
    background: truth.background.filter((p) => inRings.has(p)).length / Math.max(1, truth.background.length),
    largest: rings.length === 0 ? 0 : Math.max(...(personCounts ?? rings.map(personsOf))) / plantedSize,
    brokers: truth.brokers.filter((b) => top.has(b.id)).length,
    plantedBrokers: truth.brokers.length,
    brokersInRings: truth.brokers.filter((b) => inRings.has(b.id)).length,
  };
}

interface NoiseLevel {
  name: string;
  linkNoise: number;
  spellingNoise: number;
  rings: number;
  brokers: number;
}

const LEVELS: NoiseLevel[] = [
  { name: 'low', linkNoise: 0.02, spellingNoise: 0.1, rings: 10, brokers: 4 },
  { name: 'default', linkNoise: 0.05, spellingNoise: 0.3, rings: 10, brokers: 4 },
  { name: 'high', linkNoise: 0.15, spellingNoise: 0.5, rings: 10, brokers: 4 },
  { name: 'extreme', linkNoise: 0.3, spellingNoise: 0.7, rings: 10, brokers: 4 },
  { name: 'large', linkNoise: 0.05, spellingNoise: 0.3, rings: 60, brokers: 10 },
];

async function generatedCases(quick: boolean): Promise<void> {
  const seeds = quick ? [1, 2] : [1, 2, 3, 4];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-bench-rings-'));
  const perCase: Array<Array<string | number>> = [
    ['noise', 'seed', 'rings', 'persons', 'links', 'NMI', 'ARI', 'bg in rings', 'largest/planted', 'brokers top 10', 'brokers inside a ring', 's'],
  ];
  const summary: Array<Array<string | number>> = [
    ['noise (link/spelling)', 'method', 'NMI mean (min)', 'bg persons in rings (max)', 'largest ring / planted (max)', 'planted brokers in top 10'],
  ];
  const plainBetweennessRows: Array<Array<string | number>> = [['noise', 'seed', 'plain top 10: hubs', 'ring-internal', 'planted brokers', 'hub-free plain top 10: ring-internal', 'planted brokers', 'ringlink top 10: planted brokers']];
  try {
    for (const level of LEVELS) {
      const by: Record<string, CaseScore[]> = { ringlink: [], components: [], 'plain Louvain': [] };
      for (const seed of seeds) {
        const caseDir = path.join(dir, `${level.name}-${seed}`);
        const t0 = performance.now();
        await writeCase(caseDir, { seed, rings: level.rings, brokers: level.brokers, linkNoise: level.linkNoise, spellingNoise: level.spellingNoise });
        const truth = JSON.parse(await readFile(path.join(caseDir, 'truth.json'), 'utf8')) as GroundTruth;
        const { graph, report } = await ingest([caseDir]);
        const result = analyze(graph, report.inputs, { seed: 1 });
        const secs = (performance.now() - t0) / 1000;
        const s = score(truth, graph, result.rings.map((r) => r.personIds), result.brokers.slice(0, 10).map((b) => b.id), result.rings.map((r) => r.persons));
        by.ringlink!.push(s);
        perCase.push([
          level.name, seed, `${result.rings.length}/${truth.rings.length}`, graph.entities.filter((e) => e.kind === 'Person').length,
          graph.links.length, f3(s.nmi), f3(s.ari), pct(s.background), s.largest.toFixed(2), `${s.brokers}/${s.plantedBrokers}`,
          s.brokersInRings, secs.toFixed(1),
        ]);
        // Plain tools on the same graph.
        const view = buildAnalysisView(graph);
        by.components!.push(score(truth, graph, plainComponents(view).map((g) => g.filter((id) => id.startsWith('person:'))), []));
        by['plain Louvain']!.push(score(truth, graph, plainLouvain(view, 1).map((g) => g.filter((id) => id.startsWith('person:'))), []));
        if (seed === seeds[0]) {
          const hubs = new Set(truth.hubs);
          const ringOwn = new Set(truth.rings.flatMap((r) => [...r.identifiers, ...r.agents]));
          const brokerIds = new Set(truth.brokers.map((b) => b.id));
          const plain = plainBetweennessRanking(view, 10).map((x) => x.id);
          const count = (ids: string[], set: Set<string>): number => ids.filter((id) => set.has(id)).length;
          // The same without the planted hubs (what an analyst gets after removing them by hand).
          const hubFree: ResolvedGraph = {
            entities: graph.entities.filter((e) => !hubs.has(e.id)),
            links: graph.links.filter((l) => !hubs.has(l.from) && !hubs.has(l.to)),
            merges: [],
          };
          const plainHubFree = plainBetweennessRanking(buildAnalysisView(hubFree), 10).map((x) => x.id);
          plainBetweennessRows.push([
            level.name, seed, count(plain, hubs), count(plain, ringOwn), count(plain, brokerIds), count(plainHubFree, ringOwn),
            count(plainHubFree, brokerIds), `${s.brokers}/${s.plantedBrokers}`,
          ]);
          by.components![by.components!.length - 1]!.brokers = count(plain, brokerIds);
          by['plain Louvain']![by['plain Louvain']!.length - 1]!.brokers = count(plainHubFree, brokerIds);
        }
      }
      for (const [method, scores] of Object.entries(by)) {
        const brokers = method === 'ringlink'
          ? `${scores.reduce((s, x) => s + x.brokers, 0)}/${scores.reduce((s, x) => s + x.plantedBrokers, 0)}`
          : method === 'components'
            ? `plain betweenness: ${scores[0]!.brokers}/${scores[0]!.plantedBrokers} (seed ${seeds[0]})`
            : `hub-free plain betweenness: ${scores[0]!.brokers}/${scores[0]!.plantedBrokers}`;
        summary.push([
          `${level.name} (${level.linkNoise}/${level.spellingNoise}${level.rings !== 10 ? `, ${level.rings} rings, ${level.brokers} brokers` : ''})`, method,
          `${f3(mean(scores.map((x) => x.nmi)))} (${f3(Math.min(...scores.map((x) => x.nmi)))})`,
          pct(Math.max(...scores.map((x) => x.background))),
          Math.max(...scores.map((x) => x.largest)).toFixed(2),
          brokers,
        ]);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`### Generated cases (writeCase → ingest → analyze; 10 rings, 4 brokers, 400 honest background persons unless stated; "large": 60 rings, 10 brokers, 2400 background; seeds ${seeds.join(', ')})\n\n`);
  process.stdout.write('Targets: NMI ≥ 0.97; background persons in rings ≤ 1%; largest ring ≈ largest planted; every planted broker in the top 10.\n\n');
  process.stdout.write(`${table(summary)}\n\n`);
  process.stdout.write(`${table(perCase)}\n\n`);
  process.stdout.write('What plain betweenness puts in its top 10 (first seed of each level):\n\n');
  process.stdout.write(`${table(plainBetweennessRows)}\n\n`);
}

// ---------------------------------------------------------------------------
// 2. real criminal networks

interface Dataset {
  name: string;
  graph: ResolvedGraph;
  /** Node id → display name. */
  names: Map<string, string>;
  /** Published key players (display names), in the literature's order. */
  literature: string[];
  literatureNote: string;
  /** Published groups for a community comparison, if any (node id → group). */
  groups?: Map<string, string>;
  groupsNote?: string;
  /** Nodes that count as key players for a hit rate (e.g. all bosses). */
  keySet?: Set<string>;
}

function csvRows(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      if (quoted) {
        if (ch === '"' && raw[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === sep) { out.push(cur); cur = ''; } else cur += ch;
    }
    out.push(cur);
    rows.push(out);
  }
  return rows;
}

/** Persons and ASSOCIATE_OF links; a tie's weight becomes its number of records (weight 1 + ln w in the view). */
function personGraph(edges: Array<[string, string, number]>, nodes: string[] = []): { graph: ResolvedGraph; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  const idOf = (name: string): string => {
    let id = ids.get(name);
    if (!id) ids.set(name, (id = `person:record:dataset:${name.replace(/\s+/g, '_')}:person`));
    return id;
  };
  for (const n of nodes) idOf(n);
  const weights = new Map<string, number>();
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    const [x, y] = [idOf(a), idOf(b)].sort() as [string, string];
    weights.set(`${x}\u0000${y}`, (weights.get(`${x}\u0000${y}`) ?? 0) + (w > 0 ? w : 1));
  }
  const ev = { source: 'dataset', file: 'dataset', fileSha256: '', row: 0, recordId: '', recordSha256: '', observedAt: null };
  const graph: ResolvedGraph = {
    entities: [...ids.entries()].map(([name, id]) => ({ id, kind: 'Person' as const, roles: [], props: { name }, evidence: [], aliases: [] })),
    links: [...weights].map(([k, w]) => {
      const [from, to] = k.split('\u0000') as [string, string];
      return { id: `${from}|ASSOCIATE_OF|${to}`, type: 'ASSOCIATE_OF' as const, from, to, props: { count: Math.round(w) }, evidence: [] as typeof ev[] };
    }),
    merges: [],
  };
  return { graph, ids };
}

async function loadDatasets(): Promise<Dataset[]> {
  const read = (p: string): Promise<string> => readFile(path.join(DATASETS, p), 'utf8');
  const out: Dataset[] = [];
  const make = (name: string, edges: Array<[string, string, number]>, extra: Omit<Dataset, 'name' | 'graph' | 'names'>, nodes?: string[]): void => {
    const { graph, ids } = personGraph(edges, nodes);
    const names = new Map([...ids].map(([n, id]) => [id, n]));
    const groups = extra.groups
      ? new Map<string, string>([...extra.groups].flatMap(([n, g]): Array<[string, string]> => (ids.has(n) ? [[ids.get(n)!, g]] : [])))
      : undefined;
    const keySet = extra.keySet ? new Set([...extra.keySet].map((n) => ids.get(n)!).filter(Boolean)) : undefined;
    out.push({ name, graph, names, ...extra, ...(groups ? { groups } : {}), ...(keySet ? { keySet } : {}) });
  };

  // Zachary's karate club (unweighted, so the modularity compares with the proven optimum 0.4198).
  {
    const edges = csvRows(await read('karate/karate_edges.csv')).slice(1).map(([a, b]) => [`n${a}`, `n${b}`, 1] as [string, string, number]);
    const clubs = new Map(csvRows(await read('karate/karate_nodes.csv')).slice(1).map(([n, club]) => [`n${n}`, club!]));
    make('karate', edges, {
      literature: ['n1', 'n34', 'n33', 'n3', 'n32'], literatureNote: 'betweenness 1, 34, 33, 3, 32; split Mr. Hi / Officer; Q* = 0.4198',
      groups: clubs, groupsNote: 'club after the split',
    });
  }
  // CAVIAR (full network, arcs summed both ways).
  {
    const edges = csvRows(await read('caviar/caviar_full_edges_directed.csv')).slice(1).map(([a, b, w]) => [`n${a}`, `n${b}`, Number(w)] as [string, string, number]);
    make('caviar', edges, { literature: ['n1', 'n12', 'n3', 'n87', 'n76'], literatureNote: 'Morselli: n1, n12, n3, n87, n76 (betweenness, Anastasiadis & Antoniou 2024)' });
  }
  // Montagna: meetings + phone calls, weights summed; families from the roles file.
  {
    const edges: Array<[string, string, number]> = [];
    for (const f of ['montagna/Montagna_meetings_edgelist.csv', 'montagna/Montagna_phonecalls_edgelist.csv']) {
      for (const [a, b, w] of csvRows(await read(f), '\t')) edges.push([`N${a}`, `N${b}`, Number(w)]);
    }
    const families = new Map<string, string>();
    for (const [node, role] of csvRows(await read('montagna/Montagna_Roles.csv')).slice(1)) {
      const m = /family ''(\w+)''/.exec(role ?? '');
      if (m) families.set(node!, m[1]!);
    }
    make('montagna', edges, {
      literature: ['N18', 'N47', 'N27', 'N68', 'N61'], literatureNote: 'executives 18, 47, 27, 68, 61 (Cavallaro et al. 2020; top betweenness)',
      groups: families, groupsNote: 'family (Mistretta / Batanesi), 26 labelled members',
    });
  }
  // 'Ndrangheta Infinito: summit co-attendance projection; locali and bosses.
  {
    const edges = csvRows(await read('infinito/infinito_coattendance_edges_raw.csv')).slice(1).map(([a, b, w]) => [a!, b!, Number(w)] as [string, string, number]);
    const attrs = csvRows(await read('infinito/infinito_person_attributes.csv')).slice(1);
    const locali = new Map(attrs.filter(([, l]) => l !== undefined && /^[A-E]$/.test(l)).map(([n, l]) => [n!, l!]));
    const bosses = new Set(attrs.filter(([, , r]) => r === 'boss').map(([n]) => n!));
    make('infinito', edges, {
      literature: ['PANETTA Pietro Francesco', 'CRISTELLO Francesco', 'MANNO Alessandro', 'BARRANCA Cosimo', 'MUIÀ Francesco'],
      literatureNote: 'top betweenness of the raw projection; 36 bosses (16 of the top 20 by betweenness are bosses)',
      groups: locali, groupsNote: 'locale A–E (84 members; published Louvain NMI 0.775 on the corrected 84-node core)',
      keySet: bosses,
    });
  }
  // Oversize WR subset.
  {
    const rows = csvRows(await read('oversize_subset/berlusconietal_oversize_WR_subset.csv'));
    const header = rows[0]!.slice(1);
    const edges: Array<[string, string, number]> = [];
    for (const r of rows.slice(1)) r.slice(1).forEach((v, j) => { if (v === '1' && r[0]! < header[j]!) edges.push([r[0]!, header[j]!, 1]); });
    make('oversize', edges, { literature: ['X49', 'X9', 'X39'], literatureNote: 'top betweenness X49, X9, X39 (no published labels)' }, rows.slice(1).map((r) => r[0]!));
  }
  // Madrid 11-M.
  {
    const names = new Map(csvRows(await read('madrid_train_bombing/nodes.csv')).slice(1).map(([id, n]) => [id!, n!]));
    const edges = csvRows(await read('madrid_train_bombing/ties.csv')).slice(1).map(([a, b, w]) => [names.get(a!)!, names.get(b!)!, Number(w)] as [string, string, number]);
    make('madrid', edges, { literature: ['Jamal Zougam', 'Semaan Gaby Eid', 'Mohamed Chaoui'], literatureNote: 'Zougam top degree; betweenness Semaan Gaby Eid, Zougam, Chaoui' });
  }
  // 9/11 (SNABook), the two spellings of al-Marabh merged.
  {
    const fix = (n: string): string => (n === 'Nabil Almarabh' ? 'Nabil al-Marabh' : n);
    const edges = csvRows(await read('nine_eleven/9_11_edgelist.txt')).map(([a, b, s]) => [fix(a!), fix(b!), Number(s)] as [string, string, number]);
    make('9/11', edges, { literature: ['Mohamed Atta', 'Essid Sami Ben Khemais', 'Zacarias Moussaoui', 'Nawaf Alhazmi', 'Hani Hanjour'], literatureNote: 'Krebs 2002: Atta top; betweenness Atta, Ben Khemais, Moussaoui' });
  }
  // Noordin Top: union of the ten relations, multiplicity as weight.
  {
    const edges = csvRows(await read('noordin_top/noordin_top_multiplex_edges.csv')).slice(1).map(([, a, b]) => [a!, b!, 1] as [string, string, number]);
    make('noordin', edges, { literature: ['Noordin Mohammed Top', 'Azhari Husin'], literatureNote: 'Everton 2012: Noordin Top and Azhari Husin lead' });
  }
  // Human trafficking, Mexico.
  {
    const labels = new Map(csvRows(await read('human_trafficking_mexico/labels.csv')).map(([id, l]) => [id!.trim(), l!.trim()]));
    const edges = (await read('human_trafficking_mexico/Data.txt')).trim().split(/\n/).map((l) => l.trim().split(/\s+/)).map(([a, b]) => [labels.get(a!)!, labels.get(b!)!, 1] as [string, string, number]);
    make('trafficking-mx', edges, { literature: ['Explotador 1', 'Partícipe 1', 'Reclutador 3'], literatureNote: 'recomputed: betweenness Explotador 1, Partícipe 1, Reclutador 3' });
  }
  return out;
}

function datasetRow(ds: Dataset): Array<string | number> {
  const result: AnalysisResult = analyze(ds.graph, [], { seed: 1, timings: false });
  const view = buildAnalysisView(ds.graph);
  const hubs = detectHubs(view, ANALYSIS_DEFAULTS);
  const detection = findRings(view, hubs.isHub, ANALYSIS_DEFAULTS);
  const name = (id: string): string => ds.names.get(id) ?? id;
  const top5 = result.brokers.slice(0, 5).map((b) => name(b.id));
  const top10 = new Set(result.brokers.slice(0, 10).map((b) => name(b.id)));
  const litIn10 = ds.literature.filter((n) => top10.has(n)).length;
  let agreement = '–';
  if (ds.groups && ds.groups.size > 0) {
    const items = [...ds.groups.keys()].filter((id) => view.index.has(id));
    const t = new Map(items.map((id) => [id, ds.groups!.get(id)!]));
    const c = new Map(items.map((id) => [id, `c${detection.community[view.index.get(id)!]}`]));
    agreement = `NMI ${f3(nmi(t, c))} vs ${ds.groupsNote}`;
  }
  if (ds.keySet) {
    const top20 = result.brokers.slice(0, 20).filter((b) => ds.keySet!.has(b.id)).length;
    agreement += `; ${top20} of the top 20 brokers are bosses`;
  }
  const sizes = result.rings.map((r) => r.persons).join(', ');
  return [
    ds.name, `${ds.graph.entities.length}/${ds.graph.links.length}`, `${result.rings.length} (${sizes})`, f3(result.run.modularity),
    top5.join(', '), ds.literatureNote, `${litIn10}/${ds.literature.length} in top 10`, agreement,
  ];
}

async function realNetworks(): Promise<void> {
  const datasets = await loadDatasets();
  const rows: Array<Array<string | number>> = [[
    'dataset', 'persons/ties', 'rings (persons)', 'modularity', 'ringlink top 5 brokers', 'literature', 'literature names in ringlink top 10', 'communities vs published groups',
  ]];
  for (const ds of datasets) rows.push(datasetRow(ds));
  process.stdout.write('### Real criminal networks (/work/shared/datasets; persons only, default parameters, seed 1)\n\n');
  process.stdout.write('Only persons and their ties: no identifiers, so no hubs and no folding; ties weighted 1 + ln(weight). ');
  process.stdout.write('The community comparison uses the Louvain communities (split into connected parts) before the ring membership rule.\n\n');
  process.stdout.write(`${table(rows)}\n\n`);
}

export default {
  name: 'rings',
  run: async (args: string[] = []): Promise<void> => {
    const quick = args.includes('--quick');
    await generatedCases(quick);
    await realNetworks();
  },
};
