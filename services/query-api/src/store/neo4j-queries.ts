/**
 * QueryStore over @ringlink/store-neo4j: each read is one Neo4j read
 * transaction with the request's remaining time as its timeout, built from
 * the store's own read functions; the store's views become the response
 * shapes here, in one place.
 */
import { ROLE_LABELS, type CountryCode, type ResolvedGraph } from '@ringlink/model';
import type { InputReport } from '@ringlink/core';
import {
  findEntities,
  getEntity,
  neighbors as readNeighbors,
  parseLinkId,
  readRing,
  resolveId,
  shortestPaths,
  apiDb,
  entityRings,
  getRun,
  listBrokers,
  listExports,
  listRings,
  listRuns,
  pingWithin,
  readLinkEvidencePage,
  readWithin,
  ringHistory,
  type EntityView,
  type ExportLogEntry,
  type ExportLogRecord,
  type ExportSourceRequest,
  type LinkView,
  type StoredExportSource,
  type Neo4jStore,
  type WriteGraphOptions,
} from '@ringlink/store-neo4j';
import type { AnalysisResult, PreviousAnalysis } from '../core-analysis.js';
import type { BrokerDto, RingDetailDto, RunDetailDto } from '../schemas/analysis.js';
import type { EntityDetailDto, EntityDto, LinkDto, NeighborhoodDto, SearchHitDto } from '../schemas/graph.js';
import type { NeighborQuery, PathQuery, PathsOutcome, QueryStore, RingQuery, Window, WriteReport } from './query-store.js';

export function entityDto(v: EntityView): EntityDto {
  const dto: EntityDto = { id: v.id, kind: v.kind, roles: v.roles, props: v.props, isHub: v.isHub === true };
  if (v.hubReason !== undefined) dto.hubReason = v.hubReason;
  if (v.brokerRank !== undefined) {
    dto.broker = { rank: v.brokerRank, betweenness: v.betweenness ?? null, bridging: v.bridging ?? null, pagerank: v.pagerank ?? null };
  }
  return dto;
}

export function linkDto(l: LinkView): LinkDto {
  return { id: l.id, type: l.type as LinkDto['type'], from: l.from, to: l.to, props: l.props, evidenceCount: l.evidenceCount };
}

const ROLE_SET = new Set<string>(ROLE_LABELS);

export class Neo4jQueries implements QueryStore {
  private readonly db;

  constructor(private readonly store: Neo4jStore) {
    this.db = apiDb(store);
  }

  async ping(timeoutMs: number): Promise<void> {
    await pingWithin(this.db, timeoutMs);
  }

  async search(q: string, window: Window, options: { phoneRegion: CountryCode }, timeoutMs: number): Promise<{ items: SearchHitDto[]; hasMore: boolean }> {
    const found = await readWithin(this.db, 'searching entities', timeoutMs, (tx) =>
      findEntities(tx, q, { limit: window.offset + window.limit + 1, phoneRegion: options.phoneRegion }),
    );
    const slice = found.slice(window.offset, window.offset + window.limit);
    return {
      items: slice.map((f) => ({ ...entityDto(f), matchedBy: f.matchedBy, matched: f.matched })),
      hasMore: found.length > window.offset + window.limit,
    };
  }

  async entity(id: string, timeoutMs: number): Promise<EntityDetailDto | undefined> {
    const hubDegree = this.store.options.hubDegree;
    return readWithin(this.db, 'reading an entity', timeoutMs, async (tx) => {
      const e = await getEntity(tx, id);
      if (e === undefined) return undefined;
      const rings = await entityRings(tx, e.id);
      const total = Object.values(e.degree).reduce((a, b) => a + b, 0);
      const dto: EntityDetailDto = {
        ...entityDto(e),
        isHub: e.isHub === true || total > hubDegree,
        aliases: e.aliases,
        evidenceCount: e.evidenceCount,
        degree: { total, byLinkKind: e.degree },
        rings,
      };
      if (e.isHub !== true && total > hubDegree) dto.hubReason = `${total} links, more than the hub threshold of ${hubDegree}`;
      if (e.requestedId !== undefined) dto.requestedId = e.requestedId;
      return dto;
    });
  }

