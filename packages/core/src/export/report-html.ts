/**
 * report.html: the plain-language account as one self-contained HTML page
 * (inline CSS, no scripts, no external resources except chart.svg next to
 * it in the package), readable on screen and printable on A4. Note numbers
 * link to the notes; each note names its links.csv rows and records.
 */
import { xmlEscape as esc } from './chart-svg.js';
import type { Block, Inline, ReportContent } from './report-content.js';

const CSS = `
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.5; color: #1a1a1a;
  max-width: 52em; margin: 2em auto; padding: 0 1.5em; background: #fff; }
h1 { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.2; }
h2 { font-size: 1.25em; margin: 1.8em 0 .5em; border-bottom: 1px solid #ccc; padding-bottom: .15em; }
.subtitle { color: #444; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .3em .45em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
table.meta { width: auto; }
table.meta th { width: 9em; }
.note { background: #f6f6f2; border-left: 4px solid #8a8a70; padding: .5em .8em; margin: .8em 0; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .88em; background: #f3f3f3; padding: 0 .2em; overflow-wrap: break-word; }
sup.fn a { text-decoration: none; font-size: .8em; }
figure { margin: 1em 0; }
figure img { width: 100%; border: 1px solid #ccc; }
figcaption { font-size: .9em; color: #444; }
ol.notes { font-size: .88em; padding-left: 2.6em; }
ol.notes li { margin-bottom: .35em; }
td, li, p { overflow-wrap: break-word; }
table.people td:nth-child(1), table.people td:nth-child(3) { white-space: nowrap; }
table.people td:nth-child(4) { font-size: .92em; min-width: 9em; }
figure { margin: 1em -4em; }
@media (max-width: 60em) { figure { margin: 1em 0; } }
footer { margin-top: 2em; font-size: .85em; color: #555; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  tr, .note, figure { break-inside: avoid; }
  figure { margin: 1em 0; }
  a { color: inherit; }
}
`;

function inline(parts: readonly Inline[]): string {
  return parts.map((p) => {
    if (typeof p === 'string') return esc(p);
    if ('fn' in p) return `<sup class="fn"><a href="#note-${p.fn}" id="ref-${p.fn}">[${p.fn}]</a></sup>`;
    if ('b' in p) return `<strong>${esc(p.b)}</strong>`;
    return `<code>${esc(p.code)}</code>`;
  }).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'p':
      return `<p>${inline(b.content)}</p>`;
    case 'note':
      return `<div class="note">${inline(b.content)}</div>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inline(i)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return `<table class="${b.className ?? ''}">\n<thead><tr>${b.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>\n<tbody>\n` +
        `${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody>\n</table>`;
    case 'chart':
      return `<figure><a href="chart.svg"><img src="chart.svg" alt="Network chart of the package (chart.svg)"></a><figcaption>${esc(b.caption)} ` +
        '<a href="chart.svg">Open chart.svg at full size.</a></figcaption></figure>';
  }
}

export function* reportHtml(content: ReportContent, footer: string): Generator<string> {
  yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n';
  yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n';
  yield `<title>${esc(content.title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n`;
  yield `<header>\n<h1>${esc(content.title)}</h1>\n<p class="subtitle">${esc(content.subtitle)}</p>\n`;
  yield `<table class="meta">\n${content.meta.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}\n</table>\n</header>\n`;
  for (const s of content.sections) {
    yield `<section id="${s.id}">\n<h2>${esc(s.heading)}</h2>\n`;
    for (const b of s.blocks) yield `${block(b)}\n`;
    yield '</section>\n';
  }
  if (content.footnotes.length > 0) {
    yield '<section id="notes">\n<h2>Notes: the evidence behind each statement</h2>\n';
    yield '<p>Each note names a link by its reference in links.csv (L…) and the lines of links.csv that hold its records, then the records themselves: file, row, record id and date.</p>\n<ol class="notes">\n';
    for (const f of content.footnotes) {
      const records = f.sources.map((s) => `${s.file} row ${s.row} (record ${s.recordId}${s.observedAt ? `, ${s.observedAt.slice(0, 10)}` : ''})`).join('; ');
      yield `<li id="note-${f.n}"><a href="#ref-${f.n}">↩</a> links.csv ${esc(f.ref)}, ${esc(f.lines)}: ${esc(f.statement)}. ` +
        `Records: ${esc(records || 'none')}${f.more > 0 ? esc(`; and ${f.more} more in links.csv`) : ''}.</li>\n`;
    }
    yield '</ol>\n</section>\n';
  }
  yield `<footer>${esc(footer)}</footer>\n</body>\n</html>\n`;
}
