/**
 * Labels and relationship types for Cypher text. Neo4j cannot take them as
 * parameters, so they are the only parts of a query built from values; each
 * one is checked against the model's declarations (ENTITY_KINDS, roles,
 * LINK_KINDS) or against the store's own fixed vocabulary before it is
 * written into a query. Nothing from input data ever reaches Cypher text.
 */
import {
  ENTITY_KINDS,
  LINK_KINDS,
  RinglinkError,
  ROLE_LABELS,
  isEntityKind,
  isLinkKind,
  type EntityKind,
  type LinkKind,
  type RoleLabel,
} from '@ringlink/model';

/** Labels of the store's own nodes (not entity kinds). */
export const STORE_LABELS = {
  Entity: 'Entity',
  Alias: 'Alias',
  SourceRecord: 'SourceRecord',
  SourceFile: 'SourceFile',
  AnalysisRun: 'AnalysisRun',
  Ring: 'Ring',
  RingEvent: 'RingEvent',
  ExportRecord: 'ExportRecord',
} as const;

/** Relationship types of the store's own bookkeeping (not link kinds). */
export const STORE_REL_TYPES = {
  /** (:SourceRecord)-[:MENTIONS]->(:Entity): the record names the entity (entity evidence). */
  MENTIONS: 'MENTIONS',
  /** (:Alias)-[:ALIAS_OF]->(:Entity): an id the entity was known by. */
  ALIAS_OF: 'ALIAS_OF',
  /** (:Entity)-[:MEMBER_OF {run}]->(:Ring). */
  MEMBER_OF: 'MEMBER_OF',
  /** (:Entity)-[:BROKER_FOR {run, rank}]->(:Ring). */
  BROKER_FOR: 'BROKER_FOR',
  /** (:AnalysisRun)-[:FOUND]->(:Ring). */
  FOUND: 'FOUND',
  /** (:AnalysisRun)-[:RECORDED]->(:RingEvent). */
  RECORDED: 'RECORDED',
} as const;

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function checked(name: string, what: string): string {
  // Declared names are plain identifiers; the check keeps a bad declaration
  // from ever producing Cypher that needs escaping.
  if (!SAFE_NAME.test(name)) throw new RinglinkError('INTERNAL', `store: ${what} "${name}" is not a plain identifier`);
  return name;
}

export function kindLabel(kind: string): string {
  if (!isEntityKind(kind)) throw new RinglinkError('INVALID_ARGUMENT', `store: unknown entity kind "${kind}"`);
  return checked(ENTITY_KINDS[kind].label, 'label');
}

const ROLES = new Set<string>(ROLE_LABELS);

export function roleLabel(role: string): string {
  if (!ROLES.has(role)) throw new RinglinkError('INVALID_ARGUMENT', `store: unknown role label "${role}"`);
  return checked(role, 'role label');
}

export function linkType(type: string): LinkKind {
  if (!isLinkKind(type)) throw new RinglinkError('INVALID_ARGUMENT', `store: unknown link kind "${type}"`);
  return checked(type, 'relationship type') as LinkKind;
}

/** `:Entity:Person:Agent:Applicant` for a kind and its roles (roles sorted, deduplicated). */
export function entityLabels(kind: EntityKind, roles: readonly (RoleLabel | string)[]): string {
  const parts = [STORE_LABELS.Entity, kindLabel(kind), ...[...new Set(roles)].sort().map(roleLabel)];
  return parts.map((p) => `:${p}`).join('');
}

/** `A|B|C` for a relationship-type alternation; the declared link kinds when none are given. */
export function linkTypeAlternation(types?: readonly string[]): string {
  const list = types === undefined || types.length === 0 ? (Object.keys(LINK_KINDS) as string[]) : types;
  return [...new Set(list)].map(linkType).join('|');
}

/** Backtick-quotes a name read from the database itself (db.labels()) for a count query. */
export function quoteDbName(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}
