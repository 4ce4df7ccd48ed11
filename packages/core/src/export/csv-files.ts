/**
 * entities.csv and links.csv (RFC 4180: comma-separated, double-quoted
 * where needed, CRLF line ends, UTF-8 without BOM, one header line).
 *
 * links.csv has one row per (link, evidence): a link attested by three
 * records has three rows with the same link_ref and link_id, so every row
 * is a self-contained statement "record R of file F (digest D) attests link
 * L". Its evidence columns are the Evidence fields exactly as ingested.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) are prefixed with an apostrophe (OWASP "CSV injection"). No
 * column written here normally starts that way: ids carry a kind prefix,
 * numbers and properties sit in JSON.
 *
 * Rows are produced lazily (generators), so the zip writer streams them.
 */
import type { Properties } from '@ringlink/model';
import { readerName, type PackageView } from './package-view.js';

export type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** JSON with keys sorted at every level (canonical, so equal properties give equal text). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const propsJson = (p: Properties): string => (Object.keys(p).length === 0 ? '' : canonicalJson(p));

export const ENTITY_COLUMNS = [
  'entity_id', 'kind', 'roles', 'in_ring', 'masked', 'key', 'label', 'is_broker', 'broker_rank', 'is_hub',
  'links_in_package', 'evidence_count', 'first_observed', 'last_observed', 'properties',
] as const;

export const LINK_COLUMNS = [
  'link_ref', 'link_id', 'type', 'from_id', 'to_id', 'directed', 'in_ring', 'link_evidence_count', 'evidence_no',
  'source', 'file', 'file_sha256', 'row', 'record_id', 'record_sha256', 'observed_at', 'link_properties',
] as const;

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function* entityCsv(view: PackageView): Generator<string> {
  yield csvLine(ENTITY_COLUMNS);
  for (const n of view.nodes) {
    const line = csvLine([
      n.id, n.kind, n.roles.join(';'), yesNo(n.member), yesNo(n.masked), n.key ?? '', readerName(n),
      yesNo(n.broker !== undefined), n.broker?.rank ?? '', yesNo(n.hub), n.degree, n.evidenceCount,
      n.firstObserved ?? '', n.lastObserved ?? '', propsJson(n.props),
    ]);
    view.redactor.check(line, 'entities.csv');
    yield line;
  }
}

export function* linkCsv(view: PackageView): Generator<string> {
  yield csvLine(LINK_COLUMNS);
  for (const l of view.edges) {
    const head: Cell[] = [l.ref, l.id, l.type, l.from, l.to, yesNo(l.directed), yesNo(l.internal), l.evidence.length];
    const props = propsJson(l.props);
    if (l.evidence.length === 0) {
      // A link without evidence should not exist; if it does, it is shown, not hidden.
      const line = csvLine([...head, 0, '', '', '', '', '', '', '', props]);
      view.redactor.check(line, 'links.csv');
      yield line;
      continue;
    }
    for (let i = 0; i < l.evidence.length; i++) {
      const e = l.evidence[i]!;
      const line = csvLine([...head, i + 1, e.source, e.file, e.fileSha256, e.row, e.recordId, e.recordSha256, e.observedAt ?? '', props]);
      view.redactor.check(line, 'links.csv');
      yield line;
    }
  }
}
