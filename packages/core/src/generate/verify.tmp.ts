import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.js';
import type { GroundTruth } from './truth.js';
const dir = process.argv[2]!;
const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as GroundTruth;
const files = ['applications.csv', 'transactions.csv', 'calls.csv', 'documents.csv'] as const;
const t0 = performance.now();
const { report, graph } = await ingest(files.map((f) => join(dir, f)));
console.log('ingest s', ((performance.now() - t0) / 1000).toFixed(1));
for (const f of files) {
  const inp = report.inputs.find((i) => i.file === f)!;
  const dropped = new Set(report.issues.filter((i) => i.file === f && i.action === 'field_dropped').map((i) => i.row));
  const droppedIssues = report.issues.filter((i) => i.file === f && i.action === 'field_dropped').length;
  const e = truth.expected.files[f];
  const ok = inp.rows === e.rows && inp.quarantined === e.quarantined && dropped.size === e.fieldDropped && droppedIssues === e.fieldDropped;
  console.log(f, ok ? 'OK' : 'MISMATCH', { rows: inp.rows, q: inp.quarantined, fd: dropped.size, fdIssues: droppedIssues }, e);
  if (!ok) {
    const codes: Record<string, number> = {};
    for (const i of report.issues.filter((i) => i.file === f)) codes[`${i.action}:${i.field}:${i.code}`] = (codes[`${i.action}:${i.field}:${i.code}`] ?? 0) + 1;
    console.log(codes);
    console.log(report.issues.filter((i) => i.file === f).slice(0, 8));
  }
}
const ids = new Map<string, string>();
for (const e of graph.entities) { ids.set(e.id, e.id); for (const a of e.aliases) ids.set(a, e.id); }
const missing: string[] = [];
const check = (id: string, what: string) => { if (!ids.has(id)) missing.push(`${what} ${id}`); };
for (const r of truth.rings) { r.agents.forEach((a) => check(a, r.id + ' agent')); r.applicants.forEach((a) => check(a, r.id + ' app')); r.identifiers.forEach((a) => check(a, r.id + ' ident')); }
for (const b of truth.brokers) { check(b.id, 'broker'); b.identifiers.forEach((a) => check(a, 'broker ident ' + b.kind)); }
truth.hubs.forEach((h) => check(h, 'hub'));
truth.background.forEach((h) => check(h, 'bg'));
truth.legitimateAgents.forEach((h) => { check(h.id, 'legit'); check(h.agency, 'legit agency'); check(h.phone, 'legit phone'); });
let mergeBad = 0;
for (const m of truth.expected.merges) { const s = new Set(m.ids.map((i) => ids.get(i))); if (s.size !== 1 || s.has(undefined)) { mergeBad++; if (mergeBad < 5) console.log('merge bad', m, m.ids.map((i) => ids.get(i))); } }
console.log('missing', missing.length, missing.slice(0, 10), 'merges', truth.expected.merges.length, 'bad', mergeBad, 'report merges', report.merges.length);
const persons = graph.entities.filter((e) => e.kind === 'Person');
const planted = new Set([...truth.rings.flatMap((r) => [...r.agents, ...r.applicants]), ...truth.brokers.map((b) => b.id), ...truth.background, ...truth.legitimateAgents.map((l) => l.id)]);
const extra = persons.filter((p) => !planted.has(p.id) && !p.id.startsWith('person:record:'));
console.log('persons', persons.length, 'non-record persons not planted', extra.length, extra.slice(0, 5).map((p) => p.id));
console.log(report.entities, report.links);
