/**
 * Assembles a CourtPackageInput from an analysis result and the resolved
 * graph it was computed on (in memory: the CLI re-ingests the inputs; the
 * store will supply the same two things from Neo4j). Picks the ring, its
 * subgraph with third parties, and the brokers found in it.
 */
import { RinglinkError, type ResolvedGraph } from '@ringlink/model';
import type { CourtPackageInput, PackageBroker, PackageInputFile, PackageRing, PackageRun } from './package-input.js';
import { selectRingSubgraph } from './ring-subgraph.js';

/** The parts of an AnalysisResult (analysis/types.ts) an export reads. */
export interface ResultForExport {
  run: PackageRun;
  inputs: PackageInputFile[];
  rings: PackageRing[];
  brokers: PackageBroker[];
}

export interface PackageRequest {
  caseRef: string;
  exportedAt: string;
  software: { name: string; version: string };
  /** A ring id of the result, or a list of entity ids. */
  ring?: string;
  entityIds?: string[];
  redact: boolean;
}

export function packageInputFromResult(result: ResultForExport, graph: Pick<ResolvedGraph, 'entities' | 'links'>, request: PackageRequest): CourtPackageInput {
  let ring: PackageRing | undefined;
  let wanted: string[];
  if (request.ring !== undefined) {
    ring = result.rings.find((r) => r.id === request.ring);
    if (!ring) {
      const known = result.rings.slice(0, 10).map((r) => r.id).join(', ');
      throw new RinglinkError('NOT_FOUND', `export: ring ${request.ring} is not in analysis run ${result.run.id} (rings: ${known}${result.rings.length > 10 ? ', …' : ''})`);
    }
    wanted = ring.members;
  } else if (request.entityIds && request.entityIds.length > 0) {
    wanted = request.entityIds;
  } else {
    throw new RinglinkError('INVALID_ARGUMENT', 'export: give a ring id or a list of entity ids');
  }
  const sub = selectRingSubgraph(graph, wanted, { includeThirdParties: true });
  if (sub.missing.length > 0) {
    throw new RinglinkError('INVALID_INPUT',
      `export: ${sub.missing.length} member(s) are not in the graph (e.g. ${sub.missing.slice(0, 3).join(', ')}): the inputs are not the ones the analysis ran on`,
      { details: { missing: sub.missing } });
  }
  const inPackage = new Set(sub.entities.map((e) => e.id));
  return {
    caseRef: request.caseRef,
    exportedAt: request.exportedAt,
    software: request.software,
    scope: ring ? { ring: ring.id } : { entityIds: sub.memberIds },
    ...(ring ? { ring: { ...ring, members: sub.memberIds } } : {}),
    run: result.run,
    inputs: result.inputs,
    entities: sub.entities,
    links: sub.links,
    brokers: result.brokers.filter((b) => inPackage.has(b.id)),
    options: { redact: request.redact },
  };
}
