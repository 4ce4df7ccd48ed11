/**
 * Building DOM without innerHTML: text is always text. `h('button',
 * { class: 'x', onclick: f }, 'Label')`. Attributes named `on…` become
 * listeners; `null`, `undefined` and `false` attributes are left out.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Child | Child[]>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Array<Child | Child[]>): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`web-view: no #${id} in the page`);
  return el as T;
}

export function replaceChildren(el: Element, ...children: Array<Child | Child[]>): void {
  el.replaceChildren();
  append(el, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small SVG of a node shape, for legends and lists (presentation attributes only: no inline style). */
export function shapeIcon(shape: string, color: string, size = 14): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  let el: SVGElement;
  switch (shape) {
    case 'square':
      el = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({ x: 3, y: 3, width: 14, height: 14 })) el.setAttribute(k, String(v));
      break;
    case 'square-rounded':
      el = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({ x: 3, y: 3, width: 14, height: 14, rx: 4 })) el.setAttribute(k, String(v));
      break;
    case 'rectangle':
      el = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({ x: 1, y: 6, width: 18, height: 9 })) el.setAttribute(k, String(v));
      break;
    case 'diamond':
      el = document.createElementNS(SVG, 'polygon');
      el.setAttribute('points', '10,1 19,10 10,19 1,10');
      break;
    case 'triangle':
      el = document.createElementNS(SVG, 'polygon');
      el.setAttribute('points', '10,2 18.5,17 1.5,17');
      break;
    case 'triangle-down':
      el = document.createElementNS(SVG, 'polygon');
      el.setAttribute('points', '1.5,3 18.5,3 10,18');
      break;
    case 'line':
      el = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({ x: 0, y: 8, width: 20, height: 4 })) el.setAttribute(k, String(v));
      break;
    default:
      el = document.createElementNS(SVG, 'circle');
      for (const [k, v] of Object.entries({ cx: 10, cy: 10, r: 8 })) el.setAttribute(k, String(v));
  }
  el.setAttribute('fill', color);
  svg.append(el);
  return svg;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

export function formatNumber(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Number.isInteger(n) ? String(n) : n.toPrecision(digits);
}
