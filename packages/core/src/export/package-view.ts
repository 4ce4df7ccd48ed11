/**
 * The package as every file shows it: the validated input passed once
 * through redaction, sorted, numbered and cross-referenced. Every writer
 * (CSV, GraphML, chart, report, methodology, manifest) reads this view and
 * nothing else, so masks, ids, link references (L0001) and person keys (P1)
 * agree across files by construction.
 *
 * Order: member persons (agents first, then by name), other members (by
 * id), then third parties (by shown id); links among members, then links to
 * third parties, each by shown id; evidence by source, file and row.
 */
import { LINK_KINDS, type Entity, type EntityKind, type Evidence, type LinkKind, type Properties } from '@ringlink/model';
import { displayValue, kindFromId, kindNoun } from './labels.js';
import type { PackageInputFile, PackageRun, ValidatedInput } from './package-input.js';
import { createRedactor, type RedactionSummary, type Redactor } from './redaction.js';

export interface ViewBroker {
  rank: number;
  betweenness: number;
  ringBetweenness?: number;
  bridging: number;
  rings: string[];
  pagerank?: number;
  participation?: number;
  /** The analysis' own words; left out when redacting (they name third parties). */
  explanation?: string;
}

export interface ViewNode {
  /** The id shown (masked for third parties when redacting). */
  id: string;
  kind: EntityKind;
  roles: string[];
  member: boolean;
  masked: boolean;
  /** Name, number or mask, for a reader. */
  label: string;
  /** P1, P2, … for member persons (the report and the chart use them). */
  key?: string;
  props: Properties;
  evidenceCount: number;
  firstObserved: string | null;
  lastObserved: string | null;
  broker?: ViewBroker;
  hub: boolean;
  /** Links of the package touching it. */
  degree: number;
}

export interface ViewEdge {
  /** L0001, …: the link's reference in links.csv, the report and the graph. */
  ref: string;
  id: string;
  type: LinkKind;
  from: string;
  to: string;
  directed: boolean;
  /** Both ends are ring members. */
  internal: boolean;
  props: Properties;
  evidence: Evidence[];
  /** Line of links.csv holding this link's first evidence row (the header is line 1). */
  firstLine: number;
}

export interface ViewHub {
  id: string;
  label: string;
  kind: EntityKind;
  degree?: number;
  persons?: number;
  reason: string;
  inPackage: boolean;
}

export interface ViewRing {
  id: string;
  score: number;
  persons: number;
  roles?: Record<string, number>;
  scoreParts?: { points: number; cohesion: number; forgedDocuments: number; sharedAccounts: number; formula: string };
  /** The analysis' own words; left out when redacting. */
  explanation?: string;
}

export interface PackageView {
  caseRef: string;
  exportedAt: string;
  exportedAtDate: Date;
  software: { name: string; version: string };
  scope: { type: 'ring'; ring: string } | { type: 'entities'; entityIds: string[] };
  ring?: ViewRing;
  run: PackageRun;
  inputs: PackageInputFile[];
  nodes: ViewNode[];
  edges: ViewEdge[];
  nodeById: ReadonlyMap<string, ViewNode>;
  hubs: ViewHub[];
  redaction: RedactionSummary;
  redactor: Redactor;
}

/**
 * A reader's name for a node, without its P-number: a person's name, "phone
 * +923…", "bank account PK36…", a document's own label ("passport PAK
 * AB1234567", with "(recorded as forged)" where it is), "Third party 3".
 */
export function readerName(n: Pick<ViewNode, 'kind' | 'label' | 'masked' | 'props'>): string {
  if (n.kind === 'Person') return n.label;
  if (n.masked && (n.kind === 'Organization' || n.kind === 'Address')) return n.label;
  if (n.kind === 'Document') {
    const status = typeof n.props.status === 'string' && n.props.status !== 'genuine' ? ` (recorded as ${n.props.status})` : '';
    return `${n.label}${status}`;
  }
  return `${kindNoun(n.kind)} ${n.label}`;
}

