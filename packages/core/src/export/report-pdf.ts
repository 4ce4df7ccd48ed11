/**
 * report.pdf: the same account as report.html, with the chart drawn from
 * the same scene as chart.svg (vector, on an A4-landscape page), made with
 * pdfkit (pure JavaScript).
 *
 * Deterministic: CreationDate and ModDate are the export time (pdfkit
 * derives the document ID from its info dictionary, so the ID is fixed
 * too), streams are not compressed (zlib output may differ between
 * machines), pages are buffered and numbered at the end, and only the 14
 * standard PDF fonts are used (nothing is read from the machine's fonts).
 * Those fonts cover Windows-1252 only: other characters are shown as "?"
 * and the report says so; report.html is the reference text.
 */
import PDFDocument from 'pdfkit';
import { CANVAS, type ChartScene, type Prim } from './chart-scene.js';
import type { Block, Inline, ReportContent } from './report-content.js';

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Plain equivalents for symbols the report uses that Windows-1252 lacks. */
const SUBSTITUTES: Record<string, string> = { '≥': '>=', '≤': '<=', '−': '-', '→': '->', '←': '<-', '≈': '~', 'γ': 'gamma', 'Σ': 'sum', '⌈': '', '⌉': '' };

/** Maps text to what the standard fonts can show; counts replacements. */
export function pdfSafe(text: string, counter?: { replaced: number }): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
    else if (ch === '↩') out += '';
    else if (ch === '\n') out += ch;
    else {
      out += '?';
      if (counter) counter.replaced++;
    }
  }
  return out;
}

type Doc = PDFKit.PDFDocument;

const BODY = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';
const MARGIN = 56;

function drawPrim(doc: Doc, p: Prim, k: number, ox: number, oy: number, safe: (s: string) => string): void {
  const X = (v: number): number => ox + v * k;
  const Y = (v: number): number => oy + v * k;
  const dash = (d?: number[]): void => {
    if (d && d.length >= 2) doc.dash(d[0]! * k, { space: d[1]! * k });
    else doc.undash();
  };
  switch (p.t) {
    case 'line':
      dash(p.dash);
      doc.lineWidth(p.width * k).strokeColor(p.stroke).moveTo(X(p.x1), Y(p.y1)).lineTo(X(p.x2), Y(p.y2)).stroke();
      doc.undash();
      return;
    case 'rect':
      doc.lineWidth(Math.max(0.01, p.width * k)).rect(X(p.x), Y(p.y), p.w * k, p.h * k);
      if (p.width > 0) doc.fillAndStroke(p.fill, p.stroke);
      else doc.fill(p.fill);
      return;
    case 'circle':
      dash(p.dash);
      doc.lineWidth(p.width * k).circle(X(p.cx), Y(p.cy), p.r * k).fillAndStroke(p.fill, p.stroke);
      doc.undash();
      return;
    case 'poly': {
      dash(p.dash);
      const pts: Array<[number, number]> = [];
      for (let i = 0; i + 1 < p.points.length; i += 2) pts.push([X(p.points[i]!), Y(p.points[i + 1]!)]);
      doc.lineWidth(p.width * k).polygon(...pts).fillAndStroke(p.fill, p.stroke);
      doc.undash();
      return;
    }
    case 'text': {
      const text = safe(p.text);
      const size = p.size * k;
      doc.font(p.bold ? BOLD : BODY).fontSize(size);
      const w = doc.widthOfString(text);
      const x = p.anchor === 'start' ? X(p.x) : p.anchor === 'middle' ? X(p.x) - w / 2 : X(p.x) - w;
      const opts = { lineBreak: false, baseline: 'alphabetic' as const };
      if (p.halo) {
        doc.save().lineWidth(3 * k).strokeColor('#ffffff').lineJoin('round');
        doc.text(text, x, Y(p.y), { ...opts, stroke: true, fill: false });
        doc.restore();
      }
      doc.fillColor(p.fill).text(text, x, Y(p.y), { ...opts, stroke: false, fill: true });
      return;
    }
  }
}

function chartPage(doc: Doc, scene: ChartScene, safe: (s: string) => string): void {
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
  const k = Math.min(doc.page.width / CANVAS.width, doc.page.height / CANVAS.height);
  const ox = (doc.page.width - CANVAS.width * k) / 2;
  const oy = (doc.page.height - CANVAS.height * k) / 2;
  for (const p of scene.prims) drawPrim(doc, p, k, ox, oy, safe);
  doc.fillColor('#1a1a1a').strokeColor('#1a1a1a').lineWidth(1).undash();
}

/** Plain text and note markers merged into runs, so pdfkit lays out one string per font change (it is slow per call). */
function runs(parts: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const p of parts) {
    const t = typeof p === 'string' ? p : 'fn' in p ? `[${p.fn}]` : null;
    if (t === null) out.push(p);
    else if (t.length === 0) continue;
    else if (typeof out[out.length - 1] === 'string') out[out.length - 1] = `${out[out.length - 1] as string}${t}`;
    else out.push(t);
  }
  return out;
}

