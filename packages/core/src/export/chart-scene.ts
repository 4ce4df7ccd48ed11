/**
 * The chart as a list of drawing primitives on an A4-landscape canvas
 * (1188 × 840 units, 4 units per millimetre): title, links, entities,
 * labels and a legend. chart-svg.ts writes it as SVG; report-pdf.ts draws
 * the same primitives into the PDF, so both show the same picture.
 *
 * Kinds are told apart by shape and colour (Okabe–Ito colour-blind-safe
 * palette); members are filled, third parties hollow and dashed; agents
 * carry an "A"; brokers are larger (area by betweenness) with a thick black
 * outline and a bold label. Labels are placed greedily (brokers, agents,
 * persons, then identifiers by number of links) at the first of twelve
 * spots that overlaps nothing already placed; brokers (and, on charts of up
 * to FORCE_LABELS_UP_TO entities, member persons) are labelled even if they
 * must overlap, at the spot (of those and twelve a little farther out) that
 * covers the least of the labels already placed; the rest are left out and
 * the legend says so.
 */
import type { EntityKind } from '@ringlink/model';
import { ENTITY_KIND_NAMES } from '@ringlink/model';
import { iterationsFor, type Point } from './chart-layout.js';
import { KIND_NOUNS } from './labels.js';
import type { PackageView, ViewNode } from './package-view.js';

export const CANVAS = { width: 1188, height: 840, unitsPerMm: 4 } as const;

/** Up to this many entities, every member person is labelled even where the label must overlap; above, only brokers are. */
export const FORCE_LABELS_UP_TO = 250;

export type Prim =
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: number[] }
  | { t: 'poly'; points: number[]; fill: string; stroke: string; width: number; dash?: number[]; title?: string }
  | { t: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string; width: number; dash?: number[]; title?: string }
  | { t: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; bold?: boolean; fill: string; halo?: boolean }
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke: string; width: number };

export interface ChartScene {
  width: number;
  height: number;
  title: string;
  description: string;
  prims: Prim[];
  /** Nodes drawn with a label / without one. */
  labelled: number;
  unlabelled: number;
}

type Shape = 'circle' | 'triangle' | 'square' | 'diamond' | 'pentagon' | 'hexagon' | 'rect';

export const KIND_STYLE: Record<EntityKind, { shape: Shape; color: string }> = {
  Person: { shape: 'circle', color: '#0072B2' },
  Phone: { shape: 'triangle', color: '#E69F00' },
  BankAccount: { shape: 'square', color: '#009E73' },
  Document: { shape: 'diamond', color: '#D55E00' },
  Email: { shape: 'pentagon', color: '#CC79A7' },
  Address: { shape: 'hexagon', color: '#56B4E9' },
  Organization: { shape: 'rect', color: '#7A5C00' },
};

const INK = '#1a1a1a';
const r1 = (v: number): number => Math.round(v * 10) / 10;

function polygon(n: number, cx: number, cy: number, radius: number, startDeg: number): number[] {
  const pts: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = ((startDeg + (360 * i) / n) * Math.PI) / 180;
    pts.push(r1(cx + radius * Math.cos(a)), r1(cy + radius * Math.sin(a)));
  }
  return pts;
}

interface Style { fill: string; stroke: string; width: number; dash?: number[]; title?: string }

export function shapePrim(shape: Shape, cx: number, cy: number, r: number, style: Style): Prim {
  const base = { fill: style.fill, stroke: style.stroke, width: style.width, ...(style.dash ? { dash: style.dash } : {}), ...(style.title ? { title: style.title } : {}) };
  switch (shape) {
    case 'circle':
      return { t: 'circle', cx: r1(cx), cy: r1(cy), r: r1(r), ...base };
    case 'triangle':
      return { t: 'poly', points: polygon(3, cx, cy + r * 0.2, r * 1.3, -90), ...base };
    case 'square':
      return { t: 'poly', points: [r1(cx - r * 0.9), r1(cy - r * 0.9), r1(cx + r * 0.9), r1(cy - r * 0.9), r1(cx + r * 0.9), r1(cy + r * 0.9), r1(cx - r * 0.9), r1(cy + r * 0.9)], ...base };
    case 'diamond':
      return { t: 'poly', points: polygon(4, cx, cy, r * 1.25, -90), ...base };
    case 'pentagon':
      return { t: 'poly', points: polygon(5, cx, cy, r * 1.1, -90), ...base };
    case 'hexagon':
      return { t: 'poly', points: polygon(6, cx, cy, r * 1.1, 0), ...base };
    case 'rect':
      return { t: 'poly', points: [r1(cx - r * 1.4), r1(cy - r * 0.8), r1(cx + r * 1.4), r1(cy - r * 0.8), r1(cx + r * 1.4), r1(cy + r * 0.8), r1(cx - r * 1.4), r1(cy + r * 0.8)], ...base };
  }
}