  async neighbors(id: string, query: NeighborQuery, timeoutMs: number): Promise<NeighborhoodDto | undefined> {
    const n = await readWithin(this.db, 'reading a neighbourhood', timeoutMs, (tx) =>
      readNeighbors(tx, id, {
        depth: query.depth,
        hubCap: query.cap,
        ...(query.kinds ? { kinds: query.kinds } : {}),
        ...(query.linkKinds ? { linkKinds: query.linkKinds } : {}),
      }),
    );
    if (n === undefined) return undefined;
    // Nodes come breadth-first (center, depth 1, depth 2, …): keep the nearest.
    const kept = n.nodes.slice(0, query.limit);
    const keptIds = new Set(kept.map((x) => x.id));
    return {
      center: entityDto(n.center),
      depth: query.depth,
      nodes: kept.map((x) => ({ ...entityDto(x), depth: x.depth })),
      links: n.links.filter((l) => keptIds.has(l.from) && keptIds.has(l.to)).map(linkDto),
      truncated: n.truncated,
      omittedNodes: n.nodes.length - kept.length,
    };
  }

  async paths(from: string, to: string, query: PathQuery, timeoutMs: number): Promise<PathsOutcome> {
    const hubDegree = this.store.options.hubDegree;
    return readWithin(this.db, 'finding shortest paths', timeoutMs, async (tx) => {
      const found = await shortestPaths(tx, from, to, {
        includeHubs: query.includeHubs,
        maxDepth: query.maxDepth,
        limit: query.limit,
        hubDegree,
        ...(query.linkKinds ? { linkKinds: query.linkKinds } : {}),
      });
      if (found === undefined) {
        return { missing: (await resolveId(tx, from)) === undefined ? 'from' : 'to' } as const;
      }
      return {
        found: {
          from,
          to,
          includeHubs: query.includeHubs,
          maxDepth: query.maxDepth,
          paths: found.map((p) => ({
            length: p.hops.length,
            nodes: p.nodes.map(entityDto),
            hops: p.hops.map((h) => ({ ...linkDto(h), evidence: h.evidence.slice(0, query.evidencePerHop) })),
          })),
        },
      } as const;
    });
  }

  async linkEvidence(linkId: string, window: Window, timeoutMs: number) {
    const ref = parseLinkId(linkId);
    const page = await readWithin(this.db, 'reading link evidence', timeoutMs, (tx) => readLinkEvidencePage(tx, ref, window));
    if (page === undefined) return undefined;
    return { link: linkDto(page.link), from: entityDto(page.from), to: entityDto(page.to), items: page.evidence, total: page.total };
  }

  async rings(query: RingQuery, timeoutMs: number) {
    const page = await readWithin(this.db, 'listing rings', timeoutMs, (tx) => listRings(tx, query));
    return { items: page.items, total: page.total };
  }

