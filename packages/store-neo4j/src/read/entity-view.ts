/**
 * How an entity read from the store is shown: its id, kind, roles, the
 * properties its kind declares, and what analysis wrote back (hub flag,
 * broker scores). One conversion, used by every read.
 */
import { ENTITY_KINDS, ROLE_LABELS, isEntityKind, type EntityKind, type Properties, type RoleLabel } from '@ringlink/model';
import { RinglinkError } from '@ringlink/model';
import { CONTRIBUTION_SUFFIX, EVIDENCE_KEYS_PROP } from '../write/rows.js';

export interface AnalysisMarks {
  isHub?: boolean;
  hubReason?: string;
  brokerRank?: number;
  betweenness?: number;
  bridging?: number;
  pagerank?: number;
}

export interface EntityView extends AnalysisMarks {
  id: string;
  kind: EntityKind;
  roles: RoleLabel[];
  props: Properties;
}

const ROLES = new Set<string>(ROLE_LABELS);

/** Cypher projection every read uses for an entity variable. */
export const entityProjection = (v: string): string => `{labels: labels(${v}), props: properties(${v})}`;

export interface RawNode {
  labels: string[];
  props: Record<string, unknown>;
}

export function entityView(raw: RawNode): EntityView {
  const p = raw.props;
  const kind = (typeof p.kind === 'string' ? p.kind : raw.labels.find(isEntityKind)) as string | undefined;
  if (kind === undefined || !isEntityKind(kind)) {
    throw new RinglinkError('STORE_ERROR', `store: node ${String(p.id)} has no entity kind`);
  }
  const declared = ENTITY_KINDS[kind].properties as Record<string, string>;
  const props: Properties = {};
  for (const [k, v] of Object.entries(p)) if (declared[k] !== undefined) props[k] = v as Properties[string];
  const view: EntityView = {
    id: String(p.id),
    kind,
    roles: raw.labels.filter((l) => ROLES.has(l)).sort() as RoleLabel[],
    props,
  };
  if (p.isHub === true) {
    view.isHub = true;
    if (typeof p.hubReason === 'string') view.hubReason = p.hubReason;
  }
  for (const k of ['brokerRank', 'betweenness', 'bridging', 'pagerank'] as const) {
    if (typeof p[k] === 'number') view[k] = p[k] as number;
  }
  return view;
}

export interface LinkView {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Properties;
  /** Number of records attesting the link. */
  evidenceCount: number;
}

/** A relationship's user-facing properties (without the store's bookkeeping lists). */
export function linkProps(raw: Record<string, unknown>): Properties {
  const props: Properties = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === EVIDENCE_KEYS_PROP || k.endsWith(CONTRIBUTION_SUFFIX)) continue;
    props[k] = v as Properties[string];
  }
  return props;
}
