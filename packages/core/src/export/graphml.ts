/**
 * graph.graphml: the package graph in GraphML 1.0 (graphml.graphdrawing.org),
 * which Gephi, yEd, Cytoscape, NetworkX and igraph read, and which i2
 * Analyst's Notebook users can bring in through those tools.
 *
 * Every attribute is declared with a typed <key>; node ids are the entity
 * ids shown in entities.csv, edge ids the link ids of links.csv (both
 * stable: the same data gives the same ids). The default edge direction is
 * directed; links of undirected kinds say directed="false". Gephi's own
 * attribute names are used where it has them (label, x, y, size, r, g, b,
 * weight), so it opens on the chart's layout and colours.
 */
import type { Point } from './chart-layout.js';
import { KIND_STYLE } from './chart-scene.js';
import { xmlEscape } from './chart-svg.js';
import { canonicalJson } from './csv-files.js';
import type { PackageView } from './package-view.js';

type KeyType = 'string' | 'boolean' | 'int' | 'double';

interface KeyDecl { id: string; for: 'node' | 'edge' | 'graph'; name: string; type: KeyType }

export const GRAPHML_KEYS: readonly KeyDecl[] = [
  { id: 'g_case', for: 'graph', name: 'case_ref', type: 'string' },
  { id: 'g_scope', for: 'graph', name: 'scope', type: 'string' },
  { id: 'g_run', for: 'graph', name: 'analysis_run', type: 'string' },
  { id: 'g_exported', for: 'graph', name: 'exported_at', type: 'string' },
  { id: 'g_redacted', for: 'graph', name: 'redacted', type: 'boolean' },
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'roles', for: 'node', name: 'roles', type: 'string' },
  { id: 'in_ring', for: 'node', name: 'in_ring', type: 'boolean' },
  { id: 'masked', for: 'node', name: 'masked', type: 'boolean' },
  { id: 'key', for: 'node', name: 'key', type: 'string' },
  { id: 'is_broker', for: 'node', name: 'is_broker', type: 'boolean' },
  { id: 'broker_rank', for: 'node', name: 'broker_rank', type: 'int' },
  { id: 'betweenness', for: 'node', name: 'betweenness', type: 'double' },
  { id: 'is_hub', for: 'node', name: 'is_hub', type: 'boolean' },
  { id: 'evidence_count', for: 'node', name: 'evidence_count', type: 'int' },
  { id: 'properties', for: 'node', name: 'properties', type: 'string' },
  { id: 'x', for: 'node', name: 'x', type: 'double' },
  { id: 'y', for: 'node', name: 'y', type: 'double' },
  { id: 'size', for: 'node', name: 'size', type: 'double' },
  { id: 'r', for: 'node', name: 'r', type: 'int' },
  { id: 'g', for: 'node', name: 'g', type: 'int' },
  { id: 'b', for: 'node', name: 'b', type: 'int' },
  { id: 'e_ref', for: 'edge', name: 'link_ref', type: 'string' },
  { id: 'e_type', for: 'edge', name: 'type', type: 'string' },
  { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e_in_ring', for: 'edge', name: 'in_ring', type: 'boolean' },
  { id: 'e_evidence', for: 'edge', name: 'evidence_count', type: 'int' },
  { id: 'weight', for: 'edge', name: 'weight', type: 'double' },
  { id: 'e_first', for: 'edge', name: 'first_seen', type: 'string' },
  { id: 'e_last', for: 'edge', name: 'last_seen', type: 'string' },
  { id: 'e_sources', for: 'edge', name: 'sources', type: 'string' },
  { id: 'e_properties', for: 'edge', name: 'properties', type: 'string' },
];

function data(key: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  return `<data key="${key}">${xmlEscape(String(value))}</data>`;
}

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

export function* graphml(view: PackageView, positions: ReadonlyMap<string, Point>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const k of GRAPHML_KEYS) yield `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>\n`;
  const scope = view.scope.type === 'ring' ? `ring ${view.scope.ring}` : `${view.scope.entityIds.length} chosen entities`;
  yield `  <graph id="package" edgedefault="directed">\n`;
  yield `    ${data('g_case', view.caseRef)}${data('g_scope', scope)}${data('g_run', view.run.id)}${data('g_exported', view.exportedAt)}${data('g_redacted', view.redaction.applied)}\n`;
  for (const n of view.nodes) {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    const [r, g, b] = rgb(KIND_STYLE[n.kind].color);
    const size = n.broker ? 10 + 10 * Math.min(1, Math.sqrt(n.broker.betweenness)) : n.kind === 'Person' ? 7 : 5;
    const line = `    <node id="${xmlEscape(n.id)}">` +
      data('label', n.key ? `${n.key} ${n.label}` : n.label) + data('kind', n.kind) + data('roles', n.roles.join(';')) +
      data('in_ring', n.member) + data('masked', n.masked) + data('key', n.key) + data('is_broker', n.broker !== undefined) +
      data('broker_rank', n.broker?.rank) + data('betweenness', n.broker?.betweenness) + data('is_hub', n.hub) +
      data('evidence_count', n.evidenceCount) + data('properties', Object.keys(n.props).length ? canonicalJson(n.props) : '') +
      data('x', p.x) + data('y', -p.y) + data('size', Math.round(size * 10) / 10) + data('r', r) + data('g', g) + data('b', b) +
      '</node>\n';
    view.redactor.check(line, 'graph.graphml');
    yield line;
  }
  for (const e of view.edges) {
    const sources = e.evidence.map((ev) => `${ev.file}:${ev.row} (${ev.recordId})`).join('; ');
    const first = typeof e.props.firstSeen === 'string' ? e.props.firstSeen : undefined;
    const last = typeof e.props.lastSeen === 'string' ? e.props.lastSeen : undefined;
    const line = `    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.from)}" target="${xmlEscape(e.to)}"${e.directed ? '' : ' directed="false"'}>` +
      data('e_ref', e.ref) + data('e_type', e.type) + data('e_label', e.type) + data('e_in_ring', e.internal) +
      data('e_evidence', e.evidence.length) + data('weight', e.evidence.length) + data('e_first', first) + data('e_last', last) +
      data('e_sources', sources) + data('e_properties', Object.keys(e.props).length ? canonicalJson(e.props) : '') +
      '</edge>\n';
    view.redactor.check(line, 'graph.graphml');
    yield line;
  }
  yield '  </graph>\n</graphml>\n';
}
