/**
 * The Neo4j store: one object per connection, every operation one method.
 * Opening it checks the connection and asserts the schema (constraints and
 * indexes from the model) before anything is written.
 */
import type { ResolvedGraph } from '@ringlink/model';
import { RinglinkError } from '@ringlink/model';
import { resolveStoreOptions, type ConnectionConfig, type StoreOptions } from './config.js';
import { int } from './integers.js';
import { checkSchema, schemaError, schemaPlan, schemaStatement, type ExistingConstraint, type ExistingIndex } from './schema.js';
import { Db } from './session.js';
import { readPreviousAnalysis, readRing, type RingView } from './analysis/rings.js';
import { writeAnalysis, type AnalysisWriteSummary } from './analysis/write-back.js';
import type { AnalysisForStore, StoredPreviousAnalysis } from './analysis/types.js';
import { readLinkEvidence, parseLinkId, type LinkEvidence, type LinkRef } from './read/evidence.js';
import { findEntities, getEntity, type EntityDetail, type FindOptions, type FoundEntity } from './read/find.js';
import { loadGraph, type LoadOptions } from './read/load-graph.js';
import { neighbors, type NeighborOptions, type Neighborhood } from './read/neighbors.js';
import { shortestPaths, type EvidencedPath, type PathOptions } from './read/paths.js';
import { readSourceFiles } from './read/source-files.js';
import { readStats, type StoreStats } from './read/stats.js';
import { readExportSource, type ExportSourceRequest, type StoredExportSource } from './read/export-source.js';
import { listExports, recordExport, type ExportLogEntry, type ExportLogRecord } from './export-log.js';
import { writeGraph, type WriteGraphOptions, type WriteSummary } from './write/write-graph.js';
import type { SourceFileInput } from './write/rows.js';

export interface SchemaReport {
  /** Constraints and indexes the store requires (schemaPlan()). */
  required: number;
  /** How many this call created. */
  created: number;
}

export interface OpenStoreOptions extends ConnectionConfig, Partial<StoreOptions> {
  /** Assert (create) constraints and indexes on open; default true. */
  ensureSchema?: boolean;
}

export class Neo4jStore {
  private constructor(
    private readonly db: Db,
    readonly options: Readonly<StoreOptions>,
    readonly uri: string,
  ) {}

