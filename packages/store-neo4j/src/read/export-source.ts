/**
 * What a court package is built from, read from the store: the analysis
 * run (its full record, brokers and input files), the ring as that run
 * found it, and the part of the graph the package shows — the members,
 * every entity one link away (third parties), and every link touching a
 * member with all its evidence records.
 *
 * The shapes are those of the analysis result contract (core's
 * `ResultForExport`), so the package builder cannot tell a stored run from
 * a result file. Members carry the same evidence as `loadGraph` gives
 * them (their MENTIONS plus the records of all their links); third parties
 * none (the package reads theirs off the package's links), so a package
 * built from the store is byte-identical to one built from the files the
 * run analysed, and a hub third party costs no more than its links to the
 * members.
 *
 * Everything is read in one read transaction: one consistent snapshot,
 * even while ingest or analysis write.
 */
import { RinglinkError, LINK_KIND_NAMES, type Entity, type Evidence, type Link } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import { toSafeNumber } from '../integers.js';
import type { Tx } from '../session.js';
import { compareEvidence } from '../write/person-resolution.js';
import { EVIDENCE_KEYS_PROP, IMPLYING_LINK_KINDS, type SourceFileInput } from '../write/rows.js';
import { entityProjection, type RawNode } from './entity-view.js';
import { evidenceOf } from './evidence.js';
import { storedEntity, storedLinks, type RawLink } from './load-graph.js';
import { readSourceFiles } from './source-files.js';

export interface ExportSourceRequest {
  /** A ring id (`R-0007`): the ring as the run that last found it describes it. */
  ring?: string;
  /** Or entity ids (aliases allowed), exported against `run` (default: the latest run). */
  entityIds?: string[];
  /** The run the export rests on; with `ring`, it must be the run that last found the ring. */
  run?: string;
}

/** The stored run in the analysis result's `run` shape (nested values parsed back from JSON). */
export interface StoredRunRecord {
  id: string;
  seed: number;
  parameters: object;
  software: { name: string; version: string; components?: Record<string, string> };
  inputs: Array<{ file: string; sha256: string }>;
  hubs: Array<{ id: string; rule?: string; reason?: string }>;
  modularity?: number;
  communities?: number;
  graph?: { entities: number; links: number; sha256: string };
  hubDetection?: { threshold?: number; rule?: string };
  betweenness?: { mode: string };
  previousRunId?: string | null;
  timings?: Record<string, number>;
}

export interface StoredRingRecord {
  id: string;
  members: string[];
  persons: number;
  score: number;
  explanation: string;
  personIds: string[];
  [more: string]: unknown;
}

export interface StoredBrokerRecord {
  id: string;
  rank: number;
  betweenness: number;
  bridging: number;
  rings: string[];
  explanation: string;
  [more: string]: unknown;
}

export interface StoredExportSource {
  result: { run: StoredRunRecord; inputs: SourceFileInput[]; rings: StoredRingRecord[]; brokers: StoredBrokerRecord[] };
  /** Members, third parties and the links touching a member, in id order. */
  graph: { entities: Entity[]; links: Link[] };
}

