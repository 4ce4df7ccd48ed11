/** Plain-text summaries of reports for a terminal. */
import type { IngestReport } from '@ringlink/core';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function formatIngestReport(report: IngestReport): string {
  const out: string[] = [];
  out.push('Inputs');
  out.push(
    table([
      ['file', 'source', 'rows', 'ingested', 'quarantined', 'sha256'],
      ...report.inputs.map((i) => [i.file, i.source, String(i.rows), String(i.ingested), String(i.quarantined), i.sha256.slice(0, 12)]),
    ]),
  );
  out.push('', 'Entities');
  out.push(table([['kind', 'count'], ...Object.entries(report.entities).map(([k, v]) => [k, String(v)])]));
  out.push('', 'Links');
  out.push(table([['kind', 'count'], ...Object.entries(report.links).map(([k, v]) => [k, String(v)])]));
  const quarantined = report.issues.filter((i) => i.action === 'quarantined').length;
  const dropped = report.issues.length - quarantined;
  out.push('', `Issues: ${quarantined} quarantine reasons, ${dropped} fields dropped; ${report.merges.length} person merges`);
  const byCode = new Map<string, number>();
  for (const i of report.issues) byCode.set(`${i.action} ${i.code}`, (byCode.get(`${i.action} ${i.code}`) ?? 0) + 1);
  for (const [k, v] of [...byCode].sort()) out.push(`  ${k}: ${v}`);
  return `${out.join('\n')}\n`;
}
