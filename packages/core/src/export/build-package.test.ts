import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isRinglinkError, type Evidence } from '@ringlink/model';
import { readCsv } from '../ingest/ingest.js';
import { Readable } from 'node:stream';
import { buildCourtPackage, PACKAGE_FILES } from './build-package.js';
import { EXPORTED_AT, generatedCase, parseCsv, pdfText, ringInput, unzip, type GeneratedCase } from './generated-case.fixture.js';
import type { Manifest } from './manifest.js';
import type { CourtPackageInput } from './package-input.js';
import { packageInputFromResult } from './package-from-result.js';
import { verifyCourtPackage } from './verify-package.js';
import { canonicalZip, dosDateTime } from './zip-writer.js';

// Builds take a few hundred milliseconds warm, seconds cold and under parallel load.
vi.setConfig({ testTimeout: 30_000 });

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

let c: GeneratedCase;
let input: CourtPackageInput;
let pkg: Awaited<ReturnType<typeof buildCourtPackage>>;
let files: Map<string, Buffer>;
const text = (name: string): string => files.get(name)!.toString('utf8');

beforeAll(async () => {
  c = await generatedCase();
  input = ringInput(c);
  pkg = await buildCourtPackage(input);
  files = new Map((await unzip(pkg.bytes)).map((e) => [e.name, e.data]));
}, 60_000);

afterAll(async () => {
  await c?.cleanup();
});

describe('court package contents', () => {
  it('holds the files in a fixed order, manifest last, each listed with its SHA-256', async () => {
    const entries = await unzip(pkg.bytes);
    expect(entries.map((e) => e.name)).toEqual([...PACKAGE_FILES]);
    const m = JSON.parse(text('manifest.json')) as Manifest;
    expect(m.files.map((f) => f.name)).toEqual(PACKAGE_FILES.filter((f) => f !== 'manifest.json'));
    for (const f of m.files) {
      expect(sha(files.get(f.name)!), f.name).toBe(f.sha256);
      expect(files.get(f.name)!.length).toBe(f.bytes);
    }
    expect(m.caseRef).toBe('FIA-CC-2026-117');
    expect(m.exportedAt).toBe('2026-11-26T10:00:00.000Z');
    expect(m.scope).toEqual({ type: 'ring', ring: input.scope.ring });
    expect(m.run.id).toBe(c.result.run.id);
    expect(m.run.inputs).toEqual(c.result.run.inputs);
    expect(m.software.version).toBe('0.1.0');
    expect(m.redaction).toEqual({ applied: false });
    expect(pkg.sha256).toBe(sha(pkg.bytes));
  });

  it('sets every zip entry time to the export time', async () => {
    for (const e of await unzip(pkg.bytes)) {
      // yauzl reads DOS time as local time; compare the fields.
      const d = e.mtime;
      const want = new Date(EXPORTED_AT);
      expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual(
        [want.getUTCFullYear(), want.getUTCMonth(), want.getUTCDate(), want.getUTCHours(), want.getUTCMinutes()]);
    }
    expect(dosDateTime(new Date('1980-01-01T00:00:00Z'))).toEqual({ time: 0, date: 33 });
  });
});