const parse = (v: unknown): unknown => {
  if (typeof v !== 'string') return v ?? undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function readRun(tx: Tx, id: string | undefined): Promise<Record<string, unknown> | undefined> {
  const res = await tx.run(
    id === undefined
      ? `MATCH (run:${STORE_LABELS.AnalysisRun}) RETURN properties(run) AS run ORDER BY run.writtenAt DESC, run.id LIMIT 1`
      : `MATCH (run:${STORE_LABELS.AnalysisRun} {id: $id}) RETURN properties(run) AS run`,
    { id: id ?? null },
  );
  return res.records[0]?.get('run') as Record<string, unknown> | undefined;
}

function runRecord(p: Record<string, unknown>): StoredRunRecord {
  const optional = (key: string, value: unknown): Record<string, unknown> => (value === undefined || value === null ? {} : { [key]: value });
  return {
    id: String(p.id),
    seed: toSafeNumber(p.seed ?? 0),
    parameters: (parse(p.parameters) as object | undefined) ?? {},
    software: parse(p.software) as StoredRunRecord['software'],
    inputs: (parse(p.inputs) as StoredRunRecord['inputs'] | undefined) ?? [],
    hubs: (parse(p.hubs) as StoredRunRecord['hubs'] | undefined) ?? [],
    ...optional('modularity', typeof p.modularity === 'number' ? p.modularity : undefined),
    ...optional('communities', p.communities === null || p.communities === undefined ? undefined : toSafeNumber(p.communities)),
    ...optional('graph', parse(p.graph)),
    ...optional('hubDetection', parse(p.hubDetection)),
    ...optional('betweenness', parse(p.betweenness)),
    previousRunId: (p.previousRunId as string | null | undefined) ?? null,
    ...optional('timings', parse(p.timings)),
  } as StoredRunRecord;
}

/** The ring as the run that last found it describes it, and that run's id. */
async function readRingRecord(tx: Tx, id: string): Promise<{ ring: StoredRingRecord; run: string } | undefined> {
  const res = await tx.run(
    [
      `MATCH (r:${STORE_LABELS.Ring} {id: $id})`,
      'RETURN properties(r) AS ring,',
      `  COLLECT { MATCH (e:${STORE_LABELS.Entity})-[:${STORE_REL_TYPES.MEMBER_OF} {run: r.run}]->(r) RETURN e.id ORDER BY e.id } AS members`,
    ].join('\n'),
    { id },
  );
  const rec = res.records[0];
  if (rec === undefined) return undefined;
  const r = rec.get('ring') as Record<string, unknown>;
  const report = (parse(r.report) as Record<string, unknown> | undefined) ?? {};
  const ring: StoredRingRecord = {
    id: String(r.id),
    members: rec.get('members') as string[],
    persons: toSafeNumber(r.persons ?? 0),
    score: Number(r.score),
    explanation: String(r.explanation ?? ''),
    personIds: (r.personIds as string[] | undefined) ?? [],
    ...report,
  };
  return { ring, run: String(r.run) };
}

/** The run's input files as ingest reported them (SourceFile nodes); refused when one is not in the store. */
async function inputFiles(tx: Tx, run: StoredRunRecord): Promise<SourceFileInput[]> {
  const bySha = new Map((await readSourceFiles(tx, run.inputs.map((i) => i.sha256))).map((f) => [f.sha256, f]));
  const missing = run.inputs.filter((i) => !bySha.has(i.sha256));
  if (missing.length > 0) {
    throw new RinglinkError('NOT_FOUND', `export: run ${run.id} analysed ${missing.map((i) => `${i.file} (${i.sha256.slice(0, 12)}…)`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not ingested into this store`);
  }
  return run.inputs.map((i) => bySha.get(i.sha256)!);
}

/** Entity ids as stored: each requested id, or the entity it is an alias of; NOT_FOUND naming the ids that are neither. */
async function resolveIds(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const res = await tx.run(
    [
      'UNWIND $ids AS id',
      `OPTIONAL MATCH (e:${STORE_LABELS.Entity} {id: id})`,
      `OPTIONAL MATCH (:${STORE_LABELS.Alias} {id: id})-[:${STORE_REL_TYPES.ALIAS_OF}]->(s:${STORE_LABELS.Entity})`,
      'RETURN id, coalesce(e.id, s.id) AS found',
    ].join('\n'),
    { ids },
  );
  const missing = res.records.filter((r) => r.get('found') === null).map((r) => r.get('id') as string);
  if (missing.length > 0) {
    throw new RinglinkError('NOT_FOUND', `export: ${missing.length} entit${missing.length === 1 ? 'y is' : 'ies are'} not in the store (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`, {
      details: { missing },
    });
  }
  return [...new Set(res.records.map((r) => r.get('found') as string))];
}

/**
 * The members, the entities one link away, and every link touching a
 * member (both directions), each with its evidence records.
 */
async function readSubgraph(tx: Tx, memberIds: readonly string[]): Promise<{ entities: Entity[]; links: Link[] }> {
  const res = await tx.run(
    [
      'UNWIND $ids AS id',
      `MATCH (m:${STORE_LABELS.Entity} {id: id})`,
      'RETURN m.id AS id',
      'UNION',
      'UNWIND $ids AS id',
      `MATCH (:${STORE_LABELS.Entity} {id: id})-[r]-(o:${STORE_LABELS.Entity}) WHERE type(r) IN $types`,
      'RETURN DISTINCT o.id AS id',
    ].join('\n'),
    { ids: memberIds, types: LINK_KIND_NAMES },
  );
  const ids = res.records.map((r) => r.get('id') as string).sort();
  // Members with every record that names them (MENTIONS, and the records of all their links, as loadGraph
  // gives entities); third parties without: a package shows what its own links say of them, and a hub
  // third party is named by records far beyond this case.
  const rows = await tx.run(
    [
      'UNWIND $ids AS id',
      `MATCH (e:${STORE_LABELS.Entity} {id: id})`,
      'WITH e, id IN $members AS member',
      `RETURN ${entityProjection('e')} AS node,`,
      `  COLLECT { MATCH (s:${STORE_LABELS.SourceRecord})-[:${STORE_REL_TYPES.MENTIONS}]->(e) WHERE member RETURN s.key } AS keys,`,
      `  COLLECT { MATCH (a:${STORE_LABELS.Alias})-[:${STORE_REL_TYPES.ALIAS_OF}]->(e) RETURN a.id } AS aliases,`,
      `  COLLECT { MATCH (e)-[r]->(b:${STORE_LABELS.Entity}) WHERE type(r) IN $types AND (member OR b.id IN $members) RETURN {type: type(r), to: b.id, props: properties(r)} } AS links,`,
      `  COLLECT { MATCH (e)-[r]-(:${STORE_LABELS.Entity}) WHERE member AND type(r) IN $implying UNWIND coalesce(r.${EVIDENCE_KEYS_PROP}, []) AS k RETURN DISTINCT k } AS implied`,
    ].join('\n'),
    { ids, members: memberIds, types: LINK_KIND_NAMES, implying: IMPLYING_LINK_KINDS },
  );

  const wantedKeys = new Set<string>();
  for (const r of rows.records) {
    for (const k of r.get('keys') as string[]) wantedKeys.add(k);
    for (const k of r.get('implied') as string[]) wantedKeys.add(k);
  }
  const records = new Map<string, Evidence>();
  const recs = await tx.run(`UNWIND $keys AS k MATCH (s:${STORE_LABELS.SourceRecord} {key: k}) RETURN s.key AS key, properties(s) AS props`, {
    keys: [...wantedKeys],
  });
  for (const r of recs.records) records.set(r.get('key') as string, evidenceOf(r.get('props') as Record<string, unknown>));
  const evidence = (keys: readonly string[]): Evidence[] =>
    [...new Set(keys)].map((k) => records.get(k)).filter((e): e is Evidence => e !== undefined).sort(compareEvidence);

  const entities: Entity[] = [];
  const links: Link[] = [];
  for (const r of rows.records) {
    const entity = storedEntity(r.get('node') as RawNode, evidence([...(r.get('keys') as string[]), ...(r.get('implied') as string[])]), r.get('aliases') as string[]);
    entities.push(entity);
    links.push(...storedLinks(entity.id, r.get('links') as RawLink[], evidence));
  }
  entities.sort(byId);
  links.sort(byId);
  return { entities, links };
}

export async function readExportSource(tx: Tx, request: ExportSourceRequest): Promise<StoredExportSource> {
  if ((request.ring === undefined) === (request.entityIds === undefined)) {
    throw new RinglinkError('INVALID_ARGUMENT', 'export: give either a ring id or a list of entity ids');
  }
  let ring: StoredRingRecord | undefined;
  let runId = request.run;
  if (request.ring !== undefined) {
    const found = await readRingRecord(tx, request.ring);
    if (found === undefined) throw new RinglinkError('NOT_FOUND', `export: no ring ${request.ring} in the store`);
    if (runId !== undefined && runId !== found.run) {
      throw new RinglinkError('NOT_FOUND', `export: ring ${request.ring} was last found by run ${found.run}, not ${runId}; the store keeps each ring as the run that last found it`);
    }
    ring = found.ring;
    runId = found.run;
  }
  const props = await readRun(tx, runId);
  if (props === undefined) {
    throw new RinglinkError('NOT_FOUND', runId === undefined ? 'export: no analysis run in the store (run `ringlink analyze --from-store` first)' : `export: no analysis run ${runId} in the store`);
  }
  const run = runRecord(props);
  const brokers = parse(props.brokers);
  if (!Array.isArray(brokers)) {
    // Broker scores on entities describe only the latest run and lack what the package shows; no approximation.
    throw new RinglinkError('NOT_FOUND', `export: run ${run.id} was written before runs kept their broker list; run \`ringlink analyze --from-store\` again and export from the new run`);
  }
  const inputs = await inputFiles(tx, run);
  const memberIds = ring !== undefined ? ring.members : await resolveIds(tx, request.entityIds!);
  const graph = await readSubgraph(tx, memberIds);
  return { result: { run, inputs, rings: ring ? [ring] : [], brokers: brokers as StoredBrokerRecord[] }, graph };
}