/** Approximate Helvetica advance widths (em) for label placement. */
export function textWidth(text: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of text) {
    if (ch === ' ') w += 0.278;
    else if (/[0-9]/.test(ch)) w += 0.556;
    else if (/[A-Z]/.test(ch)) w += 0.667;
    else if (/[iljtf.,:;'|!*]/.test(ch)) w += 0.3;
    else if (/[mwMW]/.test(ch)) w += 0.85;
    else w += 0.53;
  }
  return w * size * (bold ? 1.07 : 1);
}

export function wrapText(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface Box { x0: number; y0: number; x1: number; y1: number }

/** A uniform grid of placed boxes, for overlap tests in O(1) per cell. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly cell: number) {}
  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let gx = Math.floor(b.x0 / this.cell); gx <= Math.floor(b.x1 / this.cell); gx++) {
      for (let gy = Math.floor(b.y0 / this.cell); gy <= Math.floor(b.y1 / this.cell); gy++) out.push(`${gx},${gy}`);
    }
    return out;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k) ?? [];
      list.push(b);
      this.cells.set(k, list);
    }
  }
  /** Total area by which `b` overlaps the boxes placed (each counted once). */
  overlapArea(b: Box): number {
    const seen = new Set<Box>();
    let area = 0;
    for (const k of this.keys(b)) {
      for (const o of this.cells.get(k) ?? []) {
        if (seen.has(o)) continue;
        seen.add(o);
        const ox = Math.min(o.x1, b.x1) - Math.max(o.x0, b.x0);
        const oy = Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0);
        if (ox > 0 && oy > 0) area += ox * oy;
      }
    }
    return area;
  }
  hits(b: Box, ignore?: Box): boolean {
    for (const k of this.keys(b)) {
      for (const o of this.cells.get(k) ?? []) {
        if (o !== ignore && o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1) return true;
      }
    }
    return false;
  }
}

function documentStatus(n: ViewNode): string | undefined {
  const s = n.props.status;
  return n.kind === 'Document' && typeof s === 'string' && s !== 'genuine' ? s : undefined;
}

/** The label shown next to a node. */
export function nodeLabel(n: ViewNode): string {
  let text = n.key ? `${n.key} ${n.label}` : n.label;
  const status = documentStatus(n);
  if (status) text += ` (${status})`;
  text = truncate(text, 40);
  if (n.broker) text += ` · broker #${n.broker.rank}`;
  return text;
}