describe('determinism', () => {
  it('gives byte-identical packages for the same input, whatever the order of entities and links', async () => {
    const again = await buildCourtPackage(input);
    expect(again.sha256).toBe(pkg.sha256);
    expect(Buffer.compare(again.bytes, pkg.bytes)).toBe(0);
    const shuffled = { ...input, entities: [...input.entities].reverse(), links: [...input.links].reverse(), brokers: [...input.brokers].reverse() };
    expect((await buildCourtPackage(shuffled)).sha256).toBe(pkg.sha256);
  });

  it('does not depend on the machine\'s time zone', async () => {
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect((await buildCourtPackage(input)).sha256).toBe(pkg.sha256);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('says of a third party what the package\'s own links say: its records outside the package change nothing', async () => {
    const third = input.entities.find((e) => !input.ring!.members.includes(e.id))!;
    const elsewhere: Evidence = { source: 'applications', file: 'other-case.csv', fileSha256: 'f'.repeat(64), row: 9, recordId: 'OTHER-9', recordSha256: 'e'.repeat(64), observedAt: '1999-01-01T00:00:00Z' };
    const busier = { ...input, entities: input.entities.map((e) => (e.id === third.id ? { ...e, evidence: [...e.evidence, elsewhere] } : e)) };
    expect((await buildCourtPackage(busier)).sha256).toBe(pkg.sha256);
    // Its evidence count in entities.csv is the number of records of its links in links.csv.
    const row = parseCsv(text('entities.csv')).find((r) => r.entity_id === third.id)!;
    const records = new Set(parseCsv(text('links.csv')).filter((r) => r.from_id === third.id || r.to_id === third.id).map((r) => r.record_sha256));
    expect(Number(row.evidence_count)).toBe(records.size);
  });

  it('changes only with its inputs: another export time gives another package', async () => {
    const later = await buildCourtPackage({ ...input, exportedAt: '2026-11-27T09:30:00Z' });
    expect(later.sha256).not.toBe(pkg.sha256);
    const m = JSON.parse((await unzip(later.bytes)).find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    const before = JSON.parse(text('manifest.json')) as Manifest;
    // The data files do not depend on the time (graph.graphml records it).
    for (const name of ['entities.csv', 'links.csv']) {
      expect(m.files.find((f) => f.name === name)!.sha256).toBe(before.files.find((f) => f.name === name)!.sha256);
    }
  });
});

describe('links.csv: every link traces to a real source row', () => {
  it('has one row per (link, evidence) whose evidence fields equal the input evidence', () => {
    const rows = parseCsv(text('links.csv'));
    const byId = new Map(input.links.map((l) => [l.id, l]));
    const evidenceRows = input.links.reduce((a, l) => a + l.evidence.length, 0);
    expect(rows.length).toBe(evidenceRows);
    const seen = new Set<string>();
    for (const r of rows) {
      const link = byId.get(r.link_id!);
      expect(link, r.link_id).toBeDefined();
      expect([r.from_id, r.to_id, r.type]).toEqual([link!.from, link!.to, link!.type]);
      expect(Number(r.link_evidence_count)).toBe(link!.evidence.length);
      const ev: Evidence = {
        source: r.source!, file: r.file!, fileSha256: r.file_sha256!, row: Number(r.row), recordId: r.record_id!,
        recordSha256: r.record_sha256!, observedAt: r.observed_at === '' ? null : r.observed_at!,
      };
      expect(link!.evidence).toContainEqual(ev);
      seen.add(`${r.link_id}#${r.evidence_no}`);
    }
    expect(seen.size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.link_id)).size).toBe(input.links.length);
  });

  it('names files whose SHA-256 is that of the input file, and rows that hold the record id', async () => {
    const rows = parseCsv(text('links.csv'));
    const sources = new Map<string, { sha: string; ids: string[] }>();
    const idColumn: Record<string, string> = { applications: 'application_id', transactions: 'txn_id', calls: 'call_id', documents: 'doc_id' };
    for (const f of c.files) {
      const ids: string[] = [];
      for await (const rec of readCsv(Readable.from(readFileSync(f)))) {
        const col = rec.header.findIndex((h) => Object.values(idColumn).includes(h));
        ids[rec.row] = rec.fields[col] ?? '';
      }
      sources.set(path.basename(f), { sha: sha(readFileSync(f)), ids });
    }
    for (const r of rows) {
      const src = sources.get(r.file!);
      expect(src, r.file).toBeDefined();
      expect(r.file_sha256).toBe(src!.sha);
      expect(src!.ids[Number(r.row)], `${r.file} row ${r.row}`).toBe(r.record_id);
    }
  });
});

describe('entities.csv', () => {
  it('lists every member and third party once, members first', () => {
    const rows = parseCsv(text('entities.csv'));
    expect(rows.map((r) => r.entity_id).sort()).toEqual(input.entities.map((e) => e.id).sort());
    const members = new Set(input.ring!.members);
    for (const r of rows) expect(r.in_ring).toBe(members.has(r.entity_id!) ? 'yes' : 'no');
    const firstThird = rows.findIndex((r) => r.in_ring === 'no');
    expect(rows.slice(firstThird).every((r) => r.in_ring === 'no')).toBe(true);
    const persons = rows.filter((r) => r.in_ring === 'yes' && r.kind === 'Person');
    expect(persons.map((r) => r.key)).toEqual(persons.map((_, i) => `P${i + 1}`));
  });
});

describe('graph.graphml', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['node', 'edge', 'data', 'key'].includes(n) });

  it('parses back to the same node and edge sets, every attribute declared with its type', () => {
    const doc = parser.parse(text('graph.graphml')) as { graphml: { key: Array<Record<string, string>>; graph: { '@edgedefault': string; node: Array<Record<string, unknown>>; edge: Array<Record<string, unknown>> } } };
    const keys = new Map(doc.graphml.key.map((k) => [k['@id'], k]));
    const g = doc.graphml.graph;
    expect(g['@edgedefault']).toBe('directed');
    expect(new Set(g.node.map((n) => n['@id']))).toEqual(new Set(input.entities.map((e) => e.id)));
    const edges = g.edge.map((e) => `${String(e['@source'])}|${String(e['@target'])}|${String(e['@id'])}`);
    expect(new Set(edges)).toEqual(new Set(input.links.map((l) => `${l.from}|${l.to}|${l.id}`)));
    for (const el of [...g.node, ...g.edge]) {
      for (const d of el.data as Array<Record<string, unknown>>) {
        const key = keys.get(String(d['@key']));
        expect(key, String(d['@key'])).toBeDefined();
        const value = String(d['#text']);
        if (key!['@attr.type'] === 'int') expect(value).toMatch(/^-?\d+$/);
        if (key!['@attr.type'] === 'double') expect(Number.isFinite(Number(value))).toBe(true);
        if (key!['@attr.type'] === 'boolean') expect(['true', 'false']).toContain(value);
      }
    }
    const undirected = input.links.filter((l) => l.type === 'POSSIBLY_SAME_AS' || l.type === 'ASSOCIATE_OF').length;
    expect(g.edge.filter((e) => e['@directed'] === 'false').length).toBe(undirected);
  });
});

