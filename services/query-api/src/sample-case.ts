/**
 * The sample case for `ringlink serve`: when the store holds no entity,
 * `data/sample/` is ingested, written, analysed and written back, so a
 * fresh start has something to ask about. Also picks an example query to
 * print (a ring's phone, in a national spelling, to show that search reads
 * any spelling).
 */
import { fileURLToPath } from 'node:url';
import { ingest } from '@ringlink/core';
import { IngestTrace, type Neo4jStore } from '@ringlink/store-neo4j';
import { analyze } from './core-analysis.js';
import type { QueryStore } from './store/query-store.js';

export const SAMPLE_DIR = fileURLToPath(new URL('../../../data/sample/', import.meta.url));

export interface SampleLoad {
  loaded: boolean;
  entities?: number;
  links?: number;
  rings?: number;
  runId?: string;
}

/** Loads the sample case into an empty store; does nothing when the store holds entities. */
export async function loadSampleIfEmpty(store: Neo4jStore, log: (line: string) => void = () => {}, dir: string = SAMPLE_DIR): Promise<SampleLoad> {
  const stats = await store.stats();
  if ((stats.nodes.Entity ?? 0) > 0) return { loaded: false };
  log(`the store is empty: loading the sample case from ${dir}`);
  const trace = new IngestTrace();
  const { report, graph } = await ingest([dir], { onRecord: trace.onRecord });
  await store.writeGraph(graph, { sourceFiles: report.inputs, trace });
  const previous = await store.previousAnalysis();
  const result = analyze(graph, report.inputs, previous ? { previous } : {});
  await store.writeAnalysis(result);
  log(`sample case loaded: ${graph.entities.length} entities, ${graph.links.length} links, ${result.rings.length} rings (run ${result.run.id})`);
  return { loaded: true, entities: graph.entities.length, links: graph.links.length, rings: result.rings.length, runId: result.run.id };
}

/** `+923001234567` → `0300-1234567` (the way it is typed in Pakistan); other numbers unchanged. */
export function nationalSpelling(e164: string): string {
  const m = /^\+92(\d{3})(\d{7})$/.exec(e164);
  return m ? `0${m[1]}-${m[2]}` : e164;
}

/** A query worth showing: a phone that binds the top ring, typed nationally; else the ring's first person's name. */
export async function exampleSearch(queries: QueryStore): Promise<string | undefined> {
  try {
    const top = await queries.rings({ sort: 'score', scope: 'current', offset: 0, limit: 1 }, 5000);
    const ringId = top.items[0]?.id;
    if (ringId === undefined) return undefined;
    const ring = await queries.ring(ringId, 5000);
    const phone = ring?.identifiers.Phone?.[0]?.props.e164;
    if (typeof phone === 'string') return nationalSpelling(phone);
    const name = Object.values(ring?.membersByRole ?? {})[0]?.[0]?.props.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
