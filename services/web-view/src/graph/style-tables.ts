/**
 * How the graph encodes what it shows, declared once (the legend is drawn
 * from these tables, and test/web-view-style.test.ts checks that every
 * entity kind and link kind of the model has an entry):
 *
 *   entity kind  → shape      (Person circle, Phone square, …)
 *   link kind    → edge colour
 *   ring         → node colour (stable per ring id; grey outside rings)
 *   broker score → node size; the top brokers (and a ring's own) a gold halo
 *
 * No DOM here: the tables are plain data.
 */

export type ShapeName = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'rectangle' | 'square-rounded';

export const KIND_SHAPES: Readonly<Record<string, ShapeName>> = Object.freeze({
  Person: 'circle',
  Phone: 'square',
  BankAccount: 'diamond',
  Document: 'triangle',
  Email: 'rectangle',
  Address: 'triangle-down',
  Organization: 'square-rounded',
});

/** What a shape means, for the legend. */
export const KIND_LABELS: Readonly<Record<string, string>> = Object.freeze({
  Person: 'person',
  Phone: 'phone',
  BankAccount: 'bank account',
  Document: 'document',
  Email: 'e-mail',
  Address: 'address',
  Organization: 'organization',
});

/** Edge colours by link kind (distinct hues; dark enough on white). */
export const LINK_COLORS: Readonly<Record<string, string>> = Object.freeze({
  APPLIED_VIA: '#6a3d9a',
  USES_PHONE: '#1f78b4',
  USES_EMAIL: '#17a2b8',
  LIVES_AT: '#8c6d31',
  HOLDS_ACCOUNT: '#2ca02c',
  PAID_INTO: '#7cb342',
  HOLDS_DOCUMENT: '#d62728',
  SUPPLIED_DOCUMENT: '#e6550d',
  PAID: '#00695c',
  CALLED: '#283593',
  WORKS_FOR: '#9467bd',
  OWNS: '#d81b60',
  ASSOCIATE_OF: '#757575',
  POSSIBLY_SAME_AS: '#afb42b',
});

export const UNKNOWN_LINK_COLOR = '#9e9e9e';

/** Node colours of rings: ring R-n takes RING_COLORS[(n - 1) mod 10]. */
export const RING_COLORS: readonly string[] = Object.freeze([
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#0aa6c2',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#800000',
]);

export const NO_RING_COLOR = '#9aa3ad';
export const HUB_COLOR = '#4a4f55';
export const MORE_COLOR = '#d5dae0';
export const BROKER_HALO = '#f9c513';
export const SELECTED_HALO = '#1a73e8';
/** Brokers ranked this high (1 = strongest) get the gold halo everywhere; a ring's own brokers get it in its view. */
export const BROKER_HALO_MAX_RANK = 10;

export function ringColor(ringId: string | undefined): string {
  if (ringId === undefined) return NO_RING_COLOR;
  const m = /^R-(\d+)$/.exec(ringId);
  const n = m ? Number(m[1]) : [...ringId].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  return RING_COLORS[(((n - 1) % RING_COLORS.length) + RING_COLORS.length) % RING_COLORS.length]!;
}

export function linkColor(type: string): string {
  return LINK_COLORS[type] ?? UNKNOWN_LINK_COLOR;
}

/** Node size in pixels: identifiers small, persons larger, brokers by rank (rank 1 largest). */
export function nodeSize(kind: string, brokerRank: number | undefined, isHub: boolean): number {
  if (brokerRank !== undefined && brokerRank > 0) return Math.min(22, 9 + 13 / Math.sqrt(brokerRank));
  if (isHub) return 9;
  return kind === 'Person' ? 7 : 5.5;
}