  /** Connects (STORE_UNAVAILABLE, retriable, when Neo4j does not answer) and, by default, asserts the schema. */
  static async open(config: OpenStoreOptions): Promise<Neo4jStore> {
    const { uri, user, password, database, ensureSchema, ...rest } = config;
    const options = resolveStoreOptions(rest);
    const db = new Db(
      { uri, ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}), ...(database !== undefined ? { database } : {}) },
      options,
    );
    try {
      await db.verify(`connecting to ${uri}`);
      const store = new Neo4jStore(db, options, uri);
      if (ensureSchema !== false) await store.ensureSchema();
      return store;
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  /**
   * Creates the constraints and indexes the model requires when missing,
   * waits for them to be online, and checks that all are there; every
   * problem is collected before one STORE_ERROR is thrown.
   */
  async ensureSchema(): Promise<SchemaReport> {
    const plan = schemaPlan();
    // The common case (every item there and online) costs two SHOW commands and no DDL.
    if (checkSchema(plan, ...(await this.existingSchema())).length === 0) return { required: plan.length, created: 0 };
    const problems: string[] = [];
    let created = 0;
    for (const item of plan) {
      try {
        const res = await this.db.autoCommit(`creating ${item.name}`, { text: schemaStatement(item), params: {} });
        const u = res.summary.counters.updates();
        created += u.constraintsAdded + u.indexesAdded;
      } catch (err) {
        problems.push(`${item.name}: ${(err as Error).message}`);
      }
    }
    try {
      await this.db.autoCommit('waiting for indexes', { text: 'CALL db.awaitIndexes($seconds)', params: { seconds: int(300) } });
    } catch (err) {
      problems.push(`indexes did not come online: ${(err as Error).message}`);
    }
    problems.push(...checkSchema(plan, ...(await this.existingSchema())));
    if (problems.length > 0) throw schemaError(problems);
    return { required: plan.length, created };
  }

  private async existingSchema(): Promise<[ExistingConstraint[], ExistingIndex[]]> {
    const constraints = (
      await this.db.autoCommit('listing constraints', { text: 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties', params: {} })
    ).records.map((r) => r.toObject() as unknown as ExistingConstraint);
    const indexes = (
      await this.db.autoCommit('listing indexes', {
        text: 'SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint',
        params: {},
      })
    ).records.map((r) => r.toObject() as unknown as ExistingIndex);
    return [constraints, indexes];
  }

  /** Writes a resolved graph (batched, idempotent, crash-safe; see write/write-graph.ts). */
  async writeGraph(graph: ResolvedGraph, options: WriteGraphOptions = {}): Promise<WriteSummary> {
    return writeGraph(this.db, graph, options, this.options);
  }

  /** The whole stored graph, as the resolver would give it (paged reads). */
  async loadGraph(options: Partial<LoadOptions> = {}): Promise<ResolvedGraph> {
    return loadGraph(this.db, { pageSize: options.pageSize ?? this.options.pageSize, ...(options.onPage ? { onPage: options.onPage } : {}) });
  }

  /** The ingested files (complete ones only), in the ingest report's input shape. */
  async sourceFiles(): Promise<SourceFileInput[]> {
    return this.db.read('listing source files', (tx) => readSourceFiles(tx));
  }

  async writeAnalysis(result: AnalysisForStore, options: { now?: string } = {}): Promise<AnalysisWriteSummary> {
    return writeAnalysis(this.db, result, { batchSize: this.options.batchSize, ...options });
  }

  /** The latest analysis run written, for ring tracking; undefined when there is none. */
  async previousAnalysis(): Promise<StoredPreviousAnalysis | undefined> {
    return this.db.read('reading the previous analysis', (tx) => readPreviousAnalysis(tx));
  }

  async findEntities(query: string, options: FindOptions = {}): Promise<FoundEntity[]> {
    return this.db.read('searching entities', (tx) => findEntities(tx, query, options));
  }

  /** An entity by id or by any alias (an id it had before a merge); undefined when unknown. */
  async getEntity(id: string): Promise<EntityDetail | undefined> {
    return this.db.read('reading an entity', (tx) => getEntity(tx, id));
  }

  async neighbors(id: string, options: NeighborOptions = {}): Promise<Neighborhood | undefined> {
    return this.db.read('reading a neighbourhood', (tx) => neighbors(tx, id, options));
  }

  async shortestPaths(from: string, to: string, options: PathOptions = {}): Promise<EvidencedPath[] | undefined> {
    const hubDegree = options.hubDegree ?? this.options.hubDegree;
    return this.db.read('finding shortest paths', (tx) => shortestPaths(tx, from, to, { ...options, hubDegree }));
  }

  async getRing(id: string): Promise<RingView | undefined> {
    return this.db.read('reading a ring', (tx) => readRing(tx, id));
  }

  /** A link and the records that prove it, by link id (`from|TYPE|to`) or by its parts. */
  async linkEvidence(ref: string | LinkRef): Promise<LinkEvidence | undefined> {
    const parts = typeof ref === 'string' ? parseLinkId(ref) : ref;
    return this.db.read('reading link evidence', (tx) => readLinkEvidence(tx, parts));
  }

  /** What a court package is built from: the run, the ring, and the members' subgraph with evidence (one snapshot). */
  async exportSource(request: ExportSourceRequest): Promise<StoredExportSource> {
    return this.db.read('reading an export', (tx) => readExportSource(tx, request));
  }

  /** Logs an export (who, when, what, package digest). */
  async recordExport(entry: ExportLogEntry): Promise<ExportLogRecord> {
    return this.db.write('logging an export', (tx) => recordExport(tx, entry));
  }

  /** The export log, newest first. */
  async listExports(options: { offset?: number; limit?: number; sha256?: string; ring?: string } = {}): Promise<{ items: ExportLogRecord[]; total: number }> {
    const { offset = 0, limit = 100, ...filter } = options;
    return this.db.read('listing exports', (tx) => listExports(tx, { offset, limit, ...filter }));
  }

  async stats(): Promise<StoreStats> {
    return this.db.read('counting', (tx) => readStats(tx));
  }

  /**
   * Deletes every node and relationship (not the schema), in batches of
   * `batchSize` nodes. For tests and for resetting a development store.
   */
  async clear(): Promise<void> {
    await this.db.autoCommit('clearing the store', {
      text: 'MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF $size ROWS',
      params: { size: int(this.options.batchSize) },
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** Opens a store: see Neo4jStore.open. */
export async function openStore(config: OpenStoreOptions): Promise<Neo4jStore> {
  if (typeof config?.uri !== 'string' || config.uri === '') throw new RinglinkError('INVALID_ARGUMENT', 'store: openStore needs a uri');
  return Neo4jStore.open(config);
}