export function buildChartScene(view: PackageView, positions: ReadonlyMap<string, Point>): ChartScene {
  const W = CANVAS.width;
  const H = CANVAS.height;
  const plot = { x0: 28, y0: 92, x1: W - 316, y1: H - 40 };
  const prims: Prim[] = [];
  const members = view.nodes.filter((n) => n.member).length;
  const memberPersons = view.nodes.filter((n) => n.member && n.kind === 'Person').length;
  const thirdParties = view.nodes.length - members;

  // Title and subtitle.
  const title = view.scope.type === 'ring'
    ? `Ring ${view.scope.ring}: ${memberPersons} persons, ${members - memberPersons} identifiers, ${thirdParties} third parties`
    : `Chosen entities: ${members} entities, ${thirdParties} third parties`;
  prims.push({ t: 'rect', x: 0, y: 0, w: W, h: H, fill: '#ffffff', stroke: '#ffffff', width: 0 });
  prims.push({ t: 'text', x: 28, y: 44, text: title, size: 22, anchor: 'start', bold: true, fill: INK });
  const sub = `Case ${view.caseRef} · analysis run ${view.run.id} · exported ${view.exportedAt.slice(0, 10)} · ${view.software.name} ${view.software.version}` +
    (view.redaction.applied ? ' · third parties masked' : '');
  prims.push({ t: 'text', x: 28, y: 68, text: truncate(sub, 150), size: 12, anchor: 'start', fill: '#444444' });
  prims.push({ t: 'line', x1: 28, y1: 80, x2: W - 28, y2: 80, stroke: '#bbbbbb', width: 1 });

  // Node sizes: brokers by betweenness (area), agents a little larger; all smaller when the page is crowded.
  const maxB = view.nodes.reduce((m, n) => Math.max(m, n.broker?.betweenness ?? 0), 1e-12);
  const crowd = Math.min(1, Math.max(0.45, Math.sqrt(((plot.x1 - plot.x0) * (plot.y1 - plot.y0)) / (Math.max(1, view.nodes.length) * 2500))));
  const radius = (n: ViewNode): number => {
    if (n.broker) return 10 + 10 * Math.sqrt(n.broker.betweenness / maxB);
    if (n.kind === 'Person') return (n.member ? (n.roles.includes('Agent') ? 9 : 7) : 5.5) * crowd;
    return (n.member ? 6 : 4.5) * crowd;
  };
  // Every member person is named when the page has room; on crowded pages only brokers are named whatever it costs.
  const forceLabels = view.nodes.length <= FORCE_LABELS_UP_TO;

  // Fit the layout into the plot area.
  const pts = view.nodes.map((n) => positions.get(n.id) ?? { x: 0, y: 0 });
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of pts) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  if (pts.length === 0) minX = maxX = minY = maxY = 0;
  const pad = 24;
  const labelRoom = 90;
  const sx = (plot.x1 - plot.x0 - 2 * pad - labelRoom) / Math.max(1e-9, maxX - minX);
  const sy = (plot.y1 - plot.y0 - 2 * pad) / Math.max(1e-9, maxY - minY);
  const s = Math.min(sx, sy);
  const offX = plot.x0 + pad + (plot.x1 - plot.x0 - 2 * pad - labelRoom - s * (maxX - minX)) / 2;
  const offY = plot.y0 + pad + (plot.y1 - plot.y0 - 2 * pad - s * (maxY - minY)) / 2;
  const at = new Map<string, Point>();
  view.nodes.forEach((n, i) => {
    const p = pts[i]!;
    at.set(n.id, view.nodes.length === 1
      ? { x: r1((plot.x0 + plot.x1) / 2), y: r1((plot.y0 + plot.y1) / 2) }
      : { x: r1(offX + (p.x - minX) * s), y: r1(offY + (p.y - minY) * s) });
  });

  // Links: to third parties first (light, dashed), then among members.
  for (const pass of [false, true]) {
    for (const e of view.edges) {
      if (e.internal !== pass) continue;
      const a = at.get(e.from)!;
      const b = at.get(e.to)!;
      const width = r1(0.8 + 0.6 * Math.log2(Math.max(1, e.evidence.length)));
      prims.push(pass
        ? { t: 'line', x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#6b6b6b', width }
        : { t: 'line', x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#a8a8a8', width, dash: [4, 3] });
    }
  }

  // Nodes: third parties, identifiers, persons, brokers on top.
  const layer = (n: ViewNode): number => (n.broker ? 3 : !n.member ? 0 : n.kind === 'Person' ? 2 : 1);
  const drawOrder = [...view.nodes].sort((a, b) => layer(a) - layer(b));
  const grid = new BoxGrid(48);
  /** Labels only: a forced label may cross a node or a line (its halo keeps it readable), not another label. */
  const labelGrid = new BoxGrid(48);
  const nodeBoxes = new Map<string, Box>();
  for (const n of drawOrder) {
    const p = at.get(n.id)!;
    const r = radius(n);
    const style = KIND_STYLE[n.kind];
    const status = documentStatus(n);
    prims.push(shapePrim(style.shape, p.x, p.y, r, {
      fill: n.member ? style.color : '#ffffff',
      stroke: n.broker ? '#000000' : status ? '#7a0000' : n.member ? '#ffffff' : style.color,
      width: n.broker ? 3 : status ? 2.2 : n.member ? 1 : 1.6,
      ...(n.member || n.broker ? {} : { dash: [2.5, 1.5] }),
      title: `${n.id}${n.key ? ` (${n.key})` : ''}`,
    }));
    if (n.kind === 'Person' && n.roles.includes('Agent')) {
      prims.push({ t: 'text', x: p.x, y: r1(p.y + r * 0.42), text: 'A', size: r1(r * 1.2), anchor: 'middle', bold: true, fill: n.member ? '#ffffff' : style.color });
    }
    const box = { x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r };
    nodeBoxes.set(n.id, box);
    grid.add(box);
  }

  // Labels, greedily by priority.
  const priority = (n: ViewNode): number =>
    n.broker ? 0 : n.kind === 'Person' && n.member && n.roles.includes('Agent') ? 1 : n.kind === 'Person' && n.member ? 2 : n.member ? 3 : 4;
  const order = [...view.nodes].sort((a, b) => priority(a) - priority(b) || b.degree - a.degree || (a.id < b.id ? -1 : 1));
  let labelled = 0;
  const labels: Prim[] = [];
  for (const n of order) {
    const p = at.get(n.id)!;
    const r = radius(n);
    const text = nodeLabel(n);
    const bold = n.broker !== undefined;
    const size = n.broker ? 12 : n.kind === 'Person' && n.member ? 11.5 : 9.5;
    const w = textWidth(text, size, bold);
    const h = size * 1.15;
    const gap = 3;
    const right = (dy: number) => ({ x: p.x + r + gap, y: p.y + dy + size * 0.35, anchor: 'start' as const, box: { x0: p.x + r + gap, y0: p.y + dy - h / 2, x1: p.x + r + gap + w, y1: p.y + dy + h / 2 } });
    const left = (dy: number) => ({ x: p.x - r - gap, y: p.y + dy + size * 0.35, anchor: 'end' as const, box: { x0: p.x - r - gap - w, y0: p.y + dy - h / 2, x1: p.x - r - gap, y1: p.y + dy + h / 2 } });
    const above = (dx: number) => ({ x: p.x + dx, y: p.y - r - gap - size * 0.2, anchor: 'middle' as const, box: { x0: p.x + dx - w / 2, y0: p.y - r - gap - h, x1: p.x + dx + w / 2, y1: p.y - r - gap } });
    const below = (dx: number) => ({ x: p.x + dx, y: p.y + r + gap + size * 0.85, anchor: 'middle' as const, box: { x0: p.x + dx - w / 2, y0: p.y + r + gap, x1: p.x + dx + w / 2, y1: p.y + r + gap + h } });
    const spots = [right(0), left(0), above(0), below(0), right(-h), right(h), left(-h), left(h), above(w / 2), above(-w / 2), below(w / 2), below(-w / 2)];
    const inside = (b: Box): boolean => b.x0 >= plot.x0 && b.x1 <= plot.x1 + 8 && b.y0 >= plot.y0 - 6 && b.y1 <= plot.y1 + 8;
    const own = nodeBoxes.get(n.id);
    let chosen = spots.find((spot) => inside(spot.box) && !grid.hits(spot.box, own));
    // Brokers and the ring's persons are always named, even where the label must overlap something: then at
    // the spot (near or a little farther out) that covers the least of other labels.
    if (!chosen && (n.broker || (forceLabels && n.member && n.kind === 'Person'))) {
      const farther = [right(-2 * h), right(2 * h), left(-2 * h), left(2 * h), above(w), above(-w), below(w), below(-w), right(-3 * h), right(3 * h), left(-3 * h), left(3 * h)];
      const candidates = [...spots, ...farther].filter((spot) => inside(spot.box));
      let best = Infinity;
      for (const spot of candidates) {
        const covered = labelGrid.overlapArea(spot.box);
        if (covered < best) {
          best = covered;
          chosen = spot;
        }
      }
      chosen ??= spots[0]!;
    }
    if (chosen) {
      grid.add(chosen.box);
      labelGrid.add(chosen.box);
      labels.push({
        t: 'text', x: r1(chosen.x), y: r1(chosen.y), text, size, anchor: chosen.anchor, fill: n.member || n.broker ? INK : '#555555', halo: true,
        ...(bold ? { bold: true } : {}),
      });
      labelled++;
    }
  }
  prims.push(...labels);

  // Legend.
  const lx = W - 296;
  let ly = 104;
  prims.push({ t: 'rect', x: lx - 12, y: 88, w: 296, h: H - 132, fill: '#f7f7f7', stroke: '#d0d0d0', width: 1 });
  prims.push({ t: 'text', x: lx, y: ly + 6, text: 'Legend', size: 15, anchor: 'start', bold: true, fill: INK });
  ly += 30;
  for (const kind of ENTITY_KIND_NAMES) {
    const inRing = view.nodes.filter((n) => n.kind === kind && n.member).length;
    const outside = view.nodes.filter((n) => n.kind === kind && !n.member).length;
    if (inRing + outside === 0) continue;
    const st = KIND_STYLE[kind];
    prims.push(shapePrim(st.shape, lx + 10, ly - 4, 7, { fill: st.color, stroke: '#ffffff', width: 1 }));
    const noun = KIND_NOUNS[kind].many;
    prims.push({ t: 'text', x: lx + 28, y: ly, text: `${noun[0]!.toUpperCase()}${noun.slice(1)}: ${inRing} in ring, ${outside} outside`, size: 10.5, anchor: 'start', fill: INK });
    ly += 22;
  }
  ly += 6;
  const sample = (prim: Prim, text: string): void => {
    prims.push(prim);
    const lines = wrapText(text, 236, 10);
    lines.forEach((line, i) => prims.push({ t: 'text', x: lx + 28, y: ly + i * 13, text: line, size: 10, anchor: 'start', fill: INK }));
    ly += 13 * lines.length + 9;
  };
  sample(shapePrim('circle', lx + 10, ly - 4, 7, { fill: KIND_STYLE.Person.color, stroke: '#ffffff', width: 1 }), 'Filled: a member of the ring');
  sample(shapePrim('circle', lx + 10, ly - 4, 6, { fill: '#ffffff', stroke: KIND_STYLE.Person.color, width: 1.6, dash: [2.5, 1.5] }),
    view.redaction.applied ? 'Hollow, dashed: outside the ring (third party; identity masked)' : 'Hollow, dashed: outside the ring (third party)');
  prims.push(shapePrim('circle', lx + 10, ly - 4, 9, { fill: KIND_STYLE.Person.color, stroke: '#ffffff', width: 1 }));
  sample({ t: 'text', x: lx + 10, y: ly - 0.2, text: 'A', size: 10.8, anchor: 'middle', bold: true, fill: '#ffffff' }, 'A: an agent (applicants have no letter)');
  sample(shapePrim('circle', lx + 10, ly - 4, 10, { fill: KIND_STYLE.Person.color, stroke: '#000000', width: 3 }),
    'Large, thick black outline, bold label: a broker (bigger = more shortest connections pass through it)');
  sample(shapePrim('diamond', lx + 10, ly - 4, 7, { fill: KIND_STYLE.Document.color, stroke: '#7a0000', width: 2.2 }), 'Dark red outline: a document recorded as forged or suspect');
  sample({ t: 'line', x1: lx, y1: ly - 4, x2: lx + 20, y2: ly - 4, stroke: '#6b6b6b', width: 2 }, 'Line: a link between two entries; thicker = attested by more records');
  sample({ t: 'line', x1: lx, y1: ly - 4, x2: lx + 20, y2: ly - 4, stroke: '#a8a8a8', width: 1, dash: [4, 3] }, 'Dashed line: a link to a third party');
  ly += 4;
  const note = `P1, P2, …: the persons of the ring as numbered in report.html. Positions come from a seeded ForceAtlas2 layout: ` +
    `nearness shows who is linked, nothing more. ${view.nodes.length - labelled > 0 ? `${view.nodes.length - labelled} labels are left out where they would overlap; ` : ''}` +
    'every entity is in entities.csv and every link, with its records, in links.csv.';
  for (const line of wrapText(note, 264, 9.5)) {
    prims.push({ t: 'text', x: lx, y: ly, text: line, size: 9.5, anchor: 'start', fill: '#333333' });
    ly += 12.5;
  }
  const brokers = view.nodes.filter((n) => n.broker).sort((a, b) => a.broker!.rank - b.broker!.rank);
  if (brokers.length > 0 && ly < H - 120) {
    ly += 10;
    prims.push({ t: 'text', x: lx, y: ly, text: 'Brokers on this chart (rank in the analysis)', size: 10.5, anchor: 'start', bold: true, fill: INK });
    ly += 15;
    const room = Math.floor((H - 60 - ly) / 13);
    for (const b of brokers.slice(0, Math.max(0, brokers.length > room ? room - 1 : room))) {
      prims.push({ t: 'text', x: lx, y: ly, text: truncate(`#${b.broker!.rank} ${b.key ? `${b.key} ` : ''}${b.label}${b.member ? '' : ' (outside)'}`, 44), size: 9.5, anchor: 'start', fill: '#333333' });
      ly += 13;
    }
    if (brokers.length > room) prims.push({ t: 'text', x: lx, y: ly, text: `and ${brokers.length - room + 1} more in entities.csv`, size: 9.5, anchor: 'start', fill: '#333333' });
  }

  // Footer.
  const footer = `chart.svg · ${view.software.name} ${view.software.version} · layout: ForceAtlas2, ${iterationsFor(view.nodes.length)} iterations, seeded start · A4 landscape`;
  prims.push({ t: 'text', x: 28, y: H - 16, text: footer, size: 9, anchor: 'start', fill: '#666666' });

  return {
    width: W,
    height: H,
    title,
    description: `${sub}. ${note}`,
    prims,
    labelled,
    unlabelled: view.nodes.length - labelled,
  };
}