function compareEvidence(a: Evidence, b: Evidence): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1
    : a.file < b.file ? -1 : a.file > b.file ? 1
    : a.row - b.row || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function observedRange(evidence: readonly Evidence[]): [string | null, string | null] {
  let first: string | null = null;
  let last: string | null = null;
  for (const e of evidence) {
    if (!e.observedAt) continue;
    if (first === null || e.observedAt < first) first = e.observedAt;
    if (last === null || e.observedAt > last) last = e.observedAt;
  }
  return [first, last];
}

function allowListIds(run: PackageRun): string[] {
  const list = (run.parameters as Record<string, unknown>).hubAllowList;
  if (!Array.isArray(list)) return [];
  return list.flatMap((x) => (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? [(x as { id: string }).id] : []));
}

/** The run as the package shows it: hub ids in the parameters masked when redacting, timings dropped (not deterministic). */
function viewRun(run: PackageRun, redactor: Redactor): PackageRun {
  const { timings: _t, ...rest } = run;
  if (!redactor.active) return rest;
  const parameters: Record<string, unknown> = { ...run.parameters };
  if (Array.isArray(parameters.hubAllowList)) {
    parameters.hubAllowList = parameters.hubAllowList.map((x) => {
      if (!x || typeof x !== 'object') return x;
      const entry = x as { id?: string; reason?: string };
      return entry.id === undefined ? x : { id: redactor.id(entry.id), ...(entry.reason !== undefined ? { reason: redactor.isMasked(entry.id) ? '(withheld: names a third party)' : entry.reason } : {}) };
    });
  }
  return { ...rest, parameters, hubs: run.hubs.map((h) => ({ ...h, id: redactor.id(h.id) })) };
}

