/**
 * The plain input of a court package, and its validation. Everything the
 * package says comes from here: no clock, no randomness, no I/O. The types
 * are structural subsets of the analysis result (analysis/types.ts), so a
 * parsed result JSON can be passed as it is.
 *
 *   { caseRef, exportedAt, software, scope: { ring } | { entityIds },
 *     ring?, run, inputs, entities, links, brokers, options: { redact } }
 */
import { RinglinkError, type Entity, type EntityKind, type Link } from '@ringlink/model';

export interface PackageRing {
  id: string;
  /** Every entity of the ring, persons and identifiers. */
  members: string[];
  persons: number;
  score: number;
  explanation: string;
  personIds?: string[];
  roles?: Record<string, number>;
  associates?: string[];
  scoreParts?: { points: number; cohesion: number; forgedDocuments: number; sharedAccounts: number; formula: string };
}

export interface PackageHub {
  id: string;
  kind?: EntityKind;
  degree?: number;
  persons?: number;
  rule?: string;
  reason?: string;
}

export interface PackageRun {
  id: string;
  seed: number;
  /** Every parameter of the run (analysis/defaults.ts AnalysisParameters), read as a plain record. */
  parameters: object;
  software: { name: string; version: string; components?: Record<string, string> };
  inputs: Array<{ file: string; sha256: string }>;
  hubs: PackageHub[];
  modularity?: number;
  communities?: number;
  graph?: { entities: number; links: number; sha256: string };
  hubDetection?: { threshold?: number; rule?: string };
  betweenness?: { mode: string; epsilon?: number; delta?: number; pivots?: number; pivotPopulation?: number; note?: string };
  previousRunId?: string | null;
  timings?: Record<string, number>;
}

export interface PackageInputFile {
  file: string;
  source: string;
  sha256: string;
  rows: number;
  ingested: number;
  quarantined: number;
}

export interface PackageBroker {
  id: string;
  rank: number;
  betweenness: number;
  bridging: number;
  rings: string[];
  explanation: string;
  ringBetweenness?: number;
  pagerank?: number;
  participation?: number;
  degree?: number;
  includes?: string[];
}

export interface ExportScope {
  ring?: string;
  entityIds?: string[];
}

export interface CourtPackageOptions {
  /** Mask the identifiers of entities outside the ring (third parties). */
  redact: boolean;
}

export interface CourtPackageInput {
  /** The case the package is for, as the prosecutor refers to it. */
  caseRef: string;
  /** When the export was made (ISO 8601). An input, never the clock: it is the zip entries' time and is recorded in the manifest. */
  exportedAt: string;
  software: { name: string; version: string };
  scope: ExportScope;
  /** The ring, when the scope is a ring. */
  ring?: PackageRing;
  run: PackageRun;
  inputs: PackageInputFile[];
  /** Members and the third parties they are linked to. */
  entities: Entity[];
  /** Links among the members and from members to third parties, each with its evidence. */
  links: Link[];
  /** Brokers of the run; those not among `entities` are left out. */
  brokers: PackageBroker[];
  options: CourtPackageOptions;
}

/** The checked input: the member set resolved, the export time normalized. */
export interface ValidatedInput extends CourtPackageInput {
  exportedAt: string;
  memberIds: Set<string>;
  exportedAtDate: Date;
}

function fail(message: string, details?: unknown): never {
  throw new RinglinkError('INVALID_ARGUMENT', `export: ${message}`, { details });
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant with a time zone; returns the canonical `toISOString()` form. */
export function normalizeExportTime(value: string): { iso: string; date: Date } {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    fail(`exportedAt must be an ISO 8601 date-time with a time zone (e.g. 2026-11-26T10:00:00Z), got ${JSON.stringify(value)}`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) fail(`exportedAt is not a real date-time: ${value}`);
  const year = date.getUTCFullYear();
  if (year < 1980 || year > 2107) fail(`exportedAt must fall between 1980 and 2107 (zip timestamps), got ${value}`);
  return { iso: date.toISOString(), date };
}

/** Checks the input and resolves the member set; throws INVALID_ARGUMENT naming the first problem. */
export function validatePackageInput(input: CourtPackageInput): ValidatedInput {
  if (input === null || typeof input !== 'object') fail('input must be an object');
  if (typeof input.caseRef !== 'string' || input.caseRef.trim() === '' || input.caseRef.length > 200 || /[\u0000-\u001f\u007f]/.test(input.caseRef)) {
    fail('caseRef must be a non-empty single-line string of at most 200 characters');
  }
  const { iso, date } = normalizeExportTime(input.exportedAt);
  if (!input.software || typeof input.software.version !== 'string') fail('software.version is required');
  if (!input.run || typeof input.run.id !== 'string') fail('run (the analysis run the package rests on) is required');
  if (!input.options || typeof input.options.redact !== 'boolean') fail('options.redact must be true or false');

  const entityIds = new Set<string>();
  for (const e of input.entities) {
    if (entityIds.has(e.id)) fail(`entity ${e.id} is listed twice`);
    entityIds.add(e.id);
  }
  const linkIds = new Set<string>();
  for (const l of input.links) {
    if (linkIds.has(l.id)) fail(`link ${l.id} is listed twice`);
    linkIds.add(l.id);
    if (!entityIds.has(l.from) || !entityIds.has(l.to)) {
      fail(`link ${l.id} references an entity that is not in the package`, { from: l.from, to: l.to });
    }
  }

  const { ring: ringId, entityIds: chosen } = input.scope ?? {};
  if ((ringId === undefined) === (chosen === undefined)) fail('scope must name either a ring or a list of entity ids, not both or neither');
  let members: string[];
  if (ringId !== undefined) {
    if (!input.ring || input.ring.id !== ringId) fail(`scope names ring ${ringId} but the input's ring is ${input.ring?.id ?? 'missing'}`);
    members = input.ring.members;
  } else {
    if (!Array.isArray(chosen) || chosen.length === 0) fail('scope.entityIds must list at least one entity id');
    members = chosen;
  }
  const memberIds = new Set<string>();
  for (const id of members) {
    if (!entityIds.has(id)) fail(`member ${id} is not among the entities`);
    memberIds.add(id);
  }
  for (const l of input.links) {
    if (!memberIds.has(l.from) && !memberIds.has(l.to)) fail(`link ${l.id} touches no member (a package holds links of its members only)`);
  }
  return { ...input, exportedAt: iso, exportedAtDate: date, memberIds };
}
