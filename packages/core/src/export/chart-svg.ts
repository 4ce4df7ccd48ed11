/**
 * chart.svg: the chart scene as a standalone SVG 1.1 file, A4 landscape
 * (297 × 210 mm; viewBox 1188 × 840), printable as it is. Each entity
 * carries a <title> with its id (a tooltip on screen).
 */
import type { ChartScene, Prim } from './chart-scene.js';

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

const num = (v: number): string => String(Math.round(v * 10) / 10);
const dash = (d?: number[]): string => (d ? ` stroke-dasharray="${d.map(num).join(' ')}"` : '');

function prim(p: Prim): string {
  switch (p.t) {
    case 'line':
      return `<line x1="${num(p.x1)}" y1="${num(p.y1)}" x2="${num(p.x2)}" y2="${num(p.y2)}" stroke="${p.stroke}" stroke-width="${num(p.width)}"${dash(p.dash)}/>`;
    case 'rect':
      return `<rect x="${num(p.x)}" y="${num(p.y)}" width="${num(p.w)}" height="${num(p.h)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${num(p.width)}"/>`;
    case 'circle': {
      const body = `cx="${num(p.cx)}" cy="${num(p.cy)}" r="${num(p.r)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${num(p.width)}"${dash(p.dash)}`;
      return p.title ? `<circle ${body}><title>${xmlEscape(p.title)}</title></circle>` : `<circle ${body}/>`;
    }
    case 'poly': {
      const body = `points="${p.points.map(num).join(' ')}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${num(p.width)}" stroke-linejoin="round"${dash(p.dash)}`;
      return p.title ? `<polygon ${body}><title>${xmlEscape(p.title)}</title></polygon>` : `<polygon ${body}/>`;
    }
    case 'text': {
      const anchor = p.anchor === 'start' ? '' : ` text-anchor="${p.anchor}"`;
      const weight = p.bold ? ' font-weight="bold"' : '';
      const halo = p.halo ? ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '';
      return `<text x="${num(p.x)}" y="${num(p.y)}" font-size="${num(p.size)}" fill="${p.fill}"${anchor}${weight}${halo}>${xmlEscape(p.text)}</text>`;
    }
  }
}

export function* chartSvg(scene: ChartScene): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="297mm" height="210mm" viewBox="0 0 ${scene.width} ${scene.height}" font-family="Helvetica, Arial, 'Liberation Sans', sans-serif">\n`;
  yield `<title>${xmlEscape(scene.title)}</title>\n<desc>${xmlEscape(scene.description)}</desc>\n`;
  for (const p of scene.prims) yield `${prim(p)}\n`;
  yield '</svg>\n';
}