  async ring(id: string, timeoutMs: number): Promise<RingDetailDto | undefined> {
    return readWithin(this.db, 'reading a ring', timeoutMs, async (tx) => {
      const ring = await readRing(tx, id);
      if (ring === undefined) return undefined;
      const history = await ringHistory(tx, id);
      const latest = await tx.run('MATCH (x:AnalysisRun) RETURN x.id AS id ORDER BY x.writtenAt DESC LIMIT 1');
      const latestRun = (latest.records[0]?.get('id') as string | undefined) ?? null;
      const membersByRole: Record<string, EntityDto[]> = {};
      const identifiers: Record<string, EntityDto[]> = {};
      for (const m of ring.members) {
        const dto = entityDto(m);
        if (m.kind === 'Person') {
          const roles = m.roles.filter((r) => ROLE_SET.has(r));
          for (const role of roles.length > 0 ? roles : ['Person']) (membersByRole[role] ??= []).push(dto);
        } else {
          (identifiers[m.kind] ??= []).push(dto);
        }
      }
      const report = ring.report as Partial<{
        roles: Record<string, number>;
        bindingIdentifiers: RingDetailDto['bindingIdentifiers'];
        strongestEvidence: RingDetailDto['strongestEvidence'];
        associates: string[];
        scoreParts: Record<string, unknown>;
      }>;
      const changed = history.find((h) => h.type !== 'continued' || Number(h.details.joined ?? 0) + Number(h.details.left ?? 0) > 0);
      return {
        id: ring.id,
        run: ring.run,
        current: ring.latest,
        latestRun,
        score: ring.score,
        persons: ring.persons,
        members: ring.memberCount,
        explanation: ring.explanation,
        changedAt: changed?.at ?? null,
        membersByRole,
        identifiers,
        roles: report.roles ?? {},
        bindingIdentifiers: report.bindingIdentifiers ?? [],
        strongestEvidence: report.strongestEvidence ?? [],
        associates: report.associates ?? [],
        scoreParts: report.scoreParts ?? {},
        brokers: ring.brokers.map((b) => ({ ...entityDto(b), rank: b.rank })),
        history: history.map((h) => ({ run: h.run, at: h.at, type: h.type, rings: h.rings, details: h.details })),
      };
    });
  }

  async brokers(window: Window & { ring?: string }, timeoutMs: number): Promise<{ items: BrokerDto[]; total: number }> {
    const page = await readWithin(this.db, 'listing brokers', timeoutMs, (tx) => listBrokers(tx, window));
    return {
      total: page.total,
      items: page.items.map((b) => ({
        entity: entityDto(b.entity),
        rank: b.rank,
        run: b.run,
        explanation: b.explanation,
        betweenness: b.entity.betweenness ?? null,
        ringBetweenness: b.ringBetweenness,
        bridging: b.entity.bridging ?? null,
        participation: b.participation,
        pagerank: b.entity.pagerank ?? null,
        rings: b.rings,
      })),
    };
  }

  async runs(window: Window, timeoutMs: number) {
    return readWithin(this.db, 'listing analysis runs', timeoutMs, (tx) => listRuns(tx, window));
  }

  async run(id: string, timeoutMs: number): Promise<RunDetailDto | undefined> {
    return readWithin(this.db, 'reading an analysis run', timeoutMs, (tx) => getRun(tx, id));
  }

  async writeIngest(graph: ResolvedGraph, inputs: readonly InputReport[], trace: unknown): Promise<WriteReport> {
    const s = await this.store.writeGraph(graph, {
      sourceFiles: inputs,
      trace: trace as WriteGraphOptions['trace'],
    });
    return {
      sourceRecords: s.sourceRecords,
      entities: s.entities,
      links: s.links,
      linksChanged: s.linksChanged,
      storeMerges: s.storeMerges.length,
      batches: s.batches,
    };
  }

  async analysisInput(): Promise<{ graph: ResolvedGraph; inputs: InputReport[]; previous: PreviousAnalysis | undefined }> {
    const previous = await this.store.previousAnalysis();
    const inputs = await this.store.sourceFiles();
    const graph = await this.store.loadGraph();
    return { graph, inputs, previous };
  }

  async writeAnalysis(result: AnalysisResult): Promise<Record<string, unknown>> {
    return { ...(await this.store.writeAnalysis(result)) };
  }

  async exportSource(request: ExportSourceRequest): Promise<StoredExportSource> {
    return this.store.exportSource(request);
  }

  async recordExport(entry: ExportLogEntry): Promise<ExportLogRecord> {
    return this.store.recordExport(entry);
  }

  async exports(query: Window & { sha256?: string; ring?: string }, timeoutMs: number): Promise<{ items: ExportLogRecord[]; total: number }> {
    return readWithin(this.db, 'listing exports', timeoutMs, (tx) => listExports(tx, query));
  }
}