describe('chart.svg and the reports', () => {
  it('draws an A4-landscape, well-formed SVG naming every member person and broker, with a legend', () => {
    const svg = text('chart.svg');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg) as { svg: Record<string, string> };
    expect(doc.svg['@viewBox']).toBe('0 0 1188 840');
    expect(doc.svg['@width']).toBe('297mm');
    expect(svg).toContain('>Legend</text>');
    const rows = parseCsv(text('entities.csv'));
    for (const p of rows.filter((r) => r.in_ring === 'yes' && r.kind === 'Person')) {
      expect(svg, p.entity_id).toContain(`>${p.key} ${p.label}`.replace(/&/g, '&amp;').slice(0, 30));
    }
    for (const b of rows.filter((r) => r.is_broker === 'yes')) expect(svg).toContain(`broker #${b.broker_rank}</text>`);
  });

  it('writes a report whose every note points at links.csv rows of that link', () => {
    const html = text('report.html');
    const rows = parseCsv(text('links.csv'));
    const notes = [...html.matchAll(/<li id="note-(\d+)">.*? links\.csv (L\d+), lines? (\d+)(?:–(\d+))?:/g)];
    expect(notes.length).toBeGreaterThan(5);
    for (const n of notes) {
      const [, , ref, first, last] = n;
      for (let line = Number(first); line <= Number(last ?? first); line++) {
        // Data line k of the file is rows[k - 2] (line 1 is the header).
        expect(rows[line - 2]!.link_ref, `note ${n[1]} line ${line}`).toBe(ref);
      }
    }
    const refs = [...html.matchAll(/href="#note-(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(refs)).toEqual(new Set(notes.map((n) => Number(n[1]))));
    for (const p of parseCsv(text('entities.csv')).filter((r) => r.in_ring === 'yes' && r.kind === 'Person')) {
      expect(html).toContain(`<td>${p.key}</td>`);
    }
    expect(html).toContain('<img src="chart.svg"');
  });

  it('makes a PDF with the same account and the chart', () => {
    const pdf = files.get('report.pdf')!;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const t = pdfText(pdf);
    expect(t).toContain('Who is in the ring');
    expect(t).toContain('Legend');
    expect(pdf.toString('latin1')).toContain('(D:20261126100000Z)');
  });

  it('explains the method with its references, parameters, input digests and the repeat command', () => {
    const md = text('methodology.md');
    for (const s of ['Blondel', 'Traag', 'Brandes', 'Brandes, C. Pich', 'PageRank', `Seed: \`${c.result.run.seed}\``]) expect(md).toContain(s);
    for (const i of c.result.run.inputs) expect(md).toContain(i.sha256);
    expect(md).toContain(`pnpm ringlink analyze applications.csv transactions.csv calls.csv documents.csv --seed ${c.result.run.seed}`);
    expect(md).toContain('--out result.json');
    for (const h of c.result.run.hubs) expect(md).toContain(h.id);
  });
});

describe('input validation', () => {
  it('refuses bad inputs with INVALID_ARGUMENT naming the problem', async () => {
    const bad: Array<[Partial<CourtPackageInput>, RegExp]> = [
      [{ exportedAt: 'yesterday' }, /exportedAt/],
      [{ exportedAt: '1975-01-01T00:00:00Z' }, /1980/],
      [{ caseRef: '' }, /caseRef/],
      [{ scope: { ring: 'R-9999' } }, /R-9999/],
      [{ scope: { ring: input.scope.ring!, entityIds: ['x'] } }, /either/],
      [{ links: [...input.links, { ...input.links[0]!, id: 'x|APPLIED_VIA|y', from: 'x', to: 'y' }] }, /not in the package/],
    ];
    for (const [patch, msg] of bad) {
      const err = await buildCourtPackage({ ...input, ...patch }).catch((e: unknown) => e);
      expect(isRinglinkError(err, 'INVALID_ARGUMENT'), String(err)).toBe(true);
      expect((err as Error).message).toMatch(msg);
    }
  });

  it('exports a chosen set of entities as well as a ring', async () => {
    const ids = input.ring!.members.slice(0, 5);
    const chosen = packageInputFromResult(c.result, c.graph, { caseRef: 'X-1', exportedAt: EXPORTED_AT, software: input.software, entityIds: ids, redact: false });
    expect(chosen.links.every((l) => ids.includes(l.from) || ids.includes(l.to))).toBe(true);
    const p = await buildCourtPackage(chosen, { pdf: false });
    const m = JSON.parse((await unzip(p.bytes)).find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    expect(m.scope).toEqual({ type: 'entities', entityIds: [...ids].sort() });
    expect(m.files.map((f) => f.name)).not.toContain('report.pdf');
    expect(m.notes).toContain('report.pdf was not requested.');
    expect((await verifyCourtPackage(p.bytes)).ok).toBe(true);
  });
});

describe('rebuilding the container', () => {
  it('canonicalZip of the entries reproduces the package byte for byte', async () => {
    const entries = await unzip(pkg.bytes);
    const rebuilt = await canonicalZip(entries.map((e) => ({ name: e.name, data: e.data })), new Date(EXPORTED_AT));
    expect(Buffer.compare(rebuilt, pkg.bytes)).toBe(0);
  });
});