export function buildPackageView(input: ValidatedInput): PackageView {
  const members = input.memberIds;
  const hubIds = input.run.hubs.map((h) => h.id);
  const redactor = createRedactor({
    active: input.options.redact,
    members,
    entities: input.entities,
    otherIds: [...hubIds, ...allowListIds(input.run)],
  });
  const hubSet = new Set(hubIds);
  const brokerById = new Map(input.brokers.map((b) => [b.id, b]));

  const degree = new Map<string, number>();
  /**
   * What the package says of a third party is what its links in the package
   * say: the records of those links (a consulate's account is named by every
   * applicant of the country; those outside the ring are not this case).
   */
  const thirdPartyEvidence = new Map<string, Map<string, Evidence>>();
  for (const l of input.links) {
    degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
    degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
    for (const end of [l.from, l.to]) {
      if (members.has(end)) continue;
      let records = thirdPartyEvidence.get(end);
      if (records === undefined) thirdPartyEvidence.set(end, (records = new Map()));
      for (const ev of l.evidence) records.set(`${ev.source}\u0000${ev.recordId}\u0000${ev.recordSha256}`, ev);
    }
  }
  const evidenceOf = (e: Entity): readonly Evidence[] => (members.has(e.id) ? e.evidence : [...(thirdPartyEvidence.get(e.id)?.values() ?? [])]);

  const toNode = (e: Entity): ViewNode => {
    const masked = redactor.isMasked(e.id);
    const b = brokerById.get(e.id);
    const evidence = evidenceOf(e);
    const [firstObserved, lastObserved] = observedRange(evidence);
    const node: ViewNode = {
      id: redactor.id(e.id),
      kind: e.kind,
      roles: [...e.roles].sort(),
      member: members.has(e.id),
      masked,
      label: masked ? redactor.maskedLabel(e.id)! : displayValue({ id: e.id, kind: e.kind, props: redactor.entityProps(e) }),
      props: redactor.entityProps(e),
      evidenceCount: evidence.length,
      firstObserved,
      lastObserved,
      hub: hubSet.has(e.id),
      degree: degree.get(e.id) ?? 0,
    };
    if (b) {
      node.broker = {
        rank: b.rank,
        betweenness: b.betweenness,
        bridging: b.bridging,
        rings: [...b.rings],
        ...(b.ringBetweenness !== undefined ? { ringBetweenness: b.ringBetweenness } : {}),
        ...(b.pagerank !== undefined ? { pagerank: b.pagerank } : {}),
        ...(b.participation !== undefined ? { participation: b.participation } : {}),
        ...(redactor.active ? {} : { explanation: b.explanation }),
      };
    }
    return node;
  };

  const memberPersons: ViewNode[] = [];
  const otherMembers: ViewNode[] = [];
  const thirdParties: ViewNode[] = [];
  for (const e of input.entities) {
    const n = toNode(e);
    if (!n.member) thirdParties.push(n);
    else if (n.kind === 'Person') memberPersons.push(n);
    else otherMembers.push(n);
  }
  const isAgent = (n: ViewNode): number => (n.roles.includes('Agent') ? 0 : 1);
  memberPersons.sort((a, b) => isAgent(a) - isAgent(b) || byString(a.label, b.label) || byString(a.id, b.id));
  memberPersons.forEach((n, i) => { n.key = `P${i + 1}`; });
  otherMembers.sort((a, b) => byString(a.id, b.id));
  thirdParties.sort((a, b) => byString(a.id, b.id));
  const nodes = [...memberPersons, ...otherMembers, ...thirdParties];
  const nodeById = new Map(nodes.map((n) => [n.id, n]));

  const edges: ViewEdge[] = input.links.map((l) => {
    const from = redactor.id(l.from);
    const to = redactor.id(l.to);
    const directed = LINK_KINDS[l.type].directed;
    const id = !directed && to < from ? `${to}|${l.type}|${from}` : `${from}|${l.type}|${to}`;
    return {
      ref: '',
      id,
      type: l.type,
      from,
      to,
      directed,
      internal: members.has(l.from) && members.has(l.to),
      props: redactor.linkProps(l),
      evidence: [...l.evidence].sort(compareEvidence),
      firstLine: 0,
    };
  });
  edges.sort((a, b) => Number(b.internal) - Number(a.internal) || byString(a.id, b.id));
  const width = Math.max(4, String(edges.length).length);
  let line = 2;
  edges.forEach((e, i) => {
    e.ref = `L${String(i + 1).padStart(width, '0')}`;
    e.firstLine = line;
    line += Math.max(1, e.evidence.length);
  });

  const entityById = new Map(input.entities.map((e) => [e.id, e]));
  const hubs: ViewHub[] = input.run.hubs.map((h) => {
    const kind = h.kind ?? kindFromId(h.id);
    const entity = entityById.get(h.id);
    const masked = redactor.isMasked(h.id);
    const label = masked ? redactor.maskedLabel(h.id)! : entity ? displayValue(entity) : h.id.slice(h.id.indexOf(':') + 1);
    const reason = masked && h.rule === 'allow-list' ? 'on the analyst’s allow-list of known benign identifiers' : h.reason ?? h.rule ?? 'hub';
    return {
      id: redactor.id(h.id),
      label,
      kind,
      ...(h.degree !== undefined ? { degree: h.degree } : {}),
      ...(h.persons !== undefined ? { persons: h.persons } : {}),
      reason,
      inPackage: entity !== undefined,
    };
  });

  const scope: PackageView['scope'] = input.scope.ring !== undefined
    ? { type: 'ring', ring: input.scope.ring }
    : { type: 'entities', entityIds: [...members].map((id) => redactor.id(id)).sort() };
  let ring: ViewRing | undefined;
  if (input.ring) {
    ring = {
      id: input.ring.id,
      score: input.ring.score,
      persons: input.ring.persons,
      ...(input.ring.roles ? { roles: input.ring.roles } : {}),
      ...(input.ring.scoreParts ? { scoreParts: input.ring.scoreParts } : {}),
      ...(redactor.active ? {} : { explanation: input.ring.explanation }),
    };
  }

  return {
    caseRef: input.caseRef,
    exportedAt: input.exportedAt,
    exportedAtDate: input.exportedAtDate,
    software: { name: input.software.name, version: input.software.version },
    scope,
    ...(ring ? { ring } : {}),
    run: viewRun(input.run, redactor),
    inputs: input.inputs.map((i) => ({ file: i.file, source: i.source, sha256: i.sha256, rows: i.rows, ingested: i.ingested, quarantined: i.quarantined })),
    nodes,
    edges,
    nodeById,
    hubs,
    redaction: redactor.summary(),
    redactor,
  };
}
