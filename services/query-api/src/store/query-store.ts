/**
 * What the routes need from the store, as one interface. The service talks
 * to Neo4j only through it (neo4j-queries.ts implements it over
 * @ringlink/store-neo4j); unit tests give a fake. Every read takes the time
 * it may use (`timeoutMs`), which becomes the Neo4j transaction timeout.
 * Results are already in the response shapes (schemas/).
 */
import type { IngestReport, InputReport } from '@ringlink/core';
import type { AnalysisResult, PreviousAnalysis } from '../core-analysis.js';
import type { CountryCode, EntityKind, LinkKind, ResolvedGraph } from '@ringlink/model';
import type { ExportLogEntry, ExportLogRecord, ExportSourceRequest, StoredExportSource } from '@ringlink/store-neo4j';
import type { BrokerDto, RingDetailDto, RingSummaryDto, RunDetailDto, RunSummaryDto } from '../schemas/analysis.js';
import type { EntityDetailDto, LinkEvidenceDto, NeighborhoodDto, PathsDto, SearchHitDto } from '../schemas/graph.js';

export interface Window {
  offset: number;
  limit: number;
}

export interface NeighborQuery {
  depth: number;
  kinds?: EntityKind[];
  linkKinds?: LinkKind[];
  cap: number;
  /** Most nodes returned. */
  limit: number;
}

export interface PathQuery {
  includeHubs: boolean;
  maxDepth: number;
  limit: number;
  linkKinds?: LinkKind[];
  /** Evidence records shown per hop. */
  evidencePerHop: number;
}

export interface RingQuery extends Window {
  sort: 'score' | 'size' | 'changed';
  scope: 'current' | 'all';
  minScore?: number;
  minPersons?: number;
}

export type PathsOutcome = { found: PathsDto } | { missing: 'from' | 'to' };

export interface WriteReport {
  sourceRecords: number;
  entities: number;
  links: number;
  linksChanged: number;
  storeMerges: number;
  batches: number;
}

export interface QueryStore {
  /** Round trip to Neo4j within timeoutMs; throws when it is not ready. */
  ping(timeoutMs: number): Promise<void>;
  search(q: string, window: Window, options: { phoneRegion: CountryCode }, timeoutMs: number): Promise<{ items: SearchHitDto[]; hasMore: boolean }>;
  entity(id: string, timeoutMs: number): Promise<EntityDetailDto | undefined>;
  neighbors(id: string, query: NeighborQuery, timeoutMs: number): Promise<NeighborhoodDto | undefined>;
  paths(from: string, to: string, query: PathQuery, timeoutMs: number): Promise<PathsOutcome>;
  linkEvidence(linkId: string, window: Window, timeoutMs: number): Promise<Omit<LinkEvidenceDto, 'limit' | 'next'> | undefined>;
  rings(query: RingQuery, timeoutMs: number): Promise<{ items: RingSummaryDto[]; total: number }>;
  ring(id: string, timeoutMs: number): Promise<RingDetailDto | undefined>;
  brokers(window: Window & { ring?: string }, timeoutMs: number): Promise<{ items: BrokerDto[]; total: number }>;
  runs(window: Window, timeoutMs: number): Promise<{ items: RunSummaryDto[]; total: number }>;
  run(id: string, timeoutMs: number): Promise<RunDetailDto | undefined>;

  /** Writes an ingested batch (no deadline: writes are batched and idempotent). */
  writeIngest(graph: ResolvedGraph, inputs: readonly InputReport[], trace: unknown): Promise<WriteReport>;
  /** What an analysis run starts from: the stored graph, its input files, the previous run. */
  analysisInput(): Promise<{ graph: ResolvedGraph; inputs: InputReport[]; previous: PreviousAnalysis | undefined }>;
  writeAnalysis(result: AnalysisResult): Promise<Record<string, unknown>>;

  /** What a court package is built from (one snapshot; no deadline: a large ring takes seconds). */
  exportSource(request: ExportSourceRequest): Promise<StoredExportSource>;
  /** Logs an export in the store's export log. */
  recordExport(entry: ExportLogEntry): Promise<ExportLogRecord>;
  exports(query: Window & { sha256?: string; ring?: string }, timeoutMs: number): Promise<{ items: ExportLogRecord[]; total: number }>;
}

export type { IngestReport };