function writeInline(doc: Doc, parts: readonly Inline[], size: number, safe: (s: string) => string, width: number): void {
  const pieces = runs(parts);
  if (pieces.length === 0) return;
  pieces.forEach((p, i) => {
    const last = i === pieces.length - 1;
    const opts = { continued: !last, width, lineGap: 2 };
    if (typeof p === 'string') doc.font(BODY).fontSize(size).text(safe(p), opts);
    else if ('fn' in p) doc.font(BODY).fontSize(size).text(`[${p.fn}]`, opts);
    else if ('b' in p) doc.font(BOLD).fontSize(size).text(safe(p.b), opts);
    else doc.font(MONO).fontSize(size - 0.5).text(safe(p.code), opts);
  });
}

function writeBlock(doc: Doc, b: Block, scene: ChartScene, safe: (s: string) => string): void {
  const width = doc.page.width - 2 * MARGIN;
  const x = MARGIN;
  switch (b.type) {
    case 'p':
      doc.x = x;
      writeInline(doc, b.content, 10, safe, width);
      doc.moveDown(0.6);
      return;
    case 'note':
      doc.x = x + 12;
      doc.fillColor('#333333');
      writeInline(doc, b.content, 9.5, safe, width - 12);
      doc.fillColor('#1a1a1a');
      doc.moveDown(0.6);
      doc.x = x;
      return;
    case 'list':
      for (const item of b.items) {
        doc.x = x + 12;
        writeInline(doc, ['• ', ...item], 10, safe, width - 12);
        doc.moveDown(0.25);
      }
      doc.x = x;
      doc.moveDown(0.4);
      return;
    case 'table':
      for (const row of b.rows) {
        doc.x = x;
        const [first, ...rest] = row;
        const leadCells = [first ?? [], ...rest.slice(0, rest.length - 1)];
        const lead: Inline[] = [{ b: leadCells.map((c) => c.map((p) => (typeof p === 'string' ? p : '')).join('')).join(' · ') }];
        writeInline(doc, lead, 10, safe, width);
        doc.x = x + 12;
        writeInline(doc, [`${b.head[b.head.length - 1]}: `, ...row[row.length - 1]!], 9.5, safe, width - 12);
        doc.moveDown(0.5);
      }
      doc.x = x;
      return;
    case 'chart':
      doc.x = x;
      writeInline(doc, [`${b.caption} The chart follows on the next page.`], 10, safe, width);
      chartPage(doc, scene, safe);
      doc.addPage({ size: 'A4', layout: 'portrait', margin: MARGIN });
      return;
  }
}

/** Renders the report; resolves to the PDF's bytes. */
export function reportPdf(content: ReportContent, scene: ChartScene, at: Date, footer: string): Promise<Buffer> {
  const counter = { replaced: 0 };
  const safe = (s: string): string => pdfSafe(s, counter);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: false,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: safe(content.title),
      Subject: safe(content.subtitle),
      Author: 'ringlink',
      Creator: 'ringlink court export',
      Producer: 'ringlink (pdfkit)',
      CreationDate: at,
      ModDate: at,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(BOLD).fontSize(18).fillColor('#1a1a1a').text(safe(content.title));
  doc.font(BODY).fontSize(11).fillColor('#444444').text(safe(content.subtitle));
  doc.moveDown(0.6).fillColor('#1a1a1a');
  for (const [k, v] of content.meta) writeInline(doc, [{ b: `${k}: ` }, v], 10, safe, doc.page.width - 2 * MARGIN);
  doc.moveDown(0.8);
  for (const s of content.sections) {
    doc.x = MARGIN;
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage({ size: 'A4', layout: 'portrait', margin: MARGIN });
    doc.font(BOLD).fontSize(13).text(safe(s.heading));
    doc.moveDown(0.3);
    for (const b of s.blocks) writeBlock(doc, b, scene, safe);
    doc.moveDown(0.4);
  }
  if (content.footnotes.length > 0) {
    doc.x = MARGIN;
    doc.font(BOLD).fontSize(13).text('Notes: the evidence behind each statement');
    doc.moveDown(0.3);
    for (const f of content.footnotes) {
      const records = f.sources.map((s) => `${s.file} row ${s.row} (record ${s.recordId}${s.observedAt ? `, ${s.observedAt.slice(0, 10)}` : ''})`).join('; ');
      doc.x = MARGIN;
      writeInline(doc, [{ b: `[${f.n}] ` }, `links.csv ${f.ref}, ${f.lines}: ${f.statement}. Records: ${records || 'none'}${f.more > 0 ? `; and ${f.more} more in links.csv` : ''}.`], 8.5, safe, doc.page.width - 2 * MARGIN);
      doc.moveDown(0.2);
    }
  }
  doc.moveDown(1);
  doc.x = MARGIN;
  const note = counter.replaced > 0
    ? `${footer} This PDF uses the standard PDF fonts; ${counter.replaced} characters they cannot show are printed as "?". report.html has the exact text.`
    : footer;
  doc.font(BODY).fontSize(8.5).fillColor('#555555').text(safe(note));

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const label = `${content.title} · page ${i + 1} of ${range.count}`;
    doc.font(BODY).fontSize(8).fillColor('#666666');
    const y = doc.page.height - 28;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(safe(label), 0, y, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done;
}
